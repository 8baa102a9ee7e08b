using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scans;

namespace UsabilityLab.Core.Tests;

public class RobotsTxtTests
{
    private const string Site = """
        # The site's rules
        User-agent: *
        Disallow: /privat/
        Allow: /privat/offentlig
        Disallow: /*.pdf$

        User-agent: SomeOtherBot
        Disallow: /

        Sitemap: https://kommune.dk/sitemap.xml
        """;

    [TestCase("/", true)]
    [TestCase("/flytning/", true)]
    [TestCase("/privat/", false)]
    [TestCase("/privat/side?x=1", false)]
    [TestCase("/privat/offentlig/side", true)]
    [TestCase("/blanket.pdf", false)]
    [TestCase("/blanket.pdf?v=2", true)]
    public void Allows_LongestMatchDecides_AllowOnATie(string path, bool allowed) =>
        Assert.That(RobotsTxt.Parse(Site).Allows(path), Is.EqualTo(allowed));

    [Test]
    public void Parse_AGroupForUsabilityLab_IsUsedInsteadOfTheStar()
    {
        var robots = RobotsTxt.Parse("User-agent: *\nDisallow: /\n\nUser-agent: usabilitylab\nDisallow: /admin\n");

        Assert.Multiple(() =>
        {
            Assert.That(robots.Allows("/flytning/"), Is.True);
            Assert.That(robots.Allows("/admin/x"), Is.False);
        });
    }

    [Test]
    public void Parse_NamesTheSitemaps_AndNoFileAllowsAll()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RobotsTxt.Parse(Site).Sitemaps, Is.EqualTo(new[] { "https://kommune.dk/sitemap.xml" }));
            Assert.That(RobotsTxt.AllowAll.Allows("/privat/"), Is.True);
            Assert.That(RobotsTxt.Parse("Disallow: /ingen-gruppe").Allows("/ingen-gruppe"), Is.True, "a rule before any User-agent line belongs to no group");
        });
    }
}

public class SitemapTests
{
    [Test]
    public void Parse_Urlset_GivesThePages()
    {
        var map = Sitemap.Parse("sitemap.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>https://kommune.dk/</loc></url>
              <url><loc> https://kommune.dk/flytning/ </loc><lastmod>2026-11-01</lastmod></url>
            </urlset>
            """);

        Assert.Multiple(() =>
        {
            Assert.That(map.IsIndex, Is.False);
            Assert.That(map.Locations, Is.EqualTo(new[] { "https://kommune.dk/", "https://kommune.dk/flytning/" }));
        });
    }

    [Test]
    public void Parse_Index_GivesTheSitemaps()
    {
        var map = Sitemap.Parse("index.xml", "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>https://kommune.dk/a.xml</loc></sitemap></sitemapindex>");

        Assert.That((map.IsIndex, map.Locations.Single()), Is.EqualTo((true, "https://kommune.dk/a.xml")));
    }

    [Test]
    public void Parse_NoSitemap_SaysWhereAndWhat()
    {
        var notXml = Assert.Throws<InputException>(() => Sitemap.Parse("https://kommune.dk/sitemap.xml", "<html><body>Ikke fundet"))!;
        var wrongRoot = Assert.Throws<InputException>(() => Sitemap.Parse("https://kommune.dk/sitemap.xml", "<?xml version=\"1.0\"?>\n<rss></rss>"))!;
        var entityBomb = Assert.Throws<InputException>(() => Sitemap.Parse("bomb.xml", "<!DOCTYPE urlset [<!ENTITY a \"aaaa\">]><urlset><url><loc>&a;</loc></url></urlset>"))!;

        Assert.Multiple(() =>
        {
            Assert.That(notXml.Errors[0].Position.File, Is.EqualTo("https://kommune.dk/sitemap.xml"));
            Assert.That(notXml.Message, Does.Contain("ikke gyldig XML"));
            Assert.That(wrongRoot.Message, Does.Contain("<urlset> eller <sitemapindex>").And.Contain(":2:"));
            Assert.That(entityBomb.Message, Does.Contain("ikke gyldig XML"), "no DTD is read");
        });
    }
}

public class ScanFrontierTests
{
    [Test]
    public void Add_TakesEachPageOnce_OnTheStartOrigins_UnderTheLimit()
    {
        var frontier = new ScanFrontier(["https://kommune.dk/"], maxPages: 3, uri => !uri.AbsolutePath.StartsWith("/privat", StringComparison.Ordinal));

        var added = new[]
        {
            frontier.Add("https://kommune.dk/#indhold"),      // the start page again, by its fragment
            frontier.Add("https://kommune.dk/a"),
            frontier.Add("https://andet.dk/a"),               // another origin
            frontier.Add("http://kommune.dk/a"),              // another scheme is another origin
            frontier.Add("https://kommune.dk/privat/x"),      // robots.txt
            frontier.Add("mailto:borger@kommune.dk"),
            frontier.Add("https://kommune.dk/b"),
            frontier.Add("https://kommune.dk/c"),             // over the limit
            frontier.Add("https://kommune.dk/a"),
        };

        Assert.Multiple(() =>
        {
            Assert.That(added, Is.EqualTo(new[] { false, true, false, false, false, false, true, false, false }));
            Assert.That(frontier.Planned, Is.EqualTo(3));
            Assert.That(frontier.OverLimit, Is.EqualTo(1));
            Assert.That(frontier.RefusedByRobots, Is.EqualTo(new[] { "https://kommune.dk/privat/x" }));
        });
    }

    [Test]
    public async Task TakeAsync_WaitsForPagesBeingAudited_AndEndsWhenNoneIsLeft()
    {
        var frontier = new ScanFrontier(["https://kommune.dk/"], maxPages: 10);
        var first = await frontier.TakeAsync();
        var second = frontier.TakeAsync();

        Assert.That(second.IsCompleted, Is.False, "the first page may still lead somewhere");
        frontier.Add("https://kommune.dk/a");
        Assert.That(await second.WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo("https://kommune.dk/a"));
        var third = frontier.TakeAsync();
        frontier.Done();
        frontier.Done();

        Assert.Multiple(async () =>
        {
            Assert.That(first, Is.EqualTo("https://kommune.dk/"));
            Assert.That(await third.WaitAsync(TimeSpan.FromSeconds(30)), Is.Null, "nothing queued and nothing being audited: the scan is done");
        });
    }
}

public class ScanSummaryTests
{
    [Test]
    public void Of_TheSameFindingOnManyPages_IsOneTemplateProblem_WithAllItsPages()
    {
        var pages = new[]
        {
            Page("/", Finding("image-alt", "header > img", "<img src=\"logo.png\">", Severity.Critical, "1.1.1")),
            Page("/a", Finding("image-alt", "header > img", "<img src=\"logo.png\">", Severity.Critical, "1.1.1"), Finding("label", "#navn", "<input id=\"navn\">", Severity.Serious, "4.1.2", "1.3.1")),
            Page("/b", Finding("image-alt", "header > img", "<img src=\"logo.png\">", Severity.Critical, "1.1.1")),
            Page("/c"),
        };

        var summary = ScanSummary.Of(pages);
        var template = summary.Problems.Single(p => p.IsTemplate);

        Assert.Multiple(() =>
        {
            Assert.That(summary.Problems, Has.Count.EqualTo(2), "four findings, two problems");
            Assert.That(summary.Findings, Is.EqualTo(4));
            Assert.That(template.Pages.Select(p => p.Url), Is.EqualTo(new[] { "https://kommune.dk/", "https://kommune.dk/a", "https://kommune.dk/b" }));
            Assert.That(summary.PagesWithFindings, Is.EqualTo(3));
            Assert.That(summary.ByRule.Select(r => (r.Key, r.Problems, r.Pages)), Is.EqualTo(new[] { ("image-alt", 1, 3), ("label", 1, 1) }));
            Assert.That(summary.ByWcag.Select(w => (w.Key, w.Pages)), Is.EqualTo(new[] { ("1.1.1", 3), ("1.3.1", 1), ("4.1.2", 1) }));
            Assert.That(summary.WorstPages[0].Page.Url, Is.EqualTo("https://kommune.dk/a"));
            Assert.That(summary.WorstPages[0].OwnProblems, Is.EqualTo(1));
            Assert.That(summary.WorstPages.Select(w => w.Page.Url), Does.Not.Contain("https://kommune.dk/c"));
        });
    }

    [Test]
    public void Of_TheSameRuleOnAnotherElement_IsAnotherProblem()
    {
        var summary = ScanSummary.Of([
            Page("/", Finding("image-alt", "header > img", "<img src=\"logo.png\">", Severity.Critical, "1.1.1")),
            Page("/a", Finding("image-alt", "main > img", "<img src=\"kort.png\">", Severity.Critical, "1.1.1")),
        ]);

        Assert.That(summary.Problems.Select(p => p.IsTemplate), Is.EqualTo(new[] { false, false }));
    }

    private static Audit Page(string path, params Finding[] findings)
    {
        var audit = new Audit
        {
            TaskId = "side:" + path,
            TaskTitle = "Siden " + path,
            TaskScript = string.Empty,
            ScanId = Guid.Empty,
            TaskCompleted = true,
            Solution = new Solution { Name = "kommune.dk", BaseUrl = "https://kommune.dk", Vendor = new Vendor { Name = "kommune.dk" } },
        };
        audit.Steps.Add(new StepResult { Index = 0, Name = "Siden", Url = "https://kommune.dk" + path });
        audit.Findings.AddRange(findings);
        return audit;
    }

    private static Finding Finding(string rule, string selector, string html, Severity severity, params string[] wcag) => new()
    {
        CriterionId = "K11",
        RuleId = rule,
        Source = FindingSource.Axe,
        Severity = severity,
        Title = rule,
        Description = rule,
        StepIndex = 0,
        Selector = selector,
        Html = html,
        Wcag = [.. wcag],
        Fingerprint = Fingerprints.For(FindingSource.Axe, rule, "Siden", selector),
    };
}

public class OnePageChecklistTests
{
    private static Checklist Checklist => ChecklistParser.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "checklists", "kl-selvbetjening.yaml"));

    [Test]
    public void ForOnePage_KeepsThePageChecks_DropsTheTasks()
    {
        var onePage = Checklist.ForOnePage();

        Assert.Multiple(() =>
        {
            foreach (var check in new[] { CheckNames.Progress, CheckNames.Receipt, CheckNames.Effort, CheckNames.ErrorHandling, CheckNames.RedundantEntry, CheckNames.ConsistentHelp, CheckNames.SemanticLocators })
            {
                Assert.That(onePage.Uses(check), Is.False, check);
            }

            foreach (var check in new[] { CheckNames.PageTitles, CheckNames.ZoomLanguage, CheckNames.Reflow, CheckNames.KeyboardTrap, CheckNames.FocusNotObscured, CheckNames.PlainLanguage })
            {
                Assert.That(onePage.Uses(check), Is.True, check);
            }

            Assert.That(onePage.Criteria.Count(c => c.Evaluation.CatchAllAxe), Is.EqualTo(1), "axe-core's rules still have their criteria");
        });
    }

    [Test]
    public void Score_OfAScannedPage_DoesNotPassTheTasksCriteria()
    {
        var checklist = Checklist;
        var page = new Audit { TaskId = "side:/", TaskTitle = "Siden /", TaskScript = string.Empty, ScanId = Guid.NewGuid() };
        page.Steps.Add(new StepResult { Index = 0, Name = "Siden", AxeMs = 10 });
        var task = new Audit { TaskId = "t", TaskTitle = "t", TaskScript = string.Empty };
        task.Steps.Add(new StepResult { Index = 0, Name = "Start", AxeMs = 10 });
        var progressCriterion = checklist.ForCheck(CheckNames.Progress)!.Id;

        Assert.Multiple(() =>
        {
            Assert.That(AuditScore.Compute(checklist, page).SelectMany(a => a.Criteria).Select(c => c.Criterion.Id), Does.Not.Contain(progressCriterion));
            Assert.That(AuditScore.Compute(checklist, task).SelectMany(a => a.Criteria).Single(c => c.Criterion.Id == progressCriterion).Status, Is.EqualTo(CriterionStatus.Passed));
        });
    }
}
