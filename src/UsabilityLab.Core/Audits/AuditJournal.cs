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

    /// <summary>Adds one finished step with what it found and kept.</summary>
    Task StepFinishedAsync(StepRecord record, CancellationToken cancellationToken);
}

/// <summary>
/// What one step of a running audit adds to it: the step, and the findings, advisories and kept
/// files it brought (the step's screenshot travels with the step, a finding's with the finding).
/// </summary>
public sealed record StepRecord(
    StepResult Step,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<Advisory> Advisories,
    IReadOnlyList<Evidence> Files);

/// <summary>A journal that keeps nothing: the audit lives in memory only (tests, benchmarks).</summary>
public sealed class NoJournal : IAuditJournal
{
    public static NoJournal Instance { get; } = new();

    public Task BeginAsync(Audit audit, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StepFinishedAsync(StepRecord record, CancellationToken cancellationToken) => Task.CompletedTask;
}
