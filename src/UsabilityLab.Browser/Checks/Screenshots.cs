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
