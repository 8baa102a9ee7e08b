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
}

public sealed record CriterionResult(Criterion Criterion, CriterionStatus Status, IReadOnlyList<Finding> Findings);

/// <summary>The score of one checklist area: passed out of evaluated criteria, and how many await a reviewer.</summary>
public sealed record AreaScore(ChecklistArea Area, IReadOnlyList<CriterionResult> Criteria)
{
    public int Passed => Criteria.Count(c => c.Status == CriterionStatus.Passed);

    public int Failed => Criteria.Count(c => c.Status == CriterionStatus.Failed);

    public int ToAssess => Criteria.Count(c => c.Status == CriterionStatus.ToAssess);

    /// <summary>Share of evaluated criteria that passed, 0-100, or null when none could be evaluated yet.</summary>
    public int? Percent => Passed + Failed == 0 ? null : (int)Math.Round(100.0 * Passed / (Passed + Failed));
}

/// <summary>Scores an audit against the checklist it used.</summary>
public static class AuditScore
{
    public static IReadOnlyList<AreaScore> Compute(Checklist checklist, IReadOnlyCollection<Finding> findings)
    {
        var byCriterion = findings.ToLookup(f => f.CriterionId, StringComparer.Ordinal);
        var results = checklist.Criteria.Select(criterion =>
        {
            var own = byCriterion[criterion.Id]
                .OrderBy(f => f.Severity)
                .ThenBy(f => f.StepIndex ?? -1)
                .ToList();
            var status = own.Count > 0
                ? CriterionStatus.Failed
                : criterion.Evaluation.Manual || !criterion.Evaluation.IsAutomated
                    ? CriterionStatus.ToAssess
                    : CriterionStatus.Passed;
            return new CriterionResult(criterion, status, own);
        }).ToList();

        return checklist.Areas
            .Select(area => new AreaScore(area, results.Where(r => r.Criterion.Area == area.Id).ToList()))
            .Where(score => score.Criteria.Count > 0)
            .ToList();
    }
}
