using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;
using UsabilityLab.Data;

namespace UsabilityLab.Jobs;

/// <summary>
/// The job engine's side of the lab: Hangfire's queue, kept in the lab's own PostgreSQL database
/// (schema <c>hangfire</c>), so the workbench, the CLI and every worker share it and a restart
/// loses nothing.
/// </summary>
public static class LabJobs
{
    /// <summary>The queue audits and scans wait in.</summary>
    public const string AuditQueue = "audits";

    /// <summary>
    /// How long a job taken by a worker that stopped answering (killed, its machine gone) waits
    /// before another worker takes it. A live worker renews its claim while it runs (Hangfire.PostgreSql's
    /// sliding invisibility), so a long audit is not taken twice.
    /// </summary>
    public static readonly TimeSpan DefaultRequeueAfter = TimeSpan.FromMinutes(2);

    private static readonly Lock _configure = new();
    private static bool _configured;

    /// <summary>The queue in <paramref name="location"/>, a PostgreSQL connection string.</summary>
    public static JobStorage Storage(string location, TimeSpan? requeueAfter = null)
    {
        if (!LabDatabase.IsServer(location))
        {
            throw new ArgumentException("Jobs are kept in a PostgreSQL database, not in an SQLite file.", nameof(location));
        }

        ConfigureSerialization();
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            InvisibilityTimeout = requeueAfter ?? DefaultRequeueAfter,
            UseSlidingInvisibilityTimeout = true,
            QueuePollInterval = TimeSpan.FromSeconds(1),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(location, options), options);
    }

    /// <summary>
    /// Holds a lock named after the job on the server while the job runs, so the same job never runs
    /// twice at once, even when a worker that only looked dead comes back.
    /// </summary>
    public static Task<IAsyncDisposable> HoldAsync(string location, string jobId, CancellationToken cancellationToken) =>
        AuditLocks.AcquireOnServerAsync(location, "usabilitylab-job:" + jobId, cancellationToken);

    /// <summary>Puts an audit in the queue; returns the job's id.</summary>
    public static string Enqueue(JobStorage storage, AuditOrder order)
    {
        var client = new BackgroundJobClient(storage);
        return client.Create<AuditJob>(job => job.RunAsync(order, null, CancellationToken.None), new EnqueuedState(AuditQueue));
    }

    /// <summary>Puts a scan in the queue; returns the job's id.</summary>
    public static string Enqueue(JobStorage storage, ScanOrder order)
    {
        var client = new BackgroundJobClient(storage);
        return client.Create<ScanJob>(job => job.RunAsync(order, null, CancellationToken.None), new EnqueuedState(AuditQueue));
    }

    /// <summary>Jobs are stored as JSON with short type names, the same in every process.</summary>
    private static void ConfigureSerialization()
    {
        lock (_configure)
        {
            if (_configured)
            {
                return;
            }

            GlobalConfiguration.Configuration
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            _configured = true;
        }
    }
}
