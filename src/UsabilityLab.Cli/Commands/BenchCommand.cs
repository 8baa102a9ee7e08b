using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Spectre.Console;
using static UsabilityLab.Cli.BenchFormat;
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
            DefaultValueFactory = _ => 15,
        };
        var only = new Option<string?>("--only")
        {
            Description = "Kun én del: axe (axe-core og demogennemgangen), findings (fund på flows bygget med DKFDS og GOV.UK Frontend: falske fund og fundne plantede fejl), web (workbenchens sider med stor historik), sessions (optagelse af guidede sessioner: størrelse og pris pr. side), act (W3C's ACT-testsuite: konsistente regler side om side med de offentliggjorte værktøjer) parallel (demogennemgangene 1, 2 og 4 ad gangen: gennemgange pr. minut og samme fund), workers (demogennemgangene med SQLite i én proces mod 1 og 2 workere på PostgreSQL; kun med --only workers) eller scan (ACT-testsider scannet af UsabilityLab og af pa11y-ci, som benchmarket installerer med npm; kun med --only scan).",
            HelpName = "axe|findings|web|sessions|act|parallel|workers|scan",
        };
        only.AcceptOnlyFromAmong("axe", "findings", "web", "sessions", "act", "parallel", "workers", "scan");
        var postgres = new Option<string?>("--db")
        {
            Description = $"Workers: PostgreSQL-serveren, benchmarket laver en midlertidig database på (fx \"Host=127.0.0.1;Username=lab\"). Ellers {WorkersBench.ServerVariable}, som ./lab sætter.",
            HelpName = "forbindelse",
        };
        var scanPages = new Option<int>("--pages") { Description = "Scan: ACT-testsider, der scannes (mindst 300 for målet).", DefaultValueFactory = _ => 320 };
        var scanParallel = ParallelOption.Create();
        scanParallel.Description = "Scan: sider ad gangen i UsabilityLab.";
        var pa11yConcurrency = new Option<int[]>("--pa11y-concurrency")
        {
            Description = "Scan: pa11y-ci's concurrency; hver værdi måles, og den bedste sammenlignes. Kan gentages; 0 måler kun UsabilityLab.",
            DefaultValueFactory = _ => [4, 8],
            AllowMultipleArgumentsPerToken = false,
        };
        var sessionMinutes = new Option<double>("--session-minutes")
        {
            Description = "Sessions: minutter, der optages i en persons tempo (målet er under 5 MB for 5 minutter).",
            DefaultValueFactory = _ => 5,
        };
        var solutionCount = new Option<int>("--solutions") { Description = "Web: løsninger i historikken.", DefaultValueFactory = _ => 200 };
        var auditCount = new Option<int>("--audits") { Description = "Web: gennemgange pr. løsning.", DefaultValueFactory = _ => 20 };
        var findingCount = new Option<int>("--findings") { Description = "Web: fund pr. gennemgang.", DefaultValueFactory = _ => 50 };
        var command = new Command("bench", "Mål axe-core (Deques RunAxe() mod UsabilityLabs hurtige vej), hele demogennemgangens tid, workbenchens sider med en stor historik, og hvad optagelsen af en guidet session fylder og koster.");
        command.Options.Add(runs);
        command.Options.Add(common.Browser);
        command.Options.Add(only);
        command.Options.Add(solutionCount);
        command.Options.Add(auditCount);
        command.Options.Add(findingCount);
        command.Options.Add(sessionMinutes);
        command.Options.Add(scanPages);
        command.Options.Add(scanParallel);
        command.Options.Add(pa11yConcurrency);
        command.Options.Add(postgres);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = Math.Clamp(parse.GetValue(runs), 1, 100);
            var part = parse.GetValue(only);
            if (part is null or "web")
            {
                // A p95 over the goal is a figure to read, not a failed run.
                await WorkbenchBench.RunAsync(
                    console,
                    Math.Clamp(parse.GetValue(solutionCount), 1, 2000),
                    Math.Clamp(parse.GetValue(auditCount), 2, 200),
                    Math.Clamp(parse.GetValue(findingCount), 1, 500),
                    Math.Max(20, count * 4),
                    cancellationToken);
            }

            if (part is null or "findings")
            {
                await DesignSystemBench.RunAsync(console, parse.GetValue(common.Browser), cancellationToken);
            }

            if (part is null or "sessions")
            {
                await SessionBench.RunAsync(console, parse.GetValue(common.Browser), Math.Clamp(parse.GetValue(sessionMinutes), 0.1, 60), count, cancellationToken);
            }

            // The scan benchmark installs pa11y-ci and scans hundreds of pages with both tools: only when asked for.
            if (part is "scan")
            {
                await ScanBench.RunAsync(console, parse.GetValue(common.Browser), Math.Clamp(parse.GetValue(scanPages), 10, 1200), parse.GetValue(scanParallel),
                    parse.GetValue(pa11yConcurrency) is { Length: > 0 } levels ? levels : [4, 8], cancellationToken);
            }

            // Three programs' worth of audits on a PostgreSQL server: only when asked for.
            if (part is "workers")
            {
                await WorkersBench.RunAsync(console, parse.GetValue(postgres), parse.GetValue(common.Browser), 6, cancellationToken);
            }

            if (part is null or "parallel")
            {
                await ParallelBench.RunAsync(console, parse.GetValue(common.Browser), 3, cancellationToken);
            }

            if (part is null or "act")
            {
                // The W3C ACT suite lies beside the repository on the review unit's machines; elsewhere the section says so.
                if (ActCommand.FindSuite() is { } suite)
                {
                    await ActCommand.RunAsync(console, suite, [], Path.Combine("reports", "act", "usabilitylab.earl.json"), parse.GetValue(common.Browser), cancellationToken);
                }
                else
                {
                    console.MarkupLine($"ACT: testsuiten findes ikke i {Markup.Escape(ActCommand.SuiteBesideRepository)}; kør [bold]usabilitylab act --suite MAPPE[/].");
                }
            }

            if (part is not (null or "axe"))
            {
                return ExitCodes.Done;
            }

            await using var server = await DemoServer.StartAsync(cancellationToken: cancellationToken);
            await using var host = await BrowserHost.StartAsync(new BrowserOptions { ExecutablePath = parse.GetValue(common.Browser) }, cancellationToken);
            console.MarkupLine($"Chromium {Markup.Escape(host.Version)}, {count} målinger af hver, {Environment.ProcessorCount} kerner");

            var flawed = server.Solutions.First(s => s.Vendor.Flawed);
            var url = SolutionUrl.Join(flawed.BaseUrl, "/flytning/");
            var options = AxeRunner.DefaultOptions();
            var fast = new AxeRunner();

            // Two contexts side by side: a plain one (Deque's stock path, and this project's fallback that
            // sends the script along once per document) and a prepared one (the audit's path: axe arrives
            // with every new document). Samples are interleaved, so drift on a shared machine hits all alike.
            await using var plainContext = await host.NewContextAsync(host.Options.EgressFor(url));
            var plain = await plainContext.NewPageAsync();
            await plain.GotoAsync(url);
            await using var preparedContext = await host.NewContextAsync(host.Options.EgressFor(url));

            // Init scripts run in order in each new document: timestamps around axe's own show what
            // evaluating it adds to every page load.
            await preparedContext.AddInitScriptAsync("window.__axeLoadStart = performance.now();");
            await fast.PrepareAsync(preparedContext);
            await preparedContext.AddInitScriptAsync("window.__axeLoadMs = performance.now() - window.__axeLoadStart;");
            var page = await preparedContext.NewPageAsync();
            await page.GotoAsync(url);

            var stockResult = await plain.RunAxe(options);
            var fastResult = await fast.RunAsync(page, options, cancellationToken);
            var samples = new BenchSamples();
            for (var i = 0; i < count; i++)
            {
                // An audit step meets a new document; both paths are timed that way, and again on the same document.
                await plain.ReloadAsync();
                await samples.TimeAsync("stock-new-document", () => plain.RunAxe(options));
                await samples.TimeAsync("stock-same-document", () => plain.RunAxe(options));
                await plain.ReloadAsync();
                await samples.TimeAsync("sent-along", () => fast.RunAsync(plain, options, cancellationToken));
                await page.ReloadAsync();
                samples.Add("axe-load", await page.EvaluateAsync<double>("() => window.__axeLoadMs"));
                await samples.TimeAsync("new-document", () => fast.RunAsync(page, options, cancellationToken));
                await samples.TimeAsync("per-call", () => fast.RunAsync(page, options, cancellationToken));
            }

            var stock = samples.Median("stock-new-document");
            var stockSame = samples.Median("stock-same-document");
            var newDocument = samples.Median("new-document");
            var perCall = samples.Median("per-call");
            var sentAlong = samples.Median("sent-along");

            // What evaluating axe in each new document adds to the page's own load counts against this project.
            var loadCost = samples.Median("axe-load");
            var perStep = newDocument + loadCost;

            var same = Signature(stockResult).SequenceEqual(Signature(fastResult));
            var table = new Table().AddColumns("Måling", "Median ms", "Forhold til RunAxe()");
            table.AddRow("Deque RunAxe() (stock) i et nyt dokument", Ms(stock), "1,0×");
            table.AddRow("Deque RunAxe() (stock) i samme dokument", Ms(stockSame), "1,0× (for pr. kald)");
            table.AddRow("UsabilityLab pr. trin: axe.run i et nyt dokument + axe-core's indlæsning i dokumentet", $"{Ms(perStep)} ({Ms(newDocument)} + {Ms(loadCost)})", Ratio(stock, perStep));
            table.AddRow("UsabilityLab pr. kald (samme dokument)", Ms(perCall), Ratio(stockSame, perCall));
            table.AddRow("Reserve: script og axe.run sendt sammen (uforberedt kontekst)", Ms(sentAlong), Ratio(stock, sentAlong));
            console.Write(table);
            console.MarkupLine($"Samme overtrædelser: {(same ? "[green]ja[/]" : "[red]nej[/]")} ({stockResult.Violations.Length} regler, {stockResult.Violations.Sum(v => v.Nodes.Length)} elementer)");

            var (wall, audits) = await DemoAuditAsync(host, server, cancellationToken);
            var costs = new Table().Title("Hvad kontrollerne koster pr. gennemgang (ms)")
                .AddColumns("Leverandør", "I alt", "Tid på opgaven", "axe-core", "Skærmbilleder", "Egne sidekontroller", "Tastaturpas (samtidig)", "Fejlpas (samtidig)");
            foreach (var audit in audits)
            {
                costs.AddRow(
                    Markup.Escape(audit.Solution.Vendor.Name),
                    Ms(audit.WallTimeMs),
                    Ms(audit.TimeOnTaskMs),
                    Ms(audit.Steps.Sum(st => st.AxeMs)),
                    Ms(audit.Steps.Sum(st => st.ScreenshotMs)),
                    Ms(audit.Steps.Sum(st => st.ChecksMs)),
                    Ms(audit.KeyboardMs),
                    Ms(audit.ErrorHandlingMs));
            }

            console.Write(costs);
            console.MarkupLine($"Hele demogennemgangen (2 leverandører × 5 trin, alle kontroller, uden rapport): {Ms(wall)} ms; længste enkelte gennemgang {Ms(audits.Max(a => a.WallTimeMs))} ms");

            // Plain figures for scripts and notes.
            console.WriteLine(string.Create(_invariant,
                $"bench: stock_runaxe_new_document_ms={stock:0.0} stock_runaxe_same_document_ms={stockSame:0.0} fast_per_step_ms={perStep:0.0} fast_per_call_ms={perCall:0.0} fallback_per_step_ms={sentAlong:0.0} " +
                $"ratio_per_step={stock / perStep:0.0} ratio_per_call={stockSame / perCall:0.0} same_violations={same} demo_audit_ms={wall:0} longest_audit_ms={audits.Max(a => a.WallTimeMs)}"));
            return same ? ExitCodes.Done : ExitCodes.CouldNotRun;
        });
        return command;
    }

    private static async Task<(double Wall, List<Audit> Audits)> DemoAuditAsync(BrowserHost host, DemoServer server, CancellationToken cancellationToken)
    {
        var script = TaskScriptParser.Load(DemoServer.TaskScriptPath);
        var checklist = ChecklistParser.Load(LabPaths.DefaultChecklist());
        var evidenceFolder = Directory.CreateTempSubdirectory("usabilitylab-bench-");
        try
        {
            var runner = new AuditRunner(host, new AxeRunner(), new FileEvidenceStore(evidenceFolder.FullName));
            var audits = new List<Audit>();
            var watch = Stopwatch.StartNew();
            foreach (var solution in server.Solutions)
            {
                var request = new AuditRequest(script, string.Empty, checklist, solution.Vendor.VendorName, solution.Vendor.SolutionName, solution.BaseUrl, TestData.For(script));
                audits.Add(await runner.RunAsync(request, cancellationToken: cancellationToken));
            }

            return (watch.Elapsed.TotalMilliseconds, audits);
        }
        finally
        {
            evidenceFolder.Delete(recursive: true);
        }
    }

    /// <summary>Timings by name, collected interleaved.</summary>
    /// <summary>Rule id and element selectors of every violation, sorted, to compare two runs.</summary>
    private static List<string> Signature(AxeResult result) =>
        result.Violations
            .SelectMany(v => v.Nodes.Select(n => $"{v.Id} {n.Target}"))
            .Order(StringComparer.Ordinal)
            .ToList();


}
