using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Browser;

/// <summary>
/// The keyboard alone, as a keyboard user operates a page: Tab to the element (the arrow keys
/// inside a composite widget), then Enter for buttons and links, Space for checkboxes and radios,
/// typing for fields (dates day, month, year) and to pick an option in a closed select. Every
/// focus stop goes through the step's <see cref="FocusRecorder"/>.
/// </summary>
internal sealed class KeyboardOperator(PageSession session, int maxTabStops) : IElementOperator
{
    /// <summary>The current step's focus recorder; the keyboard pass sets it as each step begins.</summary>
    public FocusRecorder Focus { get; set; } = null!;

    public async Task ClickAsync(ILocator element, ElementTarget target)
    {
        await ReachAsync(element, target);
        var kind = await element.EvaluateAsync<string>("el => (el.type || el.getAttribute('role') || '').toLowerCase()");

        // The element has focus from the keyboard already; pressing through the locator waits for a navigation it starts.
        await element.EvaluateAsync(EmbeddedScripts.FocusLost);
        await element.PressAsync(kind is "checkbox" or "radio" or "switch" ? " " : "Enter");
        await SettleAsync(session.Page);
        await Focus.AfterPressAsync();
        await Focus.SnapshotAsync();
    }

    public async Task FillAsync(ILocator element, ElementTarget target, string value)
    {
        await ReachAsync(element, target);
        var keyboard = session.Page.Keyboard;
        var type = await element.EvaluateAsync<string>("el => (el.type || '').toLowerCase()");
        if (type == "date" && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            // A date field is typed segment by segment in the page's (Danish) order: day, month, year.
            await keyboard.TypeAsync(date.ToString("ddMMyyyy", CultureInfo.InvariantCulture));
            return;
        }

        await keyboard.PressAsync("ControlOrMeta+A");
        await keyboard.PressAsync("Delete");
        await keyboard.TypeAsync(value);
    }

    public async Task SelectAsync(ILocator element, ElementTarget target, string option)
    {
        await ReachAsync(element, target);

        // A closed native select picks the option whose text starts with what is typed.
        await session.Page.Keyboard.TypeAsync(option);
        var chosen = await element.EvaluateAsync<string>("el => el.selectedOptions && el.selectedOptions.length ? el.selectedOptions[0].label : (el.value || '')");
        if (!chosen.Equals(option, StringComparison.OrdinalIgnoreCase))
        {
            throw new StepFailedException(FailureReason.NotReachableByKeyboard, $"\"{option}\" kunne ikke vælges i {target} med tastaturet (valgt: \"{chosen}\").", target.ToString());
        }
    }

    public async Task CheckAsync(ILocator element, ElementTarget target, bool isChecked)
    {
        // Inside a radio group the arrow keys that reach the radio also check it.
        await ReachAsync(element, target);
        if (await element.IsCheckedAsync() != isChecked)
        {
            await element.PressAsync(" ");
        }

        if (await element.IsCheckedAsync() != isChecked)
        {
            throw new StepFailedException(FailureReason.NotReachableByKeyboard, $"{target} kan ikke markeres med mellemrumstasten.", target.ToString());
        }
    }

    public async Task UploadAsync(ILocator element, ElementTarget target, TestFile file)
    {
        // A keyboard user opens the file chooser with Space on the focused field, and presses Enter
        // when Space did not open it (headless Chromium now and then lets one key press pass
        // without a chooser; a person would simply press again).
        await ReachAsync(element, target);
        var page = session.Page;
        IFileChooser chooser;
        try
        {
            chooser = await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync(" "), new() { Timeout = FirstKeyMs });
        }
        catch (TimeoutException)
        {
            chooser = await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Enter"));
        }

        await chooser.SetFilesAsync(new FilePayload { Name = file.Name, MimeType = file.MimeType, Buffer = file.Content });
    }

    /// <summary>How long the first key press gets to open a file chooser before the second key is tried.</summary>
    private const int FirstKeyMs = 5_000;

    public async Task PressAsync(ILocator element, ElementTarget target, string key)
    {
        await ReachAsync(element, target);
        await element.PressAsync(key);
        await SettleAsync(session.Page);
        await Focus.SnapshotAsync();
    }

    public async Task PressAsync(string key)
    {
        await session.Page.Keyboard.PressAsync(key);
        await SettleAsync(session.Page);
        await Focus.SnapshotAsync();
    }

    public Task ArrivedAsync() => Focus.SnapshotAsync();

    /// <summary>Presses Tab until the element has focus, checking the focus indicator at every stop.</summary>
    private async Task ReachAsync(ILocator element, ElementTarget target)
    {
        var focus = Focus;
        var page = session.Page;
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
        var box = PageJson.ElementInfoBox(info);
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

    internal static async Task SettleAsync(IPage page)
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
}

/// <summary>Records elements that take focus without showing it, once per element and step.</summary>
internal sealed class FocusRecorder(
    PageSession session,
    TaskStep step,
    StepResult result,
    Checklist checklist,
    List<Finding> findings,
    HashSet<string> reported,
    Func<IPage, Guid, string, CancellationToken, Task<Evidence?>> screenshots,
    Guid auditId)
{
    private Evidence? _screenshot;

    private IPage page => session.Page;

    /// <summary>Elements that take focus with Tab on the current page, counted at the last snapshot.</summary>
    public int Tabbable { get; private set; }

    /// <summary>Remembers the unfocused look of the current document's elements, once per document.</summary>
    public async Task SnapshotAsync() => Tabbable = await RetryAsync(() => page.EvaluateAsync<int>(EmbeddedScripts.FocusSnapshot));

    /// <summary>After a button or link was pressed: focus lost to the page while the page stayed the same is a finding (WCAG 2.4.3).</summary>
    public async Task AfterPressAsync()
    {
        string? json;
        try
        {
            json = await page.EvaluateAsync<string?>(EmbeddedScripts.FocusLost);
        }
        catch (PlaywrightException ex) when (AxeRunner.IsDocumentGone(ex))
        {
            // A new document: focus starts over there, as it should.
            return;
        }

        if (json is null || checklist.ForCheck(CheckNames.FocusOrder) is not { } criterion)
        {
            return;
        }

        using var document = JsonDocument.Parse(json);
        var pressed = Checks.FocusElement.Read(document.RootElement);
        if (!reported.Add($"{result.Index}|lost|{pressed.Selector}"))
        {
            return;
        }

        var picture = await screenshots(page, auditId, $"trin-{result.Index + 1:00}-fokus-tabt.jpg", CancellationToken.None);
        findings.Add(FindingFactory.Create(
            FindingSource.Check,
            $"{CheckNames.FocusOrder}/fokus-tabt",
            criterion,
            Severity.Serious,
            new FindingText(
                "Fokus forsvinder, når elementet bruges",
                $"Når borgeren trykker på \"{pressed.Name}\" på trinnet \"{step.Name}\", forsvinder elementet, og fokus falder tilbage til siden selv. En skærmlæserbruger ved ikke, hvor hun er, og Tab starter et tilfældigt sted. Flyt fokus til det, der kommer i stedet (fx en overskrift eller elementet, der åbnede det).",
                "fokus på <body> efter tryk; elementet er fjernet eller skjult"),
            new FindingPlace(result.Index, step.Name, pressed.Selector, pressed.Html, pressed.Box, picture),
            ["2.4.3"]));
    }

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
                await KeyboardOperator.SettleAsync(page);
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

        findings.Add(FindingFactory.Create(
            FindingSource.Check,
            $"{CheckNames.FocusVisible}/mangler",
            criterion,
            Severity.Serious,
            new FindingText(
                "Fokus er ikke synligt",
                $"Når elementet får fokus med Tab-tasten på trinnet \"{step.Name}\", ændrer det ikke udseende: ingen outline, skygge, kant eller farve viser, hvor borgeren er. Tastaturbrugere mister overblikket.",
                $"outline: {focused.GetProperty("outline").GetString()}; intet andet ændrer sig ved fokus"),
            new FindingPlace(result.Index, step.Name, selector, focused.GetProperty("html").GetString(), PageJson.Box(focused.GetProperty("box")), _screenshot),
            ["2.4.7"]));
    }
}
