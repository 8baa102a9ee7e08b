using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace UsabilityLab.Core.Yaml;

/// <summary>
/// Reads one YAML file into YamlDotNet's node model and walks it with positions, collecting
/// errors instead of stopping at the first, so messages point at <c>file:line:column</c>.
/// </summary>
/// <remarks>
/// The node model (not the object deserializer) is used on purpose: it keeps the start mark of
/// every node, which is what a reviewer needs to find a mistake in a hand-written file.
/// </remarks>
public sealed class YamlDocumentReader
{
    /// <summary>Files larger than this are refused before parsing: a task script is a few kB.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    private readonly List<InputError> _errors = [];

    private YamlDocumentReader(string file, YamlNode? root)
    {
        File = file;
        Root = root;
    }

    public string File { get; }

    public YamlNode? Root { get; }

    public IReadOnlyList<InputError> Errors => _errors;

    /// <summary>Loads a file; a file that cannot be read as one UTF-8 YAML document throws <see cref="InputException"/>.</summary>
    public static YamlDocumentReader Load(string path)
    {
        var display = Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(path));
        if (display.StartsWith("..", StringComparison.Ordinal))
        {
            display = path;
        }

        var start = new SourcePosition(display, 1, 1);
        if (!System.IO.File.Exists(path))
        {
            throw new InputException(start, "filen findes ikke. Tjek stien.");
        }

        var info = new FileInfo(path);
        if (info.Length > MaxFileBytes)
        {
            throw new InputException(start, string.Create(CultureInfo.InvariantCulture,
                $"filen fylder {info.Length / 1024} kB; højst {MaxFileBytes / 1024} kB er tilladt. Er det den rigtige fil?"));
        }

        byte[] bytes = System.IO.File.ReadAllBytes(path);
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InputException(start, "filen er ikke gyldig UTF-8 tekst. Gem den som UTF-8.");
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new InputException(start, "filen indeholder binære data, ikke YAML-tekst.");
        }

        return Parse(display, text);
    }

    /// <summary>
    /// Parses YAML text; <paramref name="file"/> is only used in messages. Text from the web is
    /// held to the same limits as a file: its size, how deep it nests and how much its aliases
    /// expand to are checked on YamlDotNet's event stream before any node is built, so 50,000
    /// nested '[' or a billion laughs are one error message, not a stack overflow or a stalled
    /// process.
    /// </summary>
    public static YamlDocumentReader Parse(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Encoding.UTF8.GetByteCount(text) > MaxFileBytes)
        {
            throw new InputException(new SourcePosition(file, 1, 1), string.Create(CultureInfo.InvariantCulture,
                $"teksten fylder {Encoding.UTF8.GetByteCount(text) / 1024} kB; højst {MaxFileBytes / 1024} kB er tilladt. Er det den rigtige fil?"));
        }

        var stream = new YamlStream();
        try
        {
            YamlLimits.Check(file, text.TrimStart('\uFEFF'));
            stream.Load(new StringReader(text.TrimStart('\uFEFF')));
        }
        catch (YamlException ex)
        {
            var position = new SourcePosition(file, (int)Math.Max(1, ex.Start.Line), (int)Math.Max(1, ex.Start.Column));
            var reason = ex.InnerException?.Message ?? ex.Message;
            if (reason.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstTabIndent(text) is { } tabLine)
            {
                // YamlDotNet reports a tab in the indentation at the start of the enclosing block.
                throw new InputException(new SourcePosition(file, tabLine, 1), "linjen er rykket ind med tabulator; YAML kræver mellemrum. Erstat tabulatorerne med mellemrum.");
            }

            throw new InputException(position, $"ugyldig YAML: {YamlSyntaxMessages.Danish(StripMark(reason))}");
        }

        if (stream.Documents.Count == 0)
        {
            throw new InputException(new SourcePosition(file, 1, 1), "filen er tom. Den skal indeholde et YAML-dokument.");
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            throw new InputException(At(file, second), "filen indeholder flere YAML-dokumenter (---); der må kun være ét.");
        }

        return new YamlDocumentReader(file, stream.Documents[0].RootNode);
    }

    public SourcePosition PositionOf(YamlNode node) => At(File, node);

    public void Error(YamlNode node, string message) => _errors.Add(new InputError(PositionOf(node), message));

    public void Error(SourcePosition position, string message) => _errors.Add(new InputError(position, message));

    /// <summary>Throws all collected errors, if any.</summary>
    public void ThrowIfErrors()
    {
        if (_errors.Count > 0)
        {
            throw new InputException([.. _errors.OrderBy(e => e.Position.Line).ThenBy(e => e.Position.Column)]);
        }
    }

    /// <summary>Returns the node as a mapping, or records an error naming what was expected.</summary>
    public YamlMappingNode? AsMapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Error(node, $"{what} skal være en mapping (nøgle: værdi), ikke {Describe(node)}.");
        return null;
    }

    public YamlSequenceNode? AsSequence(YamlNode node, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }

        Error(node, $"{what} skal være en liste (linjer der starter med '- '), ikke {Describe(node)}.");
        return null;
    }

    public string? AsString(YamlNode node, string what)
    {
        if (node is YamlScalarNode scalar && scalar.Value is not null)
        {
            if (scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "~" or "null" or "")
            {
                Error(node, $"{what} mangler en værdi.");
                return null;
            }

            return scalar.Value;
        }

        Error(node, $"{what} skal være en tekst, ikke {Describe(node)}.");
        return null;
    }

    public bool? AsBool(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } value })
        {
            switch (value.ToLowerInvariant())
            {
                case "true" or "yes" or "ja":
                    return true;
                case "false" or "no" or "nej":
                    return false;
            }
        }

        Error(node, $"{what} skal være true eller false, ikke {Describe(node)}.");
        return null;
    }

    public int? AsInt(YamlNode node, string what, int min, int max)
    {
        if (node is YamlScalarNode { Value: { } value }
            && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            if (number >= min && number <= max)
            {
                return number;
            }

            Error(node, string.Create(CultureInfo.InvariantCulture, $"{what} skal ligge mellem {min} og {max}, ikke {number}."));
            return null;
        }

        Error(node, $"{what} skal være et helt tal, ikke {Describe(node)}.");
        return null;
    }

    /// <summary>A list of strings: either a YAML list of scalars, or a single scalar.</summary>
    public IReadOnlyList<string> AsStringList(YamlNode node, string what)
    {
        if (node is YamlScalarNode)
        {
            return AsString(node, what) is { } single ? [single] : [];
        }

        var sequence = AsSequence(node, what);
        if (sequence is null)
        {
            return [];
        }

        var values = new List<string>();
        foreach (var item in sequence.Children)
        {
            if (AsString(item, $"et element i {what}") is { } value)
            {
                values.Add(value);
            }
        }

        return values;
    }

    /// <summary>
    /// Reads the keys of a mapping, reporting unknown and duplicate keys with a hint about the
    /// allowed ones, and returns them by name.
    /// </summary>
    public Dictionary<string, (YamlNode Key, YamlNode Value)> Fields(YamlMappingNode mapping, string what, IReadOnlyCollection<string> allowed)
    {
        var fields = new Dictionary<string, (YamlNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                Error(keyNode, $"nøglerne i {what} skal være tekst.");
                continue;
            }

            if (!allowed.Contains(key))
            {
                var suggestion = Suggest(key, allowed);
                Error(keyNode, $"ukendt felt '{key}' i {what}." + (suggestion is null
                    ? $" Tilladte felter: {string.Join(", ", allowed)}."
                    : $" Mente du '{suggestion}'?"));
                continue;
            }

            if (!fields.TryAdd(key, (keyNode, valueNode)))
            {
                Error(keyNode, $"feltet '{key}' står to gange i {what}.");
            }
        }

        return fields;
    }

    /// <summary>Reads a required field, recording "missing" at the mapping's start when it is absent.</summary>
    public YamlNode? Required(Dictionary<string, (YamlNode Key, YamlNode Value)> fields, YamlMappingNode owner, string name, string what)
    {
        if (fields.TryGetValue(name, out var field))
        {
            return field.Value;
        }

        Error(owner, $"{what} mangler det påkrævede felt '{name}'.");
        return null;
    }

    /// <summary>Closest allowed name by edit distance, when it is close enough to be a typo.</summary>
    public static string? Suggest(string given, IEnumerable<string> allowed)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in allowed)
        {
            var distance = EditDistance(given.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= Math.Max(1, given.Length / 3) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static SourcePosition At(string file, YamlNode node) =>
        new(file, (int)Math.Max(1, node.Start.Line), (int)Math.Max(1, node.Start.Column));

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "en mapping",
        YamlSequenceNode => "en liste",
        YamlScalarNode { Value: null or "" or "~" or "null" } => "en tom værdi",
        YamlScalarNode scalar => $"'{Shorten(scalar.Value!)}'",
        _ => "noget andet",
    };

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "...";

    /// <summary>1-based number of the first line whose indentation contains a tab, or null.</summary>
    private static int? FirstTabIndent(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            if (lines[i].AsSpan(0, indent).Contains('\t'))
            {
                return i + 1;
            }
        }

        return null;
    }

    private static string StripMark(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 40) - (...)"; the position is already in front.
        var index = message.LastIndexOf("): ", StringComparison.Ordinal);
        return index >= 0 ? message[(index + 3)..] : message;
    }
}
