using UsabilityLab.Core.Audits;

namespace UsabilityLab.Data;

/// <summary>
/// Writes an audit to the database while it runs: a running row first (under a lock file the
/// process holds), each step as it finishes, in short transactions, and the end state last. A
/// process that dies leaves a running row whose lock is free, which the next open of the database
/// marks as interrupted (see <see cref="AuditRecovery"/>).
/// </summary>
public sealed class AuditJournal(LabDbContext db, string locksFolder) : IAuditJournal, IAsyncDisposable
{
    private readonly AuditStore _store = new(db);
    private FileStream? _lock;
    private Audit? _audit;

    public async Task BeginAsync(Audit audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);

        // The lock comes first: a recovery running in another process must never see this audit
        // as running without its lock held.
        _lock = AuditLocks.Acquire(locksFolder, audit.Id);
        _audit = audit;
        await _store.SaveAsync(audit, cancellationToken);
    }

    public Task StepFinishedAsync(Audit audit, CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    /// <summary>Stores what the audit found and marks it completed, in one transaction.</summary>
    public async Task CompleteAsync(Audit audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        audit.Status = AuditStatus.Completed;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Release();
    }

    /// <summary>
    /// Marks a begun audit as aborted with the reason, keeping the steps stored so far. What
    /// failed to save before is dropped from the context first, so that it does not fail this
    /// too, nor the next audit of the run.
    /// </summary>
    public async Task AbortAsync(FailureReason reason, string message)
    {
        if (_audit is null)
        {
            return;
        }

        db.ChangeTracker.Clear();
        await _store.AbortAsync(_audit.Id, reason, message, DateTimeOffset.UtcNow, CancellationToken.None);
        Release();
    }

    public ValueTask DisposeAsync()
    {
        Release();
        return ValueTask.CompletedTask;
    }

    private void Release()
    {
        if (_lock is not null)
        {
            _lock.Dispose();
            _lock = null;
            if (_audit is not null)
            {
                AuditLocks.Remove(locksFolder, _audit.Id);
            }
        }
    }
}
