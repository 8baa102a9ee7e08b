using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core;
using UsabilityLab.Core.Assessments;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
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

            var opened = Open(audit, finding, finding.StepIndex is { } index ? stepNames.GetValueOrDefault(index) : null, at, By, $"Fundet i gennemgangen {Short(audit.Id)}.");
            db.TrackedFindings.Add(opened);
        }

        // Only steps the audit got to can say that a problem on them is gone; only a person can say
        // that a reviewer's "not passed" is gone.
        var reached = audit.Steps.Where(s => s.Outcome != StepOutcome.NotRun).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in tracked.Values.Where(t => !found.ContainsKey(t.Fingerprint) && t.RuleId != ReviewerFindings.Rule))
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
    /// Brings a tracked audit's reviewer judgements into the dialogue, in the caller's unit of work:
    /// a criterion judged not passed is a finding (opened, or seen again and reopened after a fix),
    /// one judged passed or not relevant is verified, or withdrawn when the same audit's judgement
    /// was changed. Audits not tracked yet are left to <see cref="TrackAsync"/>.
    /// </summary>
    public async Task TrackAssessmentsAsync(Guid auditId, CancellationToken cancellationToken = default)
    {
        var audit = await db.Audits
            .Include(a => a.Assessments)
            .Include(a => a.ChecklistVersion)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == auditId, cancellationToken);
        if (audit is null || !audit.FindingsTracked)
        {
            return;
        }

        Checklist checklist;
        try
        {
            checklist = audit.ChecklistVersion.Parse();
        }
        catch (InputException)
        {
            // The audit ran with this checklist, so it parsed then; a stored text that no longer does names no criteria.
            return;
        }

        var tracked = await db.TrackedFindings
            .Where(t => t.SolutionId == audit.SolutionId && t.TaskId == audit.TaskId && t.RuleId == ReviewerFindings.Rule)
            .ToDictionaryAsync(t => t.Fingerprint, StringComparer.Ordinal, cancellationToken);
        foreach (var (criterion, assessment) in ReviewerFindings.Newest(audit, checklist))
        {
            var fingerprint = ReviewerFindings.Fingerprint(criterion.Id);
            var known = tracked.GetValueOrDefault(fingerprint);
            var at = assessment.AssessedAt;
            var where = $"i gennemgangen {Short(audit.Id)}";
            if (assessment.Verdict == AssessmentVerdict.Failed)
            {
                var finding = ReviewerFindings.From(audit.Id, criterion, assessment);
                if (known is null)
                {
                    db.TrackedFindings.Add(Open(audit, finding, null, at, assessment.Reviewer, $"Vurderet ikke bestået {where}."));
                    continue;
                }

                known.Severity = finding.Severity;
                var next = known.LastSeenAuditId == audit.Id
                    ? known.State == FindingState.Withdrawn ? FindingState.Reopened : (FindingState?)null
                    : FindingLifecycle.AfterReaudit(known.State, foundAgain: true);
                known.LastSeenAuditId = audit.Id;
                Move(known, next, audit.Id, at, $"Vurderet ikke bestået igen {where}.", assessment.Reviewer);
            }
            else if (known is not null && known.State.IsOutstanding())
            {
                // The same audit's judgement changed: the finding was not one. A later audit's pass: it is gone.
                var sameAudit = known.LastSeenAuditId == audit.Id;
                Move(known, sameAudit ? FindingState.Withdrawn : FindingState.Verified, audit.Id, at,
                    sameAudit ? $"Vurderingen {where} er ændret til {assessment.Verdict.Danish()}." : $"Vurderet {assessment.Verdict.Danish()} {where}.",
                    assessment.Reviewer);
            }
        }
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

    /// <summary>A new tracked finding for a problem the audit found first, with its first change.</summary>
    private static TrackedFinding Open(Audit audit, Finding finding, string? stepName, DateTimeOffset at, string by, string note)
    {
        var opened = new TrackedFinding
        {
            SolutionId = audit.SolutionId,
            TaskId = audit.TaskId,
            Fingerprint = finding.Fingerprint,
            CriterionId = finding.CriterionId,
            RuleId = finding.RuleId,
            Title = finding.Title,
            Severity = finding.Severity,
            StepName = stepName,
            State = FindingState.Open,
            FirstAuditId = audit.Id,
            LastSeenAuditId = audit.Id,
            FirstSeenAt = at,
            UpdatedAt = at,
        };
        opened.Changes.Add(new FindingChange { From = FindingState.Open, To = FindingState.Open, By = by, At = at, AuditId = audit.Id, Note = note });
        return opened;
    }

    private static void Move(TrackedFinding finding, FindingState? next, Guid auditId, DateTimeOffset at, string note, string by = By)
    {
        if (next is not { } to || to == finding.State)
        {
            return;
        }

        finding.Changes.Add(new FindingChange { From = finding.State, To = to, By = by, At = at, AuditId = auditId, Note = note });
        finding.State = to;
        finding.UpdatedAt = at;
    }

    private static string Short(Guid id) => id.ToString("N")[..8];
}
