using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using Microsoft.Playwright;
using UsabilityLab.Core;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Checks;
using UsabilityLab.Core.Scans;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Browser.Scan;

/// <summary>What a scan audits pages against, and under which names its pages are stored.</summary>
/// <param name="Checklist">The checklist as written; the scan uses its one-page checks (<see cref="Checklist.ForOnePage"/>).</param>
/// <param name="VendorName">Who the site belongs to.</param>
/// <param name="SiteName">The site, as its pages' solution.</param>
/// <param name="FollowLinks">True when the scan crawls: each page's links on the same origin are queued.</param>
public sealed record ScanSettings(Checklist Checklist, string VendorName, string SiteName, Guid ScanId, int Parallel, bool FollowLinks);

/// <summary>Tells the terminal or the workbench how a scan goes.</summary>
public interface IScanProgress
{
    void PageStarted(string url);

    void PageFinished(Audit page);
}

/// <summary>
/// Audits many pages, each on its own as a one-page audit with the checks that make sense on one
/// page (<see cref="CheckNames.OnOnePage"/>): axe-core, UsabilityLab's page checks (title, language
/// and zoom, plain language, input purpose, reflow at 320 px) and the page-wide keyboard walk (traps,
/// focus hidden, elements only a mouse can use, tabindex order). The same code judges a page here
/// as in a task audit, so a page gets the same findings either way.
/// </summary>
/// <remarks>
/// Built for many pages: each worker keeps one browser context (axe-core injected once per
/// document, not per call) and one tab, and moves it from page to page; a screenshot is taken only
/// of a page that has something to show (a finding or an advisory), at the size the report shows.
/// A page that crashes, hangs or moves on by itself costs its own tab, never the scan.
/// </remarks>
public sealed class PageScanner(BrowserHost host, AxeRunner axe, IEvidenceStore evidence, TimeProvider? clock = null)
{
    /// <summary>The one step of a page's audit; the same name on every page, so one problem has one fingerprint on all of them.</summary>
    public const string StepName = "Siden";

    /// <summary>How wide a page's picture is taken: the width a report shows it at.</summary>
    public const int ScreenshotWidth = Screenshots.ReportWidth;

    /// <summary>The checks that judge what <see cref="PageObserver"/> reads from the page.</summary>
    private static readonly string[] _pageChecks =
        [CheckNames.PageTitles, CheckNames.PlainLanguage, CheckNames.InputPurpose, CheckNames.ZoomLanguage, CheckNames.Reflow, CheckNames.AccessibleAuthentication];

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>
    /// Audits every page the frontier gives, <see cref="ScanSettings.Parallel"/> at a time, and hands
    /// each audit to <paramref name="store"/> as it finishes (from several workers at once).
    /// </summary>
    public async Task RunAsync(ScanFrontier frontier, ScanSettings settings, Func<Audit, CancellationToken, Task> store, IScanProgress? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(store);
        var onePage = settings.Checklist.ForOnePage();
        var egress = host.Options.EgressFor([.. frontier.Origins]);
        var workers = Enumerable.Range(0, Math.Max(1, settings.Parallel))
            .Select(_ => WorkAsync(frontier, settings, onePage, egress, store, progress, cancellationToken))
            .ToList();
        await Task.WhenAll(workers);
    }

    private async Task WorkAsync(ScanFrontier frontier, ScanSettings settings, Checklist checklist, Egress.EgressPolicy egress, Func<Audit, CancellationToken, Task> store, IScanProgress? progress, CancellationToken cancellationToken)
    {
        var context = await host.NewContextAsync(egress);
        try
        {
            await axe.PrepareAsync(context);

            // The page's click handlers are noted as it adds them, to tell elements only a mouse can use.
            await context.AddInitScriptAsync(EmbeddedScripts.ClickListeners);
            IPage? page = null;
            while (await frontier.TakeAsync(cancellationToken) is { } url)
            {
                try
                {
                    page ??= await NewPageAsync(context);
                    progress?.PageStarted(url);
                    var (audit, links, fresh) = await AuditPageAsync(page, url, settings, checklist, cancellationToken);
                    if (fresh)
                    {
                        // The tab broke, hung or is somewhere else: the next page gets a new one.
                        await ClosePageAsync(page);
                        page = null;
                    }

                    if (settings.FollowLinks)
                    {
                        foreach (var link in links)
                        {
                            frontier.Add(link);
                        }
                    }

                    await store(audit, cancellationToken);
                    progress?.PageFinished(audit);
                }
                finally
                {
                    frontier.Done();
                }
            }
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private static async Task<IPage> NewPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();

        // "Leave this page?" is answered yes, so the tab can go on to the next page; other dialogs are dismissed.
        page.Dialog += async (_, dialog) =>
        {
            try
            {
                if (dialog.Type == DialogType.BeforeUnload)
                {
                    await dialog.AcceptAsync();
                }
                else
                {
                    await dialog.DismissAsync();
                }
            }
            catch (PlaywrightException)
            {
                // The page went away with its dialog.
            }
        };
        return page;
    }

    private static async Task ClosePageAsync(IPage page)
    {
        try
        {
            await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = false }).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // A tab that cannot even be closed goes with the context at the end.
        }
    }

    /// <summary>One page, within the step limit: its audit, its links, and whether the tab must be replaced.</summary>
    private async Task<(Audit Audit, IReadOnlyList<string> Links, bool FreshTab)> AuditPageAsync(IPage page, string url, ScanSettings settings, Checklist checklist, CancellationToken cancellationToken)
    {
        var wall = Stopwatch.StartNew();
        var audit = NewAudit(url, settings);
        var step = new StepResult { Index = 0, Name = StepName, Outcome = StepOutcome.NotRun, Url = url };
        audit.Steps.Add(step);
        var script = ScriptOf(url, settings).Steps[0];
        var work = CheckAsync(page, url, audit, step, script, checklist, cancellationToken);
        IReadOnlyList<string> links = [];
        StepFailedException? failure = null;
        var fresh = false;
        try
        {
            links = await work.WaitAsync(TimeSpan.FromMilliseconds(host.Options.StepTimeoutMs), cancellationToken);
        }
        catch (StepFailedException stepFailure)
        {
            failure = stepFailure;
            fresh = stepFailure.Reason == FailureReason.PageCrashed;
        }
        catch (TimeoutException) when (!work.IsCompleted)
        {
            failure = new StepFailedException(FailureReason.StepTimeout, $"Siden blev ikke færdig inden for {DanishText.Seconds(host.Options.StepTimeoutMs)} s (tidsgrænse pr. side); den blev lukket.");
            fresh = true;
            await ClosePageAsync(page);
            await work.ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(15), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // An error status with an empty body never becomes a page: Chromium fails the navigation instead.
            var reason = ex is TimeoutException ? FailureReason.Timeout
                : ex.Message.Contains("ERR_HTTP_RESPONSE_CODE_FAILURE", StringComparison.Ordinal) ? FailureReason.HttpError
                : FailureReason.NavigationError;
            failure = new StepFailedException(reason, $"Siden kunne ikke undersøges: {BrowserMessages.Danish(ex.Message)}.");
            fresh = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A fault of UsabilityLab's own is not the page's: no finding, the page is marked not checked, and the scan goes on.
            fresh = true;
            step.Error = $"UsabilityLab kunne ikke undersøge siden (en fejl i UsabilityLab, ikke i siden): {ex.Message.Split('\n')[0]}";
            step.Outcome = StepOutcome.Failed;
            audit.Findings.Clear();
            audit.FailureMessage = step.Error;
            audit.WallTimeMs = wall.ElapsedMilliseconds;
            audit.FinishedAt = _clock.GetUtcNow();
            audit.Status = AuditStatus.Aborted;
            return (audit, links, fresh);
        }

        if (failure is not null)
        {
            step.Error = failure.Message;
            var criterion = checklist.ForCheck(CheckNames.TaskCompletion);
            if (criterion is not null)
            {
                audit.Findings.Add(FindingFactory.Create(
                    FindingSource.TaskVerdict,
                    CheckNames.TaskCompletion,
                    criterion,
                    criterion.Severity,
                    new FindingText($"Siden kan ikke åbnes: {failure.Reason.Danish()}", failure.Message),
                    new FindingPlace(0, StepName),
                    criterion.Wcag,
                    fingerprintRule: failure.Reason.ToString()));
            }
        }

        step.Outcome = failure is null ? StepOutcome.Passed : StepOutcome.Failed;
        audit.TaskCompleted = failure is null;
        audit.FailedStepIndex = failure is null ? null : 0;
        audit.FailureReason = failure?.Reason ?? FailureReason.None;
        audit.FailureMessage = failure?.Message;
        audit.WallTimeMs = wall.ElapsedMilliseconds;
        audit.TimeOnTaskMs = step.ActionsMs;
        audit.FinishedAt = _clock.GetUtcNow();
        audit.Status = AuditStatus.Completed;
        return (audit, links, fresh);
    }

    /// <summary>Opens the page and runs every check on it; returns its links on the same origin. Throws what stops the page.</summary>
    private async Task<IReadOnlyList<string>> CheckAsync(IPage page, string url, Audit audit, StepResult step, TaskStep script, Checklist checklist, CancellationToken cancellationToken)
    {
        var timer = Stopwatch.StartNew();
        var crashed = false;
        void OnCrash(object? sender, IPage crashedPage) => crashed = true;
        page.Crash += OnCrash;
        try
        {
            var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            step.ActionsMs = timer.ElapsedMilliseconds;
            step.Url = page.Url;
            audit.ActionCount = 1;
            if (response is { Status: >= 400 })
            {
                throw new StepFailedException(FailureReason.HttpError, $"Serveren svarede {response.Status} {response.StatusText} på {url}.");
            }

            step.WaitMs = await new DocumentClock().NewDocumentWaitAsync(page);
            using var seen = JsonDocument.Parse(await page.EvaluateAsync<string>(EmbeddedScripts.ScanPage));
            step.PageTitle = seen.RootElement.GetProperty("title").GetString();
            if (!MainPass.IsVendorPage(page.Url) || !seen.RootElement.GetProperty("html").GetBoolean())
            {
                step.Events.Add(AuditEvent.NotHtml(response?.Headers.GetValueOrDefault("content-type") ?? string.Empty));
                return [];
            }

            string[] links = [.. seen.RootElement.GetProperty("links").EnumerateArray().Select(l => l.GetString()!)];

            timer.Restart();
            var axeResult = await axe.RunAsync(page, cancellationToken: cancellationToken);
            audit.AxeVersion = axeResult.TestEngine?.Version ?? audit.AxeVersion;
            step.AxeMs = timer.ElapsedMilliseconds;
            var reading = AxeResultMapper.Read(axeResult, step);
            audit.Advisories.AddRange(reading.Advisories);
            var boxes = reading.Violations.Count == 0 ? [] : await PageObserver.ElementBoxesAsync(page, [.. reading.Violations.Select(v => v.Selector)]);
            for (var i = 0; i < reading.Violations.Count; i++)
            {
                audit.Findings.Add(AxeResultMapper.ToFinding(reading.Violations[i], checklist, step, boxes[i], null));
            }

            if (_pageChecks.Any(checklist.Uses)
                && await new PageObserver(host.Options, evidence).ObserveAsync(page, checklist, audit.Id, step, [], cancellationToken) is { } observation)
            {
                audit.Findings.AddRange(SameProblem.Join(audit.Findings, PageChecks.Evaluate(checklist, audit, 1, [observation])));
            }

            if (KeyboardExplorer.Wanted(checklist))
            {
                timer.Restart();
                var explorer = new KeyboardExplorer(checklist, audit.Findings, audit.Advisories, (name, onScreen) => onScreen
                    ? Screenshots.ViewportAsync(page, evidence, audit.Id, name)
                    : Screenshots.ForReportAsync(page, evidence, audit.Id, name, cancellationToken));
                await explorer.ExploreAsync(page, script, 0, cancellationToken);
                audit.KeyboardMs = timer.ElapsedMilliseconds;
            }

            if (audit.Findings.Any(f => f.Evidence is null) || audit.Advisories.Count > 0)
            {
                // One picture of the page for the findings that have none of their own.
                timer.Restart();
                step.Screenshot = await Screenshots.ForReportAsync(page, evidence, audit.Id, "side.jpg", cancellationToken);
                step.ScreenshotMs = timer.ElapsedMilliseconds;
                foreach (var finding in audit.Findings.Where(f => f.Evidence is null))
                {
                    finding.Evidence = step.Screenshot;
                }
            }

            return links;
        }
        catch (PlaywrightException) when (crashed)
        {
            throw new StepFailedException(FailureReason.PageCrashed, "Siden gik ned i browseren (rendererprocessen stoppede).");
        }
        finally
        {
            page.Crash -= OnCrash;
        }
    }

    /// <summary>The page's audit as it begins, under the scan's site and vendor, with the checklist as written.</summary>
    private Audit NewAudit(string url, ScanSettings settings)
    {
        var uri = new Uri(url);
        var script = ScriptOf(url, settings);
        return new Audit
        {
            ScanId = settings.ScanId,
            TaskId = script.Id,
            TaskTitle = script.Title,
            TaskScript = ScriptText(script),
            StartedAt = _clock.GetUtcNow(),
            Status = AuditStatus.Running,
            BrowserVersion = host.Version,
            Solution = new Solution
            {
                Name = settings.SiteName,
                BaseUrl = ScanFrontier.Origin(uri),
                Vendor = new Vendor { Name = settings.VendorName },
            },
            ChecklistVersion = ChecklistVersion.Of(settings.Checklist),
        };
    }

    /// <summary>
    /// A page as a task of one step with no actions: the same page is the same task in every scan
    /// (its id is its address), so its findings are followed over time like a task's.
    /// </summary>
    public static TaskScript ScriptOf(string url, ScanSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var uri = new Uri(url);
        var path = uri.PathAndQuery;
        // A task id holds 100 characters: a long address keeps its beginning and a hash of the whole.
        var id = "side:" + (path.Length > 90 ? path[..70] + "~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..16] : path);
        return new TaskScript(id, "Siden " + (path.Length > 120 ? path[..117] + "…" : path), url, null, new Dictionary<string, string>(), [new TaskStep(StepName, [], new Core.SourcePosition(settings.SiteName, 1, 1))], settings.SiteName);
    }

    private static string ScriptText(TaskScript script) =>
        $"# Én side fra en scanning: siden åbnes og undersøges, intet udfyldes.\nid: {Quote(script.Id)}\ntitle: {Quote(script.Title)}\nstart: {Quote(script.Start)}\nsteps:\n  - name: {StepName}\n";

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
