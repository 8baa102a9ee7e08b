using Microsoft.Playwright;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Browser;

/// <summary>Full-page screenshots kept as evidence.</summary>
internal static class Screenshots
{
    /// <summary>JPEG quality: small enough to embed many in a report, sharp enough to read a page.</summary>
    public const int Quality = 80;

    /// <summary>Pages taller than this are photographed from the top down to here (a 50,000-element list is not read from a picture).</summary>
    public const int MaxHeight = 8_000;

    /// <summary>The whole page as evidence, or null when the page cannot be photographed (crashed, closed).</summary>
    /// <remarks>
    /// Bounded in time: an evaluation waits for a document, and a page whose navigation never
    /// answers never gets one. A page too big to photograph whole in time is photographed as seen.
    /// </remarks>
    public static async Task<Evidence?> FullPageAsync(IPage page, IEvidenceStore evidence, Guid auditId, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            var size = await page.EvaluateAsync<int[]>(EmbeddedScripts.PageSize).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            var height = Math.Min(size[1], MaxHeight);
            var bytes = await page.ScreenshotAsync(new PageScreenshotOptions
            {
                FullPage = true,
                Clip = size[1] > MaxHeight ? new Clip { X = 0, Y = 0, Width = size[0], Height = height } : null,
                Type = ScreenshotType.Jpeg,
                Quality = Quality,
                Animations = ScreenshotAnimations.Disabled,
            });
            return await evidence.SaveAsync(auditId, fileName, bytes, "image/jpeg", size[0], height, cancellationToken);
        }
        catch (TimeoutException)
        {
            return await ViewportAsync(page, evidence, auditId, fileName);
        }
        catch (PlaywrightException)
        {
            return null;
        }
    }

    /// <summary>The widest a report shows a screenshot (a finding's crop), in CSS pixels.</summary>
    public const int ReportWidth = 720;

    /// <summary>
    /// The whole page at the size a report shows it (<see cref="ReportWidth"/> wide, not the
    /// viewport's 1280 px): about a third of the pixels to render and encode. The evidence keeps the
    /// page's size in CSS pixels, so element boxes place their marks on it as on a full-size picture.
    /// Null when the page cannot be photographed.
    /// </summary>
    public static async Task<Evidence?> ForReportAsync(IPage page, IEvidenceStore evidence, Guid auditId, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            var size = await page.EvaluateAsync<int[]>(EmbeddedScripts.PageSize).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            var width = Math.Max(1, size[0]);
            var height = Math.Max(1, Math.Min(size[1], MaxHeight));
            var session = await page.Context.NewCDPSessionAsync(page);
            try
            {
                var shot = await session.SendAsync("Page.captureScreenshot", new Dictionary<string, object>
                {
                    ["format"] = "jpeg",
                    ["quality"] = Quality,
                    ["clip"] = new Dictionary<string, object> { ["x"] = 0, ["y"] = 0, ["width"] = width, ["height"] = height, ["scale"] = Math.Min(1.0, ReportWidth / (double)width) },
                    ["captureBeyondViewport"] = true,
                    ["optimizeForSpeed"] = true,
                }).WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
                var bytes = Convert.FromBase64String(shot!.Value.GetProperty("data").GetString()!);
                return await evidence.SaveAsync(auditId, fileName, bytes, "image/jpeg", width, height, cancellationToken);
            }
            finally
            {
                await session.DetachAsync();
            }
        }
        catch (TimeoutException)
        {
            return await ViewportAsync(page, evidence, auditId, fileName);
        }
        catch (PlaywrightException)
        {
            return null;
        }
    }

    /// <summary>What is on screen now, for a page that may no longer answer scripts; null when it cannot be taken.</summary>
    public static async Task<Evidence?> ViewportAsync(IPage page, IEvidenceStore evidence, Guid auditId, string fileName)
    {
        try
        {
            var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Jpeg, Quality = Quality, Timeout = 2_500 });
            var viewport = page.ViewportSize;
            return await evidence.SaveAsync(auditId, fileName, bytes, "image/jpeg", viewport?.Width ?? 0, viewport?.Height ?? 0);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return null;
        }
    }
}
