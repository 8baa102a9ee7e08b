using System.Globalization;
using System.Text.RegularExpressions;
using UsabilityLab.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace UsabilityLab.Core.Checklists;

/// <summary>Reads the <c>checks:</c> section of a checklist: one mapping of settings per check.</summary>
internal static class CheckSettingsParser
{
    private static readonly TimeSpan _regexTimeout = TimeSpan.FromMilliseconds(250);

    public static CheckSettings Read(YamlDocumentReader reader, YamlNode? node, IReadOnlyCollection<string> usedChecks, YamlNode owner)
    {
        var sections = new Dictionary<string, (YamlNode Key, YamlNode Value)>(StringComparer.Ordinal);
        if (node is not null && reader.AsMapping(node, "checks") is { } map)
        {
            sections = reader.Fields(map, "checks", CheckNames.WithSettings);
        }

        foreach (var check in usedChecks.Where(c => CheckNames.WithSettings.Contains(c) && !sections.ContainsKey(c)))
        {
            reader.Error(node ?? owner, $"kontrollen '{check}' bruges af et kriterium, men dens grænser mangler under checks: (tilføj 'checks: {{ {check}: {{ ... }} }}').");
        }

        return new CheckSettings(
            PageTitles: Section(reader, sections, CheckNames.PageTitles, (f, m) => new PageTitleSettings(
                Int(reader, f, m, "min-length", 1, 200) ?? 0), ["min-length"]),
            Progress: Section(reader, sections, CheckNames.Progress, (f, m) => new ProgressSettings(
                Int(reader, f, m, "min-steps", 2, 100) ?? 0,
                Pattern(reader, f, m, "text-pattern") ?? new Regex("$^")), ["min-steps", "text-pattern"]),
            Receipt: Section(reader, sections, CheckNames.Receipt, (f, m) => new ReceiptSettings(
                Pattern(reader, f, m, "reference-pattern") ?? new Regex("$^"),
                Pattern(reader, f, m, "next-steps-pattern") ?? new Regex("$^")), ["reference-pattern", "next-steps-pattern"]),
            PlainLanguage: Section(reader, sections, CheckNames.PlainLanguage, (f, m) => new PlainLanguageSettings(
                Number(reader, f, m, "max-lix", 1, 100) ?? 0,
                Int(reader, f, m, "min-words", 1, 10_000) ?? 0,
                f.ContainsKey("forbidden-pattern") ? Pattern(reader, f, m, "forbidden-pattern") : null), ["max-lix", "min-words", "forbidden-pattern"]),
            InputPurpose: Section(reader, sections, CheckNames.InputPurpose, (f, m) => new InputPurposeSettings(
                Fields(reader, f, m),
                f.ContainsKey("other-person-pattern") ? Pattern(reader, f, m, "other-person-pattern") : null), ["fields", "other-person-pattern"]),
            ZoomLanguage: Section(reader, sections, CheckNames.ZoomLanguage, (f, m) => new ZoomLanguageSettings(
                Text(reader, f, m, "language") ?? string.Empty,
                (f.TryGetValue("language-words", out var words) ? reader.AsStringList(words.Value, "language-words") : [])
                    .Select(w => w.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal),
                Number(reader, f, m, "min-share", 0.01, 1) ?? 0,
                Number(reader, f, m, "min-maximum-scale", 1, 10) ?? 0,
                f.ContainsKey("min-words") ? Int(reader, f, m, "min-words", 1, 10_000) ?? 1 : 1), ["language", "language-words", "min-share", "min-maximum-scale", "min-words"]),
            Effort: Section(reader, sections, CheckNames.Effort, (f, m) => new EffortSettings(
                Int(reader, f, m, "max-steps", 1, 1000) ?? 0,
                Int(reader, f, m, "max-actions", 1, 10_000) ?? 0,
                Number(reader, f, m, "max-seconds", 1, 86_400) ?? 0,
                Number(reader, f, m, "max-step-seconds", 0.1, 3_600) ?? 0), ["max-steps", "max-actions", "max-seconds", "max-step-seconds"]),
            Reflow: Section(reader, sections, CheckNames.Reflow, (f, m) => new ReflowSettings(
                Int(reader, f, m, "width", 200, 2000) ?? 0,
                Int(reader, f, m, "height", 200, 4000) ?? 0), ["width", "height"]),
            Keyboard: Section(reader, sections, CheckNames.Keyboard, (f, m) => new KeyboardSettings(
                Int(reader, f, m, "max-tab-stops", 5, 2000) ?? 0), ["max-tab-stops"]),
            ConsistentHelp: Section(reader, sections, CheckNames.ConsistentHelp, (f, m) => new ConsistentHelpSettings(
                Pattern(reader, f, m, "help-pattern") ?? new Regex("$^"),
                Pattern(reader, f, m, "phone-pattern") ?? new Regex("$^")), ["help-pattern", "phone-pattern"]));
    }

    private static T? Section<T>(
        YamlDocumentReader reader,
        Dictionary<string, (YamlNode Key, YamlNode Value)> sections,
        string name,
        Func<Dictionary<string, (YamlNode Key, YamlNode Value)>, YamlMappingNode, T> read,
        string[] allowed)
        where T : class
    {
        if (!sections.TryGetValue(name, out var section) || reader.AsMapping(section.Value, $"checks.{name}") is not { } map)
        {
            return null;
        }

        return read(reader.Fields(map, $"checks.{name}", allowed), map);
    }

    private static YamlNode? Required(YamlDocumentReader reader, Dictionary<string, (YamlNode Key, YamlNode Value)> fields, YamlMappingNode map, string name) =>
        reader.Required(fields, map, name, "indstillingen");

    private static int? Int(YamlDocumentReader reader, Dictionary<string, (YamlNode Key, YamlNode Value)> fields, YamlMappingNode map, string name, int min, int max) =>
        Required(reader, fields, map, name) is { } node ? reader.AsInt(node, name, min, max) : null;

    private static string? Text(YamlDocumentReader reader, Dictionary<string, (YamlNode Key, YamlNode Value)> fields, YamlMappingNode map, string name) =>
        Required(reader, fields, map, name) is { } node ? reader.AsString(node, name) : null;

    private static double? Number(YamlDocumentReader reader, Dictionary<string, (YamlNode Key, YamlNode Value)> fields, YamlMappingNode map, string name, double min, double max)
    {
        if (Required(reader, fields, map, name) is not { } node)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } text } && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            if (value >= min && value <= max)
            {
                return value;
            }

            reader.Error(node, string.Create(CultureInfo.InvariantCulture, $"{name} skal ligge mellem {min} og {max}, ikke {value}."));
            return null;
        }

        reader.Error(node, $"{name} skal være et tal (med punktum som decimaltegn).");
        return null;
    }

    private static Regex? Pattern(YamlDocumentReader reader, Dictionary<string, (YamlNode Key, YamlNode Value)> fields, YamlMappingNode map, string name)
    {
        if (Required(reader, fields, map, name) is not { } node || reader.AsString(node, name) is not { } text)
        {
            return null;
        }

        return Compile(reader, node, name, text);
    }

    private static Regex? Compile(YamlDocumentReader reader, YamlNode node, string name, string text)
    {
        try
        {
            return new Regex(text, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, _regexTimeout);
        }
        catch (ArgumentException ex)
        {
            reader.Error(node, $"{name} er ikke et gyldigt regulært udtryk: {ex.Message}");
            return null;
        }
    }

    private static List<InputPurposeField> Fields(YamlDocumentReader reader, Dictionary<string, (YamlNode Key, YamlNode Value)> fields, YamlMappingNode map)
    {
        var result = new List<InputPurposeField>();
        if (Required(reader, fields, map, "fields") is not { } node || reader.AsSequence(node, "fields") is not { } list)
        {
            return result;
        }

        foreach (var item in list.Children)
        {
            if (reader.AsMapping(item, "et felt under input-purpose") is not { } fieldMap)
            {
                continue;
            }

            var fieldFields = reader.Fields(fieldMap, "feltet", ["purpose", "match", "tokens"]);
            var purpose = Text(reader, fieldFields, fieldMap, "purpose");
            var match = Pattern(reader, fieldFields, fieldMap, "match");
            var tokens = Required(reader, fieldFields, fieldMap, "tokens") is { } tokenNode ? reader.AsStringList(tokenNode, "tokens") : [];
            if (purpose is not null && match is not null && tokens.Count > 0)
            {
                result.Add(new InputPurposeField(purpose, match, tokens));
            }
        }

        return result;
    }
}
