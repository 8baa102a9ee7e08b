using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Scans;
using UsabilityLab.Data;
using UsabilityLab.Jobs;

namespace UsabilityLab.Cli.Commands;

/// <summary>
/// <c>usabilitylab worker</c>: takes audit jobs from the queue in the PostgreSQL database (queued by
/// <c>run --queue</c>, the workbench or a schedule) and runs them until it is stopped. Start one per machine.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var common = new CommonOptions();
        var name = new Option<string>("--name")
        {
            Description = "Workerens navn i køen (jobbenes historik siger, hvilken worker kørte dem). Standard er maskinens navn og processens nummer.",
            DefaultValueFactory = _ => $"{Environment.MachineName}:{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}",
            HelpName = "navn",
        };
        var requeue = new Option<int>("--requeue-after")
        {
            Description = "Sekunder, før et job, som en worker tog og holdt op med at svare på (dræbt, maskinen væk), gives til en anden worker (10-3600). En levende worker forlænger selv sit krav, mens den arbejder.",
            DefaultValueFactory = _ => (int)LabJobs.DefaultRequeueAfter.TotalSeconds,
            HelpName = "sekunder",
        };
        requeue.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 10 or > 3600)
            {
                result.AddError("--requeue-after skal ligge mellem 10 og 3600 sekunder.");
            }
        });
        var command = new Command("worker", $"Tag gennemgange og scanninger fra køen i PostgreSQL-databasen og kør dem, til workeren stoppes (Ctrl+C). Start én pr. maskine. Planlagte gennemgange (overvågning) sender e-mail, når {LabMail.HostVariable} er sat (se README).");
        common.AddTo(command, reports: false);
        var parallel = ParallelOption.Create();
        command.Options.Add(parallel);
        command.Options.Add(name);
        command.Options.Add(requeue);
        common.RequireServer(command, "En worker tager sine job fra en PostgreSQL-database");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var database = LabDatabase.Normalize(parse.GetValue(common.Database)!);

            // Creates or updates the schema and marks audits of workers that died as interrupted.
            await LabDatabase.PrepareAsync(database, cancellationToken);

            var workerName = parse.GetValue(name)!;
            var context = new AuditWorkerContext(database, common.BrowserOptionsFrom(parse), new ConsoleEvents(console));
            await using var worker = AuditWorker.Start(context, parse.GetValue(parallel), workerName, TimeSpan.FromSeconds(parse.GetValue(requeue)));
            console.MarkupLine($"Worker [bold]{Markup.Escape(workerName)}[/] tager gennemgange fra køen i {Markup.Escape(LabDatabase.Display(database))}, {parse.GetValue(parallel)} ad gangen. Stop med Ctrl+C.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                console.MarkupLine("Stopper: de igangværende gennemgange får besked, og workeren tager ikke flere.");
            }

            return ExitCodes.Done;
        });
        return command;
    }

    private sealed class ConsoleEvents(IAnsiConsole console) : IWorkerEvents
    {
        public void Started(string jobId, string what) =>
            console.MarkupLine($"[grey]{Now()}[/] job {Markup.Escape(jobId)} starter: {Markup.Escape(what)}");

        public void Finished(string jobId, AuditOrder order, Audit audit) =>
            console.MarkupLine($"[grey]{Now()}[/] job {Markup.Escape(jobId)} færdig: {Markup.Escape(order.ToString())} · " +
                $"{(audit.TaskCompleted ? "opgaven blev gennemført" : "opgaven blev ikke gennemført")} · {audit.Findings.Count} fund · gennemgang {audit.Id.ToString("N")[..8]}");

        public void ScanFinished(string jobId, ScanOrder order, Guid scanId, ScanSummary summary) =>
            console.MarkupLine($"[grey]{Now()}[/] job {Markup.Escape(jobId)} færdig: {Markup.Escape(order.ToString())} · " +
                $"{summary.Pages.Count} sider, {summary.PagesOpened} kunne åbnes · {summary.Problems.Count} problemer · scanning {scanId.ToString("N")[..8]}");

        public void Failed(string jobId, string what, Exception exception) =>
            console.MarkupLine($"[grey]{Now()}[/] job {Markup.Escape(jobId)} [red]fejlede[/]: {Markup.Escape(what)} · {Markup.Escape(exception.GetType().Name)}: {Markup.Escape(exception.Message.Split('\n')[0])}");

        public void Skipped(string jobId, string what, Guid resultId) =>
            console.MarkupLine($"[grey]{Now()}[/] job {Markup.Escape(jobId)} var allerede gennemført af en anden worker ({Markup.Escape(what)}, {resultId.ToString("N")[..8]}); køres ikke igen.");

        public void Flagged(string jobId, string what, string change) =>
            console.MarkupLine($"[grey]{Now()}[/] job {Markup.Escape(jobId)} [yellow]overvågning[/]: {Markup.Escape(what)} · {Markup.Escape(change)}");

        private static string Now() => DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
    }
}
