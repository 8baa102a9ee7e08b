using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Data;

/// <summary>
/// Finds audits left running by a process that stopped (killed, power cut, disk full) and marks
/// them aborted, so that no list or report shows them as running or complete. Their steps stored
/// so far stay; evidence files their rows never got to name, and half-written temporary files,
/// are removed.
/// </summary>
public static class AuditRecovery
{
    public const string InterruptedMessage =
        "Auditten blev afbrudt, før den var færdig: processen, der kørte den, stoppede. " +
        "Trinnene indtil da er gemt, men resultatet er ufuldstændigt. Kør auditten igen.";

    /// <returns>The ids of the audits marked as interrupted.</returns>
    /// <param name="location">Where the database is (a file or a PostgreSQL connection string): where its audit locks are.</param>
    public static async Task<IReadOnlyList<Guid>> MarkInterruptedAsync(LabDbContext db, string location, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var running = await db.Audits.Where(a => a.Status == AuditStatus.Running).Select(a => a.Id).ToListAsync(cancellationToken);
        var store = new AuditStore(db);
        var marked = new List<Guid>();
        foreach (var id in running)
        {
            if (await AuditLocks.IsHeldAsync(location, id, cancellationToken))
            {
                continue;
            }

            // Only if it is still running: its process may have completed it and let go of the
            // lock since the list was read, and a completed audit must stay completed.
            if (!await store.AbortAsync(id, FailureReason.Interrupted, InterruptedMessage, finishedAt: null, cancellationToken))
            {
                continue;
            }

            AuditLocks.Remove(location, id);
            await RemoveUnreferencedEvidenceAsync(db, LabDatabase.EvidenceFolder(location), id, cancellationToken);
            marked.Add(id);
        }

        return marked;
    }

    private static async Task RemoveUnreferencedEvidenceAsync(LabDbContext db, string evidenceFolder, Guid auditId, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(evidenceFolder, auditId.ToString("N"));
        if (!Directory.Exists(folder))
        {
            return;
        }

        var referenced = (await db.Evidence.Where(e => e.AuditId == auditId).Select(e => e.RelativePath).ToListAsync(cancellationToken))
            .Select(p => Path.GetFileName(p))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (!referenced.Contains(Path.GetFileName(file)))
            {
                File.Delete(file);
            }
        }
    }
}
