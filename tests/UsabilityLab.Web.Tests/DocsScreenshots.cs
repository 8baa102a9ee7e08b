using Microsoft.Playwright;

namespace UsabilityLab.Web.Tests;

/// <summary>
/// Screenshots of the workbench's pages as the tests see them. They go to the test's output folder;
/// with USABILITYLAB_DOCS_SCREENSHOTS=1 they also replace docs/skaermbilleder/, so the pictures in
/// the documentation are taken by the tests, never by hand.
/// </summary>
public static class DocsScreenshots
{
    public const string Variable = "USABILITYLAB_DOCS_SCREENSHOTS";

    public static async Task SaveAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = false, Type = ScreenshotType.Png });
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "skaermbilleder");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, name + ".png"), bytes);
        if (Environment.GetEnvironmentVariable(Variable) == "1")
        {
            var docs = Path.Combine(TestWorkbench.RepositoryRoot, "docs", "skaermbilleder");
            Directory.CreateDirectory(docs);
            await File.WriteAllBytesAsync(Path.Combine(docs, name + ".png"), bytes);
        }
    }
}
