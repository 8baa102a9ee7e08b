using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace UsabilityLab.Core.Yaml;

/// <summary>
/// How deep a YAML document may nest and how many nodes it may stand for once its aliases are
/// expanded. Checked on the parser's events, which YamlDotNet makes without recursion, before the
/// node model (which recurses) is built. A task script nests about eight levels and has a few
/// hundred nodes.
/// </summary>
public static class YamlLimits
{
    /// <summary>Deepest nesting of lists and mappings.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most nodes the document may stand for, every alias counted as what it repeats.</summary>
    public const int MaxExpandedNodes = 100_000;

    /// <summary>Throws <see cref="InputException"/> at the place a limit is passed; YAML syntax errors are left to the parser proper.</summary>
    public static void Check(string file, string text)
    {
        var parser = new Parser(new StringReader(text));
        var open = new Stack<(string? Anchor, long Nodes)>();
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        long expanded = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current;
            long nodes;
            switch (current)
            {
                case MappingStart or SequenceStart:
                    open.Push((AnchorOf((NodeEvent)current!), 0));
                    if (open.Count > MaxDepth)
                    {
                        throw new InputException(At(file, current!), string.Create(CultureInfo.InvariantCulture,
                            $"lister og mappings ligger mere end {MaxDepth} niveauer inde i hinanden; en opgave ligger højst nogle få niveauer dybt. Er det den rigtige fil?"));
                    }

                    continue;
                case MappingEnd or SequenceEnd:
                    var (anchor, children) = open.Pop();
                    nodes = children + 1;
                    Remember(anchor, nodes, anchors);
                    break;
                case Scalar scalar:
                    nodes = 1;
                    Remember(AnchorOf(scalar), nodes, anchors);
                    break;
                case AnchorAlias alias:
                    nodes = anchors.TryGetValue(alias.Value.Value, out var repeated) ? repeated : 1;
                    break;
                default:
                    continue;
            }

            expanded += current is MappingEnd or SequenceEnd ? 1 : nodes;
            if (expanded > MaxExpandedNodes)
            {
                var limit = MaxExpandedNodes.ToString("N0", CultureInfo.InvariantCulture).Replace(',', '.');
                throw new InputException(At(file, current!),
                    $"dokumentet står for mere end {limit} værdier, når dets aliaser (*navn) foldes ud. Skriv værdierne ud, eller brug færre aliaser.");
            }

            if (open.Count > 0)
            {
                var (parentAnchor, parentNodes) = open.Pop();
                open.Push((parentAnchor, parentNodes + nodes));
            }
        }
    }

    private static string? AnchorOf(NodeEvent node) => node.Anchor.IsEmpty ? null : node.Anchor.Value;

    private static void Remember(string? anchor, long nodes, Dictionary<string, long> anchors)
    {
        if (anchor is not null)
        {
            anchors[anchor] = nodes;
        }
    }

    private static SourcePosition At(string file, ParsingEvent parsed) =>
        new(file, (int)Math.Max(1, parsed.Start.Line), (int)Math.Max(1, parsed.Start.Column));
}
