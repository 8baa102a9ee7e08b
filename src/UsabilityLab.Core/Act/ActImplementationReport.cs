namespace UsabilityLab.Core.Act;

/// <summary>An engine's procedure that implements ACT rules: for axe-core, one of its rules.</summary>
/// <param name="Name">The name in the report, e.g. <c>axe-core:image-alt</c>.</param>
/// <param name="Wcag">The WCAG success criteria it reports failures under, e.g. <c>1.1.1</c>.</param>
public sealed record ActProcedure(string Engine, string Name, IReadOnlyList<string> ActRuleIds, IReadOnlyList<string> Wcag);

/// <summary>What the procedures said on one test case's page; an error when the page could not be checked.</summary>
public sealed record ActPageResult(ActTestCase Case, IReadOnlyDictionary<string, ActOutcome> Outcomes, string? Error);

/// <summary>
/// UsabilityLab's implementation report on the ACT suite: per rule, the procedures mapped to it,
/// each test case's outcome and the verdict (<see cref="ActScoring"/>), as W3C computes it.
/// </summary>
public sealed record ActImplementationReport(
    string Name,
    string Version,
    IReadOnlyList<ActProcedure> Procedures,
    IReadOnlyList<ActPageResult> Pages,
    IReadOnlyList<ActRuleVerdict> Verdicts)
{
    public int Consistent => Verdicts.Count(v => v.Consistent);

    public int Complete => Verdicts.Count(v => v.Consistency == ActConsistency.Complete);

    /// <summary>Consistent as W3C's published reports count it (a "can't tell" on failed examples as partial), to compare like with like.</summary>
    public int ConsistentAsW3C => Verdicts.Count(v => v.ConsistentAsW3C);

    /// <summary>Rules where a procedure reported a failure on a passed or inapplicable example.</summary>
    public IEnumerable<ActRuleVerdict> Inconsistent => Verdicts.Where(v => v.Consistency == ActConsistency.Inconsistent);

    /// <summary>Scores the pages' outcomes rule by rule: a procedure counts for the rules it names.</summary>
    public static ActImplementationReport Score(IReadOnlyList<ActRule> rules, string name, string version, IReadOnlyList<ActProcedure> procedures, IReadOnlyList<ActPageResult> pages)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(procedures);
        ArgumentNullException.ThrowIfNull(pages);
        var byCase = pages.ToDictionary(p => p.Case.RelativePath, StringComparer.Ordinal);
        var verdicts = new List<ActRuleVerdict>();
        foreach (var rule in rules)
        {
            var mapped = procedures.Where(p => p.ActRuleIds.Contains(rule.Id, StringComparer.Ordinal)).ToList();
            var outcomes = rule.TestCases.ToDictionary(
                c => c.Id,
                c => byCase.TryGetValue(c.RelativePath, out var page) && page.Error is null
                    ? ActScoring.Combine(mapped.Select(p => page.Outcomes.GetValueOrDefault(p.Name, ActOutcome.Untested)))
                    : ActOutcome.Untested,
                StringComparer.Ordinal);
            var reported = mapped.SelectMany(p => p.Wcag).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            verdicts.Add(ActScoring.Judge(rule, [.. mapped.Select(p => p.Name)], reported, outcomes));
        }

        return new ActImplementationReport(name, version, procedures, pages, verdicts);
    }
}
