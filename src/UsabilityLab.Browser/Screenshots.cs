using Microsoft.Playwright;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Browser;

/// <summary>Full-page screenshots kept as evidence.</summary>
internal static class Screenshots
{
    /// <summary>JPEG quality: small enough to embed many in a report, sharp enough to read a page.</summary>
    public const int Quality = 80;

    /// <summary>The whole page as evidence, or null when the page cannot be photographed (crashed, closed).</summary>
    public static async Task<Evidence?> FullPageAsync(IPage page, IEvidenceStore evidence, Guid auditId, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            var size = await page.EvaluateAsync<int[]>(EmbeddedScripts.PageSize);
            var bytes = await page.ScreenshotAsync(new PageScreenshotOptions
            {
                FullPage = true,
                Type = ScreenshotType.Jpeg,
                Quality = Quality,
                Animations = ScreenshotAnimations.Disabled,
            });
            return await evidence.SaveAsync(auditId, fileName, bytes, "image/jpeg", size[0], size[1], cancellationToken);
        }
        catch (PlaywrightException)
        {
            return null;
        }
    }
}
