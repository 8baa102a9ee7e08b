using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Data.Configurations;

internal sealed class AuditConfiguration : IEntityTypeConfiguration<Audit>
{
    public void Configure(EntityTypeBuilder<Audit> builder)
    {
        builder.Property(a => a.TaskId).HasMaxLength(100);
        builder.Property(a => a.TaskTitle).HasMaxLength(300);
        builder.Property(a => a.BrowserVersion).HasMaxLength(50);
        builder.Property(a => a.AxeVersion).HasMaxLength(50);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.FailureReason).HasConversion<string>().HasMaxLength(30);
        builder.Property(a => a.Events).HasAuditEventsConversion();
        builder.HasOne(a => a.Solution).WithMany().HasForeignKey(a => a.SolutionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.ChecklistVersion).WithMany().HasForeignKey(a => a.ChecklistVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Steps).WithOne().HasForeignKey(s => s.AuditId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Findings).WithOne().HasForeignKey(f => f.AuditId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Advisories).WithOne().HasForeignKey(f => f.AuditId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Evidence).WithOne().HasForeignKey(e => e.AuditId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Assessments).WithOne().HasForeignKey(a => a.AuditId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.SolutionId, a.StartedAt });
        builder.HasIndex(a => new { a.Status, a.FindingsTracked });
    }
}
