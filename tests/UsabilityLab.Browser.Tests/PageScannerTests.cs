using UsabilityLab.Browser.Scan;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Scans;
using UsabilityLab.DemoSites;

namespace UsabilityLab.Browser.Tests;

/// <summary>
/// The scan's one-page audits judged on pages nobody here designed (the design-system flows'
/// pages, found by crawling from their start) and on the fixture pages whose problems are known:
/// a well-made page gets nothing, the page-wide keyboard checks run on every page, and a page
/// that cannot be opened is a finding of its own that does not stop the scan.
/// </summary>
public class PageScannerTests
{
    private DirectoryInfo _evidence = null!;

    [OneTimeSetUp]
    public void CreateEvidenceFolder() => _evidence = Directory.CreateTempSubdirectory("usabilitylab-scan-");

    [OneTimeTearDown]
    public void DeleteEvidence() => _evidence.Delete(recursive: true);

    [Test]
    public async Task WellMadeDesignSystemPages_Crawled_GetNoFinding()
    {
        var starts = DemoServer.DesignSystemFlows.Where(f => !f.Flawed).Select(f => BrowserFixture.Server.BaseUrl + f.Path + "/").ToList();
        var pages = await ScanAsync(starts, followLinks: true, maxPages: 20);

        Assert.Multiple(() =>
        {
            Assert.That(pages, Has.Count.GreaterThanOrEqualTo(starts.Count), "every start page, and what they link to on the same origin");
            Assert.That(pages.Select(p => p.Steps[0].Url), Has.Some.Contains("/fds/god/boligstoette/log-ind"), "the crawl follows the start page's link");
            Assert.That(pages.Where(p => !p.TaskCompleted).Select(p => $"{p.Steps[0].Url}: {p.FailureMessage}"), Is.Empty);
            Assert.That(pages.SelectMany(p => p.Findings.Select(f => $"{p.Steps[0].Url}: {f.RuleId} {f.Selector} {f.Measurement}")), Is.Empty);
            Assert.That(pages.Select(p => p.Steps[0].Screenshot), Is.All.Null, "no picture of a page with nothing to show");
        });
    }

    [Test]
    public async Task BadKeyboardPage_Scanned_GetsThePageWideKeyboardFindings_AndAxe()
    {
        var page = (await ScanAsync([BrowserFixture.Server.BaseUrl + "/fixtures/tastatur/daarlig"], followLinks: false, maxPages: 1)).Single();

        Assert.Multiple(() =>
        {
            Assert.That(page.Findings.Select(f => f.RuleId), Does.Contain("keyboard-trap/faelde").And.Contain("focus-not-obscured/skjult").And.Contain("keyboard/kun-mus"));
            Assert.That(page.Advisories.Select(a => a.RuleId), Does.Contain("focus-order/tabindex"));
            Assert.That(page.Steps[0].Screenshot, Is.Not.Null, "a page with findings has its picture");
            Assert.That(page.Steps[0].Screenshot!.Width, Is.EqualTo(BrowserFixture.Host.Options.ViewportWidth), "kept in CSS pixels, so element boxes fit it");
            Assert.That(page.Findings.Select(f => f.RuleId), Has.None.StartsWith("progress/").And.None.StartsWith("receipt/").And.None.StartsWith("effort/"), "no task checks on one page");
            Assert.That(page.ScanId, Is.Not.Null);
        });
    }

    [Test]
    public async Task ElementInAShadowRoot_IsAFinding_WithItsPathAndBox()
    {
        var page = (await ScanAsync([BrowserFixture.Server.BaseUrl + "/fixtures/skygge/"], followLinks: false, maxPages: 1)).Single();
        var image = page.Findings.Single(f => f.RuleId == "image-alt");

        Assert.Multiple(() =>
        {
            Assert.That(page.TaskCompleted, Is.True, page.FailureMessage);
            Assert.That(image.Selector, Is.EqualTo("#logo >>> #billede"), "the host, then the element in its shadow root");
            Assert.That(image.Box, Is.Not.Null, "the box is found through the shadow root");
        });
    }

    [Test]
    public async Task PageAnsweringWithAnError_IsAFinding_AndTheScanGoesOn()
    {
        var broken = BrowserFixture.Server.BaseUrl + "/fejl/status/500";
        var fine = BrowserFixture.Server.BaseUrl + "/fixtures/tastatur/god";
        var pages = await ScanAsync([broken, fine], followLinks: false, maxPages: 5);
        var failed = pages.Single(p => p.Steps[0].Url!.Contains("/fejl/", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(pages, Has.Count.EqualTo(2));
            Assert.That((failed.TaskCompleted, failed.FailureReason), Is.EqualTo((false, FailureReason.HttpError)));
            Assert.That(failed.Findings.Select(f => f.Title), Has.Some.StartsWith("Siden kan ikke åbnes"));
            Assert.That(pages.Single(p => p != failed).TaskCompleted, Is.True);
        });
    }

    private async Task<List<Audit>> ScanAsync(IReadOnlyList<string> urls, bool followLinks, int maxPages)
    {
        var scanner = new PageScanner(BrowserFixture.Host, new AxeRunner(), new FileEvidenceStore(_evidence.FullName));
        var settings = new ScanSettings(BrowserFixture.Checklist, "Test", "Testside", Guid.NewGuid(), Parallel: 2, followLinks);
        var pages = new List<Audit>();
        await scanner.RunAsync(new ScanFrontier(urls, maxPages), settings, (page, _) =>
        {
            lock (pages)
            {
                pages.Add(page);
            }

            return Task.CompletedTask;
        });
        return pages;
    }
}
