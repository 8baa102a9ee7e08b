using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Assessments;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Data;

/// <summary>A stored audit as listed: enough to pick one for a report.</summary>
public sealed record AuditSummary(
    Guid Id,
    string Vendor,
    string Solution,
    string TaskTitle,
    DateTimeOffset StartedAt,
    AuditStatus Status,
    bool TaskCompleted,
    int FindingCount);

/// <summary>Saves and loads audits with their steps, findings and evidence records.</summary>
public sealed class AuditStore(LabDbContext db)
{
    /// <summary>
    /// Saves a finished audit in one transaction. Vendor, solution and checklist version are
    /// matched to existing rows (by name, and by checklist content hash), so audits over time
    /// line up under the same solution.
    /// </summary>
    public async Task SaveAsync(Audit audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SaveOnceAsync(audit, cancellationToken);
                return;
            }
            catch (DbUpdateException ex) when (attempt < 3 && IsTaken(ex))
            {
                // Another worker stored the same new vendor, solution or checklist version a moment
                // earlier (both looked, neither found it): look again, and this time find theirs.
                // The whole tracker goes, not only the added rows: a new row detached alone stays in
                // its tracked parent's collection and would be added again. Every caller gives the
                // store a context of its own (the journal, a scan), with nothing unsaved of anyone else's.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>A unique name or hash that another connection inserted first.</summary>
    private static bool IsTaken(DbUpdateException ex) =>
        ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }
            or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 };

    private async Task SaveOnceAsync(Audit audit, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var vendorName = audit.Solution.Vendor.Name;
        var vendor = await db.Vendors.FirstOrDefaultAsync(v => v.Name == vendorName, cancellationToken)
            ?? db.Vendors.Add(new Vendor { Name = vendorName }).Entity;

        var solutionName = audit.Solution.Name;
        var solution = vendor.Id == 0
            ? null
            : await db.Solutions.FirstOrDefaultAsync(s => s.VendorId == vendor.Id && s.Name == solutionName, cancellationToken);
        if (solution is null)
        {
            solution = db.Solutions.Add(new Solution { Name = solutionName, BaseUrl = audit.Solution.BaseUrl, Vendor = vendor }).Entity;
        }
        else
        {
            solution.BaseUrl = audit.Solution.BaseUrl;
        }

        var checklist = audit.ChecklistVersion;
        var storedChecklist = await db.ChecklistVersions.FirstOrDefaultAsync(
            c => c.ChecklistId == checklist.ChecklistId && c.ContentSha256 == checklist.ContentSha256, cancellationToken)
            ?? db.ChecklistVersions.Add(new ChecklistVersion
            {
                ChecklistId = checklist.ChecklistId,
                Version = checklist.Version,
                Title = checklist.Title,
                Content = checklist.Content,
                ContentSha256 = checklist.ContentSha256,
            }).Entity;

        audit.Solution = solution;
        audit.ChecklistVersion = storedChecklist;
        await KeepTaskAsync(solution, audit, cancellationToken);

        // Screenshots are referenced from steps and findings; each is stored once, owned by the audit.
        audit.Evidence = audit.Steps.Select(s => s.Screenshot)
            .Concat(audit.Findings.Select(f => f.Evidence))
            .Concat(audit.Evidence)
            .OfType<Evidence>()
            .Distinct()
            .ToList();

        db.Audits.Add(audit);
        await db.SaveChangesAsync(cancellationToken);

        // An audit stored as completed is matched to the tracked findings at once, like one the journal completes.
        await new FindingTracker(db).TrackAsync(audit.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Keeps the audit's task script with its solution, so the workbench can run it again.</summary>
    private async Task KeepTaskAsync(Solution solution, Audit audit, CancellationToken cancellationToken)
    {
        var task = solution.Id == 0
            ? null
            : await db.SolutionTasks.FirstOrDefaultAsync(t => t.SolutionId == solution.Id && t.TaskId == audit.TaskId, cancellationToken);
        if (task is null)
        {
            task = new SolutionTask { TaskId = audit.TaskId, Title = audit.TaskTitle, Script = audit.TaskScript, ChecklistId = audit.ChecklistVersion.ChecklistId };
            solution.Tasks.Add(task);
        }

        task.Title = audit.TaskTitle;
        task.Script = audit.TaskScript;
        task.ChecklistId = audit.ChecklistVersion.ChecklistId;
        task.UpdatedAt = audit.StartedAt;
    }

    /// <summary>
    /// Marks an audit aborted with the reason, only while it is still running: an audit that has
    /// completed meanwhile (in this process or another) stays completed. Steps stored so far stay.
    /// </summary>
    /// <returns>True when the audit was running and is now aborted.</returns>
    public async Task<bool> AbortAsync(Guid id, FailureReason reason, string message, DateTimeOffset? finishedAt, CancellationToken cancellationToken = default)
    {
        var changed = await db.Audits
            .Where(a => a.Id == id && a.Status == AuditStatus.Running)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(a => a.Status, AuditStatus.Aborted)
                    .SetProperty(a => a.FailureReason, reason)
                    .SetProperty(a => a.FailureMessage, message)
                    .SetProperty(a => a.FinishedAt, finishedAt),
                cancellationToken);
        return changed == 1;
    }

    /// <summary>Loads one audit with everything a report needs, or null.</summary>
    public Task<Audit?> LoadAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Audits
            .AsNoTracking()
            .AsSplitQuery()
            .Include(a => a.Solution).ThenInclude(s => s.Vendor)
            .Include(a => a.ChecklistVersion)
            .Include(a => a.Steps.OrderBy(s => s.Index)).ThenInclude(s => s.Screenshot)
            .Include(a => a.Findings).ThenInclude(f => f.Evidence)
            .Include(a => a.Advisories)
            .Include(a => a.Evidence)
            .Include(a => a.Assessments)
            .FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    /// <summary>Adds a reviewer's assessments to an audit in one transaction; earlier ones stay as history.</summary>
    public async Task AddAssessmentsAsync(Guid auditId, IEnumerable<Assessment> assessments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        if (!await db.Audits.AnyAsync(a => a.Id == auditId, cancellationToken))
        {
            throw new InvalidOperationException($"Audit {auditId} does not exist.");
        }

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        foreach (var assessment in assessments)
        {
            assessment.Id = 0;
            assessment.AuditId = auditId;
            db.Assessments.Add(assessment);
        }

        await db.SaveChangesAsync(cancellationToken);

        // A "not passed" goes into the dialogue with the vendor like a machine's finding.
        await new FindingTracker(db).TrackAssessmentsAsync(auditId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Finds an audit by its full id or a unique prefix of it (as printed by the CLI).</summary>
    public Task<Guid?> ResolveIdAsync(string idOrPrefix, CancellationToken cancellationToken = default) =>
        IdPrefix.ResolveAsync(db.Audits.Select(a => a.Id), idOrPrefix, cancellationToken);

    /// <summary>The newest audits first.</summary>
    public async Task<IReadOnlyList<AuditSummary>> ListAsync(int take = 50, CancellationToken cancellationToken = default)
    {
        var rows = await db.Audits
            .AsNoTracking()
            .OrderByDescending(a => a.StartedAt)
            .Take(take)
            .Select(a => new AuditSummary(
                a.Id,
                a.Solution.Vendor.Name,
                a.Solution.Name,
                a.TaskTitle,
                a.StartedAt,
                a.Status,
                a.TaskCompleted,
                a.Findings.Count))
            .ToListAsync(cancellationToken);
        return rows;
    }
}
