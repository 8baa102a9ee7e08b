using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Data.Configurations;

internal sealed class StepResultConfiguration : IEntityTypeConfiguration<StepResult>
{
    public void Configure(EntityTypeBuilder<StepResult> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Events).HasAuditEventsConversion();
        builder.HasIndex(s => new { s.AuditId, s.Index }).IsUnique();
        builder.HasOne(s => s.Screenshot).WithMany().HasForeignKey(s => s.ScreenshotId).OnDelete(DeleteBehavior.Restrict);
    }
}
