using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UsabilityLab.Core.Scans;

namespace UsabilityLab.Data.Configurations;

internal sealed class ScanConfiguration : IEntityTypeConfiguration<Scan>
{
    public void Configure(EntityTypeBuilder<Scan> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Source).HasMaxLength(500);
        builder.Property(s => s.ChecklistId).HasMaxLength(100);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);

        // A scan's pages are its own audits: they go with it.
        builder.HasMany(s => s.Pages).WithOne().HasForeignKey(a => a.ScanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.StartedAt);
    }
}
