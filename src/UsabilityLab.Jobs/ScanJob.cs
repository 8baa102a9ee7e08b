using System.Globalization;
using System.Text;
using Hangfire;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Browser;
using UsabilityLab.Browser.Scan;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scans;
using UsabilityLab.Data;
using UsabilityLab.Data.Scans;

namespace UsabilityLab.Jobs;

/// <summary>
/// One scan as a Hangfire job, run by a worker: the pages found as the order says (a sitemap or a
/// crawl read on the day), each audited and stored as <c>usabilitylab scan</c> does, then compared
/// with the site's previous scan. Like an audit job it holds a lock named after itself while it
/// runs, and a job taken over from a killed worker marks that worker's scan aborted and scans anew.
/// </summary>
[AutomaticRetry(Attempts = 1, DelaysInSeconds = [AuditJob.RetryAfterSeconds], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class ScanJob(AuditWorkerContext worker)
{
    /// <summary>The job parameter that names the scan the job started.</summary>
    public const string ScanIdParameter = "ScanId";

    [JobDisplayName("Scanning: {0}")]
    [Queue(LabJobs.AuditQueue)]
    public async Task<string> RunAsync(ScanOrder order, PerformContext? context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(context);
        var jobId = context.BackgroundJob.Id;
        var location = worker.Database;
        await using var held = await LabJobs.HoldAsync(location, jobId, cancellationToken);
        if (context.GetJobParameter<Guid?>(ScanIdParameter) is { } earlier)
        {
            await using var db = new LabDbContext(LabDatabase.Options(location));
            if (await db.Scans.AnyAsync(s => s.Id == earlier && s.Status == AuditStatus.Completed, cancellationToken))
            {
                worker.Events.Skipped(jobId, order.ToString(), earlier);
                return earlier.ToString("N");
            }

            // Its pages stay (each was stored whole); the scan itself is marked as stopped, and scanned anew below.
            await new ScanStore(db).AbortIfRunningAsync(earlier, worker.Clock.GetUtcNow(), cancellationToken);
        }

        worker.Events.Started(jobId, order.ToString());
        try
        {
            var checklist = ChecklistParser.Parse(order.ChecklistFile, order.ChecklistText);
            ScanPages pages;
            using (var targets = new ScanTargets())
            {
                pages = await targets.PlanAsync(order.Kind, order.Addresses, order.MaxPages, order.DescribedAs, cancellationToken);
            }

            var host = await worker.BrowserAsync(cancellationToken);
            var evidence = LabDatabase.EvidenceFolder(location);
            AuditJournal.EnsureWritable(evidence);
            var settings = new ScanSettings(checklist, order.VendorName, order.SiteName, Guid.NewGuid(), Math.Max(1, order.Parallel), order.Kind == ScanSourceKind.Crawl);
            var scan = new Scan
            {
                Id = settings.ScanId,
                Name = order.SiteName,
                Source = pages.Source,
                ChecklistId = checklist.Id,
                StartedAt = worker.Clock.GetUtcNow(),
            };
            context.SetJobParameter(ScanIdParameter, scan.Id);
            var scanner = new PageScanner(host, new AxeRunner(), new FileEvidenceStore(evidence), worker.Clock);
            await ScanJournal.RecordAsync(location, scan, (store, token) => scanner.RunAsync(pages.Frontier, settings, store, null, token), worker.Clock, cancellationToken);

            await using var reader = new LabDbContext(LabDatabase.Options(location));
            var stored = await new ScanStore(reader).LoadAsync(scan.Id, cancellationToken)
                ?? throw new InvalidOperationException($"Scan {scan.Id} was saved but cannot be read back.");
            worker.Events.ScanFinished(jobId, order, stored.Id, ScanSummary.Of(stored.Pages));
            if (await ScanChange.OfAsync(reader, scan.Id, cancellationToken) is { Flagged: true } change)
            {
                worker.Events.Flagged(jobId, order.ToString(), change.Summary!);
                if (order.NotifyEmail is { Length: > 0 } to && worker.Mail is { } mail)
                {
                    await mail.SendAsync(to, $"UsabilityLab: {order.SiteName}: {change.Summary}", Body(order, change), cancellationToken);
                }
            }

            return scan.Id.ToString("N");
        }
        catch (Exception ex)
        {
            worker.Events.Failed(jobId, order.ToString(), ex);
            throw;
        }
    }

    private static string Body(ScanOrder order, ScanChange change)
    {
        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Den planlagte scanning af {order.SiteName} er færdig, og den er ændret siden sidst:")
            .AppendLine()
            .AppendLine(change.Summary);
        foreach (var page in change.PagesLost)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"- kan ikke åbnes: {page}");
        }

        foreach (var (rule, where) in change.NewCritical)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"- {rule} ({where})");
        }

        return body.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Scanning: {change.ScanId:N}")
            .AppendLine(CultureInfo.InvariantCulture, $"Rapporten: usabilitylab report --scan {change.ScanId.ToString("N")[..8]}")
            .ToString();
    }
}
