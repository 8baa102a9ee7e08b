using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace UsabilityLab.Browser.Tests;

public class AxeRunnerTests
{
    [Test]
    public async Task RunAsync_FindsTheSameViolationsAsStockRunAxe()
    {
        await using var context = await BrowserFixture.Host.NewContextAsync(BrowserFixture.Egress);
        var page = await context.NewPageAsync();
        await page.GotoAsync(BrowserFixture.Server.BaseUrl + "/blokform/flytning/");

        var stock = await page.RunAxe(AxeRunner.DefaultOptions());
        var fast = await new AxeRunner().RunAsync(page);

        Assert.Multiple(() =>
        {
            Assert.That(fast.Violations, Is.Not.Empty);
            Assert.That(Signature(fast), Is.EqualTo(Signature(stock)));
            Assert.That(fast.TestEngine.Version, Is.EqualTo(stock.TestEngine.Version));
        });
    }

    [Test]
    public async Task RunAsync_AfterNavigation_InjectsIntoTheNewDocument()
    {
        await using var context = await BrowserFixture.Host.NewContextAsync(BrowserFixture.Egress);
        var page = await context.NewPageAsync();
        var axe = new AxeRunner();
        await page.GotoAsync(BrowserFixture.Server.BaseUrl + "/fixtures/to-sider/a");
        var first = await axe.RunAsync(page);
        var again = await axe.RunAsync(page);

        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Til side B" }).ClickAsync();
        await page.WaitForURLAsync("**/b");
        var second = await axe.RunAsync(page);

        Assert.Multiple(() =>
        {
            Assert.That(first.Violations.Select(v => v.Id), Does.Contain("image-alt"));
            Assert.That(Signature(again), Is.EqualTo(Signature(first)), "a second run on the same document");
            Assert.That(second.Url, Does.EndWith("/b"));
            Assert.That(second.Violations.Select(v => v.Id), Does.Contain("color-contrast").And.No.Contain("image-alt"));
        });
    }

    [Test]
    public async Task RunAsync_PreparedContext_ChecksEveryNewDocumentAndItsFrames_LikeStock()
    {
        await using var context = await BrowserFixture.Host.NewContextAsync(BrowserFixture.Egress);
        var axe = new AxeRunner();
        await axe.PrepareAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(BrowserFixture.Server.BaseUrl + "/fixtures/ramme/");

        var hasAxeBeforeAnyCheck = await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'");
        var fast = await axe.RunAsync(page);
        var stock = await page.RunAxe(AxeRunner.DefaultOptions());
        await page.ReloadAsync();
        var afterReload = await axe.RunAsync(page);

        Assert.Multiple(() =>
        {
            Assert.That(hasAxeBeforeAnyCheck, Is.True, "the init script put axe in the document");
            Assert.That(fast.Violations.Select(v => v.Id), Does.Contain("image-alt"), "the image without alt is inside the iframe");
            Assert.That(fast.Violations.Single(v => v.Id == "image-alt").Nodes[0].Target.FrameSelectors, Is.Not.Empty);
            Assert.That(Signature(fast), Is.EqualTo(Signature(stock)));
            Assert.That(Signature(afterReload), Is.EqualTo(Signature(fast)));
        });
    }

    [Test]
    public async Task RunAsync_SpeaksDanish_WithAxeCoresOwnLocale()
    {
        await using var context = await BrowserFixture.Host.NewContextAsync(BrowserFixture.Egress);
        var page = await context.NewPageAsync();
        await page.GotoAsync(BrowserFixture.Server.BaseUrl + "/fixtures/to-sider/a");

        var result = await new AxeRunner().RunAsync(page);
        var imageAlt = result.Violations.Single(v => v.Id == "image-alt");

        Assert.Multiple(() =>
        {
            Assert.That(imageAlt.Help, Is.EqualTo("Billeder skal have en alternativ tekst"));
            Assert.That(imageAlt.Nodes[0].Any.Select(c => c.Message), Has.Some.Contains("alt"), "check messages too");
        });
    }

    private static List<string> Signature(AxeResult result) =>
        result.Violations.SelectMany(v => v.Nodes.Select(n => $"{v.Id} {n.Target}")).Order(StringComparer.Ordinal).ToList();
}
