using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Spectre.Console;
using UsabilityLab.Browser;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scripts;
using UsabilityLab.DemoSites;

namespace UsabilityLab.Cli.Commands;

/// <summary>
/// <c>usabilitylab bench</c>: prints, from one run on the same demo page, the stock
/// <c>page.RunAxe()</c> time, this project's axe time per step and per call, their ratios, whether
/// both found the same violations, and the wall time of the whole demo audit.
/// </summary>
internal static class BenchCommand
{
    private static readonly CultureInfo _invariant = CultureInfo.InvariantCulture;

    public static Command Create(IAnsiConsole console)
    {
        var common = new CommonOptions();
        var runs = new Option<int>("--runs")
        {
            Description = "Målinger af hver slags (efter én opvarmning).",
            DefaultValueFactory = _ => 7,
        };
        var command = new Command("bench", "Mål axe-core: Deques RunAxe() mod UsabilityLabs hurtige vej på samme side, og hele demogennemgangens tid.");
        command.Options.Add(runs);
        command.Options.Add(common.Browser);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = Math.Clamp(parse.GetValue(runs), 1, 100);
            await using var server = await DemoServer.StartAsync(cancellationToken: cancellationToken);
            await using var host = await BrowserHost.StartAsync(new BrowserOptions { ExecutablePath = parse.GetValue(common.Browser) }, cancellationToken);
            console.MarkupLine($"Chromium {Markup.Escape(host.Version)}, {count} målinger af hver, {Environment.ProcessorCount} kerner");

            var flawed = server.Solutions.First(s => s.Vendor.Flawed);
            var url = AuditRunner.JoinUrl(flawed.BaseUrl, "/flytning/");
            await using var context = await host.NewContextAsync();
            var page = await context.NewPageAsync();
            await page.GotoAsync(url);
            var options = AxeRunner.DefaultOptions();
            var fast = new AxeRunner();

            // One warm-up each, so JIT and the browser's caches are the same for both.
            var stockResult = await page.RunAxe(options);
            var fastResult = await fast.RunAsync(page, options, cancellationToken);

            var stock = await TimeAsync(count, () => page.RunAxe(options));
            var perStep = await TimeAsync(count, () => fast.RunAsync(page, options, cancellationToken), () => page.ReloadAsync());
            var perCall = await TimeAsync(count, () => fast.RunAsync(page, options, cancellationToken));

            var same = Signature(stockResult).SequenceEqual(Signature(fastResult));
            var table = new Table().AddColumns("Måling", "Median ms", "Middel ms", "Forhold til RunAxe()");
            table.AddRow("Deque RunAxe() (stock)", Ms(stock.Median), Ms(stock.Mean), "1,0×");
            table.AddRow("UsabilityLab pr. trin (nyt dokument: indsæt + axe.run)", Ms(perStep.Median), Ms(perStep.Mean), Ratio(stock.Median, perStep.Median));
            table.AddRow("UsabilityLab pr. kald (allerede indsat: axe.run)", Ms(perCall.Median), Ms(perCall.Mean), Ratio(stock.Median, perCall.Median));
            console.Write(table);
            console.MarkupLine($"Samme overtrædelser: {(same ? "[green]ja[/]" : "[red]nej[/]")} ({stockResult.Violations.Length} regler, {stockResult.Violations.Sum(v => v.Nodes.Length)} elementer)");

            var wall = await DemoAuditAsync(host, server, cancellationToken);
            console.MarkupLine($"Hele demogennemgangen (2 leverandører × 5 trin, med skærmbilleder, uden rapport): {Ms(wall)} ms");

            // Plain figures for scripts and notes.
            console.WriteLine(string.Create(_invariant,
                $"bench: stock_runaxe_ms={stock.Median:0.0} fast_per_step_ms={perStep.Median:0.0} fast_per_call_ms={perCall.Median:0.0} " +
                $"ratio_per_step={stock.Median / perStep.Median:0.0} ratio_per_call={stock.Median / perCall.Median:0.0} same_violations={same} demo_audit_ms={wall:0}"));
            return same ? ExitCodes.Done : ExitCodes.CouldNotRun;
        });
        return command;
    }

    private static async Task<double> DemoAuditAsync(BrowserHost host, DemoServer server, CancellationToken cancellationToken)
    {
        var script = TaskScriptParser.Load(DemoServer.TaskScriptPath);
        var checklist = ChecklistParser.Load(LabPaths.DefaultChecklist());
        var evidenceFolder = Directory.CreateTempSubdirectory("usabilitylab-bench-");
        try
        {
            var runner = new AuditRunner(host, new AxeRunner(), new FileEvidenceStore(evidenceFolder.FullName));
            var watch = Stopwatch.StartNew();
            foreach (var solution in server.Solutions)
            {
                var request = new AuditRequest(script, string.Empty, checklist, solution.Vendor.VendorName, solution.Vendor.SolutionName, solution.BaseUrl, TestData.For(script));
                await runner.RunAsync(request, cancellationToken: cancellationToken);
            }

            return watch.Elapsed.TotalMilliseconds;
        }
        finally
        {
            evidenceFolder.Delete(recursive: true);
        }
    }

    private static async Task<(double Median, double Mean)> TimeAsync(int count, Func<Task> measured, Func<Task>? before = null)
    {
        var samples = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            if (before is not null)
            {
                await before();
            }

            var watch = Stopwatch.StartNew();
            await measured();
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        var median = samples.Count % 2 == 1 ? samples[samples.Count / 2] : (samples[(samples.Count / 2) - 1] + samples[samples.Count / 2]) / 2;
        return (median, samples.Average());
    }

    /// <summary>Rule id and element selectors of every violation, sorted, to compare two runs.</summary>
    private static List<string> Signature(AxeResult result) =>
        result.Violations
            .SelectMany(v => v.Nodes.Select(n => $"{v.Id} {n.Target}"))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Ms(double value) => value.ToString("0.0", CultureInfo.GetCultureInfo("da-DK"));

    private static string Ratio(double baseline, double value) =>
        (baseline / value).ToString("0.0", CultureInfo.GetCultureInfo("da-DK")) + "×";
}
