using System.Text;
using System.Text.RegularExpressions;

namespace UsabilityLab.Core.Scans;

/// <summary>
/// A site's robots.txt as RFC 9309 reads it: the group for UsabilityLab's user agent, else the
/// group for <c>*</c>; of its Allow and Disallow rules the longest match decides, Allow on a tie;
/// <c>*</c> matches any run of characters and <c>$</c> ends a pattern. No file, or no group that
/// applies, allows everything.
/// </summary>
public sealed class RobotsTxt
{
    /// <summary>The product token UsabilityLab's crawler answers to in robots.txt.</summary>
    public const string UserAgent = "UsabilityLab";

    private readonly IReadOnlyList<(bool Allow, string Pattern, Regex Match)> _rules;

    private RobotsTxt(IReadOnlyList<(bool, string, Regex)> rules, IReadOnlyList<string> sitemaps)
    {
        _rules = rules;
        Sitemaps = sitemaps;
    }

    /// <summary>A site without robots.txt: everything may be fetched.</summary>
    public static RobotsTxt AllowAll { get; } = new([], []);

    /// <summary>The sitemaps the file names (<c>Sitemap:</c> lines), absolute addresses.</summary>
    public IReadOnlyList<string> Sitemaps { get; }

    /// <summary>Reads the file's text; lines it does not understand are ignored, as the RFC says.</summary>
    public static RobotsTxt Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var groups = new List<(List<string> Agents, List<(bool, string)> Rules)>();
        var sitemaps = new List<string>();
        (List<string> Agents, List<(bool, string)> Rules)? current = null;
        var lastWasAgent = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "user-agent":
                    if (current is null || !lastWasAgent)
                    {
                        current = ([], []);
                        groups.Add(current.Value);
                    }

                    current.Value.Agents.Add(value.ToLowerInvariant());
                    lastWasAgent = true;
                    continue;
                case "allow" or "disallow" when current is not null:
                    if (value.Length > 0)
                    {
                        current.Value.Rules.Add((key == "allow", value));
                    }

                    break;
                case "sitemap":
                    sitemaps.Add(value);
                    break;
            }

            lastWasAgent = false;
        }

        var ours = UserAgent.ToLowerInvariant();
        var chosen = groups.Where(g => g.Agents.Any(a => a != "*" && ours.StartsWith(a, StringComparison.Ordinal))).ToList();
        if (chosen.Count == 0)
        {
            chosen = [.. groups.Where(g => g.Agents.Contains("*"))];
        }

        var rules = chosen.SelectMany(g => g.Rules).Select(r => (r.Item1, r.Item2, Compile(r.Item2))).ToList();
        return new RobotsTxt(rules, sitemaps);
    }

    /// <summary>Whether the path (with its query) may be fetched.</summary>
    public bool Allows(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var best = (Allow: true, Length: -1);
        foreach (var (allow, pattern, match) in _rules)
        {
            if (match.IsMatch(pathAndQuery) && (pattern.Length > best.Length || (pattern.Length == best.Length && allow)))
            {
                best = (allow, pattern.Length);
            }
        }

        return best.Allow;
    }

    private static Regex Compile(string pattern)
    {
        var anchored = pattern.EndsWith('$');
        var body = anchored ? pattern[..^1] : pattern;
        var regex = new StringBuilder("^");
        foreach (var part in body.Split('*'))
        {
            regex.Append(Regex.Escape(part)).Append(".*");
        }

        regex.Length -= 2;
        regex.Append(anchored ? "$" : string.Empty);
        return new Regex(regex.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
