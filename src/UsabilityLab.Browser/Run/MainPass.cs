using System.Diagnostics;
using Microsoft.Playwright;
using UsabilityLab.Core;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Checks;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Browser;

/// <summary>
/// The audit's main pass: the task as a citizen with a mouse does it, in one browser context.
/// Each step is checked on the page it names, as the citizen meets it (after the actions that led
/// there have settled, before the step's own actions), then its actions run. A step that fails is a
/// finding and the steps after it are not run; a step over its time limit is stopped, never waited for.
/// </summary>
internal sealed class MainPass(
    BrowserHost host,
    AxeRunner axe,
    IEvidenceStore evidence,
    AuditRequest request,
    Audit audit,
    IAuditProgress progress,
    IAuditJournal journal)
{
    /// <summary>How long the end of an audit waits for late events (a pop-up still loading).</summary>
    private const int EventGraceMs = 500;

    private readonly PageObserver _observer = new(host.Options, evidence);
    private readonly List<StepObservation> _observations = [];
    private readonly DocumentClock _documents = new();
    private PageSession _session = null!;
    private ActionExecutor _actions = null!;

    /// <summary>The time the checks took (axe, screenshots, page facts), not the citizen's.</summary>
    private long _checksMs;

    /// <summary>Runs every step until one fails or the deadline passes, then the page checks over all steps.</summary>
    public async Task RunAsync(Stopwatch wall, CancellationToken deadline, CancellationToken cancellationToken)
    {
        var steps = request.Script.Steps;
        await using var session = await PageSession.OpenAsync(host, request, evidence, audit.Id, axe.PrepareAsync);
        _session = session;
        _actions = new ActionExecutor(session, request, host.Options);

        StepFailedException? failure = null;
        for (var index = 0; index < steps.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = new StepResult { Index = index, Name = steps[index].Name, Outcome = StepOutcome.NotRun };
            audit.Steps.Add(result);
            if (failure is not null)
            {
                continue;
            }

            progress.StepStarted(index, steps.Count, result.Name);
            var before = new Counts(audit);
            failure = await RunStepUnderLimitsAsync(result, deadline, cancellationToken);
            _checksMs += result.AxeMs + result.ScreenshotMs + result.ChecksMs;
            await session.FlushDownloadsAsync(host.Options.ActionTimeoutMs);
            result.Events.AddRange(session.TakeEvents());
            result.Outcome = failure is null ? StepOutcome.Passed : StepOutcome.Failed;
            progress.StepFinished(result, audit.Findings.Count - before.Findings);
            audit.Evidence.AddRange(session.TakeKept());
            await journal.StepFinishedAsync(before.Since(audit, result), cancellationToken);
        }

        // A window the last actions opened is announced only once it has loaded (with axe in it),
        // a moment after the click: it belongs to the last step that ran.
        await Task.Delay(EventGraceMs, cancellationToken);
        if (audit.Steps.LastOrDefault(s => s.Outcome != StepOutcome.NotRun) is { } last)
        {
            last.Events.AddRange(session.TakeEvents());
        }

        audit.TaskCompleted = failure is null;
        audit.FailedStepIndex = failure?.StepIndex;
        audit.FailureReason = failure?.Reason ?? FailureReason.None;
        audit.FailureMessage = failure?.Message;
        audit.WallTimeMs = wall.ElapsedMilliseconds;
        audit.TimeOnTaskMs = Math.Max(0, audit.WallTimeMs - _checksMs);
        audit.Findings.AddRange(SameProblem.Join(audit.Findings, PageChecks.Evaluate(request.Checklist, audit, steps.Count, _observations)));
    }

    /// <summary>One step within the step's time limit and the audit's deadline; its failure, if any, recorded as a finding.</summary>
    private async Task<StepFailedException?> RunStepUnderLimitsAsync(StepResult result, CancellationToken deadline, CancellationToken cancellationToken)
    {
        StepFailedException? failure;
        Evidence? failureShot = null;
        if (deadline.IsCancellationRequested)
        {
            failure = AuditOverdue();
        }
        else
        {
            var work = RunStepAsync(result, deadline);
            try
            {
                failure = await work.WaitAsync(TimeSpan.FromMilliseconds(host.Options.StepTimeoutMs), deadline);
            }
            catch (TimeoutException) when (!work.IsCompleted)
            {
                failure = new StepFailedException(FailureReason.StepTimeout,
                    $"Trinnet blev ikke færdigt inden for {DanishText.Seconds(host.Options.StepTimeoutMs)} s (tidsgrænse pr. trin); siden blev lukket.");
                failureShot = await AbandonAsync(work, result);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !work.IsCompleted)
            {
                failure = AuditOverdue();
                failureShot = await AbandonAsync(work, result);
            }
            catch (OperationCanceledException)
            {
                await AbandonAsync(work, result, screenshot: false);
                throw;
            }
        }

        if (failure is not null)
        {
            failure.StepIndex = result.Index;
            result.Error = failure.Message;
            await RecordFailureAsync(result, failure, failureShot, cancellationToken);
        }

        return failure;

        StepFailedException AuditOverdue() => new(FailureReason.AuditTimeout,
            $"Auditten blev ikke færdig inden for {DanishText.Seconds(host.Options.AuditTimeoutMs)} s (tidsgrænse pr. audit); resten blev ikke kørt.");
    }

    /// <summary>
    /// One step: open the start page (first step), let the page settle, check it, then do the
    /// step's actions. Returns the failure, if any; never throws for what the page does.
    /// </summary>
    private async Task<StepFailedException?> RunStepAsync(StepResult result, CancellationToken cancellationToken)
    {
        var step = request.Script.Steps[result.Index];
        var actionTimer = new Stopwatch();
        if (result.Index == 0 && await OpenStartAsync(result, actionTimer) is { } startFailure)
        {
            return startFailure;
        }

        try
        {
            await _actions.ArriveAsync();
        }
        catch (StepFailedException arrival)
        {
            result.Url = SafeUrl(_session.Page);
            return arrival;
        }

        var page = _session.Page;
        if (IsVendorPage(page.Url))
        {
            // What the citizen waited for after the previous step's actions, as the browser measured it.
            if (await _documents.NewDocumentWaitAsync(page) is { } wait && result.Index > 0)
            {
                audit.Steps[result.Index - 1].WaitMs = wait;
            }

            await CheckPageAsync(page, result, cancellationToken);
            progress.CheckStarted(result.Index, "sidetjek");
            var entered = step.Actions.OfType<FillAction>().Select(a => a.Target.Primary).Select(l => l.Name ?? l.Value).ToList();
            if (await _observer.ObserveAsync(page, request.Checklist, audit.Id, result, entered, cancellationToken) is { } observation)
            {
                _observations.Add(observation);
            }
        }
        else
        {
            // The browser's own error page (or a blank one) is not the vendor's: nothing to check there.
            result.Url = page.Url;
        }

        progress.CheckStarted(result.Index, "handlinger");
        await RequestTimingAsync(page, "mark");
        actionTimer.Start();
        try
        {
            foreach (var action in step.Actions)
            {
                await _actions.ExecuteAsync(action, step, result, audit.Findings);
                result.ActionCount++;
                audit.ActionCount++;
            }
        }
        catch (StepFailedException stepFailure)
        {
            return stepFailure;
        }
        finally
        {
            result.ActionsMs = actionTimer.ElapsedMilliseconds;
        }

        // Without a new page, what the actions asked the solution for; a new page's own timing replaces it on arrival.
        result.WaitMs = await RequestTimingAsync(_session.Page, "read");
        return null;
    }

    /// <summary>Opens the task's start page; the time it takes is the citizen's, counted on the first step's actions.</summary>
    private async Task<StepFailedException?> OpenStartAsync(StepResult result, Stopwatch actionTimer)
    {
        actionTimer.Start();
        try
        {
            _session.Acting = true;
            await ActionExecutor.GotoAsync(_session.Page, request.StartUrl);
            audit.ActionCount++;
            return null;
        }
        catch (StepFailedException startFailure)
        {
            result.Url = _session.Page.Url;
            return startFailure;
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            result.Url = _session.Page.Url;
            return new StepFailedException(
                ex is TimeoutException ? FailureReason.Timeout : FailureReason.NavigationError,
                $"Startsiden kunne ikke åbnes: {BrowserMessages.Danish(ex.Message)}.");
        }
        finally
        {
            _session.Acting = false;
            actionTimer.Stop();
        }
    }

    /// <summary>A full-page screenshot, then axe-core, of the page as the step meets it.</summary>
    private async Task CheckPageAsync(IPage page, StepResult result, CancellationToken cancellationToken)
    {
        result.Url = page.Url;
        try
        {
            result.PageTitle = await page.TitleAsync();
        }
        catch (PlaywrightException)
        {
            result.PageTitle = null;
        }

        // The picture first: it shows the page as the step met it, and it is there even when the
        // checks after it run out of time (a page of 50,000 elements).
        progress.CheckStarted(result.Index, "skærmbillede");
        var timer = Stopwatch.StartNew();
        var screenshot = await Screenshots.FullPageAsync(page, evidence, audit.Id, $"trin-{result.Index + 1:00}.jpg", cancellationToken);
        result.ScreenshotMs = timer.ElapsedMilliseconds;
        result.Screenshot = screenshot;

        // An XML document without a stylesheet is shown in Chromium's own viewer, an HTML page of the
        // browser's making: axe-core would judge that page (html-has-lang), not the vendor's document.
        // The page checks say the step's document is no HTML page.
        if (await IsBrowsersXmlViewerAsync(page))
        {
            return;
        }

        progress.CheckStarted(result.Index, "axe-core");
        timer.Restart();
        Deque.AxeCore.Commons.AxeResult? axeResult = null;
        try
        {
            axeResult = await axe.RunAsync(page, cancellationToken: cancellationToken);
            audit.AxeVersion = axeResult.TestEngine?.Version ?? audit.AxeVersion;
        }
        catch (PlaywrightException ex)
        {
            result.Error = $"axe-core kunne ikke køre på siden: {BrowserMessages.Danish(ex.Message)}.";
        }

        result.AxeMs = timer.ElapsedMilliseconds;
        var reading = AxeResultMapper.Read(axeResult, result);
        audit.Advisories.AddRange(reading.Advisories);
        var boxes = await PageObserver.ElementBoxesAsync(page, [.. reading.Violations.Select(v => v.Selector)]);
        for (var i = 0; i < reading.Violations.Count; i++)
        {
            audit.Findings.Add(AxeResultMapper.ToFinding(reading.Violations[i], request.Checklist, result, boxes[i], screenshot));
        }
    }

    /// <summary>
    /// Stops a step that is over its time: a screenshot while the page may still answer, then the
    /// context is closed, which makes whatever the step waits on fail at once.
    /// </summary>
    private async Task<Evidence?> AbandonAsync(Task work, StepResult result, bool screenshot = true)
    {
        Evidence? shot = null;
        if (screenshot)
        {
            try
            {
                shot = await Screenshots.ViewportAsync(_session.Page, evidence, audit.Id, $"trin-{result.Index + 1:00}-stoppet.jpg")
                    .WaitAsync(TimeSpan.FromSeconds(3));
            }
            catch (TimeoutException)
            {
                // A page stuck in a script loop cannot be photographed.
            }
        }

        await _session.AbandonAsync();
        try
        {
            await work.WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or OperationCanceledException)
        {
            // The step ends because its page was closed under it; its own error is not the story.
        }

        result.Url ??= SafeUrl(_session.Page);
        return shot;
    }

    /// <summary>The task's failure as a finding, with the page as it was when the step failed.</summary>
    private async Task RecordFailureAsync(StepResult result, StepFailedException failure, Evidence? shot, CancellationToken cancellationToken)
    {
        if (shot is null && !_session.Crashed && failure.Reason is not (FailureReason.StepTimeout or FailureReason.AuditTimeout))
        {
            shot = await Screenshots.FullPageAsync(_session.Page, evidence, audit.Id, $"trin-{result.Index + 1:00}-fejl.jpg", cancellationToken);
        }

        shot ??= result.Screenshot;
        var criterion = request.Checklist.ForCheck(CheckNames.TaskCompletion)!;
        audit.Findings.Add(FindingFactory.Create(
            FindingSource.TaskVerdict,
            CheckNames.TaskCompletion,
            criterion,
            criterion.Severity,
            new FindingText($"Opgaven kan ikke gennemføres: {failure.Reason.Danish()} på trinnet \"{result.Name}\"", failure.Message),
            new FindingPlace(result.Index, result.Name, failure.Target, Box: failure.Box, Evidence: shot),
            criterion.Wcag,
            fingerprintRule: failure.Reason.ToString()));
    }

    private static async Task<bool> IsBrowsersXmlViewerAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<bool>("() => document.getElementById('webkit-xml-viewer-source-xml') !== null");
        }
        catch (PlaywrightException)
        {
            return false;
        }
    }

    private static string? SafeUrl(IPage page)
    {
        try
        {
            return page.Url;
        }
        catch (PlaywrightException)
        {
            return null;
        }
    }

    /// <summary>An http(s) page, the vendor's: not the browser's own error page or a blank one.</summary>
    internal static bool IsVendorPage(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>How much the audit held before a step, to tell the journal what the step added.</summary>
    private readonly record struct Counts(int Findings, int Advisories, int Evidence)
    {
        public Counts(Audit audit)
            : this(audit.Findings.Count, audit.Advisories.Count, audit.Evidence.Count)
        {
        }

        public StepRecord Since(Audit audit, StepResult step) => new(
            step,
            audit.Findings[Findings..],
            audit.Advisories[Advisories..],
            audit.Evidence[Evidence..]);
    }

    /// <summary>The request timing script on the page; null when the page is going away or is no HTML page.</summary>
    private static async Task<long?> RequestTimingAsync(IPage page, string mode)
    {
        try
        {
            return await page.EvaluateAsync<long?>(EmbeddedScripts.RequestTiming, mode);
        }
        catch (PlaywrightException)
        {
            return null;
        }
    }
}
