using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UsabilityLab.Data.Configurations;

/// <summary>A short list of references always read with its row (WCAG success criteria): one comma-separated column.</summary>
internal static class CommaSeparatedList
{
    public static void HasCommaSeparatedConversion(this PropertyBuilder<List<string>> property) =>
        property
            .HasConversion(
                list => string.Join(',', list),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList())
            .Metadata.SetValueComparer(new ValueComparer<List<string>>(
                (a, b) => a!.SequenceEqual(b!),
                list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode(StringComparison.Ordinal))),
                list => list.ToList()));
}
