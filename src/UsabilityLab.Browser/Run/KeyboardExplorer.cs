using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using UsabilityLab.Browser.Checks;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Browser;

/// <summary>
/// The keyboard pass's look at the whole page at every step, not only the elements the script
/// names: a walk with Tab and Shift+Tab from every element in the focus order finds keyboard traps
/// (WCAG 2.1.2) and elements that, focused, are entirely hidden behind fixed or sticky content
/// (2.4.11); the page's own click handlers name elements that act on the mouse but that Tab never
/// reaches (2.1.1); a tabindex above 0 is listed for a reviewer to judge (2.4.3). Afterwards focus
/// is back at the start of the document, where the script's keyboard hand expects it.
/// </summary>
/// <param name="screenshot">A picture of the page by file name: the whole page, or (true) what is on screen.</param>
internal sealed class KeyboardExplorer(Checklist checklist, List<Finding> findings, List<Advisory> advisories, Func<string, bool, Task<Evidence?>> screenshot)
{
    /// <summary>
    /// At most this many key presses on one page (about 12 seconds on an idle machine): a page with
    /// hundreds of links is walked from as many as fit. A bound in work, not in time, so a busy
    /// machine finds what an idle one finds; the walk's own safety net in time is far above it.
    /// </summary>
    private const int MaxPresses = 500;

    /// <summary>A page with more elements than this is not walked: every Tab press lays out the whole page again, and the audit's other passes share the machine.</summary>
    private const int MaxElements = 10_000;

    /// <summary>Whether the checklist asks for anything the walk finds.</summary>
    public static bool Wanted(Checklist checklist) =>
        checklist.Uses(CheckNames.Keyboard) || checklist.Uses(CheckNames.KeyboardTrap) || checklist.Uses(CheckNames.FocusNotObscured) || checklist.Uses(CheckNames.FocusOrder);

    /// <summary>Explores the page of step <paramref name="index"/> as it is on arrival; a page that navigates away meanwhile is left as it is.</summary>
    public async Task ExploreAsync(IPage page, TaskStep step, int index, CancellationToken cancellationToken)
    {
        KeyboardWalk walk;
        List<FocusElement> mouseOnly;
        List<FocusElement> ordered;
        Evidence? hiddenPicture = null;
        var options = new KeyboardWalkOptions(MaxElements: 200, MaxPresses: MaxPresses, SettleMs: 15, WatchHidden: checklist.Uses(CheckNames.FocusNotObscured),
            OnHidden: async _ => hiddenPicture ??= await screenshot($"trin-{index + 1:00}-fokus-skjult.jpg", true));
        try
        {
            var size = await page.EvaluateAsync<int>("() => document.getElementsByTagName('*').length");
            if (size > MaxElements)
            {
                TooBig(size, index);
                return;
            }

            walk = await KeyboardTraps.WalkAsync(page, options, cancellationToken);
            ordered = Read(await page.EvaluateAsync<string>(EmbeddedScripts.KeyboardWalk, new object[] { "order" }),
                e => e.GetProperty("tabindex").GetInt32().ToString(CultureInfo.InvariantCulture));
            mouseOnly = Read(await page.EvaluateAsync<string>(EmbeddedScripts.MouseOnly), _ => null);
            await page.EvaluateAsync(EmbeddedScripts.KeyboardWalk, new object[] { "start" });
        }
        catch (PlaywrightException)
        {
            // A page that navigated away meanwhile, or one that is no HTML page (an XML or SVG
            // document): the task goes on; the walk judges the pages it can walk.
            return;
        }

        var picture = new Lazy<Task<Evidence?>>(() => screenshot($"trin-{index + 1:00}-tastatur-side.jpg", false));
        await TrapsAsync(walk, step, index);
        Hidden(walk, step, index, hiddenPicture);
        Partly(walk, index);
        await MouseOnlyAsync(mouseOnly, step, index, picture);
        Order(ordered, index);
    }

    /// <summary>A page too big to walk says so, for a reviewer, rather than passing in silence.</summary>
    private void TooBig(int size, int index) => ForReviewer(
        index,
        "ikke-gennemgaaet",
        "Siden er for stor til at blive gennemgået med tastaturet",
        string.Create(CultureInfo.InvariantCulture, $"Siden har {size} elementer (grænsen er {MaxElements}), så den blev ikke gennemgået med Tab og Shift+Tab. Vurdér selv, om fokus kan komme væk fra alle elementer, og om elementet med fokus altid er synligt."));

    /// <summary>A walk cut short by its limits says how far it got, for a reviewer to judge the rest.</summary>
    private void Partly(KeyboardWalk walk, int index)
    {
        if (!walk.Whole)
        {
            ForReviewer(
                index,
                "delvis",
                "Siden blev kun delvist gennemgået med tastaturet",
                string.Create(CultureInfo.InvariantCulture, $"Siden har {walk.Tabbables} elementer, der kan få fokus. Gennemgangen med Tab og Shift+Tab nåede {walk.Walked} af dem, før den stoppede ved sin grænse ({MaxPresses} tastetryk pr. side), så en meget stor side ikke holder auditten hen. Vurdér selv resten: om fokus kan komme væk fra hvert element, og om elementet med fokus altid er synligt."));
        }
    }

    /// <summary>What the walk could not judge on a page (traps, hidden focus), when the checklist asks for either.</summary>
    private void ForReviewer(int index, string rule, string title, string description)
    {
        if (checklist.ForCheck(CheckNames.KeyboardTrap) is null && checklist.ForCheck(CheckNames.FocusNotObscured) is null)
        {
            return;
        }

        advisories.Add(new Advisory
        {
            Kind = AdvisoryKind.NeedsReview,
            Source = FindingSource.Check,
            RuleId = $"{CheckNames.KeyboardTrap}/{rule}",
            StepIndex = index,
            Title = title,
            Description = description,
            Wcag = ["2.1.2", "2.4.11"],
        });
    }

    private async Task TrapsAsync(KeyboardWalk walk, TaskStep step, int index)
    {
        if (checklist.ForCheck(CheckNames.KeyboardTrap) is not { } criterion)
        {
            return;
        }

        // A modal dialog keeps focus by design while it is open; Escape or its close button lets go.
        // One picture of the page serves every trap on it (the file name is the step's, so a second one would clash).
        Evidence? picture = null;
        foreach (var trap in walk.Traps.Where(t => !t.InModalDialog && t.Place is not null))
        {
            var place = trap.Place!;
            findings.Add(FindingFactory.Create(
                FindingSource.Check,
                $"{CheckNames.KeyboardTrap}/faelde",
                criterion,
                Severity.Critical,
                new FindingText(
                    "Tastaturfælde: fokus kan ikke komme væk fra elementet",
                    $"Når {Described(place)} på trinnet \"{step.Name}\" har fokus, flytter hverken Tab eller Shift+Tab fokus videre. En borger, der bruger tastaturet, sidder fast og kan ikke komme videre på siden.",
                    "Tab og Shift+Tab fra elementet: fokus bliver"),
                new FindingPlace(index, step.Name, place.Selector, place.Html, place.Box, picture ??= await screenshot($"trin-{index + 1:00}-tastaturfaelde.jpg", false)),
                ["2.1.2"]));
        }
    }

    private void Hidden(KeyboardWalk walk, TaskStep step, int index, Evidence? evidence)
    {
        if (checklist.ForCheck(CheckNames.FocusNotObscured) is not { } criterion || walk.Hidden.Count == 0)
        {
            return;
        }

        // The first one found was photographed on screen while it had focus, behind what covers it.
        foreach (var hidden in walk.Hidden)
        {
            findings.Add(FindingFactory.Create(
                FindingSource.Check,
                $"{CheckNames.FocusNotObscured}/skjult",
                criterion,
                Severity.Serious,
                new FindingText(
                    "Elementet med fokus er helt skjult",
                    $"Når {Described(hidden)} på trinnet \"{step.Name}\" får fokus med Tab, ligger det helt under indhold, der står fast på skærmen ({hidden.Detail}). Borgeren, der bruger tastaturet, kan ikke se, hvor fokus er.",
                    $"dækket af {hidden.Detail}"),
                new FindingPlace(index, step.Name, hidden.Selector, hidden.Html, hidden.Box, evidence),
                ["2.4.11"]));
        }
    }

    private async Task MouseOnlyAsync(List<FocusElement> mouseOnly, TaskStep step, int index, Lazy<Task<Evidence?>> picture)
    {
        if (checklist.ForCheck(CheckNames.Keyboard) is not { } criterion)
        {
            return;
        }

        foreach (var element in mouseOnly)
        {
            findings.Add(FindingFactory.Create(
                FindingSource.Check,
                $"{CheckNames.Keyboard}/kun-mus",
                criterion,
                Severity.Serious,
                new FindingText(
                    "Elementet reagerer på musen, men kan ikke nås med tastaturet",
                    $"{Capitalised(Described(element))} på trinnet \"{step.Name}\" ligner noget, man kan klikke på, og siden reagerer på klik på det, men det kan ikke få fokus med Tab. Det, elementet gør, skal også kunne gøres med tastaturet: brug en rigtig knap eller et link.",
                    "klik-håndtering, markør som en hånd, ikke i Tab-rækkefølgen"),
                new FindingPlace(index, step.Name, element.Selector, element.Html, element.Box, await picture.Value),
                ["2.1.1"]));
        }
    }

    private void Order(List<FocusElement> ordered, int index)
    {
        if (ordered.Count == 0 || checklist.ForCheck(CheckNames.FocusOrder) is null)
        {
            return;
        }

        advisories.Add(new Advisory
        {
            Kind = AdvisoryKind.NeedsReview,
            Source = FindingSource.Check,
            RuleId = $"{CheckNames.FocusOrder}/tabindex",
            StepIndex = index,
            Title = "Tabindex over 0 ændrer fokusrækkefølgen",
            Description = "Elementer med tabindex over 0 får fokus før alt andet på siden, uanset hvor de står. Vurdér, om rækkefølgen med Tab stadig følger sidens betydning og læserækkefølge; ellers brug tabindex=\"0\" og sæt elementerne i den rækkefølge, de skal nås.",
            Wcag = ["2.4.3"],
            Elements = [.. ordered.Select(e => new AdvisoryElement(e.Selector, e.Html, $"tabindex=\"{e.Detail}\""))],
        });
    }

    /// <summary>Who reviewers see: the element's name where it has one.</summary>
    private static string Described(FocusElement element) =>
        element.Name.Length > 0 ? $"elementet \"{element.Name}\" ({element.Selector})" : $"elementet {element.Selector}";

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static List<FocusElement> Read(string json, Func<JsonElement, string?> detail)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => FocusElement.Read(e, detail(e)))];
    }
}
