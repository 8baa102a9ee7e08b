using Microsoft.EntityFrameworkCore;

namespace UsabilityLab.Data;

/// <summary>Finds a row by its full id or a unique prefix of it, as the CLI prints ids (the first 8 characters).</summary>
internal static class IdPrefix
{
    public static async Task<Guid?> ResolveAsync(IQueryable<Guid> ids, string idOrPrefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idOrPrefix);
        if (Guid.TryParse(idOrPrefix, out var exact))
        {
            return await ids.AnyAsync(id => id == exact, cancellationToken) ? exact : null;
        }

        var prefix = idOrPrefix.Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        var all = await ids.ToListAsync(cancellationToken);
        var matches = all.Where(id => id.ToString("N").StartsWith(prefix, StringComparison.Ordinal)).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }
}
