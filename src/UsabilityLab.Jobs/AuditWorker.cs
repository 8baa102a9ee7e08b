using Hangfire;
using UsabilityLab.Browser;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Scans;
using UsabilityLab.Data;

namespace UsabilityLab.Jobs;

/// <summary>What a worker tells about its jobs, for its terminal.</summary>
/// <remarks><c>what</c> is the job's order as lists name it (vendor and solution, or the scanned site).</remarks>
public interface IWorkerEvents
{
    void Started(string jobId, string what);

    void Finished(string jobId, AuditOrder order, Audit audit);

    void ScanFinished(string jobId, ScanOrder order, Guid scanId, ScanSummary summary);

    /// <summary>The audit or scan could not be run to its end; the engine retries the job once.</summary>
    void Failed(string jobId, string what, Exception exception);

    /// <summary>A job taken over whose audit or scan another worker had already finished: not run again.</summary>
    void Skipped(string jobId, string what, Guid resultId);

    /// <summary>A monitoring run or a scan found something changed for the worse (the change in one Danish sentence).</summary>
    void Flagged(string jobId, string what, string change);
}

/// <summary>What a worker's jobs share: the database, one Chromium (started at the first job), the clock.</summary>
public sealed class AuditWorkerContext : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<BrowserHost>> _browser;
    private readonly LazyBrowser? _ownBrowser;

    /// <summary>A worker with a Chromium of its own, started at its first job and closed with it.</summary>
    public AuditWorkerContext(string database, BrowserOptions browserOptions, IWorkerEvents events, TimeProvider? clock = null)
        : this(database, new LazyBrowser(() => browserOptions), events, clock)
    {
    }

    /// <summary>A worker inside a program that has its Chromium already (the workbench): the program closes it.</summary>
    public AuditWorkerContext(string database, Func<CancellationToken, Task<BrowserHost>> browser, IWorkerEvents events, TimeProvider? clock = null)
    {
        Database = database;
        _browser = browser;
        Events = events;
        Clock = clock ?? TimeProvider.System;
    }

    private AuditWorkerContext(string database, LazyBrowser browser, IWorkerEvents events, TimeProvider? clock)
        : this(database, browser.GetAsync, events, clock) => _ownBrowser = browser;

    public string Database { get; }

    public IWorkerEvents Events { get; }

    public TimeProvider Clock { get; }

    /// <summary>Where monitoring runs mail the reviewer; null for no mail (<see cref="LabMail.FromEnvironment"/>).</summary>
    public LabMail? Mail { get; init; } = LabMail.FromEnvironment();

    public Task<BrowserHost> BrowserAsync(CancellationToken cancellationToken) => _browser(cancellationToken);

    public ValueTask DisposeAsync() => _ownBrowser?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>
/// A worker: takes audit and scan jobs from the queue, <c>parallel</c> at a time, until it is stopped. Run
/// as many as there are machines; each needs the database and the shared files folder.
/// </summary>
public sealed class AuditWorker : IAsyncDisposable
{
    private readonly BackgroundJobServer _server;
    private readonly AuditWorkerContext _context;

    private AuditWorker(BackgroundJobServer server, AuditWorkerContext context)
    {
        _server = server;
        _context = context;
    }

    public static AuditWorker Start(AuditWorkerContext context, int parallel, string name, TimeSpan? requeueAfter = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var storage = LabJobs.Storage(context.Database, requeueAfter);
        var options = new BackgroundJobServerOptions
        {
            WorkerCount = parallel,
            Queues = [LabJobs.AuditQueue],
            ServerName = name,
            Activator = new WorkerActivator(context),
            SchedulePollingInterval = TimeSpan.FromSeconds(5),
        };
        return new AuditWorker(new BackgroundJobServer(options, storage), context);
    }

    /// <summary>Stops taking jobs, lets the running ones end (their cancellation is signalled) and closes the browser.</summary>
    public async ValueTask DisposeAsync()
    {
        _server.SendStop();
        await Task.Run(_server.Dispose);
        await _context.DisposeAsync();
    }

    private sealed class WorkerActivator(AuditWorkerContext context) : JobActivator
    {
        public override object ActivateJob(Type jobType) =>
            jobType == typeof(AuditJob) ? new AuditJob(context)
            : jobType == typeof(MonitoringJob) ? new MonitoringJob(context)
            : jobType == typeof(ScanJob) ? new ScanJob(context)
            : base.ActivateJob(jobType);
    }
}
