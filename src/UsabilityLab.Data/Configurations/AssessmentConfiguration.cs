using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UsabilityLab.Core.Assessments;

namespace UsabilityLab.Data.Configurations;

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> builder)
    {
        builder.Property(a => a.CriterionId).HasMaxLength(50);
        builder.Property(a => a.Verdict).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Severity).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Comment).HasMaxLength(4000);
        builder.Property(a => a.Reviewer).HasMaxLength(200);

        // Every assessment is kept; the newest per criterion counts, so a changed judgement has a history.
        builder.HasIndex(a => new { a.AuditId, a.CriterionId, a.AssessedAt });
    }
}
