using System.Text.RegularExpressions;

namespace UsabilityLab.Core.Audits;

/// <summary>Reads WCAG success criteria out of axe-core's rule tags ("wcag1410" is 1.4.10).</summary>
public static partial class WcagTags
{
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
