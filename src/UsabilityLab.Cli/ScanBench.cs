using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using UsabilityLab.Browser;
using UsabilityLab.Browser.Scan;
using UsabilityLab.Cli.Commands;
using UsabilityLab.Core;
using UsabilityLab.Core.Act;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scans;
using static UsabilityLab.Cli.BenchFormat;

namespace UsabilityLab.Cli;

/// <summary>
/// <c>usabilitylab bench --only scan</c>: the ACT test-case pages (pages nobody here wrote), served
/// on loopback, scanned in one run by UsabilityLab (all one-page checks, then axe-core alone) and
/// by pa11y-ci (installed from npm by the benchmark, axe runner, the same Chromium, at each
/// concurrency given). Prints wall time, pages per second, peak memory of each tool's process tree,
/// pages flagged, the ratio, and where UsabilityLab's time goes per page.
/// </summary>
internal static class ScanBench
{
    /// <summary>The pa11y-ci release measured; its axe runner is the one it ships.</summary>
    public const string Pa11yCiVersion = "4.1.1";

    public static async Task RunAsync(IAnsiConsole console, string? browser, int pageCount, int parallel, IReadOnlyList<int> pa11yConcurrency, CancellationToken cancellationToken)
    {
        var folder = ActCommand.FindSuite()
            ?? throw new InputException(new SourcePosition(ActCommand.SuiteBesideRepository, 0, 0), "ACT-testsuiten findes ikke her; scan-benchmarket bruger dens testsider.");
        var suite = ActSuite.Load(folder);
        var all = suite.Rules.SelectMany(r => r.TestCases).Where(t => t.RelativePath.EndsWith(".html", StringComparison.Ordinal)).OrderBy(t => t.RelativePath, StringComparer.Ordinal).ToList();

        // Every k-th page, so the sample spans every rule, the same pages each run.
        var step = Math.Max(1, all.Count / Math.Max(1, pageCount));
        var cases = all.Where((_, i) => i % step == 0).Take(pageCount).ToList();
        await using var server = await ActSuiteServer.StartAsync(suite.Folder, cancellationToken);
        var urls = cases.Select(c => server.SuiteUrl + c.RelativePath).ToList();
        var options = new BrowserOptions { ExecutablePath = browser, EgressAllow = ["127.0.0.1"] };
        var checklist = ChecklistParser.Load(LabPaths.DefaultChecklist());
        console.MarkupLine($"Scan-benchmark: {urls.Count} af ACT-testsuitens {all.Count} HTML-testsider, serveret på 127.0.0.1 · {Environment.ProcessorCount} kerner");

        var rows = new List<(string Tool, double Seconds, long PeakBytes, int Flagged, int Errors)>();
        var work = Directory.CreateTempSubdirectory("usabilitylab-bench-scan-");
        try
        {
            var full = await OursAsync(console, options, urls, checklist, parallel, work.FullName, "alle", cancellationToken);
            console.MarkupLine($"UsabilityLab, alle tjek: {Ms(full.Seconds)} s, {Ms(urls.Count / full.Seconds)} sider/s, {full.Outcome.Summary.PagesWithFindings} sider med fund");
            WriteBreakdown(console, [.. full.Outcome.Summary.Pages.Select(p => p.Audit)]);
            rows.Add(($"UsabilityLab, alle tjek for én side (--parallel {parallel})", full.Seconds, full.Peak, full.Outcome.Summary.PagesWithFindings, full.Outcome.Summary.Pages.Count - full.Outcome.Summary.PagesOpened));
            var axeOnly = checklist with { Criteria = [.. checklist.Criteria.Select(c => c with { Evaluation = c.Evaluation with { Checks = [] } })] };
            var bare = await OursAsync(console, options, urls, axeOnly, parallel, work.FullName, "axe", cancellationToken);
            console.MarkupLine($"UsabilityLab, kun axe-core: {Ms(bare.Seconds)} s, {Ms(urls.Count / bare.Seconds)} sider/s, {bare.Outcome.Summary.PagesWithFindings} sider med fund");
            rows.Add(($"UsabilityLab, kun axe-core (--parallel {parallel})", bare.Seconds, bare.Peak, bare.Outcome.Summary.PagesWithFindings, bare.Outcome.Summary.Pages.Count - bare.Outcome.Summary.PagesOpened));

            // pa11y-ci gets the very Chromium UsabilityLab used.
            string chromiumPath;
            await using (var probe = await BrowserHost.StartAsync(options, cancellationToken))
            {
                chromiumPath = probe.Candidate.ExecutablePath ?? throw new InvalidOperationException("Chromium's path is unknown (a Playwright-managed browser); pa11y-ci needs it.");
            }
            var pa11y = pa11yConcurrency.All(c => c <= 0) ? null : await Pa11yCi.InstallAsync(console, Path.Combine(Path.GetTempPath(), "usabilitylab-bench", "pa11y-ci-" + Pa11yCiVersion), cancellationToken);
            var theirs = new List<(int Concurrency, double Seconds, long Peak, int Flagged, int Errors)>();
            if (pa11y is not null)
            {
                foreach (var concurrency in pa11yConcurrency.Where(c => c > 0))
                {
                    var run = await pa11y.RunAsync(urls, concurrency, chromiumPath, work.FullName, cancellationToken);
                    theirs.Add((concurrency, run.Seconds, run.PeakBytes, run.Flagged, run.Errors));
                    rows.Add(($"pa11y-ci {Pa11yCiVersion}, axe (concurrency {concurrency})", run.Seconds, run.PeakBytes, run.Flagged, run.Errors));
                }
            }

            var table = new Table().Title($"{urls.Count} ACT-testsider, samme Chromium").AddColumns("Værktøj", "Tid i alt", "Sider pr. sekund", "Største hukommelse", "Sider med fund", "Kunne ikke åbnes");
            foreach (var row in rows)
            {
                table.AddRow(Markup.Escape(row.Tool), $"{Ms(row.Seconds)} s", Ms(urls.Count / row.Seconds), $"{row.PeakBytes / 1024 / 1024} MB", row.Flagged.ToString(CultureInfo.InvariantCulture), row.Errors.ToString(CultureInfo.InvariantCulture));
            }

            console.Write(table);
            var figures = string.Create(CultureInfo.InvariantCulture,
                $"scan_pages={urls.Count} ul_seconds={full.Seconds:0.0} ul_pages_per_s={urls.Count / full.Seconds:0.00} ul_peak_mb={full.Peak / 1024 / 1024} ul_flagged={full.Outcome.Summary.PagesWithFindings} ul_axe_only_pages_per_s={urls.Count / bare.Seconds:0.00}");
            if (theirs.Count > 0)
            {
                var best = theirs.MinBy(t => t.Seconds);
                var ratio = best.Seconds / full.Seconds;
                console.MarkupLine($"UsabilityLab med alle tjek: [bold]{Ms(ratio)}×[/] pa11y-ci's bedste (concurrency {best.Concurrency}) i sider pr. sekund (målet er mindst 5×) · sider med fund: {full.Outcome.Summary.PagesWithFindings} mod {best.Flagged}");
                figures += string.Create(CultureInfo.InvariantCulture,
                    $" pa11y_best_concurrency={best.Concurrency} pa11y_seconds={best.Seconds:0.0} pa11y_pages_per_s={urls.Count / best.Seconds:0.00} pa11y_peak_mb={best.Peak / 1024 / 1024} pa11y_flagged={best.Flagged} ratio={ratio:0.0}");
            }
            else
            {
                console.MarkupLine("[yellow]pa11y-ci blev ikke målt (npm kunne ikke installere den); kun UsabilityLabs tal er vist.[/]");
            }

            console.WriteLine("bench: " + figures);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<(ScanOutcome Outcome, double Seconds, long Peak)> OursAsync(IAnsiConsole console, BrowserOptions options, List<string> urls, Checklist checklist, int parallel, string work, string name, CancellationToken cancellationToken)
    {
        var paths = new LabPaths(Path.Combine(work, name, "lab.db"), Path.Combine(work, name, "reports"));
        await using var memory = ProcessTreeMemory.Watch(Environment.ProcessId);
        await using var host = await BrowserHost.StartAsync(options, cancellationToken);
        var settings = new ScanSettings(checklist, "W3C", "ACT-testsider", Guid.NewGuid(), parallel, FollowLinks: false);
        var outcome = await ScanRun.RunAsync(console, paths, host, new ScanFrontier(urls, urls.Count), settings, $"{urls.Count} ACT-testsider", pdf: false, cancellationToken);
        return (outcome, outcome.Elapsed.TotalSeconds, memory.PeakBytes);
    }

    /// <summary>Where UsabilityLab's time goes on a page: the mean and median of each part, and the mean's share of the page's time.</summary>
    private static void WriteBreakdown(IAnsiConsole console, List<Audit> pages)
    {
        var steps = pages.Select(p => (Page: p, Step: p.Steps[0])).ToList();
        var parts = new (string Name, long[] Ms)[]
        {
            ("navigation (åbn siden)", [.. steps.Select(s => s.Step.ActionsMs)]),
            ("axe-core", [.. steps.Select(s => s.Step.AxeMs)]),
            ("sidetjek (fakta, 320 px)", [.. steps.Select(s => s.Step.ChecksMs)]),
            ("tastaturgennemgang", [.. steps.Select(s => s.Page.KeyboardMs)]),
            ("skærmbillede", [.. steps.Select(s => s.Step.ScreenshotMs)]),
        };
        var total = steps.Select(s => s.Page.WallTimeMs).ToArray();
        var rest = steps.Select(s => s.Page.WallTimeMs - s.Step.ActionsMs - s.Step.AxeMs - s.Step.ChecksMs - s.Page.KeyboardMs - s.Step.ScreenshotMs).ToArray();
        var table = new Table().Title($"Hvor tiden går pr. side ({pages.Count} sider; hver side i sin egen arbejder)").AddColumns("Del", "Gennemsnit, ms", "Median, ms", "Andel");
        foreach (var (part, ms) in parts.Append(("resten (links, titel, ventetid)", rest)).Append(("[bold]i alt pr. side[/]", total)))
        {
            table.AddRow(part, Ms(ms.Average()), Ms(Median(ms)), (ms.Average() / total.Average()).ToString("P0", DanishText.Culture));
        }

        console.Write(table);
        var shots = steps.Count(s => s.Step.Screenshot is not null);
        console.MarkupLine($"[grey]Skærmbilleder: {shots} af {pages.Count} sider (kun sider med fund eller noget til vurdering), {PageScanner.ScreenshotWidth} px brede som i rapporten.[/]");
        console.WriteLine("bench: " + string.Join(' ', parts.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"ms_{_keys[i]}={p.Ms.Average():0}"))) + string.Create(CultureInfo.InvariantCulture, $" ms_page={total.Average():0}"));
    }

    private static readonly string[] _keys = ["navigation", "axe", "page_checks", "keyboard", "screenshot"];

    private static double Median(long[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2.0;
    }

    /// <summary>pa11y-ci, installed with npm into a folder of its own (the browser download skipped: it uses the Chromium given).</summary>
    private sealed class Pa11yCi(string folder)
    {
        private static readonly string[] _axeRunner = ["axe"];

        public static async Task<Pa11yCi?> InstallAsync(IAnsiConsole console, string folder, CancellationToken cancellationToken)
        {
            var tool = new Pa11yCi(folder);
            if (File.Exists(tool.Executable))
            {
                return tool;
            }

            Directory.CreateDirectory(folder);
            console.MarkupLine($"[grey]Installerer pa11y-ci {Pa11yCiVersion} med npm i {Markup.Escape(folder)} …[/]");
            var install = new ProcessStartInfo("npm", ["install", "--no-audit", "--no-fund", "--prefix", folder, $"pa11y-ci@{Pa11yCiVersion}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["PUPPETEER_SKIP_DOWNLOAD"] = "true" },
            };
            try
            {
                using var process = Process.Start(install)!;
                var output = process.StandardError.ReadToEndAsync(cancellationToken);
                await process.StandardOutput.ReadToEndAsync(cancellationToken);
                await process.WaitForExitAsync(cancellationToken);
                if (process.ExitCode != 0 || !File.Exists(tool.Executable))
                {
                    console.MarkupLine($"[yellow]npm install pa11y-ci fejlede: {Markup.Escape((await output).Trim().Split('\n').LastOrDefault() ?? string.Empty)}[/]");
                    return null;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                console.MarkupLine("[yellow]npm findes ikke på maskinen.[/]");
                return null;
            }

            return tool;
        }

        private string Executable => Path.Combine(folder, "node_modules", ".bin", "pa11y-ci");

        /// <summary>One run over the pages: wall time, peak memory of its process tree, pages with at least one issue, pages it could not test.</summary>
        public async Task<(double Seconds, long PeakBytes, int Flagged, int Errors)> RunAsync(IReadOnlyList<string> urls, int concurrency, string chromium, string work, CancellationToken cancellationToken)
        {
            var config = Path.Combine(work, $"pa11y-ci-{concurrency}.json");
            await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
            {
                defaults = new
                {
                    runners = _axeRunner,
                    concurrency,
                    timeout = 30_000,
                    chromeLaunchConfig = new { executablePath = chromium, args = BrowserOptions.Arguments(sandbox: false).ToArray() },
                },
                urls,
            }), cancellationToken);
            // Its JSON goes to a file: written to a pipe, node cuts it off at exit (about 64 kB in).
            var output = Path.Combine(work, $"pa11y-ci-{concurrency}.out.json");
            var start = new ProcessStartInfo("/bin/sh", ["-c", "exec \"$0\" --config \"$1\" --json > \"$2\"", Executable, config, output]) { RedirectStandardError = true };
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            long peak;
            await using (var memory = ProcessTreeMemory.Watch(process.Id))
            {
                await process.StandardError.ReadToEndAsync(cancellationToken);
                await process.WaitForExitAsync(cancellationToken);
                peak = memory.PeakBytes;
            }

            var json = await File.ReadAllTextAsync(output, cancellationToken);
            var seconds = watch.Elapsed.TotalSeconds;
            using var document = JsonDocument.Parse(json);
            var flagged = 0;
            var errors = 0;
            foreach (var page in document.RootElement.GetProperty("results").EnumerateObject())
            {
                var issues = page.Value.EnumerateArray().ToList();
                if (issues.Any(i => i.TryGetProperty("code", out _)))
                {
                    flagged++;
                }
                else if (issues.Count > 0)
                {
                    // pa11y-ci reports a page it could not test as one entry with only a message.
                    errors++;
                }
            }

            return (seconds, peak, flagged, errors);
        }
    }
}
