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
        EnsureWritable(paths.EvidenceFolder);
        var host = await BrowserHost.StartAsync(browserOptions, cancellationToken);
        try
        {
            var db = await LabDatabase.OpenAsync(paths.Database, cancellationToken);
            console.MarkupLine($"[grey]Chromium {Markup.Escape(host.Version)} ({Markup.Escape(host.Candidate.Source)}) · database {Markup.Escape(paths.Database)}[/]");
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
        await using var journal = new AuditJournal(_db, Paths.LocksFolder);
        Audit audit;
        try
        {
            audit = await _runner.RunAsync(request, new ConsoleProgress(_console), journal, cancellationToken);
            await journal.CompleteAsync(audit, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await AbortQuietlyAsync(journal, FailureReason.Interrupted, "Auditten blev stoppet af brugeren, før den var færdig.");
            throw;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var message = $"Bevis kunne ikke gemmes i {Paths.EvidenceFolder}: {ex.Message} " +
                "Der er ikke plads på disken, eller mappen kan ikke skrives. Skaf plads eller vælg en anden --db, og kør auditten igen.";
            await AbortQuietlyAsync(journal, FailureReason.StorageFailed, message);
            throw new StorageFailedException(message + " Auditten er gemt som afbrudt; ingen halvt skrevne filer er tilbage.", ex);
        }
        catch (Exception ex) when (ex is not StorageFailedException)
        {
            // Something no finding describes (the browser could not be started again, say): the
            // stored audit says so rather than staying "running" until the next start.
            await AbortQuietlyAsync(journal, FailureReason.Interrupted, $"Auditten stoppede på en fejl: {ex.Message.Split('\n')[0]}");
            throw;
        }

        var files = await WriteReportAsync(audit.Id, cancellationToken);
        return (audit, files);
    }

    /// <summary>Throws a clear error when <paramref name="folder"/> cannot be created or written to.</summary>
    internal static void EnsureWritable(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".skrivetest-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageFailedException(
                $"Mappen til bevis, {folder}, kan ikke skrives: {ex.Message} Skaf plads på disken, ret rettighederne, eller vælg en anden --db. Intet er gemt.", ex);
        }
    }

    private static async Task AbortQuietlyAsync(AuditJournal journal, FailureReason reason, string message)
    {
        try
        {
            await journal.AbortAsync(reason, message);
        }
        catch (Exception ex) when (ex is IOException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            // The database cannot take even that now; the next open marks the audit as interrupted.
        }
    }

    /// <summary>Writes the report of a stored audit.</summary>
    public async Task<ReportFiles> WriteReportAsync(Guid auditId, CancellationToken cancellationToken)
    {
        var stored = await Store.LoadAsync(auditId, cancellationToken)
            ?? throw new InvalidOperationException($"Audit {auditId} was saved but cannot be read back.");
        return await _writer.WriteAsync(stored, Paths.ReportsFolder, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _db.DisposeAsync();
        await Host.DisposeAsync();
    }
}
