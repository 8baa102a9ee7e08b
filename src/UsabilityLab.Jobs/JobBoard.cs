using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.Storage.Monitoring;

namespace UsabilityLab.Jobs;

/// <summary>Where a job stands, as the workbench shows it.</summary>
public enum JobState
{
    /// <summary>In the queue, or waiting for its second attempt.</summary>
    Waiting,
    Running,
    Completed,
    Failed,
}

/// <summary>One job (an audit, a scheduled task's audit or a scan): its order, state, the worker running it or that ran it, what it stored, why it failed.</summary>
/// <param name="Order">The audit it runs; null for a scan or a schedule's run.</param>
/// <param name="What">What it runs, as lists name it.</param>
/// <param name="At">When it entered its state: queued, started, finished or failed.</param>
/// <param name="AuditId">The audit it stored (an audit's job, a schedule's run).</param>
/// <param name="ScanId">The scan it stored (a scan's job).</param>
public sealed record JobEntry(string Id, JobState State, AuditOrder? Order, string What, string? OrderedBy, DateTimeOffset? At, string? Worker, Guid? AuditId, Guid? ScanId, string? Reason)
{
    /// <summary>True for a scan's job (many pages, no task).</summary>
    public bool IsScan { get; init; }
}

/// <summary>A worker process that takes jobs: its name, how many audits it runs at once, when it was last heard from.</summary>
public sealed record WorkerEntry(string Name, int Slots, DateTimeOffset StartedAt, DateTimeOffset? Heartbeat);

/// <summary>The queue as a whole: the workers, and the jobs (waiting, running, failed and the latest completed), with the counts.</summary>
public sealed record JobBoardView(IReadOnlyList<WorkerEntry> Workers, IReadOnlyList<JobEntry> Jobs, long Waiting, long Running, long Completed, long Failed);

/// <summary>Reads the job engine's own monitoring view of the audit queue; nothing is kept beside it.</summary>
public static partial class JobBoard
{
    /// <summary>The queue now; of the completed and failed jobs, the latest <paramref name="recent"/> of each.</summary>
    public static JobBoardView Read(JobStorage storage, int recent = 50)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var monitor = storage.GetMonitoringApi();
        var statistics = monitor.GetStatistics();
        var workers = monitor.Servers()
            .Select(s => new WorkerEntry(WorkerName(s.Name), s.WorkersCount, Utc(s.StartedAt), s.Heartbeat is { } beat ? Utc(beat) : null))
            .OrderBy(w => w.Name, StringComparer.Ordinal)
            .ToList();

        // One connection for every job's parameter, not one per job.
        using var connection = storage.GetConnection();
        var jobs = new List<JobEntry>();
        jobs.AddRange(monitor.ProcessingJobs(0, 500).Select(p => Entry(
            p.Key, JobState.Running, p.Value.Job, Utc(p.Value.StartedAt), p.Value.ServerId is { } server ? WorkerName(server) : null, StoredId(connection, p.Key, p.Value.Job), null)));
        jobs.AddRange(monitor.EnqueuedJobs(LabJobs.AuditQueue, 0, 500).Select(e => Entry(
            e.Key, JobState.Waiting, e.Value.Job, Utc(e.Value.EnqueuedAt), null, null, null)));

        // A job that failed once waits for its second attempt as a scheduled job.
        jobs.AddRange(monitor.ScheduledJobs(0, 500).Select(s => Entry(
            s.Key, JobState.Waiting, s.Value.Job, Utc(s.Value.ScheduledAt), null, StoredId(connection, s.Key, s.Value.Job), Retrying(LastFailure(monitor.JobDetails(s.Key))))));
        jobs.AddRange(monitor.FailedJobs(0, recent).Select(f => Entry(
            f.Key, JobState.Failed, f.Value.Job, Utc(f.Value.FailedAt), null, StoredId(connection, f.Key, f.Value.Job), Reason(f.Value))));
        jobs.AddRange(monitor.SucceededJobs(0, recent).Select(s => Entry(
            s.Key, JobState.Completed, s.Value.Job, Utc(s.Value.SucceededAt), null, ParseId(s.Value.Result as string), null)));
        return new JobBoardView(
            workers,
            [.. jobs.OrderByDescending(j => j.At ?? DateTimeOffset.MinValue).ThenByDescending(j => long.TryParse(j.Id, out var n) ? n : 0)],
            statistics.Enqueued + statistics.Scheduled,
            statistics.Processing,
            statistics.Succeeded,
            statistics.Failed);
    }

    /// <summary>One job as it stands, from its state history; null when there is no such job.</summary>
    public static JobEntry? Find(JobStorage storage, string jobId)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var details = storage.GetMonitoringApi().JobDetails(jobId);
        if (details is null)
        {
            return null;
        }

        var job = details.Job;
        var latest = details.History?.FirstOrDefault();
        var stored = ParseId(Value(details.Properties, IsScan(job) ? ScanJob.ScanIdParameter : AuditJob.AuditIdParameter));
        var at = latest is null ? Utc(details.CreatedAt) : Utc(latest.CreatedAt);
        return latest?.StateName switch
        {
            "Processing" => Entry(jobId, JobState.Running, job, at, Value(latest.Data, "ServerId") is { } server ? WorkerName(server) : null, stored, null),
            "Succeeded" => Entry(jobId, JobState.Completed, job, at, null, stored, null),
            "Failed" => Entry(jobId, JobState.Failed, job, at, null, stored, FailureText(Value(latest.Data, "ExceptionType"), Value(latest.Data, "ExceptionMessage"))),
            "Deleted" => Entry(jobId, JobState.Failed, job, at, null, stored, "jobbet blev slettet"),
            "Scheduled" => Entry(jobId, JobState.Waiting, job, at, null, stored, Retrying(LastFailure(details))),
            _ => Entry(jobId, JobState.Waiting, job, at, null, stored, null),
        };
    }

    /// <summary>Why the job failed the last time, from its state history.</summary>
    private static string? LastFailure(JobDetailsDto? details) =>
        details?.History?.FirstOrDefault(h => h.StateName == "Failed") is { } failed
            ? FailureText(Value(failed.Data, "ExceptionType"), Value(failed.Data, "ExceptionMessage"))
            : null;

    private static string Retrying(string? failure) => failure is null ? "venter på sit andet forsøg" : $"fejlede første gang ({failure}); venter på sit andet forsøg";

    private static string? Value(IDictionary<string, string>? values, string key) => values is not null && values.TryGetValue(key, out var value) ? value : null;

    /// <param name="stored">What the job stored so far or in the end: a scan's id for a scan's job, else an audit's.</param>
    private static JobEntry Entry(string id, JobState state, Hangfire.Common.Job? job, DateTimeOffset? at, string? worker, Guid? stored, string? reason)
    {
        var args = job?.Args ?? [];
        var audit = args.OfType<AuditOrder>().FirstOrDefault();
        var scan = args.OfType<ScanOrder>().FirstOrDefault();
        var monitoring = args.OfType<MonitoringOrder>().FirstOrDefault();
        var (what, by) = (audit, scan, monitoring) switch
        {
            ({ } a, _, _) => (a.ToString(), a.OrderedBy),
            (_, { } s, _) => (s.ToString(), s.OrderedBy),
            (_, _, { } m) => ($"overvågning af {m}", (string?)$"plan ({m.CreatedBy})"),
            _ => ("ukendt job", null),
        };
        return scan is null
            ? new JobEntry(id, state, audit, what, by, at, worker, stored, null, reason)
            : new JobEntry(id, state, null, what, by, at, worker, null, stored, reason) { IsScan = true };
    }

    private static bool IsScan(Hangfire.Common.Job? job) => job?.Args.OfType<ScanOrder>().Any() == true;

    /// <summary>The audit (or, for a scan's job, the scan) a running or failed job has stored, from its job parameter.</summary>
    private static Guid? StoredId(Hangfire.Storage.IStorageConnection connection, string jobId, Hangfire.Common.Job? job) =>
        ParseId(connection.GetJobParameter(jobId, IsScan(job) ? ScanJob.ScanIdParameter : AuditJob.AuditIdParameter));

    /// <summary>A job parameter or result is stored as JSON: a quoted id.</summary>
    private static Guid? ParseId(string? stored) => Guid.TryParse(stored?.Trim('"'), out var id) ? id : null;

    private static string Reason(FailedJobDto failed) => FailureText(failed.ExceptionType, failed.ExceptionMessage);

    private static string FailureText(string? type, string? message)
    {
        var firstLine = (message ?? string.Empty).Split('\n')[0].Trim();
        var name = type is null ? null : type[(type.LastIndexOf('.') + 1)..];
        return string.IsNullOrEmpty(firstLine) ? name ?? "ukendt fejl" : name is null ? firstLine : $"{firstLine} ({name})";
    }

    /// <summary>Hangfire names a server "name:process id:uuid"; the name is what the worker was started with.</summary>
    private static string WorkerName(string serverId) => ServerSuffix().Replace(serverId, string.Empty);

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? time) => time is { } t ? Utc(t) : null;

    [GeneratedRegex(":[0-9]+:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.IgnoreCase)]
    private static partial Regex ServerSuffix();
}
