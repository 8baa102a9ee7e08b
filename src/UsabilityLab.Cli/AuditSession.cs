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
        AuditJournal.EnsureWritable(paths.EvidenceFolder);
        var host = await BrowserHost.StartAsync(browserOptions, cancellationToken);
        try
        {
            var db = await LabDatabase.OpenAsync(paths.Database, cancellationToken);
            console.MarkupLine($"[grey]Chromium {Markup.Escape(host.Version)} ({Markup.Escape(host.Candidate.Source)}) · database {Markup.Escape(paths.Database)}[/]");
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
        await using var journal = new AuditJournal(_db, Paths.LocksFolder);
        var audit = await journal.RecordAsync(
            (j, token) => _runner.RunAsync(request, new ConsoleProgress(_console), j, token), Paths.EvidenceFolder, cancellationToken);
        var files = await WriteReportAsync(audit.Id, cancellationToken);
        return (audit, files);
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
