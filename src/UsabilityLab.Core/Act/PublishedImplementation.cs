using System.Text.Json;

namespace UsabilityLab.Core.Act;

/// <summary>One rule of a published implementation report: the verdict W3C gives, and the results it is made from.</summary>
/// <param name="Published">Complete or partial as W3C says; where W3C names no consistency for a mapped rule
/// (it does not say whether the tool was wrong or caught nothing) <see cref="ActConsistency.Inconsistent"/>.</param>
public sealed record PublishedMapping(string RuleId, IReadOnlyList<string> Procedures, ActConsistency Published, bool RequirementsCorrect, IReadOnlyDictionary<string, ActOutcome> Outcomes);

/// <summary>
/// An implementation report W3C publishes for a tool (<c>implementations/*.json</c> in the suite's
/// copy): the tool, and per ACT rule its procedures, per-test-case outcomes and consistency.
/// </summary>
public sealed record PublishedImplementation(string File, string Name, string? Version, IReadOnlyList<PublishedMapping> Mappings)
{
    /// <summary>Of the rules named, how many W3C marks complete or partial, and how many of those complete.</summary>
    public (int Consistent, int Complete) CountOn(IReadOnlySet<string> ruleIds)
    {
        ArgumentNullException.ThrowIfNull(ruleIds);
        var mappings = Mappings.Where(m => ruleIds.Contains(m.RuleId)).ToList();
        return (mappings.Count(m => m.Published is ActConsistency.Complete or ActConsistency.Partial), mappings.Count(m => m.Published == ActConsistency.Complete));
    }

    public ActConsistency On(string ruleId) => Mappings.FirstOrDefault(m => m.RuleId == ruleId)?.Published ?? ActConsistency.NotImplemented;

    /// <summary>Every report in the suite's <c>implementations/</c> folder, by file name.</summary>
    public static IReadOnlyList<PublishedImplementation> LoadAll(string suiteFolder)
    {
        var folder = Path.Combine(suiteFolder, "implementations");
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(Load)]
            : [];
    }

    public static PublishedImplementation Load(string file)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(file));
        var root = document.RootElement;
        var mappings = root.GetProperty("actRuleMapping").EnumerateArray().Select(m => new PublishedMapping(
            m.GetProperty("ruleId").GetString()!,
            m.TryGetProperty("procedureNames", out var names) ? [.. names.EnumerateArray().Select(n => n.GetString()!)] : [],
            m.TryGetProperty("consistency", out var consistency) ? Consistency(consistency.GetString(), m) : ActConsistency.NotImplemented,
            !m.TryGetProperty("accessibilityRequirements", out var requirements) || !requirements.TryGetProperty("correct", out var correct) || correct.GetBoolean(),
            Outcomes(m))).ToList();
        return new PublishedImplementation(
            Path.GetFileNameWithoutExtension(file),
            root.GetProperty("name").GetString()!,
            root.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.String ? version.GetString() : null,
            mappings);
    }

    private static ActConsistency Consistency(string? text, JsonElement mapping) => text switch
    {
        "complete" => ActConsistency.Complete,
        "partial" => ActConsistency.Partial,
        _ => mapping.TryGetProperty("procedureNames", out var names) && names.GetArrayLength() > 0 ? ActConsistency.Inconsistent : ActConsistency.NotImplemented,
    };

    private static Dictionary<string, ActOutcome> Outcomes(JsonElement mapping)
    {
        var outcomes = new Dictionary<string, ActOutcome>(StringComparer.Ordinal);
        if (!mapping.TryGetProperty("testCaseResults", out var results))
        {
            return outcomes;
        }

        foreach (var result in results.EnumerateArray())
        {
            var reported = result.TryGetProperty("procedureResults", out var procedures)
                ? procedures.EnumerateArray().SelectMany(p => p.GetProperty("outcomes").EnumerateArray()).Select(o => ActSuite.OutcomeOf(o.GetString()))
                : [];
            outcomes[result.GetProperty("testcaseId").GetString()!] = ActScoring.Combine(reported);
        }

        return outcomes;
    }
}
