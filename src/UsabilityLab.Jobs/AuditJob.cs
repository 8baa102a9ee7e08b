using Hangfire;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Browser;
using UsabilityLab.Core.Audits;
using UsabilityLab.Data;

namespace UsabilityLab.Jobs;

/// <summary>
/// One audit as a Hangfire job, run by a worker. The job holds a lock named after itself on the
/// server while it runs, so the same job never runs twice at once, even when a worker that only
/// looked dead comes back. A job taken over from a killed worker marks that worker's audit
/// interrupted and runs the audit anew; one that another worker finished in the meantime is not run again.
/// </summary>
[AutomaticRetry(Attempts = 1, DelaysInSeconds = [RetryAfterSeconds], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class AuditJob(AuditWorkerContext worker)
{
    /// <summary>How long a failed job waits before its one more attempt (a crashed browser, a database that was away).</summary>
    public const int RetryAfterSeconds = 10;

    /// <summary>The job parameter that names the audit the job stored.</summary>
    public const string AuditIdParameter = "AuditId";

    [JobDisplayName("Gennemgang: {0}")]

    // The queue of the second attempt too: without it, the retried job went to Hangfire's "default" queue, which no worker takes.
    [Queue(LabJobs.AuditQueue)]
    public async Task<string> RunAsync(AuditOrder order, PerformContext? context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(context);
        var jobId = context.BackgroundJob.Id;
        var location = worker.Database;
        await using var held = await LabJobs.HoldAsync(location, jobId, cancellationToken);

        await using var db = new LabDbContext(LabDatabase.Options(location));
        if (context.GetJobParameter<Guid?>(AuditIdParameter) is { } earlier)
        {
            // Taken over: the job ran before, on a worker that died or let go. Its audit is either
            // completed (not run again) or left running by a dead process (marked interrupted now).
            if (await db.Audits.AnyAsync(a => a.Id == earlier && a.Status == AuditStatus.Completed, cancellationToken))
            {
                worker.Events.Skipped(jobId, order.ToString(), earlier);
                return earlier.ToString("N");
            }

            await AuditRecovery.MarkInterruptedAsync(db, location, cancellationToken);
        }

        worker.Events.Started(jobId, order.ToString());
        try
        {
            var request = order.ToRequest();
            var host = await worker.BrowserAsync(cancellationToken);
            var evidence = LabDatabase.EvidenceFolder(location);
            AuditJournal.EnsureWritable(evidence);
            var runner = new AuditRunner(host, new AxeRunner(), new FileEvidenceStore(evidence), worker.Clock);
            await using var journal = new AuditJournal(db, location, worker.Clock);
            var audit = await journal.RecordAsync(
                (j, token) => runner.RunAsync(request, NoProgress.Instance, new JobJournal(j, context), token), evidence, cancellationToken);
            worker.Events.Finished(jobId, order, audit);
            return audit.Id.ToString("N");
        }
        catch (Exception ex)
        {
            // The engine keeps the exception on the job and retries it once; the worker's terminal says so too.
            worker.Events.Failed(jobId, order.ToString(), ex);
            throw;
        }
    }

    /// <summary>Writes the audit's id on the job as soon as the audit is stored, so a worker that takes the job over finds it.</summary>
    private sealed class JobJournal(IAuditJournal inner, PerformContext context) : IAuditJournal
    {
        public async Task BeginAsync(Audit audit, CancellationToken cancellationToken)
        {
            await inner.BeginAsync(audit, cancellationToken);
            context.SetJobParameter(AuditIdParameter, audit.Id);
        }

        public Task StepFinishedAsync(StepRecord record, CancellationToken cancellationToken) => inner.StepFinishedAsync(record, cancellationToken);
    }
}
