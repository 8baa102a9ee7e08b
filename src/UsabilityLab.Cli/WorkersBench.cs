using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using Spectre.Console;
using UsabilityLab.Data;
using UsabilityLab.DemoSites;
using UsabilityLab.Jobs;
using static UsabilityLab.Cli.BenchFormat;

namespace UsabilityLab.Cli;

/// <summary>
/// <c>usabilitylab bench --only workers</c>: the same demo audits (all checks) run three ways, each
/// from a program's start to the last audit stored: one <c>run</c> on SQLite, one audit at a time
/// (the laptop); and queued on PostgreSQL, taken by one and by two <c>worker</c> processes (one
/// audit at a time each). Prints audits per minute and the ratio to the SQLite figure.
/// </summary>
internal static class WorkersBench
{
    /// <summary>The server the benchmark makes a throwaway database on: <c>--db</c>, else the one <c>./lab</c> starts for tests and benchmarks.</summary>
    public const string ServerVariable = "USABILITYLAB_TEST_POSTGRES";

    public static async Task RunAsync(IAnsiConsole console, string? server, string? browser, int audits, CancellationToken cancellationToken)
    {
        server ??= Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrEmpty(server) || !LabDatabase.IsServer(server))
        {
            console.MarkupLine($"Workere: ingen PostgreSQL-server; angiv en med --db \"Host=...;Username=...\" (benchmarket laver sin egen database dér og sletter den bagefter), eller kør [bold]./lab bench --only workers[/], der starter en.");
            return;
        }

        await using var site = await DemoServer.StartAsync(cancellationToken: cancellationToken);
        var work = Directory.CreateTempSubdirectory("usabilitylab-bench-workers-");
        var plan = Path.Combine(work.FullName, "plan.yaml");
        var text = new StringBuilder("audits:\n");
        for (var i = 0; i < audits; i++)
        {
            var solution = site.Solutions[i % site.Solutions.Count];
            text.Append(CultureInfo.InvariantCulture, $"  - vendor: {solution.Vendor.VendorName}\n    solution: {solution.Vendor.SolutionName}\n    url: {solution.BaseUrl}\n    script: {DemoServer.TaskScriptPath}\n");
        }

        await File.WriteAllTextAsync(plan, text.ToString(), cancellationToken);
        var browserArgs = browser is null ? Array.Empty<string>() : ["--browser", browser];
        var table = new Table().Title($"{audits} demogennemgange, alle kontroller, fra programmets start til den sidste er gemt ({Environment.ProcessorCount} kerner)")
            .AddColumns("Størrelse", "Tid i alt", "Gennemgange pr. minut", "Forhold til SQLite");
        var figures = new List<string>();
        try
        {
            // The laptop: one process, SQLite, one audit at a time.
            var sqlite = Path.Combine(work.FullName, "lab.db");
            var watch = Stopwatch.StartNew();
            using (var run = Lab(work.FullName, ["run", plan, "--parallel", "1", "--db", sqlite, "--no-pdf", "--reports", Path.Combine(work.FullName, "reports"), .. browserArgs]))
            {
                await run.WaitForExitAsync(cancellationToken);
                if (run.ExitCode != 0)
                {
                    console.MarkupLine($"[red]run stoppede med {run.ExitCode}[/]");
                    return;
                }
            }

            var baseline = audits / watch.Elapsed.TotalMinutes;
            Row(table, figures, "SQLite, én proces (run --parallel 1)", "sqlite_run", watch.Elapsed, baseline, baseline);

            foreach (var workers in new[] { 1, 2 })
            {
                var database = new NpgsqlConnectionStringBuilder(server) { Database = "lab_bench_" + Guid.NewGuid().ToString("N")[..12], Pooling = false }.ToString();
                Environment.SetEnvironmentVariable(LabDatabase.FilesEnvironmentVariable, Path.Combine(work.FullName, "files-" + workers.ToString(CultureInfo.InvariantCulture)));
                try
                {
                    await LabDatabase.PrepareAsync(database, cancellationToken);
                    var storage = LabJobs.Storage(database);
                    using (var queue = Lab(work.FullName, ["run", plan, "--queue", "--db", database]))
                    {
                        await queue.WaitForExitAsync(cancellationToken);
                    }

                    watch.Restart();
                    var started = Enumerable.Range(1, workers)
                        .Select(i => Lab(work.FullName, ["worker", "--db", database, "--parallel", "1", "--name", $"bench-{i}", .. browserArgs]))
                        .ToList();
                    try
                    {
                        // A safety net far above the few minutes this takes: a stuck job ends the row, not the benchmark.
                        var deadline = DateTime.UtcNow.AddMinutes(30);
                        while (storage.GetMonitoringApi().GetStatistics() is var stats && stats.Succeeded + stats.Failed < audits && DateTime.UtcNow < deadline)
                        {
                            await Task.Delay(250, cancellationToken);
                        }
                    }
                    finally
                    {
                        foreach (var worker in started)
                        {
                            worker.Kill(entireProcessTree: true);
                            await worker.WaitForExitAsync(CancellationToken.None);
                            worker.Dispose();
                        }
                    }

                    var after = storage.GetMonitoringApi().GetStatistics();
                    var unfinished = audits - after.Succeeded - after.Failed;
                    Row(table, figures, $"PostgreSQL, {workers} worker{(workers == 1 ? string.Empty : "e")} (--parallel 1){(after.Failed > 0 ? $", {after.Failed} fejlede" : string.Empty)}{(unfinished > 0 ? $", {unfinished} ikke færdige" : string.Empty)}",
                        $"postgres_{workers}_workers", watch.Elapsed, audits / watch.Elapsed.TotalMinutes, baseline);
                }
                finally
                {
                    Environment.SetEnvironmentVariable(LabDatabase.FilesEnvironmentVariable, null);
                    await LabDatabase.DropServerDatabaseAsync(database, CancellationToken.None);
                }
            }

            console.Write(table);
            console.WriteLine($"bench: {string.Join(' ', figures)}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static void Row(Table table, List<string> figures, string size, string key, TimeSpan elapsed, double perMinute, double baseline)
    {
        table.AddRow(Markup.Escape(size), $"{Ms(elapsed.TotalSeconds)} s", Ms(perMinute), (perMinute / baseline).ToString("0.0", UsabilityLab.Core.DanishText.Culture) + "×");
        figures.Add(string.Create(CultureInfo.InvariantCulture, $"{key}_audits_per_min={perMinute:0.0}"));
    }

    /// <summary>This program again, in a process of its own, quietly.</summary>
    private static Process Lab(string folder, string[] args)
    {
        var self = Path.Combine(AppContext.BaseDirectory, "usabilitylab.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(self);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("usabilitylab did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
