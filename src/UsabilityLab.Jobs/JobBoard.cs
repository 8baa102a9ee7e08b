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

/// <summary>One audit job: its order, state, the worker running it or that ran it, the audit it stored, why it failed.</summary>
/// <param name="At">When it entered its state: queued, started, finished or failed.</param>
public sealed record JobEntry(string Id, JobState State, AuditOrder? Order, DateTimeOffset? At, string? Worker, Guid? AuditId, string? Reason);

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

        var jobs = new List<JobEntry>();
        jobs.AddRange(monitor.ProcessingJobs(0, 500).Select(p => new JobEntry(
            p.Key, JobState.Running, Order(p.Value.Job), Utc(p.Value.StartedAt), p.Value.ServerId is { } server ? WorkerName(server) : null, AuditId(storage, p.Key), null)));
        jobs.AddRange(monitor.EnqueuedJobs(LabJobs.AuditQueue, 0, 500).Select(e => new JobEntry(
            e.Key, JobState.Waiting, Order(e.Value.Job), Utc(e.Value.EnqueuedAt), null, null, null)));

        // A job that failed once waits for its second attempt as a scheduled job.
        jobs.AddRange(monitor.ScheduledJobs(0, 500).Select(s => new JobEntry(
            s.Key, JobState.Waiting, Order(s.Value.Job), Utc(s.Value.ScheduledAt), null, AuditId(storage, s.Key), Retrying(LastFailure(monitor.JobDetails(s.Key))))));
        jobs.AddRange(monitor.FailedJobs(0, recent).Select(f => new JobEntry(
            f.Key, JobState.Failed, Order(f.Value.Job), Utc(f.Value.FailedAt), null, AuditId(storage, f.Key), Reason(f.Value))));
        jobs.AddRange(monitor.SucceededJobs(0, recent).Select(s => new JobEntry(
            s.Key, JobState.Completed, Order(s.Value.Job), Utc(s.Value.SucceededAt), null, ParseId(s.Value.Result as string), null)));
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

        var order = Order(details.Job);
        var latest = details.History?.FirstOrDefault();
        var auditId = ParseId(Value(details.Properties, AuditJob.AuditIdParameter));
        var at = latest is null ? Utc(details.CreatedAt) : Utc(latest.CreatedAt);
        return latest?.StateName switch
        {
            "Processing" => new JobEntry(jobId, JobState.Running, order, at, Value(latest.Data, "ServerId") is { } server ? WorkerName(server) : null, auditId, null),
            "Succeeded" => new JobEntry(jobId, JobState.Completed, order, at, null, auditId, null),
            "Failed" => new JobEntry(jobId, JobState.Failed, order, at, null, auditId, FailureText(Value(latest.Data, "ExceptionType"), Value(latest.Data, "ExceptionMessage"))),
            "Deleted" => new JobEntry(jobId, JobState.Failed, order, at, null, auditId, "jobbet blev slettet"),
            "Scheduled" => new JobEntry(jobId, JobState.Waiting, order, at, null, auditId, Retrying(LastFailure(details))),
            _ => new JobEntry(jobId, JobState.Waiting, order, at, null, auditId, null),
        };
    }

    /// <summary>Why the job failed the last time, from its state history.</summary>
    private static string? LastFailure(JobDetailsDto? details) =>
        details?.History?.FirstOrDefault(h => h.StateName == "Failed") is { } failed
            ? FailureText(Value(failed.Data, "ExceptionType"), Value(failed.Data, "ExceptionMessage"))
            : null;

    private static string Retrying(string? failure) => failure is null ? "venter på sit andet forsøg" : $"fejlede første gang ({failure}); venter på sit andet forsøg";

    private static string? Value(IDictionary<string, string>? values, string key) => values is not null && values.TryGetValue(key, out var value) ? value : null;

    private static AuditOrder? Order(Hangfire.Common.Job? job) => job?.Args.OfType<AuditOrder>().FirstOrDefault();

    private static Guid? AuditId(JobStorage storage, string jobId)
    {
        using var connection = storage.GetConnection();
        return ParseId(connection.GetJobParameter(jobId, AuditJob.AuditIdParameter));
    }

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
