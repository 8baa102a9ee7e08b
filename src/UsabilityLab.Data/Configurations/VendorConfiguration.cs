using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Data.Configurations;

internal sealed class VendorConfiguration : IEntityTypeConfiguration<Vendor>
{
    public void Configure(EntityTypeBuilder<Vendor> builder)
    {
        builder.Property(v => v.Name).HasMaxLength(200);
        builder.HasIndex(v => v.Name).IsUnique();
        builder.HasMany(v => v.Solutions).WithOne(s => s.Vendor).HasForeignKey(s => s.VendorId).OnDelete(DeleteBehavior.Restrict);
    }
}
