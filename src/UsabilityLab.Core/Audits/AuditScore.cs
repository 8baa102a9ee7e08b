using UsabilityLab.Core.Assessments;
using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Core.Audits;

/// <summary>How a criterion stands after an audit.</summary>
public enum CriterionStatus
{
    /// <summary>Evaluated by a machine and nothing was found.</summary>
    Passed,

    /// <summary>At least one finding.</summary>
    Failed,

    /// <summary>Needs a reviewer; never counted as passed.</summary>
    ToAssess,

    /// <summary>A reviewer judged it not applicable to this solution; left out of the score.</summary>
    NotApplicable,

    /// <summary>Machine-checked, but the audit reached no page to check ("ikke vurderet"); never counted as passed.</summary>
    NotEvaluated,
}

/// <param name="Assessment">The reviewer's assessment, when there is one.</param>
public sealed record CriterionResult(Criterion Criterion, CriterionStatus Status, IReadOnlyList<Finding> Findings, Assessment? Assessment = null)
{
    /// <summary>True when a machine found something under this criterion.</summary>
    public bool FoundByMachine => Findings.Count > 0;

    /// <summary>True when a reviewer judged the criterion failed.</summary>
    public bool FailedByReviewer => Assessment?.Verdict == AssessmentVerdict.Failed;
}

/// <summary>The score of one checklist area: passed out of evaluated criteria, and how many await a reviewer.</summary>
public sealed record AreaScore(ChecklistArea Area, IReadOnlyList<CriterionResult> Criteria)
{
    public int Passed => Criteria.Count(c => c.Status == CriterionStatus.Passed);

    public int Failed => Criteria.Count(c => c.Status == CriterionStatus.Failed);

    public int ToAssess => Criteria.Count(c => c.Status == CriterionStatus.ToAssess);

    public int NotApplicable => Criteria.Count(c => c.Status == CriterionStatus.NotApplicable);

    public int NotEvaluated => Criteria.Count(c => c.Status == CriterionStatus.NotEvaluated);

    /// <summary>Share of evaluated criteria that passed, 0-100, or null when none could be evaluated yet.</summary>
    public int? Percent => Passed + Failed == 0 ? null : (int)Math.Round(100.0 * Passed / (Passed + Failed));
}

/// <summary>Scores an audit against the checklist it used.</summary>
public static class AuditScore
{
    /// <summary>
    /// A criterion fails when a machine found something under it or a reviewer failed it; a
    /// reviewer's "passed" cannot outweigh a machine finding. It passes when a reviewer passed it,
    /// or when it is machine-checked only and nothing was found. Otherwise it awaits assessment.
    /// </summary>
    public static IReadOnlyList<AreaScore> Compute(Checklist checklist, Audit audit)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        ArgumentNullException.ThrowIfNull(audit);

        // A scan's page is judged on what one page can show: a task's criteria (progress, receipt) are not its to pass.
        var judged = audit.ScanId is null ? checklist : checklist.ForOnePage();
        return Compute(judged, audit.Findings, audit.Assessments, ReachedAPage(audit));
    }

    /// <summary>True when at least one step's page was checked: a screenshot was taken or axe-core ran on it.</summary>
    public static bool ReachedAPage(Audit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return audit.Steps.Any(s => s.ScreenshotId is not null || s.Screenshot is not null || s.AxeMs > 0);
    }

    /// <param name="pagesChecked">False when the audit reached no page: a machine that saw nothing has not passed anything.</param>
    public static IReadOnlyList<AreaScore> Compute(Checklist checklist, IReadOnlyCollection<Finding> findings, IReadOnlyCollection<Assessment>? assessments = null, bool pagesChecked = true)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        var byCriterion = findings.ToLookup(f => f.CriterionId, StringComparer.Ordinal);
        var assessed = (assessments ?? [])
            .GroupBy(a => a.CriterionId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.AssessedAt).First(), StringComparer.Ordinal);
        var results = checklist.Criteria.Select(criterion =>
        {
            var own = byCriterion[criterion.Id]
                .OrderBy(f => f.Severity)
                .ThenBy(f => f.StepIndex ?? -1)
                .ToList();
            var assessment = assessed.GetValueOrDefault(criterion.Id);
            var status = (own.Count > 0, assessment?.Verdict) switch
            {
                (true, _) or (_, AssessmentVerdict.Failed) => CriterionStatus.Failed,
                (_, AssessmentVerdict.NotApplicable) => CriterionStatus.NotApplicable,
                (_, AssessmentVerdict.Passed) => CriterionStatus.Passed,
                _ when criterion.Evaluation.Manual || !criterion.Evaluation.IsAutomated => CriterionStatus.ToAssess,
                _ when !pagesChecked => CriterionStatus.NotEvaluated,
                _ => CriterionStatus.Passed,
            };
            return new CriterionResult(criterion, status, own, assessment);
        }).ToList();

        return checklist.Areas
            .Select(area => new AreaScore(area, results.Where(r => r.Criterion.Area == area.Id).ToList()))
            .Where(score => score.Criteria.Count > 0)
            .ToList();
    }
}
