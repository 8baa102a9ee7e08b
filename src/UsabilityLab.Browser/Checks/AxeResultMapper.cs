using Deque.AxeCore.Commons;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Checks;

namespace UsabilityLab.Browser;

/// <summary>One element axe-core found failing a rule, with its selector as one string.</summary>
public sealed record AxeViolation(AxeResultItem Rule, AxeResultNode Node, string Selector);

/// <summary>What one page's axe-core result means for the audit: failures per element, and advice.</summary>
public sealed record AxeReading(IReadOnlyList<AxeViolation> Violations, IReadOnlyList<Advisory> Advisories);

/// <summary>
/// Turns axe-core's result on one step into UsabilityLab's terms: each failing element of a WCAG
/// rule is a finding on the checklist's criterion; a best practice no success criterion requires is
/// a recommendation, and what axe could not decide goes to the reviewer, neither ever counted.
/// </summary>
public static class AxeResultMapper
{
    /// <summary>The most elements one advisory lists; the count says how many there were.</summary>
    private const int AdvisoryElementLimit = 50;

    /// <summary>Sorts one step's result into failing elements and advisories.</summary>
    public static AxeReading Read(AxeResult? result, StepResult step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var violations = new List<AxeViolation>();
        var advisories = new List<Advisory>();
        foreach (var rule in result?.Violations ?? [])
        {
            if (IsBestPractice(rule))
            {
                advisories.Add(Advise(AdvisoryKind.Recommendation, rule, step));
                continue;
            }

            violations.AddRange((rule.Nodes ?? []).Select(node => new AxeViolation(rule, node, SelectorText(node.Target))));
        }

        advisories.AddRange((result?.Incomplete ?? []).Select(rule => Advise(AdvisoryKind.NeedsReview, rule, step)));
        return new AxeReading(violations, advisories);
    }

    /// <summary>One failing element as a finding on the checklist's criterion for the rule.</summary>
    public static Finding ToFinding(AxeViolation violation, Checklist checklist, StepResult step, ElementBox? box, Evidence? screenshot)
    {
        ArgumentNullException.ThrowIfNull(violation);
        ArgumentNullException.ThrowIfNull(checklist);
        ArgumentNullException.ThrowIfNull(step);
        var (rule, node, selector) = violation;
        var criterion = checklist.ForAxeRule(rule.Id);
        var wcag = WcagTags.SuccessCriteria(rule.Tags);
        return FindingFactory.Create(
            FindingSource.Axe,
            rule.Id,
            criterion,
            SeverityNames.FromAxeImpact(node.Impact ?? rule.Impact),
            new FindingText(rule.Help ?? rule.Id, NodeSummary(node) ?? rule.Description ?? string.Empty, HelpUrl: rule.HelpUrl),
            new FindingPlace(step.Index, step.Name, selector, node.Html, box, screenshot),
            wcag.Count > 0 ? wcag : criterion.Wcag);
    }

    /// <summary>An axe rule tagged best practice and with no WCAG success criterion.</summary>
    internal static bool IsBestPractice(AxeResultItem rule) =>
        (rule.Tags ?? []).Contains("best-practice", StringComparer.Ordinal) && WcagTags.SuccessCriteria(rule.Tags).Count == 0;

    private static Advisory Advise(AdvisoryKind kind, AxeResultItem rule, StepResult step)
    {
        var nodes = rule.Nodes ?? [];
        var what = kind == AdvisoryKind.Recommendation
            ? $"Bedste praksis, som intet WCAG-succeskriterium kræver: {rule.Description}"
            : $"axe-core kunne ikke afgøre det; en gennemgangsmedarbejder skal vurdere det: {rule.Description}";
        return new Advisory
        {
            Kind = kind,
            Source = FindingSource.Axe,
            RuleId = rule.Id,
            StepIndex = step.Index,
            Title = rule.Help ?? rule.Id,
            Description = $"{what} ({nodes.Length} {(nodes.Length == 1 ? "element" : "elementer")} på trinnet \"{step.Name}\").",
            HelpUrl = rule.HelpUrl,
            Wcag = WcagTags.SuccessCriteria(rule.Tags),
            Elements = [.. nodes.Take(AdvisoryElementLimit).Select(n => new AdvisoryElement(SelectorText(n.Target), n.Html, NodeSummary(n)))],
        };
    }

    /// <summary>axe's target as one selector; steps into frames and shadow roots are joined with " >>> " (never read as one CSS selector, which would throw for a shadow path).</summary>
    private static string SelectorText(AxeSelector? target)
    {
        if (target is null)
        {
            return string.Empty;
        }

        // Each frame's part is a path through shadow roots; every step into a frame or a shadow root is " >>> ".
        var parts = target.FrameShadowSelectors?.SelectMany(p => p).ToList();
        return parts is { Count: > 0 } ? string.Join(" >>> ", parts) : target.Selector ?? target.ToString();
    }

    /// <summary>axe's own explanation of what is wrong with this node ("Fix any of the following: ...").</summary>
    private static string? NodeSummary(AxeResultNode node)
    {
        var messages = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? [])
            .Select(c => c.Message)
            .Where(m => !string.IsNullOrWhiteSpace(m))
            .Distinct()
            .ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }
}
