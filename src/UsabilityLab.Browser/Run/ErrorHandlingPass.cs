using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Browser;

/// <summary>What the error-handling pass found, what it tested or could not test on each form step, and how long it took.</summary>
public sealed record ErrorHandlingResult(List<Finding> Findings, int FormSteps, long ElapsedMs, IReadOnlyList<(int StepIndex, AuditEvent Note)> Notes);

/// <summary>
/// Submits each form step incomplete, in a fresh context so the real task is not disturbed: every
/// action of the step is replayed (radios that reveal fields, selects, checkboxes), the first
/// required field is filled, the other required fields are left empty (optional fields are filled
/// as the script says), and the step's submit is used. Expected: the page stays, each empty field
/// gets an error text tied to it (aria-describedby or aria-errormessage, with or without
/// aria-invalid), an error summary is shown or focus moves to the first error or to a summary whose
/// links lead to the fields, and what was typed is kept. Then the step is completed properly and
/// the pass goes on. What was tested on each form step, and what could not be, is noted on the step.
/// </summary>
internal sealed class ErrorHandlingPass(BrowserHost host, IEvidenceStore evidence)
{
    private const int ReappearTimeoutMs = 3_000;

    public async Task<ErrorHandlingResult> RunAsync(AuditRequest request, Guid auditId, CancellationToken cancellationToken)
    {
        var timer = Stopwatch.StartNew();
        var findings = new List<Finding>();
        var notes = new List<(int, AuditEvent)>();
        var formSteps = 0;
        if (request.Checklist.ForCheck(CheckNames.ErrorHandling) is not { } criterion)
        {
            return new ErrorHandlingResult(findings, 0, 0, notes);
        }

        await using var session = await PageSession.OpenAsync(host, request, null, auditId);

        // The audit's deadline closes this pass's context, which releases whatever it waits on.
        await using var stop = cancellationToken.Register(() => _ = session.AbandonAsync());
        var executor = new ActionExecutor(session, request, host.Options, recordLocatorFindings: false);
        var scratch = new List<Finding>();
        var steps = request.Script.Steps;
        var formIndexes = steps.Select((step, index) => (step, index)).Where(x => FormSubmit(x.step) is not null).Select(x => x.index).ToList();
        var lastForm = formIndexes.Count == 0 ? -1 : formIndexes[^1];
        var current = 0;
        try
        {
            if (lastForm < 0)
            {
                return new ErrorHandlingResult(findings, 0, timer.ElapsedMilliseconds, notes);
            }

            // Through the same interpreter as the main pass: an error status on the start page stops here too.
            await ActionExecutor.GotoAsync(session.Page, request.StartUrl);
            for (var index = 0; index <= lastForm; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                current = index;
                var step = steps[index];
                var result = new StepResult { Index = index, Name = step.Name };
                // As every pass begins a step: settled, not crashed, no error status.
                await executor.ArriveAsync();
                if (FormSubmit(step) is { } submit)
                {
                    formSteps++;
                    var (keepGoing, completed, note) = await SubmitIncompleteAsync(session, executor, criterion, step, result, submit, auditId, findings, cancellationToken);
                    notes.Add((index, note));
                    if (!keepGoing || index == lastForm)
                    {
                        break;
                    }

                    if (completed)
                    {
                        continue;
                    }
                }

                foreach (var action in step.Actions)
                {
                    await executor.ExecuteAsync(action, step, result, scratch);
                }
            }
        }
        catch (Exception ex) when (ex is StepFailedException or PlaywrightException or TimeoutException)
        {
            // Where the task itself cannot go on, the main pass reports it; this pass stops, and says so.
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var index in formIndexes.Where(i => i >= current && !notes.Any(n => n.Item1 == i)))
            {
                notes.Add((index, AuditEvent.FormPassStopped(current + 1, BrowserMessages.Of(ex))));
            }
        }

        return new ErrorHandlingResult(findings, formSteps, timer.ElapsedMilliseconds, notes);
    }

    /// <summary>A form step fills fields and then submits: its last click or key press after the last fill.</summary>
    private static ScriptAction? FormSubmit(TaskStep step)
    {
        var actions = step.Actions.ToList();
        var lastFill = actions.FindLastIndex(a => a is FillAction);
        var submit = actions.FindLastIndex(a => a is ClickAction or PressAction);
        return lastFill >= 0 && submit > lastFill ? actions[submit] : null;
    }

    /// <summary>
    /// Replays the step with its required fields left empty and submits it. Returns whether the
    /// pass can go on, whether the step is already completed (nothing could be left empty, so it
    /// was submitted complete), and the note on what was tested.
    /// </summary>
    private async Task<(bool KeepGoing, bool Completed, AuditEvent Note)> SubmitIncompleteAsync(
        PageSession session,
        ActionExecutor executor,
        Criterion criterion,
        TaskStep step,
        StepResult result,
        ScriptAction submit,
        Guid auditId,
        List<Finding> findings,
        CancellationToken cancellationToken)
    {
        var scratch = new List<Finding>();
        var required = new List<(FillAction Fill, ILocator Element)>();
        var optional = 0;
        foreach (var action in step.Actions.TakeWhile(a => !ReferenceEquals(a, submit)))
        {
            if (action is not FillAction fill)
            {
                // Radios that reveal fields, selects, checkboxes: as the citizen does them.
                await executor.ExecuteAsync(action, step, result, scratch);
                continue;
            }

            var element = await executor.ResolveAsync(fill.Target, step, result, scratch);
            if (!await element.EvaluateAsync<bool>(EmbeddedScripts.FieldRequired))
            {
                optional++;
                await executor.ExecuteAsync(fill, step, result, scratch);
                continue;
            }

            required.Add((fill, element));

            // The first required field is filled, to see that what was typed is kept.
            if (required.Count == 1)
            {
                await executor.ExecuteAsync(fill, step, result, scratch);
            }
            else
            {
                await element.FillAsync(string.Empty);
            }
        }

        if (required.Count == 0)
        {
            await executor.ExecuteAsync(submit, step, result, scratch);
            return (true, true, AuditEvent.FormNothingRequired(optional));
        }

        // With one required field there is nothing else to leave empty: that one is left empty.
        var kept = required.Count >= 2 ? required[0].Fill : null;
        if (kept is null)
        {
            await required[0].Element.FillAsync(string.Empty);
        }

        var empty = kept is null ? required : required.Skip(1).ToList();
        var before = new Dictionary<FillAction, string>();
        foreach (var (fill, element) in empty)
        {
            before[fill] = (await element.EvaluateAsync<JsonElement>(EmbeddedScripts.FieldErrors)).GetProperty("described").GetString() ?? string.Empty;
        }

        await executor.ExecuteAsync(submit, step, result, scratch);
        var page = session.Page;
        await page.WaitForLoadStateAsync(LoadState.Load);
        var shot = await Screenshots.FullPageAsync(page, evidence, auditId, $"trin-{result.Index + 1:00}-tom-formular.jpg", cancellationToken);
        var emptied = empty.Select(e => e.Fill.Target.ToString()).ToList();
        var keptName = kept?.Target.ToString();

        void Add(string kind, string title, string description, string measurement, string? selector = null, JsonElement? field = null)
        {
            findings.Add(FindingFactory.Create(
                FindingSource.Check,
                $"{CheckNames.ErrorHandling}/{kind}",
                criterion,
                criterion.Severity,
                new FindingText(title, description, measurement),
                new FindingPlace(result.Index, step.Name, selector, field?.GetProperty("html").GetString(), field is { } f ? PageJson.Box(f.GetProperty("box")) : null, shot),
                ["3.3.1"]));
        }

        // The page stays when the fields are still there to correct.
        var states = new List<(FillAction Fill, JsonElement State)>();
        foreach (var (fill, _) in empty)
        {
            try
            {
                var element = await executor.ResolveAsync(fill.Target, step, result, scratch, ReappearTimeoutMs);
                states.Add((fill, await element.EvaluateAsync<JsonElement>(EmbeddedScripts.FieldErrors)));
            }
            catch (StepFailedException)
            {
                // Not on the page any more.
            }
        }

        if (states.Count == 0)
        {
            Add("accepteret", "Formularen blev sendt uden de påkrævede oplysninger",
                $"Trinnet \"{step.Name}\" blev sendt med {empty.Count} tomme felter, og siden gik videre i stedet for at bede borgeren udfylde dem.",
                $"{empty.Count} tomme felter accepteret");
            return (false, false, AuditEvent.FormTested(emptied, keptName, stayed: false));
        }

        var tied = 0;
        foreach (var (fill, state) in states)
        {
            var invalid = state.GetProperty("invalid").GetBoolean();
            var described = state.GetProperty("described").GetString() ?? string.Empty;

            // An error text tied to the field: new since the submit (a hint was there before), or
            // on a field marked invalid. aria-invalid alone is not needed (GOV.UK does without).
            var errorText = described.Length > 0 && (described != before[fill] || invalid);
            if (errorText)
            {
                tied++;
            }
            else
            {
                var found = $"aria-invalid {(invalid ? "ja" : "nej")}, tilknyttet tekst {(described.Length == 0 ? "ingen" : $"\"{described}\" (den samme som før afsendelsen)")}";
                Add("ikke-ved-feltet", "Fejlen er ikke knyttet til feltet",
                    $"Feltet {fill.Target} blev sendt tomt, men har ingen fejltekst knyttet til sig, som skærmlæsere kan læse op (aria-describedby eller aria-errormessage til en konkret tekst som \"Udfyld postnummer\", gerne med aria-invalid=\"true\").",
                    found, fill.Target.ToString(), state);
            }
        }

        var first = states[0].State;
        var announced = first.GetProperty("summary").GetBoolean() || first.GetProperty("focusOnError").GetBoolean() || first.GetProperty("focusOnSummary").GetBoolean();
        if (!announced)
        {
            Add("ingen-opsummering", "Ingen fejlopsummering, og fokus flyttes ikke til fejlen",
                $"Efter afsendelse af trinnet \"{step.Name}\" med tomme felter vises ingen fejlopsummering (role=\"alert\"), og fokus flyttes ikke til det første fejlfelt. Borgeren med skærmlæser hører ikke, at noget gik galt.",
                "ingen role=\"alert\"; fokus hverken på et fejlfelt eller på en opsummering med links til felterne");
        }

        if (kept is not null)
        {
            try
            {
                var element = await executor.ResolveAsync(kept.Target, step, result, scratch, ReappearTimeoutMs);
                var value = await element.InputValueAsync();
                var typed = executor.Data.Resolve(kept.Value);
                if (value != typed)
                {
                    Add("indtastning-tabt", "Det, borgeren skrev, er væk efter fejlen",
                        $"Borgeren skrev \"{typed}\" i {kept.Target}, men efter fejlen er feltet {(value.Length == 0 ? "tomt" : $"\"{value}\"")}. Borgeren må skrive det igen.",
                        $"før: \"{typed}\", efter: \"{value}\"", kept.Target.ToString());
                }
            }
            catch (StepFailedException)
            {
                // The field is gone with the page; "accepted" above covers a page that moved on.
            }
        }

        return (true, false, AuditEvent.FormTested(emptied, keptName, stayed: true, states.Count, tied, announced));
    }
}
