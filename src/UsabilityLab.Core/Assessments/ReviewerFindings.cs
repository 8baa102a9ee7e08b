using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Core.Assessments;

/// <summary>
/// A reviewer's "not passed" on a criterion as a finding, so it goes into the dialogue with the
/// vendor and into the exports like a machine's finding. The audit keeps the judgement itself (its
/// report and score show the assessment); these findings are derived from it and never stored
/// among the audit's own findings, so nothing is counted twice.
/// </summary>
public static class ReviewerFindings
{
    /// <summary>The rule id of every reviewer finding; the criterion tells them apart.</summary>
    public const string Rule = "vurdering";

    /// <summary>The same in every audit of a task: the same criterion judged not passed again is the same problem.</summary>
    public static string Fingerprint(string criterionId) => FindingFactory.Fingerprint(FindingSource.Reviewer, FingerprintRule(criterionId), FindingPlace.Task);

    private static string FingerprintRule(string criterionId) => $"{Rule}:{criterionId}";

    /// <summary>The newest judgement per criterion of <paramref name="audit"/>'s checklist.</summary>
    public static IReadOnlyList<(Criterion Criterion, Assessment Assessment)> Newest(Audit audit, Checklist checklist)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(checklist);
        var criteria = checklist.Criteria.ToDictionary(c => c.Id, StringComparer.Ordinal);
        return audit.Assessments
            .GroupBy(a => a.CriterionId, StringComparer.Ordinal)
            .Where(g => criteria.ContainsKey(g.Key))
            .Select(g => (criteria[g.Key], g.OrderBy(a => a.AssessedAt).ThenBy(a => a.Id).Last()))
            .ToList();
    }

    /// <summary>One finding per criterion whose newest judgement is "not passed".</summary>
    public static IReadOnlyList<Finding> For(Audit audit, Checklist checklist) =>
        Newest(audit, checklist)
            .Where(n => n.Assessment.Verdict == AssessmentVerdict.Failed)
            .Select(n => From(audit.Id, n.Criterion, n.Assessment))
            .ToList();

    public static Finding From(Guid auditId, Criterion criterion, Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        ArgumentNullException.ThrowIfNull(assessment);
        var finding = FindingFactory.Create(
            FindingSource.Reviewer,
            Rule,
            criterion,
            assessment.Severity ?? criterion.Severity,
            new FindingText(
                criterion.Title,
                assessment.Comment.Length > 0 ? $"Vurderet ikke bestået af {assessment.Reviewer}: {assessment.Comment}" : $"Vurderet ikke bestået af {assessment.Reviewer}.",
                "vurderet af en person"),
            FindingPlace.Task,
            criterion.Wcag,
            FingerprintRule(criterion.Id));
        finding.AuditId = auditId;
        return finding;
    }
}
