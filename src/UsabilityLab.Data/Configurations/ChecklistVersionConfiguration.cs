using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Data.Configurations;

internal sealed class ChecklistVersionConfiguration : IEntityTypeConfiguration<ChecklistVersion>
{
    public void Configure(EntityTypeBuilder<ChecklistVersion> builder)
    {
        builder.Property(c => c.ChecklistId).HasMaxLength(100);
        builder.Property(c => c.Version).HasMaxLength(50);
        builder.Property(c => c.Title).HasMaxLength(300);
        builder.Property(c => c.ContentSha256).HasMaxLength(64).IsFixedLength();

        // The same checklist text is stored once, however many audits use it.
        builder.HasIndex(c => new { c.ChecklistId, c.ContentSha256 }).IsUnique();
    }
}
