using System.Text.RegularExpressions;
using UsabilityLab.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace UsabilityLab.Core.Scripts;

/// <summary>
/// Reads task scripts (see README, "Task scripts"). Every problem is reported as
/// <c>file:line:column: message</c> through <see cref="InputException"/>.
/// </summary>
public static partial class TaskScriptParser
{
    private static readonly string[] _topLevelFields = ["id", "title", "start", "description", "data", "handle", "steps"];
    private static readonly string[] _handleFields = ["dialogs", "cookieBanner"];
    private static readonly string[] _stepFields = ["name", "do", "expect"];
    private static readonly string[] _verbs = ["goto", "click", "fill", "select", "check", "upload", "press", "waitFor", "expect", "follow"];
    private static readonly string[] _locatorFields = ["role", "name", "label", "text", "placeholder", "title", "css", "exact", "or"];
    private static readonly string[] _expectFields = ["text", "url", "title", "visible"];

    /// <summary>ARIA roles Playwright's <c>GetByRole</c> accepts.</summary>
    private static readonly HashSet<string> _roles = new(StringComparer.Ordinal)
    {
        "alert", "alertdialog", "application", "article", "banner", "blockquote", "button", "caption", "cell",
        "checkbox", "code", "columnheader", "combobox", "complementary", "contentinfo", "definition", "deletion",
        "dialog", "directory", "document", "emphasis", "feed", "figure", "form", "generic", "grid", "gridcell",
        "group", "heading", "img", "insertion", "link", "list", "listbox", "listitem", "log", "main", "marquee",
        "math", "meter", "menu", "menubar", "menuitem", "menuitemcheckbox", "menuitemradio", "navigation", "none",
        "note", "option", "paragraph", "presentation", "progressbar", "radio", "radiogroup", "region", "row",
        "rowgroup", "rowheader", "scrollbar", "search", "searchbox", "separator", "slider", "spinbutton", "status",
        "strong", "subscript", "superscript", "switch", "tab", "table", "tablist", "tabpanel", "term", "textbox",
        "time", "timer", "toolbar", "tooltip", "tree", "treegrid", "treeitem",
    };

    public static TaskScript Load(string path)
    {
        var reader = YamlDocumentReader.Load(path);
        return Read(reader);
    }

    public static TaskScript Parse(string file, string yaml) => Read(YamlDocumentReader.Parse(file, yaml));

    private static TaskScript Read(YamlDocumentReader reader)
    {
        var root = reader.AsMapping(reader.Root!, "en opgavebeskrivelse");
        if (root is null)
        {
            reader.ThrowIfErrors();
        }

        var fields = reader.Fields(root!, "opgaven", _topLevelFields);
        var id = String(reader, fields, root!, "id", "opgaven", required: true);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            reader.Error(fields["id"].Value, $"id '{id}' må kun indeholde små bogstaver, tal og bindestreg (fx anmeld-flytning).");
        }

        var title = String(reader, fields, root!, "title", "opgaven", required: true);
        var start = String(reader, fields, root!, "start", "opgaven", required: true);
        var description = String(reader, fields, root!, "description", "opgaven", required: false);

        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (fields.TryGetValue("data", out var dataField) && reader.AsMapping(dataField.Value, "data") is { } dataMap)
        {
            foreach (var (key, value) in dataMap.Children)
            {
                if (reader.AsString(key, "et navn i data") is { } name && reader.AsString(value, $"data.{name}") is { } text)
                {
                    if (!DataNamePattern().IsMatch(name))
                    {
                        reader.Error(key, $"navnet '{name}' i data må kun indeholde bogstaver, tal, - og _.");
                    }
                    else if (!data.TryAdd(name, text))
                    {
                        reader.Error(key, $"'{name}' står to gange i data.");
                    }
                }
            }
        }

        var steps = new List<TaskStep>();
        if (reader.Required(fields, root!, "steps", "opgaven") is { } stepsNode
            && reader.AsSequence(stepsNode, "steps") is { } stepList)
        {
            if (stepList.Children.Count == 0)
            {
                reader.Error(stepList, "steps er tom; en opgave har mindst ét trin.");
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var stepNode in stepList.Children)
            {
                if (ReadStep(reader, stepNode, data) is { } step)
                {
                    if (!names.Add(step.Name))
                    {
                        reader.Error(stepNode, $"trinnet '{step.Name}' findes allerede; giv hvert trin sit eget navn, så fund kan genkendes.");
                    }

                    steps.Add(step);
                }
            }
        }

        if (start is not null)
        {
            CheckReferences(reader, fields["start"].Value, start, data);
        }

        var handling = fields.TryGetValue("handle", out var handleField)
            ? ReadHandling(reader, handleField.Value, data)
            : ScriptHandling.Default;

        reader.ThrowIfErrors();
        return new TaskScript(id!, title!, start!, description, data, steps, reader.File) { Handling = handling };
    }

    private static ScriptHandling ReadHandling(YamlDocumentReader reader, YamlNode node, Dictionary<string, string> data)
    {
        if (reader.AsMapping(node, "handle") is not { } map)
        {
            return ScriptHandling.Default;
        }

        var fields = reader.Fields(map, "handle", _handleFields);
        var dialogs = DialogAnswer.Dismiss;
        if (String(reader, fields, map, "dialogs", "handle", required: false) is { } answer)
        {
            switch (answer)
            {
                case "accept":
                    dialogs = DialogAnswer.Accept;
                    break;
                case "dismiss":
                    break;
                default:
                    reader.Error(fields["dialogs"].Value, $"handle.dialogs er '{answer}'; skriv accept (tryk OK) eller dismiss (tryk Annuller).");
                    break;
            }
        }

        var banner = fields.TryGetValue("cookieBanner", out var bannerField)
            ? ReadTarget(reader, bannerField.Value, "handle.cookieBanner", [], data, out _)
            : null;
        return new ScriptHandling(dialogs, banner);
    }

    private static TaskStep? ReadStep(YamlDocumentReader reader, YamlNode node, Dictionary<string, string> data)
    {
        if (reader.AsMapping(node, "et trin") is not { } map)
        {
            return null;
        }

        var fields = reader.Fields(map, "trinnet", _stepFields);
        var name = String(reader, fields, map, "name", "trinnet", required: true);
        var actions = new List<ScriptAction>();

        if (fields.TryGetValue("do", out var doField) && reader.AsSequence(doField.Value, "do") is { } doList)
        {
            foreach (var actionNode in doList.Children)
            {
                if (ReadAction(reader, actionNode, data) is { } action)
                {
                    actions.Add(action);
                }
            }
        }

        if (fields.TryGetValue("expect", out var expectField) && reader.AsSequence(expectField.Value, "expect") is { } expectList)
        {
            foreach (var expectNode in expectList.Children)
            {
                if (ReadExpectation(reader, expectNode, data) is { } expectation)
                {
                    actions.Add(expectation);
                }
            }
        }

        return name is null ? null : new TaskStep(name, actions, reader.PositionOf(map));
    }

    private static ScriptAction? ReadAction(YamlDocumentReader reader, YamlNode node, Dictionary<string, string> data)
    {
        if (reader.AsMapping(node, "en handling") is not { } map)
        {
            return null;
        }

        if (map.Children.Count != 1)
        {
            reader.Error(map, $"en handling skal have præcis én af {string.Join(", ", _verbs)} (fx '- click: {{ role: button, name: \"Næste\" }}').");
            return null;
        }

        var (keyNode, value) = map.Children.First();
        var verb = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
        var position = reader.PositionOf(keyNode);
        switch (verb)
        {
            case "goto":
                {
                    var url = value is YamlMappingNode urlMap
                        ? String(reader, reader.Fields(urlMap, "goto", ["url"]), urlMap, "url", "goto", required: true)
                        : reader.AsString(value, "goto");
                    CheckReferences(reader, value, url, data);
                    return url is null ? null : new GotoAction(url, position);
                }

            case "click":
                return ReadTarget(reader, value, "click", [], data, out _) is { } clickTarget
                    ? new ClickAction(clickTarget, position) : null;

            case "fill":
                {
                    var target = ReadTarget(reader, value, "fill", ["value"], data, out var extra);
                    var text = extra is null ? null : String(reader, extra, (YamlMappingNode)value, "value", "fill", required: true);
                    if (text is not null)
                    {
                        CheckReferences(reader, extra!["value"].Value, text, data);
                    }

                    return target is null || text is null ? null : new FillAction(target, text, position);
                }

            case "select":
                {
                    var target = ReadTarget(reader, value, "select", ["option"], data, out var extra);
                    var option = extra is null ? null : String(reader, extra, (YamlMappingNode)value, "option", "select", required: true);
                    if (option is not null)
                    {
                        CheckReferences(reader, extra!["option"].Value, option, data);
                    }

                    return target is null || option is null ? null : new SelectAction(target, option, position);
                }

            case "check":
                {
                    var target = ReadTarget(reader, value, "check", ["checked"], data, out var extra);
                    var isChecked = true;
                    if (extra is not null && extra.TryGetValue("checked", out var checkedField))
                    {
                        isChecked = reader.AsBool(checkedField.Value, "check.checked") ?? true;
                    }

                    return target is null ? null : new CheckAction(target, isChecked, position);
                }

            case "upload":
                {
                    var target = ReadTarget(reader, value, "upload", ["file"], data, out var extra);
                    var file = extra is null ? null : String(reader, extra, (YamlMappingNode)value, "file", "upload", required: true);
                    if (file is not null && !TestFiles.IsKnown(file))
                    {
                        reader.Error(extra!["file"].Value, $"upload.file '{file}': UsabilityLab laver selv en testfil med det navn; skriv et navn, der ender på {string.Join(", ", TestFiles.Extensions)}.");
                        return null;
                    }

                    return target is null || file is null ? null : new UploadAction(target, file, position);
                }

            case "press":
                {
                    if (value is YamlScalarNode)
                    {
                        return reader.AsString(value, "press") is { } key ? new PressAction(key, null, position) : null;
                    }

                    if (reader.AsMapping(value, "press") is not { } pressMap)
                    {
                        return null;
                    }

                    var pressFields = reader.Fields(pressMap, "press", [.. _locatorFields, "key"]);
                    var keyName = String(reader, pressFields, pressMap, "key", "press", required: true);
                    var target = pressFields.Keys.Any(k => k != "key")
                        ? ReadTarget(reader, value, "press", ["key"], data, out _)
                        : null;
                    return keyName is null ? null : new PressAction(keyName, target, position);
                }

            case "waitFor":
                {
                    if (reader.AsMapping(value, "waitFor") is not { } waitMap)
                    {
                        return null;
                    }

                    var names = waitMap.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).ToList();
                    if (names.Count == 1 && names[0] is "url")
                    {
                        var url = reader.AsString(waitMap.Children.Values.First(), "waitFor.url");
                        return url is null ? null : new WaitForAction(null, null, url, position);
                    }

                    var target = ReadTarget(reader, value, "waitFor", [], data, out _);
                    return target is null ? null : new WaitForAction(target, null, null, position);
                }

            case "expect":
                return ReadExpectation(reader, value, data, position);

            case "follow":
                switch (reader.AsString(value, "follow"))
                {
                    case "popup":
                        return new FollowAction(FollowTarget.Popup, position);
                    case "opener":
                        return new FollowAction(FollowTarget.Opener, position);
                    case { } other:
                        reader.Error(value, $"follow er '{other}'; skriv popup (det nye vindue, løsningen åbnede) eller opener (tilbage til det første vindue).");
                        return null;
                    default:
                        return null;
                }

            default:
                {
                    var suggestion = YamlDocumentReader.Suggest(verb, _verbs);
                    reader.Error(keyNode, $"ukendt handling '{verb}'." + (suggestion is null
                        ? $" Kendte handlinger: {string.Join(", ", _verbs)}."
                        : $" Mente du '{suggestion}'?"));
                    return null;
                }
        }
    }

    private static ExpectAction? ReadExpectation(YamlDocumentReader reader, YamlNode node, Dictionary<string, string> data, SourcePosition? position = null)
    {
        if (reader.AsMapping(node, "en forventning") is not { } map)
        {
            return null;
        }

        position ??= reader.PositionOf(map);
        if (map.Children.Count != 1)
        {
            reader.Error(map, "en forventning skal have præcis én af text, url, title, visible (fx '- text: \"Din flytning er anmeldt\"').");
            return null;
        }

        var fields = reader.Fields(map, "forventningen", _expectFields);
        if (fields.Count == 0)
        {
            return null;
        }

        var (name, (_, value)) = fields.First();
        if (name == "visible")
        {
            return ReadTarget(reader, value, "visible", [], data, out _) is { } target
                ? new ExpectAction(ExpectationKind.Visible, null, target, position.Value)
                : null;
        }

        var text = reader.AsString(value, $"expect.{name}");
        CheckReferences(reader, value, text, data);
        var kind = name switch
        {
            "text" => ExpectationKind.Text,
            "url" => ExpectationKind.Url,
            _ => ExpectationKind.Title,
        };
        return text is null ? null : new ExpectAction(kind, text, null, position.Value);
    }

    /// <summary>
    /// Reads a locator mapping plus the action's own extra fields (e.g. <c>value</c> for fill);
    /// <paramref name="extra"/> returns all fields so the caller can read its own.
    /// </summary>
    private static ElementTarget? ReadTarget(
        YamlDocumentReader reader,
        YamlNode node,
        string verb,
        string[] extraFields,
        Dictionary<string, string> data,
        out Dictionary<string, (YamlNode Key, YamlNode Value)>? extra)
    {
        extra = null;
        if (reader.AsMapping(node, verb) is not { } map)
        {
            return null;
        }

        extra = reader.Fields(map, verb, [.. _locatorFields, .. extraFields]);
        var primary = ReadLocator(reader, map, extra, verb, data);
        if (primary is null)
        {
            return null;
        }

        var alternatives = new List<ElementLocator> { primary };
        if (extra.TryGetValue("or", out var orField))
        {
            IEnumerable<YamlNode> orNodes = orField.Value is YamlSequenceNode seq ? seq.Children : [orField.Value];
            foreach (var orNode in orNodes)
            {
                if (reader.AsMapping(orNode, $"{verb}.or") is { } orMap)
                {
                    var orFields = reader.Fields(orMap, $"{verb}.or", _locatorFields.Where(f => f != "or").ToArray());
                    if (ReadLocator(reader, orMap, orFields, $"{verb}.or", data) is { } alternative)
                    {
                        alternatives.Add(alternative);
                    }
                }
            }
        }

        return new ElementTarget(alternatives);
    }

    private static ElementLocator? ReadLocator(
        YamlDocumentReader reader,
        YamlMappingNode map,
        Dictionary<string, (YamlNode Key, YamlNode Value)> fields,
        string verb,
        Dictionary<string, string> data)
    {
        string[] kinds = ["role", "label", "text", "placeholder", "title", "css"];
        var present = kinds.Where(fields.ContainsKey).ToList();
        if (present.Count != 1)
        {
            reader.Error(map, present.Count == 0
                ? $"{verb} mangler et element: angiv én af role (+ name), label, text, placeholder, title eller css."
                : $"{verb} angiver både {string.Join(" og ", present)}; brug én, og læg alternativer under 'or:'.");
            return null;
        }

        var kindName = present[0];
        var value = reader.AsString(fields[kindName].Value, $"{verb}.{kindName}");
        CheckReferences(reader, fields[kindName].Value, value, data);
        string? name = null;
        if (fields.TryGetValue("name", out var nameField))
        {
            if (kindName != "role")
            {
                reader.Error(nameField.Key, $"'name' hører sammen med 'role', ikke med '{kindName}'.");
            }

            name = reader.AsString(nameField.Value, $"{verb}.name");
            CheckReferences(reader, nameField.Value, name, data);
        }

        var exact = fields.TryGetValue("exact", out var exactField) && (reader.AsBool(exactField.Value, $"{verb}.exact") ?? false);
        if (value is null)
        {
            return null;
        }

        var kind = kindName switch
        {
            "role" => LocatorKind.Role,
            "label" => LocatorKind.Label,
            "text" => LocatorKind.Text,
            "placeholder" => LocatorKind.Placeholder,
            "title" => LocatorKind.Title,
            _ => LocatorKind.Css,
        };

        if (kind == LocatorKind.Role && !_roles.Contains(value))
        {
            var suggestion = YamlDocumentReader.Suggest(value, _roles);
            reader.Error(fields["role"].Value, $"ukendt ARIA-rolle '{value}'." + (suggestion is null ? string.Empty : $" Mente du '{suggestion}'?"));
            return null;
        }

        return new ElementLocator(kind, value, name, exact, reader.PositionOf(fields[kindName].Key));
    }

    private static string? String(
        YamlDocumentReader reader,
        Dictionary<string, (YamlNode Key, YamlNode Value)> fields,
        YamlMappingNode owner,
        string name,
        string what,
        bool required)
    {
        if (!fields.TryGetValue(name, out var field))
        {
            if (required)
            {
                reader.Error(owner, $"{what} mangler det påkrævede felt '{name}'.");
            }

            return null;
        }

        return reader.AsString(field.Value, $"{what}.{name}");
    }

    /// <summary>Every <c>${name}</c> in a value must name an entry under <c>data:</c>.</summary>
    private static void CheckReferences(YamlDocumentReader reader, YamlNode node, string? value, Dictionary<string, string> data)
    {
        if (value is null)
        {
            return;
        }

        foreach (Match match in TestData.ReferencePattern().Matches(value))
        {
            var name = match.Groups[1].Value;
            if (!data.ContainsKey(name))
            {
                reader.Error(node, $"'${{{name}}}' er ikke defineret under data:. Tilføj '{name}: ...' under data.");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex DataNamePattern();
}
