using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Data.Configurations;

internal sealed class AdvisoryConfiguration : IEntityTypeConfiguration<Advisory>
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<Advisory> builder)
    {
        builder.Property(a => a.RuleId).HasMaxLength(100);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Wcag).HasCommaSeparatedConversion();

        // The elements are only ever read whole, with the advisory: one JSON column.
        builder.Property(a => a.Elements)
            .HasConversion(
                list => JsonSerializer.Serialize(list, _json),
                text => JsonSerializer.Deserialize<List<AdvisoryElement>>(text, _json) ?? new List<AdvisoryElement>())
            .Metadata.SetValueComparer(new ValueComparer<List<AdvisoryElement>>(
                (a, b) => a!.SequenceEqual(b!),
                list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode())),
                list => list.ToList()));
        builder.HasIndex(a => a.AuditId);
    }
}
