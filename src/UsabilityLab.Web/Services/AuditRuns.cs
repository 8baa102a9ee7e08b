using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UsabilityLab.Browser;
using UsabilityLab.Core.Audits;
using UsabilityLab.Data;

namespace UsabilityLab.Web.Services;

/// <summary>Where a run started from the workbench stands.</summary>
public enum RunState
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>
/// One audit started from the workbench, with its live progress: which step, which check. Read by
/// the progress page while the queue writes it.
/// </summary>
public sealed class AuditRun(Guid id, AuditRequest request, int solutionId, string startedBy) : IAuditProgress
{
    private readonly Lock _gate = new();

    public Guid Id { get; } = id;

    public AuditRequest Request { get; } = request;

    public int SolutionId { get; } = solutionId;

    public string StartedBy { get; } = startedBy;

    /// <summary>When it was put in the queue.</summary>
    public DateTimeOffset QueuedAt { get; init; }

    public RunState State { get; private set; }

    public int StepIndex { get; private set; } = -1;

    public int StepCount { get; private set; } = request.Script.Steps.Count;

    public string? StepName { get; private set; }

    public string? Check { get; private set; }

    public int Findings { get; private set; }

    public Guid? AuditId { get; private set; }

    public string? Message { get; private set; }

    /// <summary>The steps finished so far, in order: name, passed or not, findings.</summary>
    public IReadOnlyList<(string Name, bool Passed, int Findings)> Finished
    {
        get
        {
            lock (_gate)
            {
                return [.. _finished];
            }
        }
    }

    private readonly List<(string Name, bool Passed, int Findings)> _finished = [];

    public void StepStarted(int index, int count, string stepName)
    {
        lock (_gate)
        {
            State = RunState.Running;
            StepIndex = index;
            StepCount = count;
            StepName = stepName;
            Check = "handlinger";
        }
    }

    public void CheckStarted(int index, string check)
    {
        lock (_gate)
        {
            Check = check;
        }
    }

    public void StepFinished(StepResult step, int findingCount)
    {
        ArgumentNullException.ThrowIfNull(step);
        lock (_gate)
        {
            Findings += findingCount;
            _finished.Add((step.Name, step.Outcome == StepOutcome.Passed, findingCount));
            Check = null;
        }
    }

    internal void Begun(Guid auditId) => AuditId = auditId;

    internal void Running() => State = RunState.Running;

    /// <summary>
    /// While the audit runs, a step's count is what was found while it ran; the checks that compare
    /// steps and the keyboard and error passes end with the audit. Complete counts them all, per step.
    /// </summary>
    internal void Complete(Audit audit)
    {
        lock (_gate)
        {
            AuditId = audit.Id;
            Findings = audit.Findings.Count;
            _finished.Clear();
            _finished.AddRange(audit.Steps.Where(s => s.Outcome != StepOutcome.NotRun)
                .Select(s => (s.Name, s.Outcome == StepOutcome.Passed, audit.Findings.Count(f => f.StepIndex == s.Index))));
            State = RunState.Completed;
        }
    }

    internal void Fail(string message)
    {
        Message = message;
        State = RunState.Failed;
    }
}

/// <summary>
/// Runs audits started from the workbench, several at a time, on the workbench's Chromium and database,
/// through the same runner and journal as the CLI, so the stored result is the same.
/// </summary>
public sealed class AuditRuns(WorkbenchBrowser browser, IDbContextFactory<LabDbContext> contexts, IOptions<WorkbenchOptions> options, TimeProvider clock, ILogger<AuditRuns> logger) : BackgroundService
{
    private readonly Channel<AuditRun> _queue = Channel.CreateUnbounded<AuditRun>();
    private readonly ConcurrentDictionary<Guid, AuditRun> _runs = new();

    public AuditRun Enqueue(AuditRequest request, int solutionId, string startedBy)
    {
        var run = new AuditRun(Guid.NewGuid(), request, solutionId, startedBy) { QueuedAt = clock.GetUtcNow() };
        _runs[run.Id] = run;
        _queue.Writer.TryWrite(run);
        return run;
    }

    public AuditRun? Find(Guid id) => _runs.GetValueOrDefault(id);

    /// <summary>Every run since the workbench started, the newest first: waiting, running and done.</summary>
    public IReadOnlyList<AuditRun> All => [.. _runs.Values.OrderByDescending(r => r.QueuedAt).ThenBy(r => r.Id)];

    /// <summary>How many audits run at once.</summary>
    public int AtOnce => Math.Clamp(options.Value.Parallel, 1, AuditParallelism.Max);

    /// <summary>Takes the queue in order, <see cref="WorkbenchOptions.Parallel"/> audits at a time; one that fails or hangs holds up no other.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = AtOnce, CancellationToken = stoppingToken };
        try
        {
            await Parallel.ForEachAsync(_queue.Reader.ReadAllAsync(stoppingToken), parallel, async (run, token) =>
            {
                try
                {
                    await RunAsync(run, token);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    run.Fail("Workbenchen blev stoppet, før auditten var færdig.");
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Audit run {Run} failed", run.Id);
                    run.Fail(ex is StorageFailedException or BrowserUnavailableException ? ex.Message : $"Auditten stoppede på en fejl: {BrowserMessages.Of(ex)}. Fejlen er skrevet i serverens log.");
                }
            });
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the runs that were going are told above.
        }
    }

    private async Task RunAsync(AuditRun run, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        run.Running();
        AuditJournal.EnsureWritable(settings.EvidenceFolder);
        var host = await browser.GetAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runner = new AuditRunner(host, new AxeRunner(), new FileEvidenceStore(settings.EvidenceFolder), clock);
        await using var journal = new AuditJournal(db, LabDatabase.Normalize(settings.Database), clock);
        var audit = await journal.RecordAsync(
            (j, token) => runner.RunAsync(run.Request, run, new ReportingJournal(j, run), token), settings.EvidenceFolder, cancellationToken);
        run.Complete(audit);
    }

    /// <summary>Tells the run its audit id as soon as the audit is stored, so the page can link to it.</summary>
    private sealed class ReportingJournal(IAuditJournal inner, AuditRun run) : IAuditJournal
    {
        public async Task BeginAsync(Audit audit, CancellationToken cancellationToken)
        {
            await inner.BeginAsync(audit, cancellationToken);
            run.Begun(audit.Id);
        }

        public Task StepFinishedAsync(StepRecord record, CancellationToken cancellationToken) => inner.StepFinishedAsync(record, cancellationToken);
    }
}
