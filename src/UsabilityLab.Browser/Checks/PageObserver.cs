using System.Text.Json;
using Microsoft.Playwright;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Checks;

namespace UsabilityLab.Browser;

/// <summary>
/// Reads from a page what UsabilityLab's own checks judge (<see cref="PageChecks"/>): the page's
/// facts in one call and, when the checklist checks reflow, its width at the narrow viewport, with
/// a screenshot when it overflows. It measures; the checks decide.
/// </summary>
internal sealed class PageObserver(BrowserOptions options, IEvidenceStore evidence)
{
    /// <summary>What the checks need from the page the step is on; null when it is not an HTML page or cannot be read.</summary>
    /// <param name="entered">What the step's script types into fields, by the label, name or placeholder it names them by.</param>
    public async Task<StepObservation?> ObserveAsync(IPage page, Checklist checklist, Guid auditId, StepResult step, IReadOnlyList<string> entered, CancellationToken cancellationToken)
    {
        var timer = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var helpSettings = checklist.Uses(CheckNames.ConsistentHelp) ? checklist.Settings.ConsistentHelp : null;
            var factOptions = new
            {
                helpPattern = helpSettings?.HelpPattern.ToString(),
                phonePattern = helpSettings?.PhonePattern.ToString(),
                auth = checklist.Uses(CheckNames.AccessibleAuthentication),
            };
            var facts = (await page.EvaluateAsync<JsonElement>(EmbeddedScripts.PageFacts, factOptions)).Deserialize<PageFacts>()!;
            if (!facts.IsHtml)
            {
                // The page checks are about HTML pages; an XML or SVG document shows in the browser's own viewer.
                step.Events.Add(AuditEvent.NotHtml(facts.ContentType));
                return null;
            }

            ReflowFacts? reflow = null;
            if (checklist.Settings.Reflow is { } narrow && checklist.Uses(CheckNames.Reflow))
            {
                reflow = await MeasureReflowAsync(page, narrow, auditId, step, cancellationToken);
            }

            return new StepObservation(step, facts, reflow, entered);
        }
        catch (PlaywrightException ex)
        {
            step.Error ??= $"Siden kunne ikke undersøges: {BrowserMessages.Danish(ex.Message)}.";
            return null;
        }
        finally
        {
            step.ChecksMs = timer.ElapsedMilliseconds;
        }
    }

    /// <summary>The boxes of the elements the selectors name, in page coordinates (null where one is not found).</summary>
    public static async Task<ElementBox?[]> ElementBoxesAsync(IPage page, IReadOnlyList<string> selectors)
    {
        var boxes = new ElementBox?[selectors.Count];
        if (selectors.Count == 0)
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

    private async Task<ReflowFacts> MeasureReflowAsync(IPage page, ReflowSettings narrow, Guid auditId, StepResult step, CancellationToken cancellationToken)
    {
        var normal = page.ViewportSize ?? new PageViewportSizeResult { Width = options.ViewportWidth, Height = options.ViewportHeight };
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
                screenshot = await evidence.SaveAsync(auditId, $"trin-{step.Index + 1:00}-{narrow.Width}px.jpg", bytes, "image/jpeg", narrow.Width, narrow.Height, cancellationToken);
            }

            return new ReflowFacts(narrow.Width, scrollWidth, culprits, screenshot, clipped);
        }
        finally
        {
            await page.SetViewportSizeAsync(normal.Width, normal.Height);
        }
    }
}

/// <summary>
/// Tells a new document from the one the last step saw (by its time origin), and reads how
/// long the browser took to load it: the citizen's wait, untouched by the checks beside it.
/// </summary>
internal sealed class DocumentClock
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
