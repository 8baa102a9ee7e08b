using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Browser;

/// <summary>What the keyboard-only pass found: its verdict, and the elements that took focus without showing it.</summary>
public sealed record KeyboardPassResult(bool Completed, int? FailedStepIndex, List<Finding> Findings, long ElapsedMs);

/// <summary>
/// Runs the task a second time, in a fresh context, with the keyboard alone: every element the
/// script names is reached with Tab, and inside a radio group, tabs, a listbox or a menu with the
/// arrow keys as the WAI-ARIA Authoring Practices say (never clicked), and operated with Enter,
/// Space or typing.
/// At every Tab stop the focused element is compared with how it looked without focus, so
/// elements without a visible focus indicator are found on the way. A "button" that is a div
/// with a click handler is never reached, and the pass stops there.
/// </summary>
internal sealed class KeyboardPass(BrowserHost host, IEvidenceStore evidence)
{
    public async Task<KeyboardPassResult> RunAsync(AuditRequest request, Guid auditId, CancellationToken cancellationToken)
    {
        var timer = Stopwatch.StartNew();
        var checklist = request.Checklist;
        var maxTabStops = checklist.Settings.Keyboard?.MaxTabStops ?? 100;
        var findings = new List<Finding>();
        var focusReported = new HashSet<string>(StringComparer.Ordinal);
        await using var session = await PageSession.OpenAsync(host, request, null, auditId);

        // The audit's deadline closes this pass's context, which releases whatever it waits on.
        await using var stop = cancellationToken.Register(() => _ = session.AbandonAsync());
        var executor = new ActionExecutor(session, request, host.Options, recordLocatorFindings: false);
        var script = request.Script;
        try
        {
            await ActionExecutor.GotoAsync(session.Page, AuditRunner.JoinUrl(request.BaseUrl, request.Data.Resolve(script.Start)));
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or StepFailedException)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // The main pass reports an unreachable start page; there is nothing to tab through.
            return new KeyboardPassResult(false, 0, findings, timer.ElapsedMilliseconds);
        }

        for (var index = 0; index < script.Steps.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var step = script.Steps[index];
            var result = new StepResult { Index = index, Name = step.Name };
            var page = session.Page;
            var focus = new FocusRecorder(page, step, result, checklist, findings, focusReported, ScreenshotAsync, auditId);
            try
            {
                await SettleAsync(page);
                await focus.SnapshotAsync();
            }
            catch (PlaywrightException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return new KeyboardPassResult(false, index, findings, timer.ElapsedMilliseconds);
            }

            foreach (var action in step.Actions)
            {
                try
                {
                    await PerformAsync(session.Page, executor, action, step, result, focus, maxTabStops);
                }
                catch (Exception ex) when (ex is StepFailedException or TimeoutException or PlaywrightException)
                {
                    // Stopped by the audit's deadline: nothing here is the solution's fault.
                    cancellationToken.ThrowIfCancellationRequested();
                    var failure = ex as StepFailedException ?? new StepFailedException(
                        ex is TimeoutException ? FailureReason.Timeout : FailureReason.ActionFailed,
                        $"{action.Verb}: {ActionExecutor.Shorten(ex.Message)}");
                    var screenshot = await ScreenshotAsync(page, auditId, $"trin-{index + 1:00}-tastatur-fejl.jpg", cancellationToken);
                    AddFailure(checklist, findings, step, index, failure, screenshot);
                    return new KeyboardPassResult(false, index, findings, timer.ElapsedMilliseconds);
                }
            }
        }

        return new KeyboardPassResult(true, null, findings, timer.ElapsedMilliseconds);
    }

    private static async Task PerformAsync(IPage page, ActionExecutor executor, ScriptAction action, TaskStep step, StepResult result, FocusRecorder focus, int maxTabStops)
    {
        var data = executor.Data;
        var scratch = new List<Finding>();
        switch (action)
        {
            case GotoAction go:
                await page.GotoAsync(AuditRunner.JoinUrl(executor.BaseUrl, data.Resolve(go.Url)));
                await focus.SnapshotAsync();
                break;
            case ClickAction click:
                {
                    var element = await executor.ResolveAsync(click.Target, step, result, scratch);
                    await ReachAsync(page, element, click.Target, focus, maxTabStops);
                    var kind = await element.EvaluateAsync<string>("el => (el.type || el.getAttribute('role') || '').toLowerCase()");

                    // The element has focus from Tab already; pressing through the locator waits for a navigation it starts.
                    await element.PressAsync(kind is "checkbox" or "radio" or "switch" ? " " : "Enter");
                    await SettleAsync(page);
                    await focus.SnapshotAsync();
                    break;
                }

            case FillAction fill:
                {
                    var element = await executor.ResolveAsync(fill.Target, step, result, scratch);
                    await ReachAsync(page, element, fill.Target, focus, maxTabStops);
                    var value = data.Resolve(fill.Value);
                    var type = await element.EvaluateAsync<string>("el => (el.type || '').toLowerCase()");
                    if (type == "date" && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        // A date field is typed segment by segment in the page's (Danish) order: day, month, year.
                        await page.Keyboard.TypeAsync(date.ToString("ddMMyyyy", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        await page.Keyboard.PressAsync("ControlOrMeta+A");
                        await page.Keyboard.PressAsync("Delete");
                        await page.Keyboard.TypeAsync(value);
                    }

                    break;
                }

            case SelectAction select:
                {
                    var element = await executor.ResolveAsync(select.Target, step, result, scratch);
                    await ReachAsync(page, element, select.Target, focus, maxTabStops);
                    var option = data.Resolve(select.Option);

                    // A closed native select picks the option whose text starts with what is typed.
                    await page.Keyboard.TypeAsync(option);
                    var chosen = await element.EvaluateAsync<string>("el => el.selectedOptions && el.selectedOptions.length ? el.selectedOptions[0].label : (el.value || '')");
                    if (!chosen.Equals(option, StringComparison.OrdinalIgnoreCase))
                    {
                        throw new StepFailedException(FailureReason.NotReachableByKeyboard, $"\"{option}\" kunne ikke vælges i {select.Target} med tastaturet (valgt: \"{chosen}\").", select.Target.ToString());
                    }

                    break;
                }

            case CheckAction check:
                {
                    var element = await executor.ResolveAsync(check.Target, step, result, scratch);
                    await ReachAsync(page, element, check.Target, focus, maxTabStops);
                    if (await element.IsCheckedAsync() != check.Checked)
                    {
                        await element.PressAsync(" ");
                    }

                    if (await element.IsCheckedAsync() != check.Checked)
                    {
                        throw new StepFailedException(FailureReason.NotReachableByKeyboard, $"{check.Target} kan ikke markeres med mellemrumstasten.", check.Target.ToString());
                    }

                    break;
                }

            case PressAction { Target: { } pressTarget } press:
                {
                    var element = await executor.ResolveAsync(pressTarget, step, result, scratch);
                    await ReachAsync(page, element, pressTarget, focus, maxTabStops);
                    await element.PressAsync(press.Key);
                    await SettleAsync(page);
                    await focus.SnapshotAsync();
                    break;
                }

            case PressAction press:
                await page.Keyboard.PressAsync(press.Key);
                await SettleAsync(page);
                await focus.SnapshotAsync();
                break;
            case WaitForAction { Url: { } url }:
                await page.WaitForURLAsync(u => u.Contains(data.Resolve(url), StringComparison.Ordinal));
                break;
            case WaitForAction wait:
                await executor.ResolveAsync(wait.Target!, step, result, scratch);
                break;
            case ExpectAction expect:
                await executor.ExpectAsync(expect, step, result, scratch);
                break;
            case FollowAction:
                await executor.ExecuteAsync(action, step, result, scratch);
                break;
        }
    }

    /// <summary>Presses Tab until the element has focus, checking the focus indicator at every stop.</summary>
    private static async Task ReachAsync(IPage page, ILocator element, ElementTarget target, FocusRecorder focus, int maxTabStops)
    {
        await focus.SnapshotAsync();
        var tabbable = focus.Tabbable;
        var limit = Math.Min(maxTabStops, tabbable + 3);
        if (await focus.StopAsync(element))
        {
            return;
        }

        for (var presses = 1; presses <= limit; presses++)
        {
            if (await WithinCompositeAsync(page, element, focus))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
            if (await focus.StopAsync(element))
            {
                return;
            }
        }

        var info = await element.EvaluateAsync<JsonElement>(EmbeddedScripts.ElementInfo);
        var box = new ElementBox(info.GetProperty("x").GetDouble(), info.GetProperty("y").GetDouble(), info.GetProperty("width").GetDouble(), info.GetProperty("height").GetDouble());
        throw new StepFailedException(
            FailureReason.NotReachableByKeyboard,
            string.Create(CultureInfo.InvariantCulture, $"{target} kan ikke nås med Tab-tasten ({limit} tryk gennem {tabbable} fokuserbare elementer). Et element, der kun reagerer på musen, skal være en rigtig knap eller et link."),
            target.ToString(),
            box);
    }

    /// <summary>
    /// When Tab has brought focus into the target's own composite widget (a radio group, tabs, a
    /// listbox, a menu), moves to the target with the arrow keys as a keyboard user does. Returns
    /// true when the target then has focus.
    /// </summary>
    private static async Task<bool> WithinCompositeAsync(IPage page, ILocator element, FocusRecorder focus)
    {
        var move = await element.EvaluateAsync<JsonElement>(EmbeddedScripts.CompositeKey);
        if (move.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var key = move.GetProperty("key").GetString()!;
        for (var i = 0; i < move.GetProperty("presses").GetInt32(); i++)
        {
            await page.Keyboard.PressAsync(key);
            if (await focus.StopAsync(element))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task SettleAsync(IPage page)
    {
        try
        {
            await page.WaitForLoadStateAsync(LoadState.Load);
        }
        catch (TimeoutException)
        {
            // Checked as it is.
        }
    }

    private Task<Evidence?> ScreenshotAsync(IPage page, Guid auditId, string fileName, CancellationToken cancellationToken) =>
        Screenshots.FullPageAsync(page, evidence, auditId, fileName, cancellationToken);

    private static void AddFailure(Checklist checklist, List<Finding> findings, TaskStep step, int index, StepFailedException failure, Evidence? screenshot)
    {
        if (checklist.ForCheck(CheckNames.Keyboard) is not { } criterion)
        {
            return;
        }

        findings.Add(new Finding
        {
            CriterionId = criterion.Id,
            Source = FindingSource.Check,
            RuleId = $"{CheckNames.Keyboard}/utilgaengelig",
            Severity = Severity.Critical,
            Title = $"Opgaven kan ikke gennemføres med tastaturet alene: trinnet \"{step.Name}\"",
            Description = failure.Message,
            Measurement = failure.Reason == FailureReason.NotReachableByKeyboard ? "ikke nået med Tab" : failure.Reason.Danish(),
            StepIndex = index,
            Selector = failure.Target,
            Wcag = ["2.1.1"],
            Fingerprint = Fingerprints.For(FindingSource.Check, $"{CheckNames.Keyboard}/utilgaengelig", step.Name, failure.Target),
            Box = failure.Box,
            Evidence = screenshot,
        });
    }

    /// <summary>Records elements that take focus without showing it, once per element and step.</summary>
    private sealed class FocusRecorder(
        IPage page,
        TaskStep step,
        StepResult result,
        Checklist checklist,
        List<Finding> findings,
        HashSet<string> reported,
        Func<IPage, Guid, string, CancellationToken, Task<Evidence?>> screenshots,
        Guid auditId)
    {
        private Evidence? _screenshot;

        /// <summary>Elements that take focus with Tab on the current page, counted at the last snapshot.</summary>
        public int Tabbable { get; private set; }

        /// <summary>Remembers the unfocused look of the current document's elements, once per document.</summary>
        public async Task SnapshotAsync() => Tabbable = await RetryAsync(() => page.EvaluateAsync<int>(EmbeddedScripts.FocusSnapshot));

        /// <summary>Checks the current focus; returns true when the target has it.</summary>
        public async Task<bool> StopAsync(ILocator target)
        {
            var stop = await RetryAsync(() => target.EvaluateAsync<JsonElement>(EmbeddedScripts.FocusStop));
            if (stop.GetProperty("stop") is { ValueKind: JsonValueKind.Object } focused && !focused.GetProperty("visible").GetBoolean())
            {
                await RecordAsync(focused);
            }

            return stop.GetProperty("reached").GetBoolean();
        }

        /// <summary>A document replaced by a navigation under us: wait for the new one and ask again.</summary>
        private async Task<T> RetryAsync<T>(Func<Task<T>> call)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await call();
                }
                catch (PlaywrightException ex) when (attempt < 4 && AxeRunner.IsDocumentGone(ex))
                {
                    await SettleAsync(page);
                }
            }
        }

        private async Task RecordAsync(JsonElement focused)
        {
            var selector = focused.GetProperty("selector").GetString() ?? string.Empty;
            if (checklist.ForCheck(CheckNames.FocusVisible) is not { } criterion || !reported.Add($"{result.Index}|{selector}"))
            {
                return;
            }

            // One picture per step, taken with the first element that hides its focus.
            _screenshot ??= await screenshots(page, auditId, $"trin-{result.Index + 1:00}-tastatur.jpg", CancellationToken.None);

            var box = focused.GetProperty("box");
            findings.Add(new Finding
            {
                CriterionId = criterion.Id,
                Source = FindingSource.Check,
                RuleId = $"{CheckNames.FocusVisible}/mangler",
                Severity = Severity.Serious,
                Title = "Fokus er ikke synligt",
                Description = $"Når elementet får fokus med Tab-tasten på trinnet \"{step.Name}\", ændrer det ikke udseende: ingen outline, skygge, kant eller farve viser, hvor borgeren er. Tastaturbrugere mister overblikket.",
                Measurement = $"outline: {focused.GetProperty("outline").GetString()}; intet andet ændrer sig ved fokus",
                StepIndex = result.Index,
                Selector = selector,
                Html = focused.GetProperty("html").GetString(),
                Wcag = ["2.4.7"],
                Fingerprint = Fingerprints.For(FindingSource.Check, $"{CheckNames.FocusVisible}/mangler", step.Name, selector),
                Box = new ElementBox(box[0].GetDouble(), box[1].GetDouble(), box[2].GetDouble(), box[3].GetDouble()),
                Evidence = _screenshot,
            });
        }
    }
}
