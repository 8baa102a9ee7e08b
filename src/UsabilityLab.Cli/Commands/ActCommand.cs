using System.CommandLine;
using System.Reflection;
using Spectre.Console;
using UsabilityLab.Browser;
using UsabilityLab.Browser.Act;
using UsabilityLab.Core;
using UsabilityLab.Core.Act;

namespace UsabilityLab.Cli.Commands;

/// <summary>
/// <c>usabilitylab act</c>: runs the W3C ACT Rules test suite through UsabilityLab's engine and
/// scores it as W3C scores implementations: per rule complete, partial or not consistent, side by
/// side with the tools whose reports W3C publishes, and writes the results as EARL (JSON-LD).
/// </summary>
internal static class ActCommand
{
    /// <summary>Where the suite lies beside the repository, as the review unit's machines have it.</summary>
    public const string SuiteBesideRepository = "../shared/corpora/act-rules";

    public static Command Create(IAnsiConsole console)
    {
        var common = new CommonOptions();
        var suite = new Option<string?>("--suite")
        {
            Description = $"Mappen med W3C's ACT Rules-testsuite (testcases.json, testcases/, test-assets/, implementations/). Standard: {SuiteBesideRepository} fra repositoriet.",
            HelpName = "mappe",
        };
        var output = new Option<string>("--out")
        {
            Description = "EARL-rapporten (JSON-LD), som skrives.",
            DefaultValueFactory = _ => Path.Combine("reports", "act", "usabilitylab.earl.json"),
            HelpName = "fil",
        };
        var rules = new Option<string[]>("--rule")
        {
            Description = "Kun denne ACT-regel (id, fx 23a2a8). Kan gentages.",
            HelpName = "id",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("act", "Kør W3C's ACT Rules-testsuite gennem UsabilityLab og mål den, som W3C måler værktøjer: hvilke regler er konsistente (complete/partial), side om side med de offentliggjorte værktøjer; skriv resultatet som EARL.");
        command.Options.Add(suite);
        command.Options.Add(output);
        command.Options.Add(rules);
        command.Options.Add(common.Browser);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(suite) ?? FindSuite()
                ?? throw new InputException(new SourcePosition(SuiteBesideRepository, 0, 0), "ACT-testsuiten findes ikke her. Angiv mappen med --suite.");
            await RunAsync(console, folder, parse.GetValue(rules) ?? [], parse.GetValue(output)!, parse.GetValue(common.Browser), cancellationToken);
            return ExitCodes.Done;
        });
        return command;
    }

    /// <summary>Runs the suite (or the rules named), prints the table and the counts, and writes the EARL report to <paramref name="output"/>.</summary>
    public static async Task<ActImplementationReport> RunAsync(IAnsiConsole console, string folder, IReadOnlyCollection<string> wanted, string output, string? browser, CancellationToken cancellationToken)
    {
        // Logs and pipes get the table whole; a terminal keeps its own width.
        if (!console.Profile.Capabilities.Interactive)
        {
            console.Profile.Width = Math.Max(console.Profile.Width, 200);
        }

        var loaded = ActSuite.Load(folder);
        var unknown = wanted.Where(w => loaded.Rules.All(r => r.Id != w)).ToList();
        if (unknown.Count > 0)
        {
            throw new InputException(new SourcePosition("--rule", 0, 0), $"Ukendt ACT-regel: {string.Join(", ", unknown)}. Reglerne står i testcases.json (fx 23a2a8).");
        }

        var chosen = wanted.Count == 0 ? loaded.Rules : [.. loaded.Rules.Where(r => wanted.Contains(r.Id))];
        var cases = chosen.SelectMany(r => r.TestCases).ToList();
        await using var server = await ActSuiteServer.StartAsync(loaded.Folder, cancellationToken);
        await using var host = await BrowserHost.StartAsync(new BrowserOptions { ExecutablePath = browser }, cancellationToken);
        console.MarkupLine($"ACT-testsuiten: {chosen.Count} regler, {cases.Count} testsider · Chromium {Markup.Escape(host.Version)}");

        var started = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<ActProcedure> procedures = [];
        IReadOnlyList<ActPageResult> pages = [];
        await console.Progress().AutoClear(true).StartAsync(async progress =>
        {
            var task = progress.AddTask("Testsider", maxValue: cases.Count);
            (procedures, pages) = await new ActRunner(host, new AxeRunner()).RunAsync(
                server.SuiteUrl, cases, new Progress<ActPageResult>(_ => task.Increment(1)), cancellationToken);
        });
        var version = typeof(ActCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        var report = ActImplementationReport.Score(chosen, "UsabilityLab", version, procedures, pages);
        ActTable.Write(console, report, PublishedImplementation.LoadAll(loaded.Folder));

        var path = Path.GetFullPath(output);
        using (var buffer = new MemoryStream())
        {
            await EarlReport.WriteAsync(report, buffer, cancellationToken);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await AtomicFile.WriteAllBytesAsync(path, buffer.ToArray(), cancellationToken);
        }

        foreach (var broken in pages.Where(p => p.Error is not null))
        {
            console.MarkupLine($"[yellow]{broken.Case.RuleId} {Markup.Escape(broken.Case.Title)}[/] kunne ikke åbnes: {Markup.Escape(broken.Error!)}");
        }

        var errors = pages.Count(p => p.Error is not null);
        console.MarkupLine($"{cases.Count} testsider på {started.Elapsed.TotalSeconds:0} s{(errors > 0 ? $", {errors} kunne ikke åbnes" : string.Empty)}. EARL: {Markup.Escape(path)}");
        console.WriteLine($"bench: act_rules={chosen.Count} act_consistent={report.Consistent} act_complete={report.Complete} act_consistent_as_w3c={report.ConsistentAsW3C} act_inconsistent={report.Inconsistent.Count()} act_pages={cases.Count} act_seconds={started.Elapsed.TotalSeconds:0}");
        return report;
    }

    /// <summary>The suite beside the repository (<see cref="SuiteBesideRepository"/>), looked for from here and from the program's folder upwards.</summary>
    public static string? FindSuite()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "..", "shared", "corpora", "act-rules");
                if (File.Exists(Path.Combine(candidate, "testcases.json")))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        return null;
    }
}
