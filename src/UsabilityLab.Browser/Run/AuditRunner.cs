using System.Diagnostics;
using UsabilityLab.Core;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Checks;

namespace UsabilityLab.Browser;

/// <summary>
/// Runs a task script through a solution and checks every step: the main pass (<see cref="MainPass"/>),
/// and beside it, in their own contexts, the keyboard-only pass and the pass that submits each form
/// incomplete. A step that fails is a finding, not a crash: the audit always comes back complete
/// with what was seen.
/// </summary>
/// <remarks>
/// Each step is checked on the page it names, as the citizen meets it: after the actions that
/// led there (the previous step's) have settled, and before the step's own actions. So the start
/// page is checked under the first step and the receipt under the last, each page exactly once.
/// </remarks>
public sealed class AuditRunner(BrowserHost host, AxeRunner axe, IEvidenceStore evidence, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<Audit> RunAsync(
        AuditRequest request,
        IAuditProgress? progress = null,
        IAuditJournal? journal = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        progress ??= NoProgress.Instance;
        journal ??= NoJournal.Instance;
        var audit = NewAudit(request);
        await journal.BeginAsync(audit, cancellationToken);
        var wall = Stopwatch.StartNew();

        // One deadline for the whole audit, every pass included. When it passes, each pass's
        // context is closed, which releases whatever it waits on.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(host.Options.AuditTimeoutMs);

        // The side passes stop at the audit's deadline, or one step limit after the main pass has
        // ended (a page stuck in a script loop holds them as it held the main pass).
        using var sideStop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);

        // The keyboard-only and error-handling passes have their own contexts and run alongside the
        // main pass: the audit then takes about as long as the slowest of the three, not their sum.
        var keyboardPass = CheckNames.InKeyboardPass.Any(request.Checklist.Uses)
            ? new KeyboardPass(host, evidence).RunAsync(request, audit.Id, sideStop.Token)
            : null;
        var errorPass = request.Checklist.Uses(CheckNames.ErrorHandling)
            ? new ErrorHandlingPass(host, evidence).RunAsync(request, audit.Id, sideStop.Token)
            : null;
        try
        {
            await new MainPass(host, axe, evidence, request, audit, progress, journal).RunAsync(wall, deadline.Token, cancellationToken);
            if (host.Restarts > 0)
            {
                audit.Events.Add(AuditEvent.BrowserRestarted(host.Restarts));
            }

            sideStop.CancelAfter(host.Options.StepTimeoutMs);
            await JoinAsync(audit, wall, keyboardPass, AuditEvent.Passes.Keyboard, keyboard => TakeKeyboard(audit, keyboard), sideStop.Token, cancellationToken);
            await JoinAsync(audit, wall, errorPass, AuditEvent.Passes.ErrorHandling, errors => TakeErrorHandling(audit, errors), sideStop.Token, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();

            // A pass that was stopped closes its context as it ends; wait for that, briefly.
            await Task.WhenAll(Ended(keyboardPass, errorPass))
                .WaitAsync(TimeSpan.FromSeconds(15), CancellationToken.None)
                .ContinueWith(_ => { }, TaskScheduler.Default);
            audit.FinishedAt = _clock.GetUtcNow();
            audit.Status = AuditStatus.Completed;
            return audit;
        }
        catch
        {
            // Never leave a side pass running on its own when the audit itself fails or is cancelled.
            await deadline.CancelAsync();
            await Task.WhenAll(Ended(keyboardPass, errorPass));
            throw;
        }
    }

    /// <summary>The audit as it begins: running, with the solution, the script and the checklist it runs against.</summary>
    private Audit NewAudit(AuditRequest request) => new()
    {
        TaskId = request.Script.Id,
        TaskTitle = request.Script.Title,
        TaskScript = request.ScriptText,
        StartedAt = _clock.GetUtcNow(),
        Status = AuditStatus.Running,
        BrowserVersion = host.Version,
        Solution = new Solution
        {
            Name = request.SolutionName,
            BaseUrl = request.BaseUrl,
            Vendor = new Vendor { Name = request.VendorName },
        },
        ChecklistVersion = ChecklistVersion.Of(request.Checklist),
    };

    /// <summary>
    /// Waits for a side pass until <paramref name="stop"/> and takes its result into the audit. A
    /// pass stopped by a time limit is an event of the audit; its findings are not in it.
    /// </summary>
    private async Task JoinAsync<T>(Audit audit, Stopwatch wall, Task<T>? pass, string name, Action<T> take, CancellationToken stop, CancellationToken cancellationToken)
    {
        if (pass is null)
        {
            return;
        }

        try
        {
            take(await pass.WaitAsync(stop));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            audit.Events.Add(AuditEvent.PassStopped(name, host.Options.AuditTimeoutMs, host.Options.StepTimeoutMs));
        }

        audit.WallTimeMs = wall.ElapsedMilliseconds;
    }

    private static void TakeKeyboard(Audit audit, KeyboardPassResult keyboard)
    {
        audit.KeyboardCompleted = keyboard.Completed;
        audit.KeyboardFailedStepIndex = keyboard.FailedStepIndex;
        audit.KeyboardMs = keyboard.ElapsedMs;

        // A step the task cannot get past with a mouse either is the task's failure, already reported, not the keyboard's.
        audit.Findings.AddRange(keyboard.Findings.Where(f =>
            !f.RuleId.StartsWith(CheckNames.Keyboard + "/", StringComparison.Ordinal)
            || audit.FailedStepIndex is null
            || f.StepIndex < audit.FailedStepIndex));
        audit.Advisories.AddRange(keyboard.Advisories);
    }

    private static void TakeErrorHandling(Audit audit, ErrorHandlingResult errors)
    {
        audit.ErrorHandlingMs = errors.ElapsedMs;
        audit.Findings.AddRange(errors.Findings);

        // What was tested on each form step, and what could not be, is never silent.
        foreach (var (index, note) in errors.Notes.Where(n => n.StepIndex < audit.Steps.Count))
        {
            audit.Steps[index].Events.Add(note);
        }
    }

    /// <summary>The passes as tasks that end without throwing, to wait for them whatever they did.</summary>
    private static IEnumerable<Task> Ended(params Task?[] passes) =>
        passes.OfType<Task>().Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default));
}
