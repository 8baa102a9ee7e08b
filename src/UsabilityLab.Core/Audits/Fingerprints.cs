using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace UsabilityLab.Core.Audits;

/// <summary>
/// Stable fingerprints for findings. Two audits of the same solution that meet the same
/// problem on the same step and element get the same fingerprint, so a later audit can tell
/// new, persisting and fixed findings apart.
/// </summary>
/// <remarks>
/// Built from what identifies the problem (source, rule, step name, element selector), not from
/// volatile parts: generated ids and numbers in selectors are normalised away, and the HTML
/// snippet is left out because a vendor's text changes should not make an old problem look new.
/// </remarks>
public static partial class Fingerprints
{
    public static string For(FindingSource source, string ruleId, string? stepName, string? selector)
    {
        var canonical = string.Join('\n', source.ToString(), ruleId, stepName ?? string.Empty, Normalise(selector));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        return Convert.ToHexStringLower(hash.AsSpan(0, 10));
    }

    /// <summary>Drops long digit runs and hash-like fragments that frameworks generate per build or session.</summary>
    public static string Normalise(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return string.Empty;
        }

        var collapsed = WhitespacePattern().Replace(selector.Trim(), " ");
        return VolatilePattern().Replace(collapsed, "#");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();

    // Runs of 3+ digits, or 6+ hex chars mixing letters and digits (e.g. css-1x2y3z, id "a8f3c21b").
    [GeneratedRegex(@"\d{3,}|(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{6,}")]
    private static partial Regex VolatilePattern();
}
