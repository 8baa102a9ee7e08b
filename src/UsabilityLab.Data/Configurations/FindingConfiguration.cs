using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Data.Configurations;

internal sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> builder)
    {
        builder.Property(f => f.CriterionId).HasMaxLength(50);
        builder.Property(f => f.RuleId).HasMaxLength(100);
        builder.Property(f => f.Fingerprint).HasMaxLength(40);
        builder.Property(f => f.Measurement).HasMaxLength(500);
        builder.Property(f => f.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Severity).HasConversion<string>().HasMaxLength(20);

        builder.Property(f => f.Wcag).HasCommaSeparatedConversion();

        // The marked element's box is only ever read whole, to draw it on the screenshot.
        builder.Property(f => f.Box)
            .HasConversion(
                box => ElementBoxText.Format(box!.Value),
                text => ElementBoxText.Parse(text))
            .HasMaxLength(100);

        builder.HasOne(f => f.Evidence).WithMany().HasForeignKey(f => f.EvidenceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => new { f.AuditId, f.CriterionId });
        builder.HasIndex(f => f.Fingerprint);
    }
}
