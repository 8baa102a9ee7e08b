using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Data.Scans;

/// <summary>
/// What a scan changed against the previous completed scan of the same site (same name): pages that
/// could be opened then and cannot now, and critical problems the previous scan did not have (by
/// fingerprint; a template problem counts once, however many pages it is on).
/// </summary>
/// <param name="Previous">The scan compared with; null for a site's first scan (nothing is flagged).</param>
/// <param name="PagesLost">Addresses opened by the previous scan that this one could not open.</param>
/// <param name="NewCritical">The new critical problems: rule and the first page it is on.</param>
public sealed record ScanChange(Guid ScanId, Guid? Previous, IReadOnlyList<string> PagesLost, IReadOnlyList<(string RuleId, string Where)> NewCritical)
{
    /// <summary>True when something needs the reviewer's attention.</summary>
    public bool Flagged => PagesLost.Count > 0 || NewCritical.Count > 0;

    /// <summary>The change in one Danish sentence, or null when nothing is flagged.</summary>
    public string? Summary => (PagesLost.Count, NewCritical.Count) switch
    {
        (0, 0) => null,
        (var lost, 0) => $"{Lost(lost)}.",
        (0, var n) => $"{Critical(n)}.",
        (var lost, var n) => $"{Lost(lost)}, og {Critical(n).ToLowerInvariant()}.",
    };

    private static string Lost(int count) => count == 1 ? "1 side kan ikke længere åbnes" : $"{count} sider kan ikke længere åbnes";

    private static string Critical(int count) => count == 1 ? "1 nyt kritisk problem" : $"{count} nye kritiske problemer";

    /// <summary>Compares a completed scan with the previous completed scan of the same name; null when the scan is not there or not completed.</summary>
    public static async Task<ScanChange?> OfAsync(LabDbContext db, Guid scanId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var latest = await db.Scans.AsNoTracking()
            .Where(s => s.Id == scanId && s.Status == AuditStatus.Completed)
            .Select(s => new { s.Id, s.Name, s.StartedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return null;
        }

        var earlier = await db.Scans.AsNoTracking()
            .Where(s => s.Name == latest.Name && s.Status == AuditStatus.Completed && s.Id != latest.Id)
            .Select(s => new { s.Id, s.StartedAt })
            .ToListAsync(cancellationToken);
        var previous = earlier.Where(s => s.StartedAt < latest.StartedAt).OrderByDescending(s => s.StartedAt).FirstOrDefault();
        if (previous is null)
        {
            return new ScanChange(latest.Id, null, [], []);
        }

        Guid?[] scans = [latest.Id, previous.Id];
        var pages = await db.Audits.AsNoTracking()
            .Where(a => scans.Contains(a.ScanId))
            .Select(a => new { a.Id, a.ScanId, a.TaskCompleted, a.StartedAt, Url = a.Steps.OrderBy(s => s.Index).Select(s => s.Url).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var pageIds = pages.Select(p => p.Id).ToList();
        var critical = await db.Findings.AsNoTracking()
            .Where(f => pageIds.Contains(f.AuditId) && f.Severity == Severity.Critical)
            .Select(f => new { f.AuditId, f.RuleId, f.Fingerprint, f.Source })
            .ToListAsync(cancellationToken);
        var scanOf = pages.ToDictionary(p => p.Id, p => p.ScanId);
        var urlOf = pages.ToDictionary(p => p.Id, p => p.Url ?? string.Empty);
        var startedOf = pages.ToDictionary(p => p.Id, p => p.StartedAt);
        var known = critical.Where(f => scanOf[f.AuditId] == previous.Id).Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var openedBefore = pages.Where(p => p.ScanId == previous.Id && p.TaskCompleted && p.Url is not null).Select(p => p.Url!).ToHashSet(StringComparer.Ordinal);
        var lost = pages.Where(p => p.ScanId == latest.Id && !p.TaskCompleted && p.Url is not null && openedBefore.Contains(p.Url)).OrderBy(p => p.StartedAt).Select(p => p.Url!).Distinct(StringComparer.Ordinal).ToList();

        // A problem on many pages is named by its first page in the scan's order, whatever order the rows came in.
        var added = critical
            .Where(f => scanOf[f.AuditId] == latest.Id && !known.Contains(f.Fingerprint))

            // The finding that says a lost page could not be opened is the loss itself, not news besides it.
            .Where(f => !(f.Source == FindingSource.TaskVerdict && lost.Contains(urlOf[f.AuditId])))
            .OrderBy(f => startedOf[f.AuditId])
            .GroupBy(f => f.Fingerprint, StringComparer.Ordinal)
            .Select(g => (g.First().RuleId, urlOf[g.First().AuditId]))
            .ToList();
        return new ScanChange(latest.Id, previous.Id, lost, added);
    }
}
