using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using UsabilityLab.Browser;
using UsabilityLab.Core;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scripts;
using UsabilityLab.DemoSites;
using static UsabilityLab.Cli.BenchFormat;

namespace UsabilityLab.Cli;

/// <summary>
/// <c>usabilitylab bench --only parallel</c>: the demo vendors' audits (all checks, no report),
/// the same batch at 1, 2 and 4 at a time on one Chromium, with audits per minute for each, the
/// ratio to one at a time, and whether every audit found exactly what it found one at a time.
/// </summary>
internal static class ParallelBench
{
    private static readonly int[] _levels = [1, 2, 4];

    public static async Task RunAsync(IAnsiConsole console, string? browser, int auditsPerVendor, CancellationToken cancellationToken)
    {
        var script = TaskScriptParser.Load(DemoServer.TaskScriptPath);
        var checklist = ChecklistParser.Load(LabPaths.DefaultChecklist());
        await using var server = await DemoServer.StartAsync(cancellationToken: cancellationToken);
        await using var host = await BrowserHost.StartAsync(new BrowserOptions { ExecutablePath = browser }, cancellationToken);
        var requests = Enumerable.Range(0, auditsPerVendor)
            .SelectMany(_ => server.Solutions)
            .Select(s => new AuditRequest(script, string.Empty, checklist, s.Vendor.VendorName, s.Vendor.SolutionName, s.BaseUrl, TestData.For(script)))
            .ToList();
        var evidence = Directory.CreateTempSubdirectory("usabilitylab-bench-parallel-");
        try
        {
            var runner = new AuditRunner(host, new AxeRunner(), new FileEvidenceStore(evidence.FullName));
            var table = new Table().Title($"Demoleverandørernes gennemgange, {requests.Count} i alt, alle kontroller ({Environment.ProcessorCount} kerner)")
                .AddColumns("--parallel", "Tid i alt", "Gennemgange pr. minut", "Forhold til én ad gangen", "Samme fund som én ad gangen");
            Dictionary<string, string>? alone = null;
            double? baseline = null;
            var figures = new List<string>();
            var allSame = true;
            foreach (var level in _levels)
            {
                var results = new Audit[requests.Count];
                var watch = Stopwatch.StartNew();
                await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), new ParallelOptions { MaxDegreeOfParallelism = level, CancellationToken = cancellationToken },
                    async (i, token) => results[i] = await runner.RunAsync(requests[i], cancellationToken: token));
                var minutes = watch.Elapsed.TotalMinutes;
                var perMinute = requests.Count / minutes;
                baseline ??= perMinute;
                var found = Found(results);
                alone ??= found;
                var same = found.Count == alone.Count && found.All(f => alone.TryGetValue(f.Key, out var one) && one == f.Value);
                allSame &= same;
                table.AddRow(level.ToString(CultureInfo.InvariantCulture), $"{Ms(watch.Elapsed.TotalSeconds)} s", Ms(perMinute), Speedup(perMinute, baseline.Value), same ? "[green]ja[/]" : "[red]nej[/]");
                figures.Add(string.Create(CultureInfo.InvariantCulture, $"parallel_{level}_audits_per_min={perMinute:0.0}"));
            }

            console.Write(table);
            console.WriteLine($"bench: {string.Join(' ', figures)} same_findings={allSame}");
        }
        finally
        {
            evidence.Delete(recursive: true);
        }
    }

    /// <summary>Per vendor, what its audits found: the verdict and the findings' fingerprints, as one comparable line (every audit of a vendor must agree).</summary>
    private static Dictionary<string, string> Found(IEnumerable<Audit> audits) =>
        audits.GroupBy(a => a.Solution.Vendor.Name)
            .ToDictionary(g => g.Key, g => string.Join(" | ", g.Select(a => $"{a.TaskCompleted} {a.FailedStepIndex} {a.KeyboardCompleted} "
                + string.Join(" ", a.Findings.Select(f => f.Fingerprint).Order(StringComparer.Ordinal))).Distinct()));

    private static string Speedup(double value, double baseline) => (value / baseline).ToString("0.0", DanishText.Culture) + "×";
}
