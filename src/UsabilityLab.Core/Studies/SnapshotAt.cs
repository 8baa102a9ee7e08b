using System.Text.Json.Nodes;

namespace UsabilityLab.Core.Studies;

/// <summary>
/// The page as it stood at one moment of an rrweb recording, as a full snapshot of its own: the
/// last full snapshot before the moment with every DOM change (mutations and field input) after it
/// applied, the way rrweb's replayer applies them. A clip then starts at the moment itself, and
/// what the page showed before it (on a single-page application, the whole session) is not in it.
/// Style sheet changes and the last viewport and scroll positions before the moment are kept as
/// events at the moment, since they carry no text of the citizen's.
/// </summary>
internal sealed class SnapshotAt
{
    private const int IncrementalSnapshot = 3;
    private const int Mutation = 0;
    private const int Scroll = 3;
    private const int ViewportResize = 4;
    private const int InputSource = 5;
    private const int StyleSheetRule = 8;
    private const int StyleDeclaration = 13;
    private const int AdoptedStyleSheet = 15;

    private readonly Dictionary<long, JsonObject> _nodes = [];
    private readonly Dictionary<long, JsonObject> _parents = [];
    private readonly JsonObject _root;

    private SnapshotAt(JsonObject root)
    {
        _root = root;
        Index(root, parent: null);
    }

    /// <summary>
    /// The full snapshot event <paramref name="snapshot"/> with <paramref name="changes"/> applied,
    /// stamped <paramref name="at"/>, followed by the style, viewport and scroll events to replay at
    /// that moment. What cannot be applied (a node rrweb no longer knew) is left out, as rrweb's own
    /// replayer does.
    /// </summary>
    public static List<JsonObject> Build(JsonObject snapshot, IEnumerable<JsonObject> changes, long at)
    {
        var full = (JsonObject)snapshot.DeepClone();
        full["timestamp"] = at;
        if (full["data"]?["node"] is not JsonObject root)
        {
            return [full];
        }

        var state = new SnapshotAt(root);
        var kept = new List<JsonObject>();
        var scrolls = new Dictionary<long, JsonObject>();
        JsonObject? viewport = null;
        foreach (var change in changes)
        {
            if (TypeOf(change) != IncrementalSnapshot || change["data"] is not JsonObject data)
            {
                continue;
            }

            switch (Number(data["source"]))
            {
                case Mutation:
                    state.Apply(data);
                    break;
                case InputSource:
                    state.ApplyInput(data);
                    break;
                case Scroll when Number(data["id"]) is { } id:
                    scrolls[id] = change;
                    break;
                case ViewportResize:
                    viewport = change;
                    break;
                case StyleSheetRule or StyleDeclaration or AdoptedStyleSheet:
                    kept.Add(change);
                    break;
            }
        }

        if (full["data"] is JsonObject fullData && Number(root["id"]) is { } documentId && scrolls.Remove(documentId, out var pageScroll)
            && pageScroll["data"] is JsonObject scrolled)
        {
            fullData["initialOffset"] = new JsonObject { ["top"] = scrolled["y"]?.DeepClone(), ["left"] = scrolled["x"]?.DeepClone() };
        }

        IEnumerable<JsonObject> after = [.. kept, .. viewport is null ? [] : new[] { viewport }, .. scrolls.Values.Where(s => state.Knows(s))];
        return [full, .. after.Select(e => Restamped(e, at))];
    }

    private bool Knows(JsonObject scroll) => Number(scroll["data"]?["id"]) is { } id && _nodes.ContainsKey(id);

    private void Apply(JsonObject mutation)
    {
        foreach (var removed in Items(mutation["removes"]))
        {
            if (Number(removed["id"]) is { } id && _nodes.TryGetValue(id, out var node))
            {
                if (_parents.TryGetValue(id, out var parent) && parent["childNodes"] is JsonArray siblings)
                {
                    siblings.Remove(node);
                }

                Forget(node);
            }
        }

        // Adds may name a parent or a next sibling that comes later in the same list; rrweb's
        // replayer queues those, and so does this.
        var pending = Items(mutation["adds"]).ToList();
        var progress = true;
        while (pending.Count > 0 && progress)
        {
            progress = false;
            for (var i = 0; i < pending.Count; i++)
            {
                if (TryAdd(pending[i]))
                {
                    pending.RemoveAt(i--);
                    progress = true;
                }
            }
        }

        foreach (var text in Items(mutation["texts"]))
        {
            if (Number(text["id"]) is { } id && _nodes.TryGetValue(id, out var node))
            {
                node["textContent"] = text["value"]?.DeepClone();
            }
        }

        foreach (var change in Items(mutation["attributes"]))
        {
            if (Number(change["id"]) is not { } id || !_nodes.TryGetValue(id, out var element) || change["attributes"] is not JsonObject attributes)
            {
                continue;
            }

            var target = element["attributes"] as JsonObject ?? [];
            element["attributes"] = target;
            foreach (var (name, value) in attributes)
            {
                switch (value)
                {
                    case null:
                        target.Remove(name);
                        break;
                    case JsonObject styleChanges:
                        target[name] = Style(target[name]?.GetValue<string>() ?? string.Empty, styleChanges);
                        break;
                    default:
                        target[name] = value.DeepClone();
                        break;
                }
            }
        }
    }

    private bool TryAdd(JsonObject add)
    {
        if (Number(add["parentId"]) is not { } parentId || !_nodes.TryGetValue(parentId, out var parent) || add["node"] is not JsonObject added)
        {
            return false;
        }

        var children = parent["childNodes"] as JsonArray ?? [];
        parent["childNodes"] = children;
        var node = (JsonObject)added.DeepClone();
        if (Number(add["nextId"]) is { } nextId)
        {
            if (!_nodes.TryGetValue(nextId, out var next) || !_parents.TryGetValue(nextId, out var nextParent) || nextParent != parent)
            {
                return false;
            }

            children.Insert(children.IndexOf(next), node);
        }
        else
        {
            children.Add(node);
        }

        Index(node, parent);
        return true;
    }

    private void ApplyInput(JsonObject input)
    {
        if (Number(input["id"]) is not { } id || !_nodes.TryGetValue(id, out var field))
        {
            return;
        }

        var attributes = field["attributes"] as JsonObject ?? [];
        field["attributes"] = attributes;
        var type = attributes["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? attributes["type"]!.GetValue<string>() : string.Empty;
        if (type is "checkbox" or "radio")
        {
            attributes["checked"] = input["isChecked"]?.DeepClone();
        }
        else
        {
            attributes["value"] = input["text"]?.DeepClone();
        }
    }

    private void Index(JsonObject node, JsonObject? parent)
    {
        if (Number(node["id"]) is { } id)
        {
            _nodes[id] = node;
            if (parent is not null)
            {
                _parents[id] = parent;
            }
        }

        foreach (var child in Items(node["childNodes"]))
        {
            Index(child, node);
        }
    }

    private void Forget(JsonObject node)
    {
        if (Number(node["id"]) is { } id)
        {
            _nodes.Remove(id);
            _parents.Remove(id);
        }

        foreach (var child in Items(node["childNodes"]))
        {
            Forget(child);
        }
    }

    /// <summary>rrweb sends a style attribute's change as properties: a value, [value, priority], or false for removed.</summary>
    private static string Style(string current, JsonObject changes)
    {
        var declarations = new List<(string Property, string Value)>();
        foreach (var part in current.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                declarations.Add((part[..colon].Trim(), part[(colon + 1)..].Trim()));
            }
        }

        foreach (var (property, change) in changes)
        {
            declarations.RemoveAll(d => d.Property == property);
            var value = change switch
            {
                JsonArray { Count: > 0 } pair => pair[0]?.ToString() + (pair.Count > 1 && pair[1]?.ToString() is { Length: > 0 } priority ? " !" + priority : string.Empty),
                JsonValue plain when plain.GetValueKind() == System.Text.Json.JsonValueKind.String => plain.GetValue<string>(),
                _ => null,
            };
            if (value is not null)
            {
                declarations.Add((property, value));
            }
        }

        return string.Concat(declarations.Select(d => $"{d.Property}: {d.Value}; "));
    }

    private static JsonObject Restamped(JsonObject change, long at)
    {
        var copy = (JsonObject)change.DeepClone();
        copy["timestamp"] = at;
        return copy;
    }

    private static IEnumerable<JsonObject> Items(JsonNode? list) => list is JsonArray array ? array.OfType<JsonObject>() : [];

    private static int TypeOf(JsonObject e) => (int)(Number(e["type"]) ?? -1);

    private static long? Number(JsonNode? value) =>
        value is not JsonValue number || number.GetValueKind() != System.Text.Json.JsonValueKind.Number ? null
        : number.TryGetValue<long>(out var whole) ? whole
        : number.TryGetValue<int>(out var small) ? small
        : number.TryGetValue<double>(out var real) ? (long)real
        : null;
}
