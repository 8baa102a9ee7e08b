using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Scans;

namespace UsabilityLab.Data.Scans;

/// <summary>Stores a scan and its pages (each a one-page audit, saved as <see cref="AuditStore"/> saves audits).</summary>
public sealed class ScanStore(LabDbContext db)
{
    /// <summary>Stores the scan as running, before its first page.</summary>
    public async Task BeginAsync(Scan scan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scan);
        scan.Status = AuditStatus.Running;
        db.Scans.Add(scan);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Marks the scan completed (every page audited) or aborted (stopped before), with when it ended.</summary>
    public async Task FinishAsync(Guid scanId, AuditStatus status, DateTimeOffset finishedAt, CancellationToken cancellationToken = default)
    {
        var scan = await db.Scans.FirstAsync(s => s.Id == scanId, cancellationToken);
        scan.Status = status;
        scan.FinishedAt = finishedAt;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Marks a scan that its process left running (killed, its machine gone) as aborted; false when it was not running.</summary>
    public async Task<bool> AbortIfRunningAsync(Guid scanId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var scan = await db.Scans.FirstOrDefaultAsync(s => s.Id == scanId && s.Status == AuditStatus.Running, cancellationToken);
        if (scan is null)
        {
            return false;
        }

        scan.Status = AuditStatus.Aborted;
        scan.FinishedAt = at;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The scan with every page as a report needs it (steps, findings, advisories, pictures), pages in the order they were audited; null when there is none.</summary>
    public async Task<Scan?> LoadAsync(Guid scanId, CancellationToken cancellationToken = default)
    {
        var scan = await db.Scans.AsNoTracking().FirstOrDefaultAsync(s => s.Id == scanId, cancellationToken);
        if (scan is null)
        {
            return null;
        }

        scan.Pages = await db.Audits
            .AsNoTracking()
            .AsSplitQuery()
            .Where(a => a.ScanId == scanId)
            .Include(a => a.Solution).ThenInclude(s => s.Vendor)
            .Include(a => a.ChecklistVersion)
            .Include(a => a.Steps).ThenInclude(s => s.Screenshot)
            .Include(a => a.Findings).ThenInclude(f => f.Evidence)
            .Include(a => a.Advisories)
            .OrderBy(a => a.StartedAt)
            .ToListAsync(cancellationToken);
        return scan;
    }

    /// <summary>The newest scan that has ended (one still running elsewhere is no result yet); null when there is none.</summary>
    public Task<Guid?> LatestEndedAsync(CancellationToken cancellationToken = default) =>
        db.Scans.AsNoTracking().Where(s => s.Status != AuditStatus.Running).OrderByDescending(s => s.StartedAt).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Finds a scan by its full id or a unique prefix of it (as printed by the CLI).</summary>
    public Task<Guid?> ResolveIdAsync(string idOrPrefix, CancellationToken cancellationToken = default) =>
        IdPrefix.ResolveAsync(db.Scans.Select(s => s.Id), idOrPrefix, cancellationToken);
}
