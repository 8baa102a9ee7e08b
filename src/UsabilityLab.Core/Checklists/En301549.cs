namespace UsabilityLab.Core.Checklists;

/// <summary>
/// EN 301 549, the European standard the Danish web accessibility act points to: its clause 9
/// holds the WCAG success criteria for web pages, numbered 9 followed by the WCAG number
/// (WCAG 1.4.3 is clause 9.1.4.3).
/// </summary>
public static class En301549
{
    /// <summary>The clause for web content of a WCAG success criterion.</summary>
    public static string WebClause(string wcag)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(wcag);
        return "9." + wcag;
    }

    public static IReadOnlyList<string> WebClauses(IEnumerable<string> wcag) => [.. wcag.Select(WebClause)];

    /// <summary>"WCAG 1.4.3 (EN 9.1.4.3)": the two references side by side, as reports and exports show them.</summary>
    public static string Beside(string wcag) => $"{wcag} (EN {WebClause(wcag)})";
}
