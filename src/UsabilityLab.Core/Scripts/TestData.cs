using System.Text.RegularExpressions;

namespace UsabilityLab.Core.Scripts;

/// <summary>
/// The test data of one run: the script's defaults under <c>data:</c> with the values the
/// reviewer overrode at run time (<c>--set name=value</c>).
/// </summary>
public sealed partial class TestData
{
    private readonly Dictionary<string, string> _values;

    private TestData(Dictionary<string, string> values) => _values = values;

    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>
    /// Merges overrides into the script's defaults. An override for a name the script does not
    /// define is an input error, since it is almost always a typo.
    /// </summary>
    public static TestData For(TaskScript script, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var values = new Dictionary<string, string>(script.Data, StringComparer.Ordinal);
        foreach (var (name, value) in overrides ?? new Dictionary<string, string>())
        {
            if (!values.ContainsKey(name))
            {
                var known = values.Count == 0 ? "opgaven har ingen data" : "kendte navne: " + string.Join(", ", values.Keys);
                throw new InputException(new SourcePosition(script.SourceFile, 1, 1), $"--set {name}=...: '{name}' findes ikke under data: ({known}).");
            }

            values[name] = value;
        }

        return new TestData(values);
    }

    /// <summary>Replaces every <c>${name}</c> with its value; the parser has checked that each exists.</summary>
    public string Resolve(string text) =>
        ReferencePattern().Replace(text, m => _values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    [GeneratedRegex(@"\$\{([A-Za-z0-9_-]+)\}")]
    internal static partial Regex ReferencePattern();
}
