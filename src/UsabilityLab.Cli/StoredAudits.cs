using UsabilityLab.Browser;
using UsabilityLab.Core;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Scans;
using UsabilityLab.Data;
using UsabilityLab.Data.Scans;
using UsabilityLab.Reports;

namespace UsabilityLab.Cli;

/// <summary>Finding a stored audit the way reviewers name it, and writing its report.</summary>
internal static class StoredAudits
{
    /// <summary>Opens the database, which must exist already.</summary>
    public static async Task<LabDbContext> OpenExistingAsync(LabPaths paths, CancellationToken cancellationToken)
    {
        if (!LabDatabase.IsServer(paths.Database) && !File.Exists(paths.Database))
        {
            throw new InputException(new SourcePosition(paths.Database, 1, 1), "databasen findes ikke. Kør først 'usabilitylab audit' eller 'usabilitylab demo', eller angiv --db.");
        }

        return await LabDatabase.OpenAsync(paths.Database, cancellationToken);
    }

    /// <summary>Loads the audit named by its id, a unique prefix of it, or "latest" (the newest that is not still running).</summary>
    public static async Task<Audit> LoadAsync(AuditStore store, LabPaths paths, string wanted, CancellationToken cancellationToken)
    {
        Guid? id;
        if (wanted == "latest")
        {
            // The newest that has ended: one still running in another process is no result yet.
            var newest = await store.ListAsync(50, cancellationToken);
            id = newest.FirstOrDefault(a => a.Status != AuditStatus.Running)?.Id;
        }
        else
        {
            id = await store.ResolveIdAsync(wanted, cancellationToken);
        }

        return (id is null ? null : await store.LoadAsync(id.Value, cancellationToken))
            ?? throw new InputException(new SourcePosition(paths.Database, 1, 1), $"fandt ingen gennemgang '{wanted}'. Se 'usabilitylab audits' for de gemte.");
    }

    /// <summary>
    /// Writes the summary report of the scan named by its id, a unique prefix of it, or "latest" (the
    /// newest that has ended), as <c>scan</c> writes it; starts Chromium only when a PDF is wanted.
    /// </summary>
    public static async Task<(Scan Scan, ScanSummary Summary, ScanFiles Files)> WriteScanReportAsync(
        LabDbContext db, LabPaths paths, string wanted, bool pdf, string? browser, CancellationToken cancellationToken)
    {
        var store = new ScanStore(db);
        var id = wanted == "latest" ? await store.LatestEndedAsync(cancellationToken) : await store.ResolveIdAsync(wanted, cancellationToken);
        var scan = (id is null ? null : await store.LoadAsync(id.Value, cancellationToken))
            ?? throw new InputException(new SourcePosition(paths.Database, 1, 1), $"fandt ingen scanning '{wanted}'. Id'et står i 'scan' og i workerens linje 'færdig: scanning af ...'.");
        var checklist = scan.Pages.Select(p => p.ChecklistVersion).FirstOrDefault(v => v is not null)?.Parse()
            ?? throw new InputException(new SourcePosition(paths.Database, 1, 1), $"scanningen {scan.Id.ToString("N")[..8]} har ingen gemte sider, så der er intet at skrive en rapport om.");
        var summary = ScanSummary.Of(scan.Pages);
        if (!pdf)
        {
            return (scan, summary, await ScanRun.WriteAsync(scan, summary, checklist, paths.ReportsFolder, null, cancellationToken));
        }

        await using var host = await BrowserHost.StartAsync(new BrowserOptions { ExecutablePath = browser }, cancellationToken);
        return (scan, summary, await ScanRun.WriteAsync(scan, summary, checklist, paths.ReportsFolder, new PdfPrinter(host), cancellationToken));
    }

    /// <summary>Writes the audit's report; starts Chromium only when a PDF is wanted.</summary>
    public static async Task<ReportFiles> WriteReportAsync(Audit audit, LabPaths paths, bool pdf, string? browser, CancellationToken cancellationToken)
    {
        var builder = new ReportModelBuilder(new FileEvidenceStore(paths.EvidenceFolder));
        await using var renderer = new ReportRenderer();
        if (!pdf)
        {
            return await new ReportWriter(builder, renderer, null).WriteAsync(audit, paths.ReportsFolder, cancellationToken);
        }

        await using var host = await BrowserHost.StartAsync(new BrowserOptions { ExecutablePath = browser }, cancellationToken);
        return await new ReportWriter(builder, renderer, new PdfPrinter(host)).WriteAsync(audit, paths.ReportsFolder, cancellationToken);
    }
}
