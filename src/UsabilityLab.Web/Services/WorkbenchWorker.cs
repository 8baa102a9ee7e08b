using System.Globalization;
using Microsoft.Extensions.Options;
using UsabilityLab.Browser;
using UsabilityLab.Core.Audits;
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
        public void Started(string jobId, AuditOrder order) => JobStarted(logger, jobId, order.VendorName, order.SolutionName);

        public void Finished(string jobId, AuditOrder order, Audit audit) => JobFinished(logger, jobId, order.VendorName, order.SolutionName, audit.Id);

        public void Failed(string jobId, AuditOrder order, Exception exception) => JobFailed(logger, exception, jobId, order.VendorName, order.SolutionName);

        public void Skipped(string jobId, AuditOrder order, Guid auditId) => JobSkipped(logger, jobId, auditId);

        public void Flagged(string jobId, AuditOrder order, MonitoringChange change) => JobFlagged(logger, jobId, order.VendorName, order.SolutionName, change.Summary ?? string.Empty);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}, monitoring {Vendor} – {Solution}: {Change}")]
        private static partial void JobFlagged(ILogger logger, string job, string vendor, string solution, string change);

        [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} starts: {Vendor} – {Solution}")]
        private static partial void JobStarted(ILogger logger, string job, string vendor, string solution);

        [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} done: {Vendor} – {Solution}, audit {Audit}")]
        private static partial void JobFinished(ILogger logger, string job, string vendor, string solution, Guid audit);

        [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} failed: {Vendor} – {Solution}")]
        private static partial void JobFailed(ILogger logger, Exception exception, string job, string vendor, string solution);

        [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} was completed by another worker (audit {Audit})")]
        private static partial void JobSkipped(ILogger logger, string job, Guid audit);
    }
}
