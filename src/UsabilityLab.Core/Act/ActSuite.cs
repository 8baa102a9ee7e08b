using System.Text.Json;

namespace UsabilityLab.Core.Act;

/// <summary>What a procedure said about a test case, as EARL and the W3C reports name it.</summary>
public enum ActOutcome
{
    Inapplicable = 0,
    Passed = 1,

    /// <summary>The procedure could not decide (axe's "incomplete"): never a failure, never a catch.</summary>
    CantTell = 2,
    Failed = 3,

    /// <summary>No procedure gave a result for the test case.</summary>
    Untested = 4,
}

/// <summary>One test case of the W3C ACT Rules suite: a page, and the outcome the rule expects on it.</summary>
/// <param name="RelativePath">The page in the suite's folder, e.g. <c>testcases/23a2a8/….html</c>.</param>
public sealed record ActTestCase(string RuleId, string Id, string Title, ActOutcome Expected, string RelativePath, string Url, bool Approved);

/// <summary>
/// An ACT rule with its test cases and the WCAG success criteria it maps to: <see cref="Requirements"/>
/// are those it is written for (level A and AA, for conformance), <see cref="Secondary"/> the others it names.
/// </summary>
public sealed record ActRule(string Id, string Name, bool Approved, IReadOnlyList<string> Requirements, IReadOnlyList<string> Secondary, IReadOnlyList<ActTestCase> TestCases)
{
    /// <summary>The test cases W3C scores: the approved ones of an approved rule, all of a proposed one.</summary>
    public IEnumerable<ActTestCase> Scored => Approved ? TestCases.Where(t => t.Approved) : TestCases;
}

/// <summary>
/// The W3C ACT Rules test suite as published (<c>testcases.json</c>, <c>requirements.json</c>):
/// 87 rules and their test cases, read from the suite's folder.
/// </summary>
public sealed class ActSuite
{
    /// <summary>Where W3C serves the suite; the test cases load their assets from below it.</summary>
    public const string ServedPath = "/WAI/content-assets/wcag-act-rules/";

    private ActSuite(string folder, IReadOnlyList<ActRule> rules)
    {
        Folder = folder;
        Rules = rules;
    }

    public string Folder { get; }

    public IReadOnlyList<ActRule> Rules { get; }

    /// <exception cref="InputException">The folder does not hold the suite, or a file of it cannot be read.</exception>
    public static ActSuite Load(string folder)
    {
        var testcases = Path.Combine(folder, "testcases.json");
        var requirements = Path.Combine(folder, "requirements.json");
        foreach (var file in new[] { testcases, requirements })
        {
            if (!File.Exists(file))
            {
                throw new InputException(new SourcePosition(file, 0, 0),
                    "ACT-testsuiten mangler denne fil. Angiv mappen med W3C's ACT Rules-testsuite (testcases.json, testcases/, test-assets/) med --suite.");
            }
        }

        try
        {
            using var levels = JsonDocument.Parse(File.ReadAllText(requirements));
            var levelOf = levels.RootElement.EnumerateObject()
                .Select(p => (Num: p.Value.GetProperty("num").GetString()!, Level: p.Value.GetProperty("level").GetString()!))
                .ToDictionary(p => p.Num, p => p.Level, StringComparer.Ordinal);
            using var document = JsonDocument.Parse(File.ReadAllText(testcases));
            var cases = document.RootElement.GetProperty("testcases").EnumerateArray().ToList();
            var rules = cases
                .GroupBy(c => c.GetProperty("ruleId").GetString()!, StringComparer.Ordinal)
                .Select(g => Rule(g.Key, [.. g], levelOf))
                .OrderBy(r => r.Id, StringComparer.Ordinal)
                .ToList();
            return new ActSuite(Path.GetFullPath(folder), rules);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InputException(new SourcePosition(testcases, 0, 0), $"ACT-testsuiten kan ikke læses: {ex.Message}");
        }
    }

    private static ActRule Rule(string id, List<JsonElement> cases, Dictionary<string, string> levelOf)
    {
        var first = cases[0];
        var requirements = new List<string>();
        var secondary = new List<string>();
        if (first.TryGetProperty("ruleAccessibilityRequirements", out var mapped) && mapped.ValueKind == JsonValueKind.Object)
        {
            foreach (var requirement in mapped.EnumerateObject().Where(r => r.Name.StartsWith("wcag2", StringComparison.Ordinal)))
            {
                var number = requirement.Name[(requirement.Name.IndexOf(':', StringComparison.Ordinal) + 1)..];
                var forConformance = requirement.Value.TryGetProperty("forConformance", out var conformance) && conformance.GetBoolean();
                var level = levelOf.GetValueOrDefault(number, "AAA");
                (forConformance && level is "A" or "AA" ? requirements : secondary).Add(number);
            }
        }

        var testCases = cases.Select(c => new ActTestCase(
            id,
            c.GetProperty("testcaseId").GetString()!,
            c.GetProperty("testcaseTitle").GetString()!,
            OutcomeOf(c.GetProperty("expected").GetString()),
            c.GetProperty("relativePath").GetString()!,
            c.GetProperty("url").GetString()!,
            c.TryGetProperty("approved", out var approved) && approved.ValueKind == JsonValueKind.True)).ToList();
        return new ActRule(id, first.GetProperty("ruleName").GetString()!, testCases.Any(t => t.Approved), requirements, secondary, testCases);
    }

    /// <summary>An outcome as EARL and the W3C reports write it (<c>passed</c>, <c>failed</c>, <c>cantTell</c>, ...).</summary>
    public static ActOutcome OutcomeOf(string? text) => text switch
    {
        "passed" => ActOutcome.Passed,
        "failed" => ActOutcome.Failed,
        "cantTell" => ActOutcome.CantTell,
        "inapplicable" => ActOutcome.Inapplicable,
        _ => ActOutcome.Untested,
    };

    /// <summary>The outcome's name in EARL (<c>earl:passed</c> without the prefix).</summary>
    public static string Name(ActOutcome outcome) => outcome switch
    {
        ActOutcome.Passed => "passed",
        ActOutcome.Failed => "failed",
        ActOutcome.CantTell => "cantTell",
        ActOutcome.Inapplicable => "inapplicable",
        _ => "untested",
    };
}
