using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Data;

/// <summary>
/// Writes an audit to the database while it runs: a running row first (under a lock the process
/// holds, see <see cref="AuditLocks"/>), each step as it finishes, in short transactions, and the end state last. A
/// process that dies leaves a running row whose lock is free, which the next open of the database
/// marks as interrupted (see <see cref="AuditRecovery"/>).
/// </summary>
/// <param name="location">Where the database is (a file or a PostgreSQL connection string): where its audit locks are.</param>
public sealed class AuditJournal(LabDbContext db, string location, TimeProvider? clock = null) : IAuditJournal, IAsyncDisposable
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly AuditStore _store = new(db);
    private IAsyncDisposable? _lock;
    private Audit? _audit;

    public async Task BeginAsync(Audit audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);

        // The lock comes first: a recovery running in another process must never see this audit
        // as running without its lock held.
        _lock = await AuditLocks.AcquireAsync(location, audit.Id, cancellationToken);
        _audit = audit;
        await _store.SaveAsync(audit, cancellationToken);
    }

    /// <summary>Stores the step, and the findings, advisories and files it brought, as rows of the begun audit.</summary>
    public async Task StepFinishedAsync(StepRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var auditId = Begun().Id;
        record.Step.AuditId = auditId;
        Store(record.Step);
        foreach (var finding in record.Findings)
        {
            finding.AuditId = auditId;
            Store(finding);
        }

        foreach (var advisory in record.Advisories)
        {
            advisory.AuditId = auditId;
            Store(advisory);
        }

        foreach (var file in record.Files)
        {
            file.AuditId = auditId;
            Store(file);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Runs an audit under this journal: stores it as it goes, completes it when the run finishes,
    /// and marks it aborted with the reason when it does not. A disk that cannot take the evidence
    /// becomes a <see cref="StorageFailedException"/> with what to do.
    /// </summary>
    public async Task<Audit> RecordAsync(Func<IAuditJournal, CancellationToken, Task<Audit>> run, string evidenceFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            var audit = await run(this, cancellationToken);
            await CompleteAsync(audit, cancellationToken);
            return audit;
        }
        catch (OperationCanceledException)
        {
            await AbortQuietlyAsync(FailureReason.Interrupted, "Auditten blev stoppet, før den var færdig.");
            throw;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var message = $"Bevis kunne ikke gemmes i {evidenceFolder}: {ex.Message} " +
                "Der er ikke plads på disken, eller mappen kan ikke skrives. Skaf plads eller vælg en anden database (--db), og kør auditten igen.";
            await AbortQuietlyAsync(FailureReason.StorageFailed, message);
            throw new StorageFailedException(message + " Auditten er gemt som afbrudt; ingen halvt skrevne filer er tilbage.", ex);
        }
        catch (Exception ex) when (ex is not StorageFailedException)
        {
            // Something no finding describes (the browser could not be started again, say): the
            // stored audit says so rather than staying "running" until the next start.
            await AbortQuietlyAsync(FailureReason.Interrupted, $"Auditten stoppede på en fejl: {ex.Message.Split('\n')[0]}");
            throw;
        }
    }

    /// <summary>Throws a <see cref="StorageFailedException"/> when <paramref name="folder"/> cannot be created or written to.</summary>
    public static void EnsureWritable(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".skrivetest-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageFailedException(
                $"Mappen til bevis, {folder}, kan ikke skrives: {ex.Message} Skaf plads på disken, ret rettighederne, eller vælg en anden database (--db). Intet er gemt.", ex);
        }
    }

    private async Task AbortQuietlyAsync(FailureReason reason, string message)
    {
        try
        {
            await AbortAsync(reason, message);
        }
        catch (Exception ex) when (ex is IOException or System.Data.Common.DbException or InvalidOperationException)
        {
            // The database cannot take even that now; the next open marks the audit as interrupted.
        }
    }

    /// <summary>Stores what the audit found, marks it completed and tracks its findings, in one transaction.</summary>
    public async Task CompleteAsync(Audit audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        if (_audit is not null && !ReferenceEquals(audit, _audit))
        {
            throw new InvalidOperationException($"Journalen førte auditten {_audit.Id}, ikke {audit.Id}.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        audit.Status = AuditStatus.Completed;
        await db.SaveChangesAsync(cancellationToken);

        // In the same transaction: a completed audit is always matched to the tracked findings.
        await new FindingTracker(db).TrackAsync(audit.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await ReleaseAsync();
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
        await _store.AbortAsync(_audit.Id, reason, message, _clock.GetUtcNow(), CancellationToken.None);
        await ReleaseAsync();
    }

    private Audit Begun() => _audit ?? throw new InvalidOperationException("Journalen er ikke begyndt: BeginAsync skal kaldes først.");

    /// <summary>Adds a new row; one the context already holds (a screenshot two findings share) is left as it is.</summary>
    private void Store(object entity)
    {
        if (db.Entry(entity).State == EntityState.Detached)
        {
            db.Add(entity);
        }
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync();

    private async Task ReleaseAsync()
    {
        if (_lock is not null)
        {
            await _lock.DisposeAsync();
            _lock = null;
        }
    }
}
