namespace UsabilityLab.Core.Audits;

/// <summary>
/// Where an audit is written down while it runs, so that a process that stops half-way leaves a
/// record that says so: the audit is begun as running, each step is added as it finishes, and
/// only the end marks it completed (or aborted).
/// </summary>
public interface IAuditJournal
{
    /// <summary>Records the audit as running, before the browser opens the solution.</summary>
    Task BeginAsync(Audit audit, CancellationToken cancellationToken);

    /// <summary>Adds the steps and findings recorded since the last call.</summary>
    Task StepFinishedAsync(Audit audit, CancellationToken cancellationToken);
}

/// <summary>A journal that keeps nothing: the audit lives in memory only (tests, benchmarks).</summary>
public sealed class NoJournal : IAuditJournal
{
    public static NoJournal Instance { get; } = new();

    public Task BeginAsync(Audit audit, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StepFinishedAsync(Audit audit, CancellationToken cancellationToken) => Task.CompletedTask;
}
