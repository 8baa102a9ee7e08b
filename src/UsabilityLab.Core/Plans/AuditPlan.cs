using UsabilityLab.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace UsabilityLab.Core.Plans;

/// <summary>One audit in a plan: a task script through one vendor's solution.</summary>
/// <param name="ScriptPath">The task script, resolved against the plan file's folder.</param>
/// <param name="ChecklistPath">The checklist, resolved likewise; null for the default.</param>
/// <param name="Set">Test data overrides, as <c>--set</c> gives them.</param>
public sealed record PlannedAudit(
    string Vendor,
    string Url,
    string ScriptPath,
    string? Solution,
    string? ChecklistPath,
    IReadOnlyDictionary<string, string> Set,
    SourcePosition Position);

/// <summary>
/// Reads a plan: several solutions audited in one run (see README, "Several solutions in one
/// run"). Paths are relative to the plan file. Every problem is reported with file, line and column.
/// </summary>
public static class AuditPlanParser
{
    private static readonly string[] _topFields = ["audits"];
    private static readonly string[] _auditFields = ["vendor", "url", "script", "solution", "checklist", "set"];

    public static IReadOnlyList<PlannedAudit> Load(string path)
    {
        var reader = YamlDocumentReader.Load(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var root = reader.AsMapping(reader.Root!, "en plan");
        reader.ThrowIfErrors();
        var fields = reader.Fields(root!, "planen", _topFields);
        var audits = new List<PlannedAudit>();
        if (reader.Required(fields, root!, "audits", "planen") is { } listNode && reader.AsSequence(listNode, "audits") is { } list)
        {
            if (list.Children.Count == 0)
            {
                reader.Error(list, "audits er tom; en plan har mindst én gennemgang.");
            }

            foreach (var item in list.Children)
            {
                if (ReadAudit(reader, item, folder) is { } audit)
                {
                    audits.Add(audit);
                }
            }
        }

        reader.ThrowIfErrors();
        return audits;
    }

    private static PlannedAudit? ReadAudit(YamlDocumentReader reader, YamlNode node, string folder)
    {
        if (reader.AsMapping(node, "en gennemgang") is not { } map)
        {
            return null;
        }

        var fields = reader.Fields(map, "gennemgangen", _auditFields);
        string? Text(string name, bool required) =>
            required
                ? reader.Required(fields, map, name, "gennemgangen") is { } value ? reader.AsString(value, name) : null
                : fields.TryGetValue(name, out var field) ? reader.AsString(field.Value, name) : null;

        var vendor = Text("vendor", required: true);
        var url = Text("url", required: true);
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            reader.Error(fields["url"].Value, $"url skal være en fuld http- eller https-adresse, ikke '{url}'.");
            url = null;
        }

        var script = File(reader, fields, "script", Text("script", required: true), folder);
        var checklist = File(reader, fields, "checklist", Text("checklist", required: false), folder);
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        if (fields.TryGetValue("set", out var setField) && reader.AsMapping(setField.Value, "set") is { } setMap)
        {
            foreach (var (key, value) in setMap.Children)
            {
                if (reader.AsString(key, "et navn i set") is { } name && reader.AsString(value, $"set.{name}") is { } text)
                {
                    set[name] = text;
                }
            }
        }

        return vendor is null || url is null || script is null
            ? null
            : new PlannedAudit(vendor, url, script, Text("solution", required: false), checklist, set, reader.PositionOf(map));
    }

    private static string? File(YamlDocumentReader reader, Dictionary<string, (YamlNode Key, YamlNode Value)> fields, string name, string? given, string folder)
    {
        if (given is null)
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(folder, given));
        if (!System.IO.File.Exists(full))
        {
            reader.Error(fields[name].Value, $"{name}-filen {given} findes ikke (stier regnes fra planens mappe, {folder}).");
            return null;
        }

        return full;
    }
}
