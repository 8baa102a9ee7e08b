using System.Diagnostics;
using System.Globalization;
using UsabilityLab.Core;

namespace UsabilityLab.Cli;

/// <summary>Timings by name, for medians; the benchmarks interleave their samples so drift hits all alike.</summary>
internal sealed class BenchSamples
{
    private readonly Dictionary<string, List<double>> _byName = new(StringComparer.Ordinal);

    public async Task TimeAsync(string name, Func<Task> measured)
    {
        var watch = Stopwatch.StartNew();
        await measured();
        Add(name, watch.Elapsed.TotalMilliseconds);
    }

    public void Add(string name, double milliseconds)
    {
        if (!_byName.TryGetValue(name, out var list))
        {
            _byName[name] = list = [];
        }

        list.Add(milliseconds);
    }

    public double Median(string name)
    {
        var sorted = _byName[name].Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

/// <summary>How the benchmarks print figures: Danish decimals, ratios as "3,2×".</summary>
internal static class BenchFormat
{
    private static readonly CultureInfo _danish = DanishText.Culture;

    public static string Ms(double value) => value.ToString("0.0", _danish);

    public static string Ratio(double baseline, double value) => (baseline / value).ToString("0.0", _danish) + "×";
}
