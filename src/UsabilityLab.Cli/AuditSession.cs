using Spectre.Console;
using UsabilityLab.Browser;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core;
using UsabilityLab.Data;
using UsabilityLab.Reports;

namespace UsabilityLab.Cli;

/// <summary>
/// One run of the CLI that audits: one browser, one database, one report writer, shared by every
/// audit in the run. Started only after all input has been validated, so bad input writes nothing.
/// </summary>
internal sealed class AuditSession : IAsyncDisposable
{
    private readonly IAnsiConsole _console;

    /// <summary>The context the session opened (migrations, recovery) and reads with; each audit writes through its own.</summary>
    private readonly LabDbContext _db;
    private readonly ReportRenderer _renderer;
    private readonly AuditRunner _runner;
    private readonly ReportWriter _writer;

    private AuditSession(IAnsiConsole console, LabPaths paths, BrowserHost host, LabDbContext db, bool pdf)
    {
        _console = console;
        Paths = paths;
        Host = host;
        _db = db;
        var evidence = new FileEvidenceStore(paths.EvidenceFolder);
        _runner = new AuditRunner(host, new AxeRunner(), evidence);
        _renderer = new ReportRenderer();
        _writer = new ReportWriter(new ReportModelBuilder(evidence), _renderer, pdf ? new PdfPrinter(host) : null);
        Store = new AuditStore(db);
    }

    public LabPaths Paths { get; }

    public BrowserHost Host { get; }

    public AuditStore Store { get; }

    public static async Task<AuditSession> StartAsync(IAnsiConsole console, LabPaths paths, BrowserOptions browserOptions, bool pdf, CancellationToken cancellationToken)
    {
        // A folder that cannot take evidence is found before anything is stored, not half-way.
        AuditJournal.EnsureWritable(paths.EvidenceFolder);
        var host = await BrowserHost.StartAsync(browserOptions, cancellationToken);
        try
        {
            var db = await LabDatabase.OpenAsync(paths.Database, cancellationToken);
            console.MarkupLine($"[grey]Chromium {Markup.Escape(host.Version)} ({Markup.Escape(host.Candidate.Source)}) · database {Markup.Escape(LabDatabase.Display(paths.Database))}[/]");
            if (host.SandboxOff is { } why)
            {
                console.MarkupLine($"[yellow]{Markup.Escape(why)}[/]");
            }
            return new AuditSession(console, paths, host, db, pdf);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs one audit, storing it as it goes (running, each step, then completed), and writes its
    /// report. When it cannot finish, the stored audit is marked aborted with the reason.
    /// </summary>
    public async Task<(Audit Audit, ReportFiles Files)> AuditAsync(AuditRequest request, CancellationToken cancellationToken)
    {
        _console.MarkupLine($"[bold]{Markup.Escape(request.VendorName)}[/] – {Markup.Escape(request.SolutionName)}: {Markup.Escape(request.Script.Title)}");
        return await AuditAsync(request, new ConsoleProgress(_console), cancellationToken);
    }

    /// <summary>
    /// Runs every audit of a plan, <paramref name="parallel"/> at a time, each in its own browser
    /// contexts on the session's Chromium and with its own database connection, so each one's
    /// result is what it would be alone. One at a time, each audit's steps and summary are printed
    /// as it goes; several at a time, a live display shows every audit of the plan (waiting,
    /// running with its step, done) and the summaries follow in the plan's order. An audit that
    /// cannot run is told and does not stop the others; bad input and a full disk stop the run.
    /// </summary>
    public async Task<IReadOnlyList<PlannedAudit>> AuditAllAsync(IReadOnlyList<AuditRequest> requests, int parallel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new PlannedAudit[requests.Count];
        if (parallel <= 1 || requests.Count <= 1)
        {
            for (var i = 0; i < requests.Count; i++)
            {
                _console.MarkupLine($"[grey][[{i + 1}/{requests.Count}]][/]");
                results[i] = await TryAuditAsync(requests[i], () => AuditAsync(requests[i], cancellationToken));
                WriteResult(results[i]);
            }

            return results;
        }

        await _console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async live =>
            {
                var tasks = requests.Select(r => live.AddTask($"[grey]venter[/] {Label(r)}", autoStart: false, maxValue: r.Script.Steps.Count)).ToList();
                await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (i, token) =>
                {
                    var task = tasks[i];
                    task.StartTask();
                    results[i] = await TryAuditAsync(requests[i], () => AuditAsync(requests[i], new LiveProgress(task, Label(requests[i])), token));
                    task.Value = task.MaxValue;
                    task.Description = results[i].Audit is { } audit
                        ? $"{(audit.TaskCompleted ? "[green]✓[/]" : "[red]✗[/]")} {Label(requests[i])} · {audit.Findings.Count} fund"
                        : $"[red]kunne ikke gennemføres[/] {Label(requests[i])}";
                    task.StopTask();
                });
            });
        for (var i = 0; i < results.Length; i++)
        {
            _console.MarkupLine($"[grey][[{i + 1}/{requests.Count}]][/] [bold]{Label(requests[i])}[/]: {Markup.Escape(requests[i].Script.Title)}");
            WriteResult(results[i]);
        }

        return results;
    }

    /// <summary>Writes the report of a stored audit.</summary>
    public Task<ReportFiles> WriteReportAsync(Guid auditId, CancellationToken cancellationToken) => WriteReportAsync(Store, auditId, cancellationToken);

    /// <summary>One audit with its own database context, stored as it goes, and its report.</summary>
    private async Task<(Audit Audit, ReportFiles Files)> AuditAsync(AuditRequest request, IAuditProgress progress, CancellationToken cancellationToken)
    {
        var location = LabDatabase.Normalize(Paths.Database);
        await using var db = new LabDbContext(LabDatabase.Options(location));
        await using var journal = new AuditJournal(db, location);
        var audit = await journal.RecordAsync(
            (j, token) => _runner.RunAsync(request, progress, j, token), Paths.EvidenceFolder, cancellationToken);
        var files = await WriteReportAsync(new AuditStore(db), audit.Id, cancellationToken);
        return (audit, files);
    }

    private async Task<ReportFiles> WriteReportAsync(AuditStore store, Guid auditId, CancellationToken cancellationToken)
    {
        var stored = await store.LoadAsync(auditId, cancellationToken)
            ?? throw new InvalidOperationException($"Audit {auditId} was saved but cannot be read back.");
        return await _writer.WriteAsync(stored, Paths.ReportsFolder, cancellationToken);
    }

    /// <summary>An audit that breaks in a way no finding can describe is stored as aborted (by its journal) and told; the run goes on.</summary>
    private static async Task<PlannedAudit> TryAuditAsync(AuditRequest request, Func<Task<(Audit Audit, ReportFiles Files)>> audit)
    {
        try
        {
            var (done, files) = await audit();
            return new PlannedAudit(request, done, files, null);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or StorageFailedException or InputException))
        {
            return new PlannedAudit(request, null, null, ex.Message.Split('\n')[0]);
        }
    }

    private void WriteResult(PlannedAudit result)
    {
        if (result.Audit is { } audit)
        {
            Summary.WriteAudit(_console, audit, result.Files!);
        }
        else
        {
            _console.MarkupLine($"  [red]kunne ikke gennemføres:[/] {Markup.Escape(result.Problem ?? string.Empty)}");
        }
    }

    private static string Label(AuditRequest request) => $"{Markup.Escape(request.VendorName)} – {Markup.Escape(request.SolutionName)}";

    /// <summary>An audit's line in the live display: its step, and a bar over its steps.</summary>
    private sealed class LiveProgress(ProgressTask task, string label) : IAuditProgress
    {
        public void StepStarted(int index, int count, string stepName)
        {
            task.MaxValue = count;
            task.Description = $"{label} · trin {index + 1}/{count} {Markup.Escape(stepName)}";
        }

        public void StepFinished(StepResult step, int findingCount) => task.Increment(1);
    }

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _db.DisposeAsync();
        await Host.DisposeAsync();
    }
}

/// <summary>One audit of a plan: the audit and its report, or why it could not run.</summary>
internal sealed record PlannedAudit(AuditRequest Request, Audit? Audit, ReportFiles? Files, string? Problem);
