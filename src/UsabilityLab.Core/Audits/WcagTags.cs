using System.Text.RegularExpressions;

namespace UsabilityLab.Core.Audits;

/// <summary>Reads WCAG success criteria out of axe-core's rule tags ("wcag1410" is 1.4.10).</summary>
public static partial class WcagTags
{
    /// <summary>Number of success criteria in each WCAG 2.2 guideline ("1.4" has 13), removed 4.1.1 included.</summary>
    private static readonly Dictionary<string, int> _criteriaPerGuideline = new(StringComparer.Ordinal)
    {
        ["1.1"] = 1, ["1.2"] = 9, ["1.3"] = 6, ["1.4"] = 13,
        ["2.1"] = 4, ["2.2"] = 6, ["2.3"] = 3, ["2.4"] = 13, ["2.5"] = 8,
        ["3.1"] = 6, ["3.2"] = 6, ["3.3"] = 9,
        ["4.1"] = 3,
    };

    /// <summary>The level AAA success criteria of WCAG 2.1 and 2.2: not required by EN 301 549, so never a barrier of the accessibility statement.</summary>
    private static readonly HashSet<string> _levelAaa = new(StringComparer.Ordinal)
    {
        "1.2.6", "1.2.7", "1.2.8", "1.2.9", "1.3.6", "1.4.6", "1.4.7", "1.4.8", "1.4.9", "2.1.3", "2.2.3", "2.2.4", "2.2.5", "2.2.6",
        "2.3.2", "2.3.3", "2.4.8", "2.4.9", "2.4.10", "2.4.12", "2.4.13", "2.5.5", "2.5.6", "3.1.3", "3.1.4", "3.1.5", "3.1.6", "3.2.5",
        "3.3.5", "3.3.6", "3.3.9",
    };

    /// <summary>True for a level A or AA success criterion (what the law requires), false for AAA.</summary>
    public static bool IsLevelAOrAa(string reference) => IsSuccessCriterion(reference) && !_levelAaa.Contains(reference);

    /// <summary>True when <paramref name="reference"/> names a WCAG 2.x success criterion, e.g. "1.4.3" (not "2.4.88").</summary>
    public static bool IsSuccessCriterion(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var parts = reference.Split('.');
        return parts.Length == 3
            && _criteriaPerGuideline.TryGetValue($"{parts[0]}.{parts[1]}", out var count)
            && int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && number >= 1 && number <= count
            && parts[2] == number.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static List<string> SuccessCriteria(IEnumerable<string>? tags)
    {
        var result = new List<string>();
        foreach (var tag in tags ?? [])
        {
            var match = CriterionTag().Match(tag);
            if (!match.Success)
            {
                continue;
            }

            // Principle and guideline are one digit each in WCAG 2.x; the rest is the criterion.
            var digits = match.Groups[1].Value;
            var reference = $"{digits[0]}.{digits[1]}.{digits[2..]}";
            if (!result.Contains(reference))
            {
                result.Add(reference);
            }
        }

        return result;
    }

    [GeneratedRegex(@"^wcag(\d{3,4})$")]
    private static partial Regex CriterionTag();
}
