using System.Globalization;
using Microsoft.Extensions.Options;
using UsabilityLab.Browser;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Scans;
using UsabilityLab.Data;
using UsabilityLab.Jobs;

namespace UsabilityLab.Web.Services;

/// <summary>
/// On PostgreSQL, the workbench's own worker: takes audit jobs from the shared queue like any
/// <c>usabilitylab worker</c>, on the workbench's Chromium, so a team server needs no second program.
/// Off with <see cref="WorkbenchOptions.Worker"/> = false, when workers on other machines run them.
/// </summary>
public sealed partial class WorkbenchWorker(IOptions<WorkbenchOptions> options, WorkbenchBrowser browser, TimeProvider clock, ILogger<WorkbenchWorker> logger) : IHostedService, IAsyncDisposable
{
    private AuditWorker? _worker;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.UsesJobs || !settings.Worker)
        {
            return Task.CompletedTask;
        }

        var context = new AuditWorkerContext(LabDatabase.Normalize(settings.Database), browser.GetAsync, new LoggedEvents(logger), clock);
        var name = $"workbench:{Environment.MachineName}:{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";
        _worker = AuditWorker.Start(context, Math.Clamp(settings.Parallel, 1, AuditParallelism.Max), name);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _worker, null) is { } worker)
        {
            await worker.DisposeAsync();
        }
    }

    private sealed partial class LoggedEvents(ILogger logger) : IWorkerEvents
    {
        public void Started(string jobId, string what) => JobStarted(logger, jobId, what);

        public void Finished(string jobId, AuditOrder order, Audit audit) => JobFinished(logger, jobId, order, audit.Id);

        public void ScanFinished(string jobId, ScanOrder order, Guid scanId, ScanSummary summary) => JobFinished(logger, jobId, order, scanId);

        public void Failed(string jobId, string what, Exception exception) => JobFailed(logger, exception, jobId, what);

        public void Skipped(string jobId, string what, Guid resultId) => JobSkipped(logger, jobId, resultId);

        public void Flagged(string jobId, string what, string change) => JobFlagged(logger, jobId, what, change);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}, monitoring {What}: {Change}")]
        private static partial void JobFlagged(ILogger logger, string job, string what, string change);

        [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} starts: {What}")]
        private static partial void JobStarted(ILogger logger, string job, string what);

        [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} done: {What}, result {Result}")]
        private static partial void JobFinished(ILogger logger, string job, object what, Guid result);

        [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} failed: {What}")]
        private static partial void JobFailed(ILogger logger, Exception exception, string job, string what);

        [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} was completed by another worker (result {Result})")]
        private static partial void JobSkipped(ILogger logger, string job, Guid result);
    }
}
