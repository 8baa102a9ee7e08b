using System.Globalization;
using System.Text.RegularExpressions;

namespace UsabilityLab.Core.Studies;

/// <summary>
/// What may be known about a participant: a pseudonym and coarse facts from fixed lists. Free text
/// is kept out on purpose, so a name or a CPR number has nowhere to go; notes, the one free text
/// about a session, are checked for CPR numbers.
/// </summary>
public static partial class ParticipantFacts
{
    public static IReadOnlyList<string> AgeBands { get; } = ["18-29 år", "30-44 år", "45-59 år", "60-74 år", "75 år eller ældre"];

    public static IReadOnlyList<string> DigitalHabits { get; } =
    [
        "Bruger digitale løsninger dagligt",
        "Bruger digitale løsninger ugentligt",
        "Bruger digitale løsninger sjældent",
        "Får som regel hjælp til digitale løsninger",
    ];

    /// <summary>The next free pseudonym after the codes in use: P01, P02, ... (P100 after P99).</summary>
    public static string NextCode(IEnumerable<string> codesInUse)
    {
        var highest = codesInUse
            .Select(code => PseudonymPattern().Match(code))
            .Where(match => match.Success)
            .Select(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0)
            .Max();
        return string.Create(CultureInfo.InvariantCulture, $"P{highest + 1:00}");
    }

    public static bool IsPseudonym(string code) => PseudonymPattern().IsMatch(code);

    /// <summary>
    /// True when the text holds what looks like a CPR number: six digits of a valid date, then four
    /// digits, with or without a dash or space between.
    /// </summary>
    public static bool ContainsCprNumber(string text)
    {
        foreach (Match match in CprPattern().Matches(text))
        {
            var day = int.Parse(match.Groups["dd"].Value, CultureInfo.InvariantCulture);
            var month = int.Parse(match.Groups["mm"].Value, CultureInfo.InvariantCulture);
            if (day is >= 1 and <= 31 && month is >= 1 and <= 12)
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^P(\d{2,3})$")]
    private static partial Regex PseudonymPattern();

    [GeneratedRegex(@"(?<!\d)(?<dd>\d{2})(?<mm>\d{2})\d{2}[-\s]?\d{4}(?!\d)")]
    private static partial Regex CprPattern();
}
