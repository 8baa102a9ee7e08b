using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Playwright;
using UsabilityLab.Core;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Browser;

/// <summary>Why a step failed. Thrown by <see cref="ActionExecutor"/> and turned into a finding by the runner.</summary>
public sealed class StepFailedException : Exception
{
    public StepFailedException(FailureReason reason, string message, string? target = null, ElementBox? box = null)
        : base(message)
    {
        Reason = reason;
        Target = target;
        Box = box;
    }

    public StepFailedException()
        : this(FailureReason.ActionFailed, "Trinnet fejlede.")
    {
    }

    public StepFailedException(string message)
        : this(FailureReason.ActionFailed, message)
    {
    }

    public StepFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = FailureReason.ActionFailed;
    }

    public FailureReason Reason { get; }

    /// <summary>The element description from the script, when the failure is about one element.</summary>
    public string? Target { get; }

    public ElementBox? Box { get; }

    /// <summary>0-based step where it happened; set by the runner.</summary>
    public int? StepIndex { get; set; }
}

/// <summary>
/// The one interpreter of a task script, used by every pass: performs the actions on a page,
/// finding elements the way a citizen perceives them (role and name, label, text, placeholder),
/// opening pages with their status checked, following pop-ups, waiting and expecting. The pass's
/// hand (<see cref="IElementOperator"/>: the pointer, or the keyboard alone) operates the elements.
/// When only a CSS alternative finds an element, that is recorded as a finding: the element has no
/// role or accessible name a citizen's assistive technology could use.
/// </summary>
/// <param name="recordLocatorFindings">False for replays (the side passes) that must not report the same CSS fallback twice.</param>
/// <param name="hand">How elements are operated; the pointer when not given.</param>
internal sealed class ActionExecutor(PageSession session, AuditRequest request, BrowserOptions options, bool recordLocatorFindings = true, IElementOperator? hand = null)
{
    private const int ElementHtmlLimit = 600;

    private readonly IElementOperator _hand = hand ?? new PointerOperator(session);

    /// <summary>The window the task is in now: it changes when the script follows a pop-up.</summary>
    private IPage page => session.Page;

    internal TestData Data => request.Data;

    internal string BaseUrl => request.BaseUrl;

    public async Task ExecuteAsync(ScriptAction action, TaskStep step, StepResult result, List<Finding> findings)
    {
        // Waiting and expecting are not the citizen acting: a page that moves on meanwhile does so by itself.
        session.Acting = action is not (WaitForAction or ExpectAction);
        try
        {
            await PerformAsync(action, step, result, findings);
        }
        catch (StepFailedException)
        {
            throw;
        }
        catch (PlaywrightException) when (session.Crashed)
        {
            throw new StepFailedException(FailureReason.PageCrashed, $"{Describe(action)}: siden gik ned i browseren (rendererprocessen stoppede), så opgaven kan ikke fortsætte.");
        }
        catch (TimeoutException ex) when (ex.Message.Contains("intercepts pointer events", StringComparison.Ordinal))
        {
            throw new StepFailedException(FailureReason.ElementCovered,
                $"{Describe(action)}: et andet element ligger over det (fx et cookiebanner) og tager klikket. " +
                $"Luk det i scriptet med handle.cookieBanner.{(BrowserMessages.CoveringElement(ex.Message) is { } cover ? $" (Elementet ovenpå: {cover})" : string.Empty)}");
        }
        catch (TimeoutException ex)
        {
            throw new StepFailedException(FailureReason.Timeout, $"{Describe(action)}: {BrowserMessages.Danish(ex.Message)}.");
        }
        catch (PlaywrightException ex) when (ex.Message.Contains("crash", StringComparison.OrdinalIgnoreCase))
        {
            throw new StepFailedException(FailureReason.PageCrashed, $"{Describe(action)}: siden gik ned i browseren.");
        }
        catch (PlaywrightException ex) when (ex.Message.Contains("net::", StringComparison.Ordinal) || ex.Message.Contains("navigation", StringComparison.OrdinalIgnoreCase))
        {
            throw new StepFailedException(FailureReason.NavigationError, $"{Describe(action)}: siden kunne ikke indlæses: {BrowserMessages.Danish(ex.Message)}.");
        }
        catch (PlaywrightException ex)
        {
            throw new StepFailedException(FailureReason.ActionFailed, $"{Describe(action)}: {BrowserMessages.Danish(ex.Message)}.");
        }
        finally
        {
            session.Acting = false;
        }
    }

    /// <summary>Playwright's log line that names the element in the way ("&lt;div id=cookies&gt; intercepts pointer events").</summary>
    /// <summary>
    /// Where every step of every pass begins: the page has settled (a page that never finishes
    /// loading is taken as it is), has not crashed, and its server did not answer with an error
    /// status, which no citizen gets past.
    /// </summary>
    internal async Task ArriveAsync()
    {
        try
        {
            await page.WaitForLoadStateAsync(LoadState.Load);
        }
        catch (TimeoutException)
        {
            // Checked as it is; the step's actions decide whether it works.
        }

        if (session.Crashed)
        {
            throw new StepFailedException(FailureReason.PageCrashed, "Siden gik ned i browseren (rendererprocessen stoppede), før trinnet kunne begynde.");
        }

        if (session.LastDocumentStatus >= 400)
        {
            throw new StepFailedException(FailureReason.HttpError, $"Serveren svarede {session.LastDocumentStatus} på {page.Url}.");
        }
    }

    /// <summary>Opens a URL; an error status from the server fails the step, as no citizen gets past it.</summary>
    internal static async Task GotoAsync(IPage page, string url)
    {
        var response = await page.GotoAsync(url);
        if (response is { Status: >= 400 })
        {
            throw new StepFailedException(FailureReason.HttpError, $"Serveren svarede {response.Status} {response.StatusText} på {url}.");
        }
    }

    private async Task PerformAsync(ScriptAction action, TaskStep step, StepResult result, List<Finding> findings)
    {
        var data = request.Data;
        switch (action)
        {
            case GotoAction go:
                await GotoAsync(page, request.Url(go.Url));
                await _hand.ArrivedAsync();
                break;
            case FollowAction follow:
                await session.FollowAsync(follow.Target, options.ActionTimeoutMs);
                await _hand.ArrivedAsync();
                break;
            case ClickAction click:
                await _hand.ClickAsync(await ResolveAsync(click.Target, step, result, findings), click.Target);
                break;
            case FillAction fill:
                await _hand.FillAsync(await ResolveAsync(fill.Target, step, result, findings), fill.Target, data.Resolve(fill.Value));
                break;
            case SelectAction select:
                await _hand.SelectAsync(await ResolveAsync(select.Target, step, result, findings), select.Target, data.Resolve(select.Option));
                break;
            case CheckAction check:
                await _hand.CheckAsync(await ResolveAsync(check.Target, step, result, findings), check.Target, check.Checked);
                break;
            case UploadAction upload:
                await _hand.UploadAsync(await ResolveAsync(upload.Target, step, result, findings), upload.Target, TestFiles.For(upload.FileName));
                break;
            case PressAction { Target: { } pressTarget } press:
                await _hand.PressAsync(await ResolveAsync(pressTarget, step, result, findings), pressTarget, press.Key);
                break;
            case PressAction press:
                await _hand.PressAsync(press.Key);
                break;
            case WaitForAction { Url: { } url }:
                await page.WaitForURLAsync(u => u.Contains(data.Resolve(url), StringComparison.Ordinal));
                break;
            case WaitForAction wait:
                await ResolveAsync(wait.Target!, step, result, findings);
                break;
            case ExpectAction expect:
                await ExpectAsync(expect, step, result, findings);
                break;
            default:
                throw new StepFailedException(FailureReason.ActionFailed, $"Handlingen '{action.Verb}' kan ikke udføres af denne version.");
        }
    }

    internal async Task ExpectAsync(ExpectAction expect, TaskStep step, StepResult result, List<Finding> findings)
    {
        var timeout = options.ExpectationTimeoutMs;
        var value = expect.Value is null ? null : request.Data.Resolve(expect.Value);
        var seconds = DanishText.Seconds(timeout);
        switch (expect.Kind)
        {
            case ExpectationKind.Text:
                try
                {
                    await page.GetByText(value!).First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = timeout });
                }
                catch (TimeoutException)
                {
                    throw new StepFailedException(FailureReason.ExpectationNotMet, $"Forventede teksten \"{value}\", men den blev ikke vist inden for {seconds} s.");
                }

                break;
            case ExpectationKind.Url:
                if (!await PollAsync(() => Task.FromResult(page.Url.Contains(value!, StringComparison.Ordinal)), timeout))
                {
                    throw new StepFailedException(FailureReason.ExpectationNotMet, $"Forventede en adresse med \"{value}\", men siden er {page.Url}.");
                }

                break;
            case ExpectationKind.Title:
                if (!await PollAsync(async () => (await page.TitleAsync()).Contains(value!, StringComparison.Ordinal), timeout))
                {
                    throw new StepFailedException(FailureReason.ExpectationNotMet, $"Forventede en sidetitel med \"{value}\", men titlen er \"{await page.TitleAsync()}\".");
                }

                break;
            case ExpectationKind.Visible:
                try
                {
                    await ResolveAsync(expect.Target!, step, result, findings, timeout);
                }
                catch (StepFailedException failure) when (failure.Reason is FailureReason.ElementNotFound or FailureReason.Timeout)
                {
                    throw new StepFailedException(FailureReason.ExpectationNotMet, $"Forventede at se {expect.Target}, men det blev ikke vist inden for {seconds} s.", expect.Target!.ToString());
                }

                break;
        }
    }

    private static async Task<bool> PollAsync(Func<Task<bool>> condition, int timeoutMs)
    {
        // A monotonic clock: the wall clock may be set back or forward while the page is polled.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (waited.ElapsedMilliseconds >= timeoutMs)
            {
                return false;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits for the first alternative that shows up and returns it. A CSS alternative that had to
    /// be used becomes a finding under the checklist's semantic-locators criterion.
    /// </summary>
    internal async Task<ILocator> ResolveAsync(ElementTarget target, TaskStep step, StepResult result, List<Finding> findings, int? timeout = null)
    {
        var wait = timeout ?? options.ActionTimeoutMs;
        var locators = target.Alternatives.Select(Build).ToList();
        var combined = locators.Skip(1).Aggregate(locators[0], (all, next) => all.Or(next));
        try
        {
            await combined.First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = wait });
        }
        catch (TimeoutException)
        {
            var seconds = DanishText.Seconds(wait);
            throw await combined.CountAsync() == 0
                ? new StepFailedException(FailureReason.ElementNotFound, $"Fandt ikke {target} på siden (ventede {seconds} s).", target.ToString())
                : new StepFailedException(FailureReason.Timeout, $"{target} findes på siden, men blev ikke synlig inden for {seconds} s.", target.ToString());
        }

        for (var i = 0; i < locators.Count; i++)
        {
            var count = await locators[i].CountAsync();
            if (count == 0)
            {
                continue;
            }

            if (count > 1)
            {
                throw new StepFailedException(FailureReason.ActionFailed,
                    $"{target.Alternatives[i]} passer på {count} elementer; gør beskrivelsen entydig (et mere præcist navn eller exact: true).",
                    target.Alternatives[i].ToString());
            }

            if (!target.Alternatives[i].IsSemantic && recordLocatorFindings)
            {
                await RecordCssLocatorAsync(target, target.Alternatives[i], locators[i], step, result, findings);
            }

            return locators[i];
        }

        // Visible a moment ago and gone now (the page changed under us): let the action report it.
        return combined.First;
    }

    private async Task RecordCssLocatorAsync(ElementTarget target, ElementLocator used, ILocator locator, TaskStep step, StepResult result, List<Finding> findings)
    {
        var criterion = request.Checklist.ForCheck(CheckNames.SemanticLocators);
        var fingerprint = FindingFactory.Fingerprint(FindingSource.Locator, CheckNames.SemanticLocators, new FindingPlace(result.Index, step.Name, used.Value));
        if (criterion is null || findings.Any(f => f.Fingerprint == fingerprint))
        {
            return;
        }

        ElementInfo? info = null;
        try
        {
            var json = await locator.EvaluateAsync<JsonElement>(EmbeddedScripts.ElementInfo);
            info = json.Deserialize<ElementInfo>();
        }
        catch (PlaywrightException)
        {
            // The finding stands without the element's picture.
        }

        var semantic = target.Alternatives.Where(a => a.IsSemantic).Select(a => a.ToString()).ToList();
        findings.Add(FindingFactory.Create(
            FindingSource.Locator,
            CheckNames.SemanticLocators,
            criterion,
            Severity.Serious,
            new FindingText(
                "Elementet kan kun findes med en CSS-selektor, ikke ved rolle eller navn",
                semantic.Count > 0
                    ? $"Trinnet \"{step.Name}\" fandt ikke {string.Join(" eller ", semantic)} og måtte bruge CSS-selektoren '{used.Value}'. " +
                      "Elementet mangler en rolle eller et tilgængeligt navn, så skærmlæsere og talestyring ikke kan finde eller betjene det."
                    : $"Trinnet \"{step.Name}\" kan kun finde elementet med CSS-selektoren '{used.Value}'. Elementet mangler en rolle eller et tilgængeligt navn."),
            new FindingPlace(
                result.Index,
                step.Name,
                used.Value,
                info?.Html is { Length: > ElementHtmlLimit } html ? html[..ElementHtmlLimit] : info?.Html,
                info is null ? null : new ElementBox(info.X, info.Y, info.Width, info.Height),
                result.Screenshot),
            ["4.1.2"]));
    }

    private ILocator Build(ElementLocator locator) => LocatorBuilder.Build(page, locator, request.Data);

    private static string Describe(ScriptAction action) => action switch
    {
        GotoAction go => $"goto {go.Url}",
        ClickAction click => $"click på {click.Target}",
        FillAction fill => $"fill i {fill.Target}",
        SelectAction select => $"select i {select.Target}",
        CheckAction check => $"check af {check.Target}",
        UploadAction upload => $"upload af {upload.FileName} i {upload.Target}",
        PressAction press => $"press {press.Key}",
        FollowAction follow => $"follow {follow.Target.ToString().ToLowerInvariant()}",
        _ => action.Verb,
    };

    private sealed record ElementInfo(
        [property: JsonPropertyName("x")] double X,
        [property: JsonPropertyName("y")] double Y,
        [property: JsonPropertyName("width")] double Width,
        [property: JsonPropertyName("height")] double Height,
        [property: JsonPropertyName("html")] string? Html);
}
