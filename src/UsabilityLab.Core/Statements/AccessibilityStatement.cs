using UsabilityLab.Core.Assessments;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Core.Statements;

/// <summary>Compliance status as the state's WAS tool words it.</summary>
public enum ComplianceStatus
{
    /// <summary>"Overholder fuldt ud": no known barrier, every WCAG criterion judged.</summary>
    Full,

    /// <summary>"Overholder delvist": known barriers, but the task can be completed.</summary>
    Partial,

    /// <summary>"Overholder ikke": the task cannot be completed, or a critical barrier blocks it.</summary>
    None,
}

/// <summary>One known barrier: what it is, the WCAG success criteria it breaks, and where it is.</summary>
public sealed record StatementBarrier(string CriterionId, string Title, Severity Severity, IReadOnlyList<string> Wcag, IReadOnlyList<string> Steps, bool FromReviewer);

/// <summary>
/// A draft accessibility statement (tilgængelighedserklæring) for a solution from one completed
/// audit, in the parts the WAS tool asks for: status, non-accessible content with WCAG references,
/// and how the statement was made. The authority completes and publishes it in the WAS tool.
/// </summary>
public sealed record AccessibilityStatement(
    ComplianceStatus Status,
    IReadOnlyList<StatementBarrier> Barriers,
    int AwaitingAssessment,
    bool TaskCompleted,
    DateTimeOffset AuditedAt,
    string AxeVersion,
    string ChecklistTitle)
{
    /// <summary>Barriers are findings and reviewer-failed criteria that reference a WCAG success criterion.</summary>
    public static AccessibilityStatement From(Audit audit, Checklist checklist)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(checklist);
        var scores = AuditScore.Compute(checklist, audit).SelectMany(a => a.Criteria).ToList();
        var stepNames = audit.Steps.ToDictionary(s => s.Index, s => s.Name);

        var barriers = new List<StatementBarrier>();
        // Only failures of level A and AA success criteria (what the law requires) are barriers.
        foreach (var group in audit.Findings.Where(f => f.Wcag.Any(WcagTags.IsLevelAOrAa)).GroupBy(f => (f.CriterionId, f.RuleId)))
        {
            var findings = group.ToList();
            barriers.Add(new StatementBarrier(
                group.Key.CriterionId,
                findings[0].Title,
                findings.Min(f => f.Severity),
                findings.SelectMany(f => f.Wcag).Where(WcagTags.IsLevelAOrAa).Distinct().Order(WcagOrder.Instance).ToList(),
                findings.Select(f => f.StepIndex is { } i ? stepNames.GetValueOrDefault(i, $"trin {i + 1}") : "hele opgaven").Distinct().ToList(),
                FromReviewer: false));
        }

        foreach (var judged in scores.Where(c => c.FailedByReviewer && !c.FoundByMachine && c.Criterion.Wcag.Any(WcagTags.IsLevelAOrAa)))
        {
            barriers.Add(new StatementBarrier(
                judged.Criterion.Id,
                judged.Criterion.Title + (string.IsNullOrEmpty(judged.Assessment!.Comment) ? string.Empty : $": {judged.Assessment.Comment}"),
                judged.Assessment.Severity ?? judged.Criterion.Severity,
                judged.Criterion.Wcag.Where(WcagTags.IsLevelAOrAa).Order(WcagOrder.Instance).ToList(),
                ["hele opgaven"],
                FromReviewer: true));
        }

        barriers = barriers.OrderBy(b => b.Severity).ThenBy(b => b.Wcag.Count > 0 ? b.Wcag[0] : null, WcagOrder.Instance).ToList();
        var awaiting = scores.Count(c => c.Status == CriterionStatus.ToAssess && c.Criterion.Wcag.Any(WcagTags.IsLevelAOrAa));
        var status = !audit.TaskCompleted || barriers.Any(b => b.Severity == Severity.Critical)
            ? ComplianceStatus.None
            : barriers.Count > 0 || awaiting > 0 ? ComplianceStatus.Partial : ComplianceStatus.Full;
        return new AccessibilityStatement(status, barriers, awaiting, audit.TaskCompleted, audit.StartedAt, audit.AxeVersion, checklist.Title);
    }

    /// <summary>The WAS tool's wording of the status.</summary>
    public string StatusDanish => Status switch
    {
        ComplianceStatus.Full => "overholder fuldt ud",
        ComplianceStatus.Partial => "overholder delvist",
        _ => "overholder ikke",
    };

    /// <summary>
    /// Why the status is what it is, as the sentence after it: the barriers below, a task that could
    /// not be completed, or criteria still awaiting a reviewer when no barrier is known. Never "because
    /// of the points below" above "no known barriers".
    /// </summary>
    public string StatusReason
    {
        get
        {
            var awaiting = AwaitingAssessment == 1 ? "1 WCAG-kriterium afventer" : $"{AwaitingAssessment} WCAG-kriterier afventer";
            return (Status, Barriers.Count > 0, TaskCompleted) switch
            {
                (ComplianceStatus.Full, _, _) => "Gennemgangen fandt ingen kendte barrierer, og alle kriterier er vurderet.",
                (_, true, _) => "Det skyldes de barrierer, der er nævnt nedenfor.",
                (_, false, false) => "Det skyldes, at opgaven ikke kunne gennemføres i gennemgangen.",
                _ => $"Gennemgangen fandt ingen kendte barrierer, men {awaiting} stadig en anmelders vurdering.",
            };
        }
    }
}
