using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UsabilityLab.Browser;
using UsabilityLab.Core;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Scripts;
using UsabilityLab.Data;
using UsabilityLab.Jobs;
using UsabilityLab.Web.Endpoints;

namespace UsabilityLab.Web.Services;

/// <summary>
/// The workbench on PostgreSQL: audits started here become jobs in the queue every worker takes from
/// (<see cref="LabJobs"/>), so they survive a restart and run on any worker. Shows the queue from the
/// engine's own monitoring view, and a job's progress from the steps its worker has stored.
/// </summary>
public sealed class AuditJobs(IOptions<WorkbenchOptions> options, IDbContextFactory<LabDbContext> contexts)
{
    private readonly Lazy<JobStorage> _storage = new(() => LabJobs.Storage(LabDatabase.Normalize(options.Value.Database)));

    /// <summary>True when audits go to the job queue (the database is PostgreSQL), not to the in-process queue.</summary>
    public bool InUse => options.Value.UsesJobs;

    /// <summary>True when this workbench also runs jobs itself (<see cref="WorkbenchOptions.Worker"/>).</summary>
    public bool RunsJobsItself => options.Value.Worker;

    public JobStorage Storage => _storage.Value;

    /// <summary>Puts the audit in the queue; returns the job's id.</summary>
    public string Enqueue(AuditRequest request, string startedBy) => LabJobs.Enqueue(Storage, AuditOrder.From(request, startedBy));

    /// <summary>The workbench's page of a job.</summary>
    public static string Link(string jobId) => $"/koersler/job/{jobId}";

    public JobBoardView Board() => JobBoard.Read(Storage);

    /// <summary>A job's progress in the shape the progress page reads; null when there is no such job.</summary>
    internal async Task<RunStatus?> StatusAsync(string jobId, CancellationToken cancellationToken) =>
        JobBoard.Find(Storage, jobId) is { } job ? await StatusAsync(job, cancellationToken) : null;

    /// <summary>The progress of a job already read from the engine.</summary>
    internal async Task<RunStatus> StatusAsync(JobEntry job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);

        if (job.IsScan)
        {
            // The workbench has no page for scans yet: the page says where the result is.
            return Status(job, 0, 0, [], null);
        }

        var stepCount = StepCount(job.Order);
        List<StepResult> steps = [];
        Audit? audit = null;
        var findings = 0;
        if (job.AuditId is { } auditId)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            audit = await db.Audits.AsNoTracking().FirstOrDefaultAsync(a => a.Id == auditId, cancellationToken);
            steps = await db.StepResults.AsNoTracking().Where(s => s.AuditId == auditId && s.Outcome != StepOutcome.NotRun).OrderBy(s => s.Index).ToListAsync(cancellationToken);
            var perStep = await db.Findings.AsNoTracking().Where(f => f.AuditId == auditId).GroupBy(f => f.StepIndex).Select(g => new { Step = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            findings = perStep.Sum(p => p.Count);
            var done = job.State == JobState.Completed && audit?.Status == AuditStatus.Completed;
            var finished = steps.Select(s =>
            {
                var count = perStep.FirstOrDefault(p => p.Step == s.Index)?.Count ?? 0;
                return new RunStep(s.Name, s.Outcome == StepOutcome.Passed, count, RunStatus.Label(count, done));
            }).ToList();
            return Status(job, stepCount, findings, finished, done ? $"/gennemgange/{auditId}" : null);
        }

        return Status(job, stepCount, findings, [], null);
    }

    private static RunStatus Status(JobEntry job, int stepCount, int findings, List<RunStep> finished, string? auditUrl)
    {
        var state = job.State switch
        {
            JobState.Waiting => RunState.Queued,
            JobState.Running => RunState.Running,
            JobState.Completed when auditUrl is not null || job.IsScan => RunState.Completed,
            JobState.Completed => RunState.Failed,
            _ => RunState.Failed,
        };
        var text = state switch
        {
            RunState.Queued when job.Reason is { } reason => $"Jobbet {reason} ...",
            RunState.Queued => "Venter i køen på en ledig worker ...",
            RunState.Running when job.IsScan => $"Scanner på {job.Worker ?? "en worker"} ...",
            RunState.Completed when job.ScanId is { } scan => $"Færdig: scanningen er gemt ({scan.ToString("N")[..8]}). Rapporten skrives med: usabilitylab report --scan {scan.ToString("N")[..8]}",
            RunState.Running when finished.Count == 0 => $"Kører på {job.Worker ?? "en worker"}: starter Chromium og åbner løsningen ...",
            RunState.Running => $"Kører på {job.Worker ?? "en worker"}: trin {finished.Count} af {stepCount} er færdige",
            RunState.Completed => $"Færdig: {Reports.ReportFormat.Count(findings, "fund", "fund")} i alt med alle kontroller. Åbner gennemgangen ...",
            _ => job.Reason is { } failure ? $"Jobbet fejlede: {failure}" : "Jobbet blev færdigt, men gennemgangen findes ikke i databasen.",
        };
        return new RunStatus(state.ToString(), finished.Count - 1, stepCount, finished.LastOrDefault()?.Name, null, findings, text, auditUrl, finished);
    }

    private static int StepCount(AuditOrder? order)
    {
        if (order is null)
        {
            return 0;
        }

        try
        {
            return TaskScriptParser.Parse(order.ScriptFile, order.ScriptText).Steps.Count;
        }
        catch (InputException)
        {
            return 0;
        }
    }
}
