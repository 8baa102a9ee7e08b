using Hangfire;
using Hangfire.Storage;

namespace UsabilityLab.Jobs;

/// <summary>A schedule as the workbench shows it: what it audits, when, when next, and how its last run went.</summary>
/// <param name="Order">The task it audits; null for a scan's schedule (<see cref="Scan"/>).</param>
/// <param name="Scan">The scan it runs; null for a task's.</param>
/// <param name="Cron">Minute, hour, day of month, month, day of week, in Danish time, e.g. "0 6 * * 1" (Mondays at 6).</param>
/// <param name="Error">Why the engine could not plan it, when it could not.</param>
public sealed record ScheduleEntry(string Id, MonitoringOrder? Order, ScanOrder? Scan, string Cron, DateTimeOffset? Next, DateTimeOffset? LastRun, string? LastJobId, string? LastState, string? Error);

/// <summary>
/// Monitoring schedules: one Hangfire recurring job per solution task, and one per scanned site,
/// kept in the job engine's tables, run by whichever worker takes it. Times are Danish (Europe/Copenhagen).
/// </summary>
public static class Schedules
{
    /// <summary>Danish time, in which schedules are written (UTC on a machine without the time zone database).</summary>
    public static TimeZoneInfo Denmark => _denmark.Value;

    private static readonly Lazy<TimeZoneInfo> _denmark = new(() =>
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    });

    /// <summary>The prefix of every scan schedule's id.</summary>
    public const string ScanPrefix = "scanning-";

    public static string IdFor(int solutionId, string taskId) => $"overvaagning-{solutionId}-{taskId}";

    /// <summary>A scan schedule's id: the site's name in lower-case letters, digits and hyphens.</summary>
    public static string IdFor(ScanOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var slug = new string([.. order.SiteName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        return ScanPrefix + (slug.Length > 0 ? slug : "side");
    }

    /// <summary>Creates or changes the task's schedule. Throws <see cref="ArgumentException"/> for a cron expression the engine cannot read.</summary>
    public static string Save(JobStorage storage, MonitoringOrder order, string cron)
    {
        ArgumentNullException.ThrowIfNull(order);
        var id = IdFor(order.SolutionId, order.TaskId);
        new RecurringJobManager(storage).AddOrUpdate<MonitoringJob>(
            id, LabJobs.AuditQueue, job => job.RunAsync(order, null, CancellationToken.None), cron.Trim(), new RecurringJobOptions { TimeZone = _denmark.Value });
        return id;
    }

    /// <summary>Creates or changes the site's scan schedule (one per site name). Throws <see cref="ArgumentException"/> for a cron expression the engine cannot read.</summary>
    public static string Save(JobStorage storage, ScanOrder order, string cron)
    {
        var id = IdFor(order);
        new RecurringJobManager(storage).AddOrUpdate<ScanJob>(
            id, LabJobs.AuditQueue, job => job.RunAsync(order, null, CancellationToken.None), cron.Trim(), new RecurringJobOptions { TimeZone = _denmark.Value });
        return id;
    }

    /// <summary>Every schedule: tasks' and scans'.</summary>
    public static IReadOnlyList<ScheduleEntry> All(JobStorage storage) => Read(storage, string.Empty);

    /// <summary>The schedules of one solution's tasks.</summary>
    public static IReadOnlyList<ScheduleEntry> ForSolution(JobStorage storage, int solutionId) => Read(storage, $"overvaagning-{solutionId}-");

    private static List<ScheduleEntry> Read(JobStorage storage, string prefix)
    {
        ArgumentNullException.ThrowIfNull(storage);
        using var connection = storage.GetConnection();
        return [.. connection.GetRecurringJobs()
            .Where(r => r.Id.StartsWith(prefix, StringComparison.Ordinal) && !r.Removed)
            .Select(r => new ScheduleEntry(
                r.Id,
                r.Job?.Args.OfType<MonitoringOrder>().FirstOrDefault(),
                r.Job?.Args.OfType<ScanOrder>().FirstOrDefault(),
                r.Cron,
                Utc(r.NextExecution),
                Utc(r.LastExecution),
                r.LastJobId,
                r.LastJobState,
                r.Error))
            .OrderBy(r => r.Id, StringComparer.Ordinal)];
    }

    /// <summary>Runs the schedule now, besides its plan.</summary>
    public static void RunNow(JobStorage storage, string id) => new RecurringJobManager(storage).Trigger(id);

    public static void Remove(JobStorage storage, string id) => new RecurringJobManager(storage).RemoveIfExists(id);

    private static DateTimeOffset? Utc(DateTime? time) => time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
