using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Dialogue;

namespace UsabilityLab.Data;

/// <summary>
/// Matches a completed audit's findings to its solution's tracked findings: a new fingerprint opens
/// one, a fingerprint found again after a fix reopens it, and a tracked finding the audit no longer
/// has (on a step the audit reached) is verified. Changes made here are signed <see cref="By"/>.
/// </summary>
public sealed class FindingTracker(LabDbContext db)
{
    /// <summary>The name on changes a re-audit makes.</summary>
    public const string By = "UsabilityLab";

    /// <summary>
    /// Tracks one completed audit's findings, in the caller's transaction; does nothing for an audit
    /// that is not completed or is tracked already.
    /// </summary>
    public async Task TrackAsync(Guid auditId, CancellationToken cancellationToken = default)
    {
        var audit = await db.Audits
            .Include(a => a.Findings)
            .Include(a => a.Steps)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == auditId, cancellationToken);
        if (audit is null || audit.Status != AuditStatus.Completed || audit.FindingsTracked)
        {
            return;
        }

        var at = audit.FinishedAt ?? audit.StartedAt;
        var tracked = await db.TrackedFindings
            .Where(t => t.SolutionId == audit.SolutionId && t.TaskId == audit.TaskId)
            .ToDictionaryAsync(t => t.Fingerprint, StringComparer.Ordinal, cancellationToken);
        var stepNames = audit.Steps.ToDictionary(s => s.Index, s => s.Name);
        var found = audit.Findings
            .GroupBy(f => f.Fingerprint, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(f => f.Severity).First(), StringComparer.Ordinal);

        foreach (var (fingerprint, finding) in found)
        {
            if (tracked.TryGetValue(fingerprint, out var known))
            {
                known.LastSeenAuditId = audit.Id;
                Move(known, FindingLifecycle.AfterReaudit(known.State, foundAgain: true), audit.Id, at, $"Fundet igen i gennemgangen {Short(audit.Id)}.");
                continue;
            }

            var opened = new TrackedFinding
            {
                SolutionId = audit.SolutionId,
                TaskId = audit.TaskId,
                Fingerprint = fingerprint,
                CriterionId = finding.CriterionId,
                RuleId = finding.RuleId,
                Title = finding.Title,
                Severity = finding.Severity,
                StepName = finding.StepIndex is { } index ? stepNames.GetValueOrDefault(index) : null,
                State = FindingState.Open,
                FirstAuditId = audit.Id,
                LastSeenAuditId = audit.Id,
                FirstSeenAt = at,
                UpdatedAt = at,
            };
            opened.Changes.Add(new FindingChange { From = FindingState.Open, To = FindingState.Open, By = By, At = at, AuditId = audit.Id, Note = $"Fundet i gennemgangen {Short(audit.Id)}." });
            db.TrackedFindings.Add(opened);
        }

        // Only steps the audit got to can say that a problem on them is gone.
        var reached = audit.Steps.Where(s => s.Outcome != StepOutcome.NotRun).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in tracked.Values.Where(t => !found.ContainsKey(t.Fingerprint)))
        {
            if (gone.StepName is null || reached.Contains(gone.StepName))
            {
                Move(gone, FindingLifecycle.AfterReaudit(gone.State, foundAgain: false), audit.Id, at, $"Ikke fundet i gennemgangen {Short(audit.Id)}.");
            }
        }

        audit.FindingsTracked = true;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Tracks completed audits that are not tracked yet, oldest first: audits stored before the
    /// workbench existed, or by a process that stopped between completing and tracking.
    /// </summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        var pending = await db.Audits
            .Where(a => a.Status == AuditStatus.Completed && !a.FindingsTracked)
            .OrderBy(a => a.StartedAt)
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
        foreach (var id in pending)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await TrackAsync(id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return pending.Count;
    }

    private static void Move(TrackedFinding finding, FindingState? next, Guid auditId, DateTimeOffset at, string note)
    {
        if (next is not { } to || to == finding.State)
        {
            return;
        }

        finding.Changes.Add(new FindingChange { From = finding.State, To = to, By = By, At = at, AuditId = auditId, Note = note });
        finding.State = to;
        finding.UpdatedAt = at;
    }

    private static string Short(Guid id) => id.ToString("N")[..8];
}
