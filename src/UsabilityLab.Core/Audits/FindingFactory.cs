using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Core.Audits;

/// <summary>Where a finding is: the step (its index, and its name for the fingerprint) and the element on it, if any.</summary>
/// <param name="StepIndex">0-based; null for the task as a whole.</param>
/// <param name="StepName">The step's name in the task script; it makes the fingerprint, so a renamed step is a new place.</param>
public sealed record FindingPlace(int? StepIndex, string? StepName, string? Selector = null, string? Html = null, ElementBox? Box = null, Evidence? Evidence = null)
{
    /// <summary>The task as a whole, on no step and no element.</summary>
    public static FindingPlace Task { get; } = new(null, null);
}

/// <summary>What was found, in the reviewer's words: the problem, what it means for the citizen, and what was measured.</summary>
public sealed record FindingText(string Title, string Description, string? Measurement = null, string? HelpUrl = null);

/// <summary>
/// The one way a finding is made: every check, pass and the axe-core mapping build it here from
/// where it came from (source and rule), what it breaks (criterion, severity, WCAG), where it is
/// (<see cref="FindingPlace"/>) and what it says (<see cref="FindingText"/>). The fingerprint is
/// derived from the same inputs, so two audits that meet the same problem in the same place agree.
/// </summary>
public static class FindingFactory
{
    /// <param name="fingerprintRule">
    /// What identifies the problem in the fingerprint when it is not the rule itself (a failed task is
    /// the same problem when it fails for the same reason on the same step).
    /// </param>
    public static Finding Create(
        FindingSource source,
        string ruleId,
        Criterion criterion,
        Severity severity,
        FindingText text,
        FindingPlace place,
        IEnumerable<string> wcag,
        string? fingerprintRule = null)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(wcag);
        return new Finding
        {
            CriterionId = criterion.Id,
            Source = source,
            RuleId = ruleId,
            Severity = severity,
            Title = text.Title,
            Description = text.Description,
            Measurement = text.Measurement,
            HelpUrl = text.HelpUrl,
            StepIndex = place.StepIndex,
            Selector = place.Selector,
            Html = place.Html,
            Box = place.Box,
            Evidence = place.Evidence,
            Wcag = [.. wcag],
            Fingerprint = Fingerprint(source, fingerprintRule ?? ruleId, place),
        };
    }

    /// <summary>The fingerprint a finding made with the same source, rule and place gets, to look for it before making it.</summary>
    public static string Fingerprint(FindingSource source, string rule, FindingPlace place)
    {
        ArgumentNullException.ThrowIfNull(place);
        return Fingerprints.For(source, rule, place.StepName, place.Selector);
    }
}
