using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Core.Scans;

/// <summary>
/// One problem of a scan: the same finding (same rule, same element, same markup) on one page or,
/// when it comes from a shared template (a header, a footer), on many.
/// </summary>
/// <param name="Example">The finding as the first page has it, for its words, guidance and picture.</param>
/// <param name="Pages">The pages it is on, in the scan's order.</param>
public sealed record ScanProblem(Finding Example, IReadOnlyList<ScanPage> Pages)
{
    /// <summary>True when the problem is on more than one page: one fix in the template fixes it everywhere.</summary>
    public bool IsTemplate => Pages.Count > 1;
}

/// <summary>One page of a scan: its audit, address and how it went.</summary>
public sealed record ScanPage(Audit Audit)
{
    public string Url => Audit.Steps.FirstOrDefault()?.Url ?? Audit.Solution.BaseUrl;

    public string? Title => Audit.Steps.FirstOrDefault()?.PageTitle;

    /// <summary>True when the page could be opened and checked.</summary>
    public bool Opened => Audit.TaskCompleted;
}

/// <summary>How many problems and pages a rule (or a WCAG success criterion) has in the scan.</summary>
public sealed record ScanCount(string Key, string Title, int Problems, int Pages, Severity Worst);

/// <summary>A page ranked by its problems, worst first.</summary>
/// <param name="OwnProblems">Problems only this page has (not the template's).</param>
public sealed record ScanPageScore(ScanPage Page, int Problems, int OwnProblems, int Critical, int Serious, int Weight);

/// <summary>
/// What a scan found, page by page and as a whole: its problems (template problems counted once),
/// counts per rule and per WCAG success criterion, and the worst pages.
/// </summary>
public sealed record ScanSummary(
    IReadOnlyList<ScanPage> Pages,
    IReadOnlyList<ScanProblem> Problems,
    IReadOnlyList<ScanCount> ByRule,
    IReadOnlyList<ScanCount> ByWcag,
    IReadOnlyList<ScanPageScore> WorstPages)
{
    public int PagesOpened => Pages.Count(p => p.Opened);

    public int PagesWithFindings => Pages.Count(p => p.Audit.Findings.Count > 0);

    /// <summary>Findings as the pages' audits hold them: a template problem counts once per page here.</summary>
    public int Findings => Pages.Sum(p => p.Audit.Findings.Count);

    public IEnumerable<ScanProblem> TemplateProblems => Problems.Where(p => p.IsTemplate);

    /// <summary>Summarises the pages' audits, in the order given.</summary>
    public static ScanSummary Of(IReadOnlyList<Audit> audits)
    {
        ArgumentNullException.ThrowIfNull(audits);
        var pages = audits.Select(a => new ScanPage(a)).ToList();

        // The same rule on the same element with the same markup is one problem, whichever page shows it.
        var problems = pages
            .SelectMany(page => page.Audit.Findings.Select(finding => (Page: page, Finding: finding)))
            .GroupBy(x => (x.Finding.Fingerprint, Html: Fingerprints.Normalise(x.Finding.Html)))
            .Select(g => new ScanProblem(g.First().Finding, [.. g.Select(x => x.Page).Distinct()]))
            .OrderBy(p => p.Example.Severity)
            .ThenByDescending(p => p.Pages.Count)
            .ThenBy(p => p.Example.RuleId, StringComparer.Ordinal)
            .ToList();

        var byRule = problems
            .GroupBy(p => p.Example.RuleId, StringComparer.Ordinal)
            .Select(g => new ScanCount(g.Key, g.First().Example.Title, g.Count(), g.SelectMany(p => p.Pages).Distinct().Count(), g.Min(p => p.Example.Severity)))
            .OrderByDescending(c => c.Pages).ThenBy(c => c.Worst).ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();

        var byWcag = problems
            .SelectMany(p => p.Example.Wcag.Select(w => (Criterion: w, Problem: p)))
            .GroupBy(x => x.Criterion, StringComparer.Ordinal)
            .Select(g => new ScanCount(g.Key, $"WCAG {g.Key}", g.Count(), g.SelectMany(x => x.Problem.Pages).Distinct().Count(), g.Min(x => x.Problem.Example.Severity)))
            .OrderBy(c => c.Key, WcagOrder.Instance)
            .ToList();

        var onPage = problems.SelectMany(p => p.Pages.Select(page => (Page: page, Problem: p))).ToLookup(x => x.Page, x => x.Problem);
        var worst = pages
            .Where(p => onPage[p].Any())
            .Select(p =>
            {
                var mine = onPage[p].ToList();
                return new ScanPageScore(
                    p,
                    mine.Count,
                    mine.Count(m => !m.IsTemplate),
                    mine.Count(m => m.Example.Severity == Severity.Critical),
                    mine.Count(m => m.Example.Severity == Severity.Serious),
                    mine.Sum(m => Weight(m.Example.Severity)));
            })
            .OrderByDescending(s => s.Weight).ThenByDescending(s => s.Problems)
            .ToList();

        return new ScanSummary(pages, problems, byRule, byWcag, worst);
    }

    /// <summary>How much a problem weighs in ranking pages: a critical one outweighs several minor ones.</summary>
    private static int Weight(Severity severity) => severity switch
    {
        Severity.Critical => 10,
        Severity.Serious => 5,
        Severity.Moderate => 2,
        _ => 1,
    };
}
