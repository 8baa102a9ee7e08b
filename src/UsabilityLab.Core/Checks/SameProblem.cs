using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Core.Checks;

/// <summary>
/// Where axe-core and one of UsabilityLab's own checks test the same thing on a page (the page's
/// language, its title, zoom), a page that fails both has one problem, not two with different
/// severities. The axe-core finding stays (its fingerprint, element and guidance), takes the
/// check's Danish words and the worse severity, and says that the check found it too.
/// </summary>
public static class SameProblem
{
    /// <summary>A check's rule and the axe-core rules that test the same on the same page.</summary>
    public static IReadOnlyDictionary<string, string[]> AxeEquivalents { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["zoom-language/sprog-mangler"] = ["html-has-lang"],
        ["zoom-language/forkert-sprog"] = ["html-lang-valid", "html-xml-lang-mismatch"],
        ["zoom-language/zoom"] = ["meta-viewport"],
        ["page-titles/mangler"] = ["document-title"],
    };

    /// <summary>The rules that found <paramref name="finding"/>: its own, and the check's when both did.</summary>
    public static IEnumerable<string> Rules(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return finding.AlsoFoundBy is { } check ? [finding.RuleId, check] : [finding.RuleId];
    }

    /// <summary>
    /// Joins each check finding into an axe-core finding of the same problem on the same step,
    /// when there is one, and returns the check findings that are problems of their own.
    /// </summary>
    public static List<Finding> Join(IReadOnlyList<Finding> existing, IEnumerable<Finding> checkFindings)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(checkFindings);
        var own = new List<Finding>();
        foreach (var check in checkFindings)
        {
            var axe = AxeEquivalents.TryGetValue(check.RuleId, out var rules)
                ? existing.FirstOrDefault(f => f.Source == FindingSource.Axe && f.StepIndex == check.StepIndex && f.AlsoFoundBy is null && rules.Contains(f.RuleId, StringComparer.Ordinal))
                : null;
            if (axe is null)
            {
                own.Add(check);
                continue;
            }

            axe.AlsoFoundBy = check.RuleId;
            axe.Severity = (Severity)Math.Min((int)axe.Severity, (int)check.Severity);
            axe.Title = check.Title;
            axe.Description = check.Description;
            axe.Measurement ??= check.Measurement;
            axe.Wcag = [.. axe.Wcag.Union(check.Wcag, StringComparer.Ordinal)];
        }

        return own;
    }
}
