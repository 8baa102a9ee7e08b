using Microsoft.Playwright;
using Microsoft.Playwright.NUnit;

namespace UsabilityLab.Reports.Tests;

/// <summary>Content from audited pages is shown in the report as text and never runs, checked in Chromium.</summary>
public class ReportSafetyTests : PageTest
{
    [Test]
    public async Task Report_OfAPageWithScriptPayloads_RunsNoScriptInChromium()
    {
        var dialogs = new List<string>();
        Page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        var consoleErrors = new List<string>();
        Page.Console += (_, message) => consoleErrors.Add(message.Text);

        await Page.GotoAsync(new Uri(ReportFixture.HostileReport.HtmlPath).AbsoluteUri);
        await Page.WaitForLoadStateAsync(LoadState.Load);

        Assert.Multiple(async () =>
        {
            Assert.That(await Page.EvaluateAsync<string?>("() => window.__pwned ?? null"), Is.Null);
            Assert.That(dialogs, Is.Empty);
            Assert.That(await Page.Locator("script").CountAsync(), Is.Zero, "the report itself has no scripts");
            Assert.That(await Page.Locator("main img, main a[href^='javascript']").CountAsync(), Is.Zero, "audited markup is never live markup");
        });
    }

    [Test]
    public async Task Report_OfAPageWithScriptPayloads_ShowsThemAsText()
    {
        await Page.GotoAsync(new Uri(ReportFixture.HostileReport.HtmlPath).AbsoluteUri);

        Assert.Multiple(async () =>
        {
            await Expect(Page.GetByText($"Sidetitel: „{ReportFixture.HostileTitle}“")).ToBeVisibleAsync();
            await Expect(Page.Locator("pre code", new() { HasText = "onerror=\"window.__pwned = 'img'\"" })).ToBeVisibleAsync();
            await Expect(Page.GetByText(ReportFixture.HostileExpectation).First).ToBeVisibleAsync();
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Løsning <i>x</i> – <b>Ond</b> leverandør");
        });
    }

    [Test]
    public void ReportHtml_EncodesPayloadsInTheSource()
    {
        var html = ReportFixture.Html(ReportFixture.HostileReport);

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Not.Contain("<script"));
            Assert.That(html, Does.Not.Contain("<img src=\"mangler.png\""));
            Assert.That(html, Does.Contain("&lt;script&gt;"));
        });
    }
}
