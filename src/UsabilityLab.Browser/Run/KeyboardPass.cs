using System.Diagnostics;
using Microsoft.Playwright;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Browser;

/// <summary>What the keyboard-only pass found: its verdict, and the elements that took focus without showing it.</summary>
public sealed record KeyboardPassResult(bool Completed, int? FailedStepIndex, List<Finding> Findings, long ElapsedMs)
{
    /// <summary>What the page-wide walk leaves to a reviewer (a tabindex above 0).</summary>
    public List<Advisory> Advisories { get; init; } = [];
}

/// <summary>
/// Runs the task a second time, in a fresh context, through the same interpreter as the main
/// pass (<see cref="ActionExecutor"/>) with the keyboard as the hand (<see cref="KeyboardOperator"/>):
/// every element the script names is reached with Tab, and inside a radio group, tabs, a listbox or
/// a menu with the arrow keys as the WAI-ARIA Authoring Practices say (never clicked), and operated
/// with Enter, Space or typing. At every stop the focused element is compared with how it looked
/// without focus, so elements without a visible focus indicator are found on the way. A "button"
/// that is a div with a click handler is never reached, and the pass stops there.
/// </summary>
internal sealed class KeyboardPass(BrowserHost host, IEvidenceStore evidence)
{
    public async Task<KeyboardPassResult> RunAsync(AuditRequest request, Guid auditId, CancellationToken cancellationToken)
    {
        var timer = Stopwatch.StartNew();
        var checklist = request.Checklist;
        var maxTabStops = checklist.Settings.Keyboard?.MaxTabStops ?? 100;
        var findings = new List<Finding>();
        var advisories = new List<Advisory>();
        var focusReported = new HashSet<string>(StringComparer.Ordinal);

        // The page's click handlers are noted as the page adds them, to tell elements only a mouse can use.
        await using var session = await PageSession.OpenAsync(host, request, null, auditId, context => context.AddInitScriptAsync(EmbeddedScripts.ClickListeners));
        var explorer = KeyboardExplorer.Wanted(checklist)
            ? new KeyboardExplorer(checklist, findings, advisories, (name, onScreen) => onScreen
                ? Screenshots.ViewportAsync(session.Page, evidence, auditId, name)
                : ScreenshotAsync(session.Page, auditId, name, cancellationToken))
            : null;

        // The audit's deadline closes this pass's context, which releases whatever it waits on.
        await using var stop = cancellationToken.Register(() => _ = session.AbandonAsync());
        var keyboard = new KeyboardOperator(session, maxTabStops);
        var executor = new ActionExecutor(session, request, host.Options, recordLocatorFindings: false, keyboard);
        var script = request.Script;
        try
        {
            await ActionExecutor.GotoAsync(session.Page, request.StartUrl);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or StepFailedException)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // The main pass reports an unreachable start page; there is nothing to tab through.
            return new KeyboardPassResult(false, 0, findings, timer.ElapsedMilliseconds) { Advisories = advisories };
        }

        for (var index = 0; index < script.Steps.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var step = script.Steps[index];
            var result = new StepResult { Index = index, Name = step.Name };
            var focus = new FocusRecorder(session, step, result, checklist, findings, focusReported, ScreenshotAsync, auditId);
            keyboard.Focus = focus;
            try
            {
                await executor.ArriveAsync();
                await focus.SnapshotAsync();
                if (explorer is not null)
                {
                    await explorer.ExploreAsync(session.Page, step, index, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is PlaywrightException or StepFailedException)
            {
                // A crash or an error status: the main pass reports it where the citizen meets it.
                cancellationToken.ThrowIfCancellationRequested();
                return new KeyboardPassResult(false, index, findings, timer.ElapsedMilliseconds) { Advisories = advisories };
            }

            foreach (var action in step.Actions)
            {
                try
                {
                    await executor.ExecuteAsync(action, step, result, []);
                }
                catch (Exception ex) when (ex is StepFailedException or TimeoutException or PlaywrightException)
                {
                    // Stopped by the audit's deadline: nothing here is the solution's fault.
                    cancellationToken.ThrowIfCancellationRequested();
                    var failure = ex as StepFailedException ?? new StepFailedException(
                        ex is TimeoutException ? FailureReason.Timeout : FailureReason.ActionFailed,
                        $"{action.Verb}: {BrowserMessages.Danish(ex.Message)}.");
                    var screenshot = await ScreenshotAsync(session.Page, auditId, $"trin-{index + 1:00}-tastatur-fejl.jpg", cancellationToken);
                    AddFailure(checklist, findings, step, index, failure, screenshot);
                    return new KeyboardPassResult(false, index, findings, timer.ElapsedMilliseconds) { Advisories = advisories };
                }
            }
        }

        return new KeyboardPassResult(true, null, findings, timer.ElapsedMilliseconds) { Advisories = advisories };
    }

    private Task<Evidence?> ScreenshotAsync(IPage page, Guid auditId, string fileName, CancellationToken cancellationToken) =>
        Screenshots.FullPageAsync(page, evidence, auditId, fileName, cancellationToken);

    private static void AddFailure(Checklist checklist, List<Finding> findings, TaskStep step, int index, StepFailedException failure, Evidence? screenshot)
    {
        if (checklist.ForCheck(CheckNames.Keyboard) is not { } criterion)
        {
            return;
        }

        // The element the task stopped at is this finding, not also one of the walk's mouse-only elements.
        findings.RemoveAll(f => f.RuleId == $"{CheckNames.Keyboard}/kun-mus" && f.StepIndex == index && failure.Box is { } box && f.Box is { } seen
            && Math.Abs(seen.X - box.X) < 1 && Math.Abs(seen.Y - box.Y) < 1);

        findings.Add(FindingFactory.Create(
            FindingSource.Check,
            $"{CheckNames.Keyboard}/utilgaengelig",
            criterion,
            Severity.Critical,
            new FindingText(
                $"Opgaven kan ikke gennemføres med tastaturet alene: trinnet \"{step.Name}\"",
                failure.Message,
                failure.Reason == FailureReason.NotReachableByKeyboard ? "ikke nået med Tab" : failure.Reason.Danish()),
            new FindingPlace(index, step.Name, failure.Target, Box: failure.Box, Evidence: screenshot),
            ["2.1.1"]));
    }
}
