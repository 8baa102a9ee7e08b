using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using UsabilityLab.Core;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Checks;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Browser;

/// <summary>What to audit: a task script through one vendor's solution, against a checklist.</summary>
public sealed record AuditRequest(
    TaskScript Script,
    string ScriptText,
    Checklist Checklist,
    string VendorName,
    string SolutionName,
    string BaseUrl,
    TestData Data)
{
    /// <summary>Where the task starts: the script's start, its data filled in, in the solution.</summary>
    public string StartUrl => Url(Script.Start);

    /// <summary>A path of the script (its data filled in) as an address in the solution.</summary>
    public string Url(string path) => SolutionUrl.Join(BaseUrl, Data.Resolve(path));
}

/// <summary>
/// Runs a task script in a fresh browser context and checks every step. A step that fails is a
/// finding, not a crash: the audit always comes back complete with what was seen.
/// </summary>
/// <remarks>
/// Each step is checked on the page it names, as the citizen meets it: after the actions that
/// led there (the previous step's) have settled, and before the step's own actions. So the start
/// page is checked under the first step and the receipt under the last, each page exactly once.
/// </remarks>
public sealed class AuditRunner(BrowserHost host, AxeRunner axe, IEvidenceStore evidence)
{
    /// <summary>How long the end of an audit waits for late events (a pop-up still loading).</summary>
    private const int EventGraceMs = 500;

    public async Task<Audit> RunAsync(
        AuditRequest request,
        IAuditProgress? progress = null,
        IAuditJournal? journal = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        progress ??= NoProgress.Instance;
        journal ??= NoJournal.Instance;
        var script = request.Script;
        var audit = new Audit
        {
            TaskId = script.Id,
            TaskTitle = script.Title,
            TaskScript = request.ScriptText,
            StartedAt = DateTimeOffset.UtcNow,
            Status = AuditStatus.Running,
            BrowserVersion = host.Version,
            Solution = new Solution
            {
                Name = request.SolutionName,
                BaseUrl = request.BaseUrl,
                Vendor = new Vendor { Name = request.VendorName },
            },
            ChecklistVersion = new ChecklistVersion
            {
                ChecklistId = request.Checklist.Id,
                Version = request.Checklist.Version,
                Title = request.Checklist.Title,
                Content = request.Checklist.SourceText,
                ContentSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.Checklist.SourceText))),
            },
        };

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
        var keyboardPass = request.Checklist.Uses(CheckNames.Keyboard) || request.Checklist.Uses(CheckNames.FocusVisible)
            ? new KeyboardPass(host, evidence).RunAsync(request, audit.Id, sideStop.Token)
            : null;
        var errorPass = request.Checklist.Uses(CheckNames.ErrorHandling)
            ? new ErrorHandlingPass(host, evidence).RunAsync(request, audit.Id, sideStop.Token)
            : null;
        try
        {
            await RunMainPassAsync(request, audit, progress, journal, wall, deadline, cancellationToken);
            sideStop.CancelAfter(host.Options.StepTimeoutMs);
            await JoinSidePassesAsync(audit, wall, keyboardPass, errorPass, sideStop.Token, cancellationToken);

            // A pass that was stopped closes its context as it ends; wait for that, briefly.
            await Task.WhenAll(new Task?[] { keyboardPass, errorPass }.OfType<Task>().Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)))
                .WaitAsync(TimeSpan.FromSeconds(15), CancellationToken.None)
                .ContinueWith(_ => { }, TaskScheduler.Default);
            audit.FinishedAt = DateTimeOffset.UtcNow;
            audit.Status = AuditStatus.Completed;
            return audit;
        }
        catch
        {
            // Never leave a side pass running on its own when the audit itself fails or is cancelled.
            await deadline.CancelAsync();
            await Task.WhenAll(new Task?[] { keyboardPass, errorPass }.OfType<Task>().Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            throw;
        }
    }

    private async Task RunMainPassAsync(
        AuditRequest request,
        Audit audit,
        IAuditProgress progress,
        IAuditJournal journal,
        Stopwatch wall,
        CancellationTokenSource deadline,
        CancellationToken cancellationToken)
    {
        var script = request.Script;
        long checksMs = 0;
        await using var session = await PageSession.OpenAsync(host, request, evidence, audit.Id, axe.PrepareAsync);
        var actions = new ActionExecutor(session, request, host.Options);

        var observations = new List<StepObservation>();
        var documents = new DocumentClock();
        StepFailedException? failure = null;
        for (var index = 0; index < script.Steps.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var step = script.Steps[index];
            var result = new StepResult { Index = index, Name = step.Name, Outcome = StepOutcome.NotRun };
            audit.Steps.Add(result);
            if (failure is not null)
            {
                continue;
            }

            progress.StepStarted(index, script.Steps.Count, step.Name);
            var findingsBefore = audit.Findings.Count;
            Evidence? failureShot = null;
            if (deadline.IsCancellationRequested)
            {
                failure = AuditOverdue();
            }
            else
            {
                var work = RunStepAsync(session, actions, request, audit, result, observations, documents, progress, deadline.Token);
                try
                {
                    failure = await work.WaitAsync(TimeSpan.FromMilliseconds(host.Options.StepTimeoutMs), deadline.Token);
                }
                catch (TimeoutException) when (!work.IsCompleted)
                {
                    failure = new StepFailedException(FailureReason.StepTimeout,
                        $"Trinnet blev ikke færdigt inden for {Seconds(host.Options.StepTimeoutMs)} s (tidsgrænse pr. trin); siden blev lukket.");
                    failureShot = await AbandonAsync(session, work, audit, result);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !work.IsCompleted)
                {
                    failure = AuditOverdue();
                    failureShot = await AbandonAsync(session, work, audit, result);
                }
                catch (OperationCanceledException)
                {
                    await AbandonAsync(session, work, audit, result, screenshot: false);
                    throw;
                }
            }

            checksMs += result.AxeMs + result.ScreenshotMs + result.ChecksMs;
            await session.FlushDownloadsAsync(host.Options.ActionTimeoutMs);
            result.Events.AddRange(session.TakeEvents());
            if (failure is not null)
            {
                failure.StepIndex = index;
                result.Outcome = StepOutcome.Failed;
                result.Error = failure.Message;
                await RecordFailureAsync(session, request, audit, result, failure, failureShot, cancellationToken);
            }
            else
            {
                result.Outcome = StepOutcome.Passed;
            }

            progress.StepFinished(result, audit.Findings.Count - findingsBefore);
            audit.Evidence.AddRange(session.TakeKept());
            await journal.StepFinishedAsync(audit, cancellationToken);
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
        audit.TimeOnTaskMs = Math.Max(0, audit.WallTimeMs - checksMs);
        audit.Findings.AddRange(SameProblem.Join(audit.Findings, PageChecks.Evaluate(request.Checklist, audit, script.Steps.Count, observations)));
        if (host.Restarts > 0)
        {
            audit.Events.Add($"Chromium var lukket ned og blev startet igen før auditten ({host.Restarts} gang(e) i denne kørsel).");
        }

        StepFailedException AuditOverdue() => new(FailureReason.AuditTimeout,
            $"Auditten blev ikke færdig inden for {Seconds(host.Options.AuditTimeoutMs)} s (tidsgrænse pr. audit); resten blev ikke kørt.");
    }

    /// <summary>
    /// One step: open the start page (first step), let the page settle, check it, then do the
    /// step's actions. Returns the failure, if any; never throws for what the page does.
    /// </summary>
    private async Task<StepFailedException?> RunStepAsync(
        PageSession session,
        ActionExecutor actions,
        AuditRequest request,
        Audit audit,
        StepResult result,
        List<StepObservation> observations,
        DocumentClock documents,
        IAuditProgress progress,
        CancellationToken cancellationToken)
    {
        var step = request.Script.Steps[result.Index];
        var actionTimer = new Stopwatch();
        if (result.Index == 0)
        {
            actionTimer.Start();
            try
            {
                session.Acting = true;
                await ActionExecutor.GotoAsync(session.Page, request.StartUrl);
                audit.ActionCount++;
            }
            catch (StepFailedException startFailure)
            {
                result.Url = session.Page.Url;
                return startFailure;
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                result.Url = session.Page.Url;
                return new StepFailedException(
                    ex is TimeoutException ? FailureReason.Timeout : FailureReason.NavigationError,
                    $"Startsiden kunne ikke åbnes: {BrowserMessages.Danish(ex.Message)}.");
            }
            finally
            {
                session.Acting = false;
                actionTimer.Stop();
            }
        }

        try
        {
            await actions.ArriveAsync();
        }
        catch (StepFailedException arrival)
        {
            result.Url = SafeUrl(session.Page);
            return arrival;
        }

        var page = session.Page;

        if (IsVendorPage(page.Url))
        {
            // What the citizen waited for after the previous step's actions, as the browser measured it.
            if (await documents.NewDocumentWaitAsync(page) is { } wait && result.Index > 0)
            {
                audit.Steps[result.Index - 1].WaitMs = wait;
            }

            await CheckPageAsync(page, request, audit, result, progress, cancellationToken);
            progress.CheckStarted(result.Index, "sidetjek");
            if (await ObserveAsync(page, request, audit, result, cancellationToken) is { } observation)
            {
                observations.Add(observation);
            }
        }
        else
        {
            // The browser's own error page (or a blank one) is not the vendor's: nothing to check there.
            result.Url = page.Url;
        }

        progress.CheckStarted(result.Index, "handlinger");
        actionTimer.Start();
        try
        {
            foreach (var action in step.Actions)
            {
                await actions.ExecuteAsync(action, step, result, audit.Findings);
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

        return null;
    }

    /// <summary>
    /// Stops a step that is over its time: a screenshot while the page may still answer, then the
    /// context is closed, which makes whatever the step waits on fail at once.
    /// </summary>
    private async Task<Evidence?> AbandonAsync(PageSession session, Task work, Audit audit, StepResult result, bool screenshot = true)
    {
        Evidence? shot = null;
        if (screenshot)
        {
            try
            {
                shot = await Screenshots.ViewportAsync(session.Page, evidence, audit.Id, $"trin-{result.Index + 1:00}-stoppet.jpg")
                    .WaitAsync(TimeSpan.FromSeconds(3));
            }
            catch (TimeoutException)
            {
                // A page stuck in a script loop cannot be photographed.
            }
        }

        await session.AbandonAsync();
        try
        {
            await work.WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or OperationCanceledException)
        {
            // The step ends because its page was closed under it; its own error is not the story.
        }

        result.Url ??= SafeUrl(session.Page);
        return shot;
    }

    private async Task JoinSidePassesAsync(
        Audit audit,
        Stopwatch wall,
        Task<KeyboardPassResult>? keyboardPass,
        Task<ErrorHandlingResult>? errorPass,
        CancellationToken stop,
        CancellationToken cancellationToken)
    {
        if (keyboardPass is not null)
        {
            try
            {
                var keyboard = await keyboardPass.WaitAsync(stop);
                audit.KeyboardCompleted = keyboard.Completed;
                audit.KeyboardFailedStepIndex = keyboard.FailedStepIndex;
                audit.KeyboardMs = keyboard.ElapsedMs;

                // A step the task cannot get past with a mouse either is the task's failure, already reported, not the keyboard's.
                audit.Findings.AddRange(keyboard.Findings.Where(f =>
                    !f.RuleId.StartsWith(CheckNames.Keyboard + "/", StringComparison.Ordinal)
                    || audit.FailedStepIndex is null
                    || f.StepIndex < audit.FailedStepIndex));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                audit.Events.Add($"Gennemgangen med tastaturet blev stoppet af en tidsgrænse (auditten {Seconds(host.Options.AuditTimeoutMs)} s, eller et trin {Seconds(host.Options.StepTimeoutMs)} s efter hovedgennemløbet); dens fund er ikke med.");
            }

            audit.WallTimeMs = wall.ElapsedMilliseconds;
        }

        if (errorPass is not null)
        {
            try
            {
                var errors = await errorPass.WaitAsync(stop);
                audit.ErrorHandlingMs = errors.ElapsedMs;
                audit.Findings.AddRange(errors.Findings);

                // What was tested on each form step, and what could not be, is never silent.
                foreach (var (index, note) in errors.Notes.Where(n => n.StepIndex < audit.Steps.Count))
                {
                    audit.Steps[index].Events.Add(note);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                audit.Events.Add($"Afprøvningen af fejlhåndtering blev stoppet af en tidsgrænse (auditten {Seconds(host.Options.AuditTimeoutMs)} s, eller et trin {Seconds(host.Options.StepTimeoutMs)} s efter hovedgennemløbet); dens fund er ikke med.");
            }

            audit.WallTimeMs = wall.ElapsedMilliseconds;
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private static string Seconds(int milliseconds) => DanishText.Seconds(milliseconds);

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

    private static bool IsVendorPage(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>axe-core, element boxes and a full-page screenshot of the page as the step meets it.</summary>
    private async Task CheckPageAsync(IPage page, AuditRequest request, Audit audit, StepResult result, IAuditProgress progress, CancellationToken cancellationToken)
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

        progress.CheckStarted(result.Index, "axe-core");
        timer.Restart();
        AxeResult? axeResult = null;
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

        var violations = new List<(AxeResultItem Rule, AxeResultNode Node, string Selector)>();
        foreach (var rule in axeResult?.Violations ?? [])
        {
            // A best practice that no WCAG success criterion requires is a recommendation, one per
            // rule and page with its elements, never a failure.
            if (IsBestPractice(rule))
            {
                audit.Advisories.Add(Advise(AdvisoryKind.Recommendation, rule, result));
                continue;
            }

            foreach (var node in rule.Nodes ?? [])
            {
                violations.Add((rule, node, SelectorText(node.Target)));
            }
        }

        // What axe could not decide goes to the reviewer with the element and axe's reason, never counted as a failure.
        foreach (var rule in axeResult?.Incomplete ?? [])
        {
            audit.Advisories.Add(Advise(AdvisoryKind.NeedsReview, rule, result));
        }

        var boxes = await ElementBoxesAsync(page, violations.Select(v => v.Selector).ToArray());


        for (var i = 0; i < violations.Count; i++)
        {
            var (rule, node, selector) = violations[i];
            var criterion = request.Checklist.ForAxeRule(rule.Id);
            var wcag = WcagTags.SuccessCriteria(rule.Tags);
            audit.Findings.Add(FindingFactory.Create(
                FindingSource.Axe,
                rule.Id,
                criterion,
                SeverityNames.FromAxeImpact(node.Impact ?? rule.Impact),
                new FindingText(rule.Help ?? rule.Id, NodeSummary(node) ?? rule.Description ?? string.Empty, HelpUrl: rule.HelpUrl),
                new FindingPlace(result.Index, result.Name, selector, node.Html, boxes[i], screenshot),
                wcag.Count > 0 ? wcag : criterion.Wcag));
        }
    }

    /// <summary>
    /// What UsabilityLab's own checks need from the page, in one call, and, when the checklist
    /// checks reflow, the page's width at the narrow viewport (with a screenshot when it overflows).
    /// </summary>
    private async Task<StepObservation?> ObserveAsync(IPage page, AuditRequest request, Audit audit, StepResult result, CancellationToken cancellationToken)
    {
        var timer = Stopwatch.StartNew();
        try
        {
            var facts = (await page.EvaluateAsync<JsonElement>(EmbeddedScripts.PageFacts)).Deserialize<PageFacts>()!;
            if (!facts.IsHtml)
            {
                // The page checks are about HTML pages; an XML or SVG document shows in the browser's own viewer.
                result.Events.Add($"Trinnets dokument er ikke en HTML-side ({facts.ContentType}); UsabilityLabs sidekontroller er ikke kørt på det.");
                return null;
            }

            ReflowFacts? reflow = null;
            if (request.Checklist.Settings.Reflow is { } narrow && request.Checklist.Uses(CheckNames.Reflow))
            {
                reflow = await MeasureReflowAsync(page, narrow, audit, result, cancellationToken);
            }

            return new StepObservation(result, facts, reflow);
        }
        catch (PlaywrightException ex)
        {
            result.Error ??= $"Siden kunne ikke undersøges: {BrowserMessages.Danish(ex.Message)}.";
            return null;
        }
        finally
        {
            result.ChecksMs = timer.ElapsedMilliseconds;
        }
    }

    private async Task<ReflowFacts> MeasureReflowAsync(IPage page, ReflowSettings narrow, Audit audit, StepResult result, CancellationToken cancellationToken)
    {
        var normal = page.ViewportSize ?? new PageViewportSizeResult { Width = host.Options.ViewportWidth, Height = host.Options.ViewportHeight };
        await page.SetViewportSizeAsync(narrow.Width, narrow.Height);
        try
        {
            await page.EvaluateAsync(EmbeddedScripts.NextFrame);
            var measured = await page.EvaluateAsync<JsonElement>(EmbeddedScripts.PageFacts, new { reflowWidth = narrow.Width });
            var scrollWidth = measured.GetProperty("scrollWidth").GetInt32();
            var culprits = measured.GetProperty("culprits").Deserialize<List<ReflowCulprit>>() ?? [];
            var clipped = measured.GetProperty("clipped").Deserialize<List<ReflowCulprit>>() ?? [];
            Evidence? screenshot = null;
            if (scrollWidth > narrow.Width + 1 || clipped.Count > 0)
            {
                var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Jpeg, Quality = Screenshots.Quality });
                screenshot = await evidence.SaveAsync(audit.Id, $"trin-{result.Index + 1:00}-{narrow.Width}px.jpg", bytes, "image/jpeg", narrow.Width, narrow.Height, cancellationToken);
            }

            return new ReflowFacts(narrow.Width, scrollWidth, culprits, screenshot, clipped);
        }
        finally
        {
            await page.SetViewportSizeAsync(normal.Width, normal.Height);
        }
    }

    private async Task RecordFailureAsync(PageSession session, AuditRequest request, Audit audit, StepResult result, StepFailedException failure, Evidence? shot, CancellationToken cancellationToken)
    {
        if (shot is null && !session.Crashed && failure.Reason is not (FailureReason.StepTimeout or FailureReason.AuditTimeout))
        {
            shot = await Screenshots.FullPageAsync(session.Page, evidence, audit.Id, $"trin-{result.Index + 1:00}-fejl.jpg", cancellationToken);
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

    private static async Task<ElementBox?[]> ElementBoxesAsync(IPage page, string[] selectors)
    {
        var boxes = new ElementBox?[selectors.Length];
        if (selectors.Length == 0)
        {
            return boxes;
        }

        try
        {
            var raw = await page.EvaluateAsync<double[]?[]>(EmbeddedScripts.ElementBoxes, selectors);
            for (var i = 0; i < raw.Length && i < boxes.Length; i++)
            {
                boxes[i] = ElementBox.From(raw[i]);
            }
        }
        catch (PlaywrightException)
        {
            // Boxes only mark the screenshot; a finding without one is still a finding.
        }

        return boxes;
    }

    /// <summary>
    /// Tells a new document from the one the last step saw (by its time origin), and reads how
    /// long the browser took to load it: the citizen's wait, untouched by the checks beside it.
    /// </summary>
    private sealed class DocumentClock
    {
        private double? _origin;

        public async Task<long?> NewDocumentWaitAsync(IPage page)
        {
            try
            {
                var timing = await page.EvaluateAsync<JsonElement>(EmbeddedScripts.NavigationTiming);
                var origin = timing.GetProperty("origin").GetDouble();
                var isNew = _origin != origin;
                _origin = origin;
                return isNew && timing.GetProperty("waitMs") is { ValueKind: JsonValueKind.Number } ms ? ms.GetInt64() : null;
            }
            catch (PlaywrightException)
            {
                return null;
            }
        }
    }

    /// <summary>The most elements one advisory lists; the count says how many there were.</summary>
    private const int AdvisoryElementLimit = 50;

    /// <summary>An axe rule tagged best practice and with no WCAG success criterion.</summary>
    internal static bool IsBestPractice(AxeResultItem rule) =>
        (rule.Tags ?? []).Contains("best-practice", StringComparer.Ordinal) && WcagTags.SuccessCriteria(rule.Tags).Count == 0;

    private static Advisory Advise(AdvisoryKind kind, AxeResultItem rule, StepResult result)
    {
        var nodes = rule.Nodes ?? [];
        var what = kind == AdvisoryKind.Recommendation
            ? $"Bedste praksis, som intet WCAG-succeskriterium kræver: {rule.Description}"
            : $"axe-core kunne ikke afgøre det; en gennemgangsmedarbejder skal vurdere det: {rule.Description}";
        return new Advisory
        {
            Kind = kind,
            Source = FindingSource.Axe,
            RuleId = rule.Id,
            StepIndex = result.Index,
            Title = rule.Help ?? rule.Id,
            Description = $"{what} ({nodes.Length} {(nodes.Length == 1 ? "element" : "elementer")} på trinnet \"{result.Name}\").",
            HelpUrl = rule.HelpUrl,
            Wcag = WcagTags.SuccessCriteria(rule.Tags),
            Elements = [.. nodes.Take(AdvisoryElementLimit).Select(n => new AdvisoryElement(SelectorText(n.Target), n.Html, NodeSummary(n)))],
        };
    }

    /// <summary>axe's target as one selector; frames and shadow roots are joined with " >>> ".</summary>
    private static string SelectorText(AxeSelector? target)
    {
        if (target is null)
        {
            return string.Empty;
        }

        var parts = target.FrameShadowSelectors?.Select(p => string.Join(" ", p)).ToList();
        return parts is { Count: > 1 } ? string.Join(" >>> ", parts) : target.Selector ?? target.ToString();
    }

    /// <summary>axe's own explanation of what is wrong with this node ("Fix any of the following: ...").</summary>
    private static string? NodeSummary(AxeResultNode node)
    {
        var messages = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? [])
            .Select(c => c.Message)
            .Where(m => !string.IsNullOrWhiteSpace(m))
            .Distinct()
            .ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }
}
