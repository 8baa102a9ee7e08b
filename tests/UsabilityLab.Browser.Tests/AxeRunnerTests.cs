using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace UsabilityLab.Browser.Tests;

public class AxeRunnerTests
{
    [Test]
    public async Task RunAsync_FindsTheSameViolationsAsStockRunAxe()
    {
        await using var context = await BrowserFixture.Host.NewContextAsync();
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
        await using var context = await BrowserFixture.Host.NewContextAsync();
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

    private static List<string> Signature(AxeResult result) =>
        result.Violations.SelectMany(v => v.Nodes.Select(n => $"{v.Id} {n.Target}")).Order(StringComparer.Ordinal).ToList();
}
