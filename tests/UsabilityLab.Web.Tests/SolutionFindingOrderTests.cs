using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Microsoft.Playwright.NUnit;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Data;

namespace UsabilityLab.Web.Tests;

/// <summary>A solution's findings in the dialogue are listed worst first, as a reviewer reads them.</summary>
[TestFixture]
public class SolutionFindingOrderTests : PageTest
{
    private TestWorkbench _workbench = null!;
    private int _solutionId;
    private Guid _auditId;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _workbench = new TestWorkbench();
        await SeededWorld.CreateAsync(_workbench);
        var checklist = await File.ReadAllTextAsync(Path.Combine(TestWorkbench.RepositoryRoot, "checklists", "kl-selvbetjening.yaml"));
        var audit = SeededWorld.Audit("Sortering ApS", checklist, "Billede uden alternativ tekst", new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), withFixedOne: false);
        var screenshot = audit.Steps[0].Screenshot!;

        // Stored in an order that is neither by severity nor alphabetical.
        audit.Findings.Add(SeededWorld.Finding("region", "Indhold uden for landmærker", Severity.Minor, "1.3.1", screenshot));
        audit.Findings.Add(SeededWorld.Finding("color-contrast", "Lav kontrast", Severity.Serious, "1.4.3", screenshot));
        audit.Findings.Add(SeededWorld.Finding("list", "Liste med forkert indhold", Severity.Moderate, "1.3.1", screenshot));
        foreach (var (finding, i) in audit.Findings.Select((f, i) => (f, i)))
        {
            finding.Fingerprint = $"{finding.Fingerprint[..^2]}{i:00}";
        }

        _auditId = audit.Id;
        _solutionId = await _workbench.WithDatabaseAsync(async db =>
        {
            await new AuditStore(db).SaveAsync(audit);
            return await db.Solutions.Where(s => s.Vendor.Name == "Sortering ApS").Select(s => s.Id).SingleAsync();
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _workbench.DisposeAsync();

    [Test]
    public async Task SolutionWithOneAudit_OffersNoComparison_AndAnAuditIsNotComparedWithItself()
    {
        var page = await LoginAsync();

        await page.GotoAsync(new Uri(_workbench.BaseAddress, $"/loesninger/{_solutionId}").ToString());
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sammenlign de valgte" })).ToHaveCountAsync(0);
        await Expect(page.Locator("main")).ToContainTextAsync("Når løsningen er gennemgået igen");

        await page.GotoAsync(new Uri(_workbench.BaseAddress, $"/sammenlign?fra={_auditId}&til={_auditId}").ToString());
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Vælg to forskellige gennemgange");
    }

    [Test]
    public async Task SolutionPage_ListsFindingsBySeverity_CriticalFirst_NotAlphabetically()
    {
        var page = await LoginAsync();

        await page.GotoAsync(new Uri(_workbench.BaseAddress, $"/loesninger/{_solutionId}").ToString());
        var severities = await page.Locator("table").Last.Locator("tbody tr td:nth-child(3)").AllInnerTextsAsync();

        Assert.That(severities.Select(s => s.Trim()), Is.EqualTo(new[] { "kritisk", "alvorlig", "moderat", "mindre" }));
    }

    private Task<IPage> LoginAsync() => WorkbenchLogin.LoginAsync(Browser, _workbench.BaseAddress, SeededWorld.Reviewer, TestWorkbench.Password);
}
