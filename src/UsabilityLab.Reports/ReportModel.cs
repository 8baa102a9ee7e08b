using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Reports;

/// <summary>A screenshot as used by the report: a CSS class that carries the image once, and its size.</summary>
public sealed record ReportImage(string CssClass, string DataUri, int Width, int Height);

/// <summary>Occurrences of one problem (one criterion and rule) in an audit, for one card in the report.</summary>
public sealed record FindingGroup(Criterion Criterion, string RuleId, Severity Severity, string Title, string? HelpUrl, IReadOnlyList<Finding> Findings);

/// <summary>Everything the report shows, prepared so the Razor components only lay it out.</summary>
public sealed record ReportModel(
    Audit Audit,
    Checklist Checklist,
    IReadOnlyList<AreaScore> Areas,
    IReadOnlyList<FindingGroup> Groups,
    IReadOnlyDictionary<int, ReportImage> Images,
    DateTimeOffset GeneratedAt)
{
    public string StepName(int? index) =>
        index is { } i && i >= 0 && i < Audit.Steps.Count ? $"Trin {i + 1}: {Audit.Steps[i].Name}" : "Hele opgaven";

    public ReportImage? ImageFor(Evidence? evidence) =>
        evidence is not null && Images.TryGetValue(evidence.Id, out var image) ? image : null;

    public int CountBySeverity(Severity severity) => Audit.Findings.Count(f => f.Severity == severity);
}
