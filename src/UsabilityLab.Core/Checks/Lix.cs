using System.Text.RegularExpressions;

namespace UsabilityLab.Core.Checks;

/// <summary>One sentence with its own difficulty, for quoting the hardest ones.</summary>
public sealed record LixSentence(string Text, int Words, int LongWords)
{
    /// <summary>The sentence's contribution as if it stood alone: its length plus its share of long words.</summary>
    public double Difficulty => Words + (Words == 0 ? 0 : 100.0 * LongWords / Words);
}

/// <summary>LIX of a text: words per sentence + 100 × long words per word.</summary>
public sealed record LixResult(double Value, int Words, int Sentences, int LongWords, IReadOnlyList<LixSentence> SentenceList)
{
    /// <summary>Danish band of a LIX value (under 25 very easy ... 55+ very hard).</summary>
    public string Band => Value switch
    {
        < 25 => "meget let",
        < 35 => "let",
        < 45 => "middel",
        < 55 => "svær",
        _ => "meget svær",
    };

    public IEnumerable<LixSentence> Hardest(int count) =>
        SentenceList.OrderByDescending(s => s.Difficulty).Take(count);
}

/// <summary>
/// Björnsson's readability index as the review unit uses it: LIX = words/sentences +
/// 100 × long words/words, a long word having more than six letters.
/// </summary>
/// <remarks>
/// Each text block (paragraph, heading, list item, label) ends a sentence; inside a block a
/// sentence ends at ". ! ? :" followed by a space and not after a common Danish abbreviation
/// ("jf.", "stk.", "fx") or inside a number.
/// </remarks>
public static partial class Lix
{
    private static readonly HashSet<string> _abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "jf", "stk", "nr", "fx", "kr", "f.eks", "bl.a", "dvs", "mv", "osv", "ca", "evt", "inkl", "ekskl", "pkt", "kl", "tlf", "mht", "iht", "vedr", "pga", "hhv", "dr", "st", "th", "tv", "mf",
    };

    public static LixResult Compute(IEnumerable<string> blocks)
    {
        var sentences = new List<LixSentence>();
        foreach (var block in blocks)
        {
            foreach (var sentence in SplitSentences(block))
            {
                var words = WordPattern().Matches(sentence).Select(m => m.Value).ToList();
                if (words.Count == 0)
                {
                    continue;
                }

                sentences.Add(new LixSentence(sentence, words.Count, words.Count(IsLong)));
            }
        }

        var wordCount = sentences.Sum(s => s.Words);
        var longCount = sentences.Sum(s => s.LongWords);
        var value = wordCount == 0 ? 0 : ((double)wordCount / sentences.Count) + (100.0 * longCount / wordCount);
        return new LixResult(value, wordCount, sentences.Count, longCount, sentences);
    }

    public static LixResult Compute(string text) => Compute(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>More than six letters; digits and hyphens do not count as letters.</summary>
    private static bool IsLong(string word) => word.Count(char.IsLetter) > 6;

    private static IEnumerable<string> SplitSentences(string block)
    {
        var text = WhitespacePattern().Replace(block, " ").Trim();
        var start = 0;
        foreach (Match end in SentenceEndPattern().Matches(text))
        {
            var candidate = text[start..(end.Index + 1)];
            var lastWord = LastWordPattern().Match(candidate);
            if (end.Value[0] == '.' && lastWord.Success && _abbreviations.Contains(lastWord.Groups[1].Value))
            {
                continue;
            }

            yield return candidate.Trim();
            start = end.Index + end.Length;
        }

        if (start < text.Length)
        {
            yield return text[start..].Trim();
        }
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();

    // A terminator followed by white space; "3.5" or "stk.1" do not end a sentence.
    [GeneratedRegex(@"[.!?:](?=\s|$)")]
    private static partial Regex SentenceEndPattern();

    [GeneratedRegex(@"([\p{L}.]+)\.$")]
    private static partial Regex LastWordPattern();
}
