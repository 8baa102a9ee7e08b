using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Data;

/// <summary>
/// What a monitoring run changed against the previous completed audit of the same task on the same
/// solution: the task stopped completing, or critical findings appeared that the previous audit did
/// not have (by fingerprint). Findings that come back after a fix are reopened by the finding
/// tracker, as after any audit.
/// </summary>
/// <param name="Previous">The audit compared with; null for a task's first audit (nothing is flagged).</param>
/// <param name="NewCritical">The new critical findings: rule and where.</param>
public sealed record MonitoringChange(Guid AuditId, Guid? Previous, bool StoppedCompleting, IReadOnlyList<(string RuleId, string Where)> NewCritical)
{
    /// <summary>True when something needs the reviewer's attention.</summary>
    public bool Flagged => StoppedCompleting || NewCritical.Count > 0;

    /// <summary>The change in one Danish sentence, or null when nothing is flagged.</summary>
    public string? Summary => (StoppedCompleting, NewCritical.Count) switch
    {
        (false, 0) => null,
        (true, 0) => "Opgaven kan ikke længere gennemføres.",
        (false, var n) => $"{Critical(n)}.",
        (true, var n) => $"Opgaven kan ikke længere gennemføres, og {Critical(n).ToLowerInvariant()}.",
    };

    private static string Critical(int count) => count == 1 ? "1 nyt kritisk fund" : $"{count} nye kritiske fund";

    /// <summary>Compares a completed audit with the previous completed audit of its task; null when the audit is not there or not completed.</summary>
    public static async Task<MonitoringChange?> OfAsync(LabDbContext db, Guid auditId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var latest = await db.Audits.AsNoTracking()
            .Where(a => a.Id == auditId && a.Status == AuditStatus.Completed)
            .Select(a => new Line(a.Id, a.SolutionId, a.TaskId, a.StartedAt, a.TaskCompleted))
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return null;
        }

        var previous = await db.Audits.AsNoTracking()
            .Where(a => a.SolutionId == latest.SolutionId && a.TaskId == latest.TaskId && a.Status == AuditStatus.Completed && a.Id != latest.Id)
            .OrderByDescending(a => a.StartedAt)
            .Select(a => new Line(a.Id, a.SolutionId, a.TaskId, a.StartedAt, a.TaskCompleted))
            .ToListAsync(cancellationToken);
        var before = previous.FirstOrDefault(a => a.StartedAt < latest.StartedAt);
        return (await CompareAsync(db, [(latest, before)], cancellationToken))[0];
    }

    /// <summary>
    /// The change of each solution's newest completed audit per task against the one before it, for
    /// the dashboard: two queries for all solutions, whatever their number.
    /// </summary>
    public static async Task<IReadOnlyList<(int SolutionId, MonitoringChange Change)>> LatestAsync(IQueryable<Audit> audits, LabDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audits);
        var completed = await audits.AsNoTracking()
            .Where(a => a.Status == AuditStatus.Completed)
            .Select(a => new Line(a.Id, a.SolutionId, a.TaskId, a.StartedAt, a.TaskCompleted))
            .ToListAsync(cancellationToken);
        var pairs = completed
            .GroupBy(a => (a.SolutionId, a.TaskId))
            .Select(g => g.OrderByDescending(a => a.StartedAt).Take(2).ToList())
            .Where(list => list.Count == 2)
            .Select(list => (list[0], (Line?)list[1]))
            .ToList();
        var changes = await CompareAsync(db, pairs, cancellationToken);
        return [.. pairs.Select((pair, i) => (pair.Item1.SolutionId, changes[i]))];
    }

    private static async Task<List<MonitoringChange>> CompareAsync(LabDbContext db, List<(Line Latest, Line? Previous)> pairs, CancellationToken cancellationToken)
    {
        var ids = pairs.SelectMany(p => p.Previous is { } previous ? new[] { p.Latest.Id, previous.Id } : [p.Latest.Id]).ToList();
        var critical = ids.Count == 0
            ? []
            : await db.Findings.AsNoTracking()
                .Where(f => ids.Contains(f.AuditId) && f.Severity == Severity.Critical)
                .Select(f => new { f.AuditId, f.RuleId, f.Fingerprint, f.Selector, f.StepIndex, f.Source })
                .ToListAsync(cancellationToken);
        var byAudit = critical.ToLookup(f => f.AuditId);
        return [.. pairs.Select(pair =>
        {
            if (pair.Previous is not { } previous)
            {
                return new MonitoringChange(pair.Latest.Id, null, false, []);
            }

            var known = byAudit[previous.Id].Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
            var stopped = previous.TaskCompleted && !pair.Latest.TaskCompleted;

            // The finding that says the task cannot be completed is the stop itself, not news besides it.
            var added = byAudit[pair.Latest.Id].Where(f => !known.Contains(f.Fingerprint) && !(stopped && f.Source == FindingSource.TaskVerdict))
                .Select(f => (f.RuleId, (f.StepIndex is { } step ? $"trin {step + 1}" : "hele opgaven") + (string.IsNullOrEmpty(f.Selector) ? string.Empty : ": " + f.Selector)))
                .ToList();
            return new MonitoringChange(pair.Latest.Id, previous.Id, stopped, added);
        })];
    }

    private sealed record Line(Guid Id, int SolutionId, string TaskId, DateTimeOffset StartedAt, bool TaskCompleted);
}
