using System.Threading.Channels;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Scans;

namespace UsabilityLab.Data.Scans;

/// <summary>
/// Keeps a scan in the database while it runs: stored as running before its first page, each page
/// stored as it finishes by one writer beside the scan (its own connection, so the scan's workers go on
/// to their next page while the last one is written), and marked completed or aborted at the end.
/// A scan stopped part-way keeps the pages it stored; a write that fails (a full disk) stops the scan.
/// </summary>
public static class ScanJournal
{
    /// <param name="database">Where the scan is kept: an SQLite file or a PostgreSQL connection string.</param>
    /// <param name="run">Audits the pages, handing each to the store function it is given (from several workers at once).</param>
    /// <returns>The status the scan was left in.</returns>
    public static async Task<AuditStatus> RecordAsync(
        string database,
        Scan scan,
        Func<Func<Audit, CancellationToken, Task>, CancellationToken, Task> run,
        TimeProvider? clock = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(run);
        clock ??= TimeProvider.System;
        // Opened as every command opens it: created or brought up to date first.
        await using (var db = await LabDatabase.OpenAsync(database, cancellationToken))
        {
            await new ScanStore(db).BeginAsync(scan, cancellationToken);
        }

        var pages = Channel.CreateUnbounded<Audit>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = Task.Run(async () =>
        {
            try
            {
                await foreach (var page in pages.Reader.ReadAllAsync(CancellationToken.None))
                {
                    await using var db = new LabDbContext(LabDatabase.Options(database));
                    await new AuditStore(db).SaveAsync(page, CancellationToken.None);
                }
            }
            catch
            {
                await stop.CancelAsync();
                throw;
            }
        }, CancellationToken.None);

        var status = AuditStatus.Aborted;
        try
        {
            try
            {
                await run((page, _) => pages.Writer.WriteAsync(page, CancellationToken.None).AsTask(), stop.Token);
            }
            finally
            {
                pages.Writer.Complete();

                // What was audited is stored, also when the scan was stopped; a failed write is the story then.
                await writer;
            }

            status = AuditStatus.Completed;
        }
        finally
        {
            await using var db = new LabDbContext(LabDatabase.Options(database));
            await new ScanStore(db).FinishAsync(scan.Id, status, clock.GetUtcNow(), CancellationToken.None);
        }

        return status;
    }
}
