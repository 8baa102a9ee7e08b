namespace UsabilityLab.Core.Act;

/// <summary>How an implementation's results on one rule compare with the rule's test cases.</summary>
public enum ActConsistency
{
    /// <summary>No procedure of the implementation is mapped to the rule.</summary>
    NotImplemented = 0,

    /// <summary>Mapped, and never wrong, but it never reported a failed example as failed (nor said it could not tell).</summary>
    NoCatch = 1,

    /// <summary>
    /// Never wrong, and it said "can't tell" on failed examples but caught none. Not consistent
    /// here; W3C's published reports count such rules as partial (<see cref="ActRuleVerdict.ConsistentAsW3C"/>).
    /// </summary>
    Undecided = 5,

    /// <summary>It reported <c>failed</c> on a passed or inapplicable example: a false finding.</summary>
    Inconsistent = 2,

    /// <summary>Never wrong, and it caught at least one failed example (not all, or not every case tested, or the requirements it reports differ).</summary>
    Partial = 3,

    /// <summary>Never wrong, every failed example caught (or undecided), every case tested, the right requirements.</summary>
    Complete = 4,
}

/// <summary>One test case's outcome from an implementation: the worst of its procedures' outcomes.</summary>
public sealed record ActCaseResult(ActTestCase Case, ActOutcome Outcome);

/// <summary>An implementation's verdict on one rule, with what it is made of.</summary>
public sealed record ActRuleVerdict(
    ActRule Rule,
    IReadOnlyList<string> Procedures,
    IReadOnlyList<string> Reported,
    bool RequirementsCorrect,
    IReadOnlyList<ActCaseResult> Results,
    ActConsistency Consistency)
{
    /// <summary>Complete or partial: what W3C counts as consistent.</summary>
    public bool Consistent => Consistency is ActConsistency.Complete or ActConsistency.Partial;

    /// <summary>Consistent as W3C's published reports count it, where a "can't tell" on a failed example also makes a rule partial.</summary>
    public bool ConsistentAsW3C => Consistent || Consistency == ActConsistency.Undecided;

    /// <summary>Passed or inapplicable examples the implementation reported as failed.</summary>
    public IEnumerable<ActCaseResult> FalseFailures => Results.Where(r => r.Case.Expected != ActOutcome.Failed && r.Outcome == ActOutcome.Failed);
}

/// <summary>
/// Scores an implementation on a rule as W3C's implementation reports do: a test case's outcome is
/// the worst of the procedures' outcomes (failed, then can't tell, passed, inapplicable); one
/// <c>failed</c> on a passed or inapplicable example makes the rule inconsistent; otherwise it is
/// complete when every failed example is failed or undecided, every test case was tested and the
/// reported requirements are the rule's, and partial when at least one failed example was caught.
/// </summary>
/// <remarks>
/// A "can't tell" is never a catch. W3C's published reports mark some rules partial where a tool
/// only said "can't tell" on the failed examples (45 of 1,305 mappings in the 15 reports); this
/// scorer does not, so it never counts more than W3C, and otherwise gives each published report's
/// verdict exactly (<c>ActConsistencyTests</c>).
/// </remarks>
public static class ActScoring
{
    /// <summary>The worst of the outcomes; untested when there are none.</summary>
    public static ActOutcome Combine(IEnumerable<ActOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var given = outcomes.Where(o => o != ActOutcome.Untested).ToList();
        return given.Count == 0 ? ActOutcome.Untested : given.Max();
    }

    /// <summary>Whether the reported success criteria are the rule's: all it is written for, and none it does not name.</summary>
    public static bool RequirementsCorrect(ActRule rule, IReadOnlyCollection<string> reported)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(reported);
        return rule.Requirements.All(reported.Contains) && reported.All(r => rule.Requirements.Contains(r) || rule.Secondary.Contains(r));
    }

    public static ActRuleVerdict Judge(ActRule rule, IReadOnlyList<string> procedures, IReadOnlyList<string> reported, IReadOnlyDictionary<string, ActOutcome> outcomeByCase)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(procedures);
        ArgumentNullException.ThrowIfNull(outcomeByCase);
        var results = rule.Scored.Select(c => new ActCaseResult(c, outcomeByCase.GetValueOrDefault(c.Id, ActOutcome.Untested))).ToList();
        var correct = RequirementsCorrect(rule, reported);
        return new ActRuleVerdict(rule, procedures, reported, correct, results, Consistency(procedures.Count > 0, correct, results));
    }

    /// <summary>The verdict from the case results; <paramref name="mapped"/> is whether any procedure implements the rule.</summary>
    public static ActConsistency Consistency(bool mapped, bool requirementsCorrect, IReadOnlyList<ActCaseResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (!mapped)
        {
            return ActConsistency.NotImplemented;
        }

        if (results.Any(r => r.Case.Expected != ActOutcome.Failed && r.Outcome == ActOutcome.Failed))
        {
            return ActConsistency.Inconsistent;
        }

        var failedExamples = results.Where(r => r.Case.Expected == ActOutcome.Failed).ToList();
        if (!failedExamples.Any(r => r.Outcome == ActOutcome.Failed))
        {
            return failedExamples.Any(r => r.Outcome == ActOutcome.CantTell) ? ActConsistency.Undecided : ActConsistency.NoCatch;
        }

        var complete = requirementsCorrect
            && failedExamples.All(r => r.Outcome is ActOutcome.Failed or ActOutcome.CantTell)
            && results.All(r => r.Outcome != ActOutcome.Untested);
        return complete ? ActConsistency.Complete : ActConsistency.Partial;
    }
}
