using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Browser;

/// <summary>What the error-handling pass found, and how long it took.</summary>
public sealed record ErrorHandlingResult(List<Finding> Findings, int FormSteps, long ElapsedMs);

/// <summary>
/// Submits each form step incomplete, in a fresh context so the real task is not disturbed: the
/// first field is filled, the others are left empty, and the step's submit is used. Expected:
/// the page stays, each empty field is marked invalid (aria-invalid) and tied to an error text
/// (aria-describedby or aria-errormessage), an error summary is shown or focus moves to the first
/// error, and what was typed is kept. Then the step is completed properly and the pass goes on.
/// </summary>
internal sealed class ErrorHandlingPass(BrowserHost host, IEvidenceStore evidence)
{
    private const int ReappearTimeoutMs = 3_000;

    public async Task<ErrorHandlingResult> RunAsync(AuditRequest request, Guid auditId, CancellationToken cancellationToken)
    {
        var timer = Stopwatch.StartNew();
        var findings = new List<Finding>();
        var formSteps = 0;
        if (request.Checklist.ForCheck(CheckNames.ErrorHandling) is not { } criterion)
        {
            return new ErrorHandlingResult(findings, 0, 0);
        }

        await using var session = await PageSession.OpenAsync(host, request, null, auditId);

        // The audit's deadline closes this pass's context, which releases whatever it waits on.
        await using var stop = cancellationToken.Register(() => _ = session.AbandonAsync());
        var page = session.Page;
        var executor = new ActionExecutor(session, request, host.Options, recordLocatorFindings: false);
        var scratch = new List<Finding>();
        try
        {
            var steps = request.Script.Steps;
            var lastForm = steps.ToList().FindLastIndex(s => FormSubmit(s) is not null);
            if (lastForm < 0)
            {
                return new ErrorHandlingResult(findings, 0, timer.ElapsedMilliseconds);
            }

            await page.GotoAsync(AuditRunner.JoinUrl(request.BaseUrl, request.Data.Resolve(request.Script.Start)));
            for (var index = 0; index <= lastForm; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var step = steps[index];
                var result = new StepResult { Index = index, Name = step.Name };
                await page.WaitForLoadStateAsync(LoadState.Load);
                if (FormSubmit(step) is { } submit)
                {
                    formSteps++;
                    var fills = step.Actions.OfType<FillAction>().ToList();
                    var keepGoing = await SubmitIncompleteAsync(page, executor, criterion, step, result, fills, submit, auditId, findings, cancellationToken);
                    if (!keepGoing || index == lastForm)
                    {
                        break;
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
            // Where the task itself cannot go on, the main pass reports it; this pass just stops.
            cancellationToken.ThrowIfCancellationRequested();
        }

        return new ErrorHandlingResult(findings, formSteps, timer.ElapsedMilliseconds);
    }

    /// <summary>A form step fills fields and then submits: its last click or key press after the last fill.</summary>
    private static ScriptAction? FormSubmit(TaskStep step)
    {
        var actions = step.Actions.ToList();
        var lastFill = actions.FindLastIndex(a => a is FillAction);
        var submit = actions.FindLastIndex(a => a is ClickAction or PressAction);
        return lastFill >= 0 && submit > lastFill ? actions[submit] : null;
    }

    /// <summary>Returns false when the pass cannot go on from where the incomplete submit left it.</summary>
    private async Task<bool> SubmitIncompleteAsync(
        IPage page,
        ActionExecutor executor,
        Criterion criterion,
        TaskStep step,
        StepResult result,
        List<FillAction> fills,
        ScriptAction submit,
        Guid auditId,
        List<Finding> findings,
        CancellationToken cancellationToken)
    {
        var scratch = new List<Finding>();
        var kept = fills.Count >= 2 ? fills[0] : null;
        var empty = kept is null ? fills : fills.Skip(1).ToList();
        if (kept is not null)
        {
            await executor.ExecuteAsync(kept, step, result, scratch);
        }

        await executor.ExecuteAsync(submit, step, result, scratch);
        await page.WaitForLoadStateAsync(LoadState.Load);
        var shot = await Screenshots.FullPageAsync(page, evidence, auditId, $"trin-{result.Index + 1:00}-tom-formular.jpg", cancellationToken);

        void Add(string kind, string title, string description, string measurement, string? selector = null, JsonElement? field = null)
        {
            var rule = $"{CheckNames.ErrorHandling}/{kind}";
            ElementBox? box = field is { } f && f.GetProperty("box") is var b ? new ElementBox(b[0].GetDouble(), b[1].GetDouble(), b[2].GetDouble(), b[3].GetDouble()) : null;
            findings.Add(new Finding
            {
                CriterionId = criterion.Id,
                Source = FindingSource.Check,
                RuleId = rule,
                Severity = criterion.Severity,
                Title = title,
                Description = description,
                Measurement = measurement,
                StepIndex = result.Index,
                Selector = selector,
                Html = field?.GetProperty("html").GetString(),
                Box = box,
                Wcag = ["3.3.1"],
                Fingerprint = Fingerprints.For(FindingSource.Check, rule, step.Name, selector),
                Evidence = shot,
            });
        }

        // The page stays when the fields are still there to correct.
        var states = new List<(FillAction Fill, JsonElement State)>();
        foreach (var fill in empty)
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
            return false;
        }

        foreach (var (fill, state) in states)
        {
            var invalid = state.GetProperty("invalid").GetBoolean();
            var described = state.GetProperty("described").GetString() ?? string.Empty;
            if (!invalid || described.Length == 0)
            {
                var found = $"aria-invalid {(invalid ? "ja" : "nej")}, fejltekst {(described.Length == 0 ? "ingen" : $"\"{described}\"")}";
                Add("ikke-ved-feltet", "Fejlen er ikke knyttet til feltet",
                    $"Feltet {fill.Target} blev sendt tomt, men er ikke markeret som ugyldigt med en fejltekst, som skærmlæsere kan læse op (aria-invalid=\"true\" og aria-describedby til en konkret tekst som \"Udfyld postnummer\").",
                    found, fill.Target.ToString(), state);
            }
        }

        var first = states[0].State;
        if (!first.GetProperty("summary").GetBoolean() && !first.GetProperty("focusOnError").GetBoolean())
        {
            Add("ingen-opsummering", "Ingen fejlopsummering, og fokus flyttes ikke til fejlen",
                $"Efter afsendelse af trinnet \"{step.Name}\" med tomme felter vises ingen fejlopsummering (role=\"alert\"), og fokus flyttes ikke til det første fejlfelt. Borgeren med skærmlæser hører ikke, at noget gik galt.",
                "ingen role=\"alert\"; fokus ikke på et fejlfelt");
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

        return true;
    }
}
