using System.Globalization;
using System.Text;
using Hangfire;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Data;

namespace UsabilityLab.Jobs;

/// <summary>
/// A schedule's run of one task on one solution: the task's script as the solution has it now, the
/// schedule's checklist. Kept by Hangfire as a recurring job (<see cref="Schedules"/>).
/// </summary>
/// <param name="NotifyEmail">Who hears of a run that flags something; null for no mail.</param>
public sealed record MonitoringOrder(int SolutionId, string TaskId, string ChecklistFile, string ChecklistText, string? NotifyEmail, string CreatedBy)
{
    public override string ToString() => $"løsning {SolutionId}, opgave {TaskId}";
}

/// <summary>
/// One scheduled monitoring run: audits the task like any audit job (same lock, same takeover by
/// another worker), then compares the audit with the task's previous one and, when the task stopped
/// completing or new critical findings appeared, mails the reviewer.
/// </summary>
[AutomaticRetry(Attempts = 1, DelaysInSeconds = [AuditJob.RetryAfterSeconds], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class MonitoringJob(AuditWorkerContext worker)
{
    [JobDisplayName("Overvågning: {0}")]
    [Queue(LabJobs.AuditQueue)]
    public async Task<string> RunAsync(MonitoringOrder order, PerformContext? context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        AuditOrder audit;
        await using (var db = new LabDbContext(LabDatabase.Options(worker.Database)))
        {
            var solution = await db.Solutions.AsNoTracking().Include(s => s.Vendor).Include(s => s.Tasks).FirstOrDefaultAsync(s => s.Id == order.SolutionId, cancellationToken)
                ?? throw new InvalidOperationException($"Løsning {order.SolutionId} findes ikke længere; slet overvågningen.");
            var task = solution.Tasks.FirstOrDefault(t => t.TaskId == order.TaskId)
                ?? throw new InvalidOperationException($"Opgaven {order.TaskId} findes ikke længere på {solution.Name}; slet overvågningen.");
            audit = new AuditOrder(solution.Vendor.Name, solution.Name, solution.BaseUrl, $"{task.TaskId}.yaml", task.Script, order.ChecklistFile, order.ChecklistText,
                new Dictionary<string, string>(StringComparer.Ordinal), $"overvågning ({order.CreatedBy})");
        }

        var auditId = Guid.Parse(await new AuditJob(worker).RunAsync(audit, context, cancellationToken));
        await using var compare = new LabDbContext(LabDatabase.Options(worker.Database));
        if (await MonitoringChange.OfAsync(compare, auditId, cancellationToken) is { Flagged: true } change)
        {
            worker.Events.Flagged(context?.BackgroundJob.Id ?? "?", audit.ToString(), change.Summary!);
            if (order.NotifyEmail is { Length: > 0 } to && worker.Mail is { } mail)
            {
                await mail.SendAsync(to, $"UsabilityLab: {audit.VendorName} – {audit.SolutionName}: {change.Summary}", Body(audit, change, mail), cancellationToken);
            }
        }

        return auditId.ToString("N");
    }

    private static string Body(AuditOrder audit, MonitoringChange change, LabMail mail)
    {
        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Den planlagte gennemgang af {audit.SolutionName} ({audit.VendorName}) er færdig, og den er ændret siden sidst:")
            .AppendLine()
            .AppendLine(change.Summary);
        foreach (var (rule, where) in change.NewCritical)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"- {rule} ({where})");
        }

        body.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Gennemgang: {change.AuditId}");
        if (mail.AuditLink(change.AuditId) is { } link)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"Åbn den i workbenchen: {link}");
        }

        return body.ToString();
    }
}
