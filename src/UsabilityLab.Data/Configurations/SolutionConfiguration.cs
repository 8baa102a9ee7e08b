using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Data.Configurations;

internal sealed class SolutionConfiguration : IEntityTypeConfiguration<Solution>
{
    public void Configure(EntityTypeBuilder<Solution> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.BaseUrl).HasMaxLength(2000);
        builder.HasIndex(s => new { s.VendorId, s.Name }).IsUnique();
        builder.HasMany(s => s.Tasks).WithOne().HasForeignKey(t => t.SolutionId).OnDelete(DeleteBehavior.Cascade);
    }
}
