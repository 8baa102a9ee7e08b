using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Dialogue;

namespace UsabilityLab.Data.Configurations;

internal sealed class TrackedFindingConfiguration : IEntityTypeConfiguration<TrackedFinding>
{
    public void Configure(EntityTypeBuilder<TrackedFinding> builder)
    {
        builder.Property(t => t.TaskId).HasMaxLength(100);
        builder.Property(t => t.Fingerprint).HasMaxLength(40);
        builder.Property(t => t.CriterionId).HasMaxLength(50);
        builder.Property(t => t.RuleId).HasMaxLength(100);
        builder.Property(t => t.StepName).HasMaxLength(300);
        builder.Property(t => t.PlannedFor).HasMaxLength(200);
        builder.Property(t => t.DisputeReason).HasMaxLength(4000);
        builder.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Severity).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(t => t.Solution).WithMany().HasForeignKey(t => t.SolutionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.Changes).WithOne().HasForeignKey(c => c.TrackedFindingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.Comments).WithOne().HasForeignKey(c => c.TrackedFindingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.SolutionId, t.TaskId, t.Fingerprint }).IsUnique();
        builder.HasIndex(t => new { t.SolutionId, t.State });
    }
}

internal sealed class FindingChangeConfiguration : IEntityTypeConfiguration<FindingChange>
{
    public void Configure(EntityTypeBuilder<FindingChange> builder)
    {
        builder.Property(c => c.From).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.To).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.By).HasMaxLength(200);
        builder.Property(c => c.Note).HasMaxLength(4000);
    }
}

internal sealed class FindingCommentConfiguration : IEntityTypeConfiguration<FindingComment>
{
    public void Configure(EntityTypeBuilder<FindingComment> builder)
    {
        builder.Property(c => c.By).HasMaxLength(200);
        builder.Property(c => c.Text).HasMaxLength(8000);
    }
}

internal sealed class SolutionTaskConfiguration : IEntityTypeConfiguration<SolutionTask>
{
    public void Configure(EntityTypeBuilder<SolutionTask> builder)
    {
        builder.Property(t => t.TaskId).HasMaxLength(100);
        builder.Property(t => t.Title).HasMaxLength(300);
        builder.Property(t => t.ChecklistId).HasMaxLength(100);
        builder.HasIndex(t => new { t.SolutionId, t.TaskId }).IsUnique();
    }
}

internal sealed class LabUserConfiguration : IEntityTypeConfiguration<LabUser>
{
    public void Configure(EntityTypeBuilder<LabUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.HasOne(u => u.Vendor).WithMany().HasForeignKey(u => u.VendorId).OnDelete(DeleteBehavior.Restrict);
    }
}
