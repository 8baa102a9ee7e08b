using UsabilityLab.Core.Scans;

namespace UsabilityLab.Reports;

/// <summary>What a scan's summary report shows.</summary>
/// <param name="Checks">The checks run on each page besides axe-core (<see cref="Core.Checklists.CheckNames.OnOnePage"/> the checklist uses).</param>
public sealed record ScanReportModel(
    Scan Scan,
    ScanSummary Summary,
    string ChecklistTitle,
    IReadOnlyList<string> Checks,
    DateTimeOffset GeneratedAt)
{
    /// <summary>How many problems per table the report lists; the counts always say how many there are.</summary>
    public const int ListLimit = 50;

    /// <summary>Results axe-core or a check could not decide, for a reviewer: never findings.</summary>
    public int ToReview => Summary.Pages.Sum(p => p.Audit.Advisories.Count(a => a.Kind == Core.Audits.AdvisoryKind.NeedsReview));
}
