using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Microsoft.Playwright.NUnit;
using UsabilityLab.Core.Dialogue;
using UsabilityLab.Data;
using UsabilityLab.DemoSites;

using UsabilityLab.Tests.Shared;

namespace UsabilityLab.Web.Tests;

/// <summary>
/// The dialogue from end to end, in Chromium against the real server: a reviewer sets up a vendor's
/// solution, audits it from the browser, assesses a manual criterion and sends the findings; the
/// vendor logs in, sees only its own, disputes one, comments and reports one fixed; the reviewer
/// re-audits the fixed solution and sees the fix verified and the comparison. The pages it passes
/// are saved as the screenshots in docs/ (see <see cref="DocsScreenshots"/>).
/// </summary>
[TestFixtureSource(typeof(TestDatabase), nameof(TestDatabase.Providers))]
public partial class WorkbenchFlowTests(string provider) : PageTest
{
    private const string VendorName = "Lysning Digital A/S";
    private const string SolutionName = "Bestil sundhedskort";

    private const string Script = """
        id: bestil-sundhedskort
        title: Bestil sundhedskort
        start: /sundhedskort/
        steps:
          - name: Bestilling
            do:
              - click: { role: button, name: "Bestil" }
          - name: Kvittering
            expect:
              - text: "Sagsnummer"
        """;

    private TestWorkbench _workbench = null!;
    private DemoServer _site = null!;
    private bool _logoFixed;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _workbench = new TestWorkbench(provider);
        await SeededWorld.CreateAsync(_workbench);
        _site = await DemoServer.StartAsync(app =>
        {
            app.MapGet("/sundhedskort/", () => Results.Content(StartPage(_logoFixed), "text/html; charset=utf-8"));
            app.MapGet("/sundhedskort/logo.svg", () => Results.Content("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\"><rect width=\"120\" height=\"40\" fill=\"#0b3d91\"/></svg>", "image/svg+xml"));
            app.MapGet("/sundhedskort/kvittering", () => Results.Content(
                "<!DOCTYPE html><html lang=\"da\"><head><title>Kvittering – Bestil sundhedskort – Lysning Kommune</title></head><body><main><h1>Tak for din bestilling</h1><p>Sagsnummer: SK-2026-0042. Kortet kommer med posten inden for 14 dage.</p></main></body></html>",
                "text/html; charset=utf-8"));
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _site.DisposeAsync();
        await _workbench.DisposeAsync();
    }

    [Test]
    public async Task ReviewerAndVendor_TheWholeDialogue_EndsWithTheFixVerifiedByReaudit()
    {
        // The reviewer sets up the vendor and its solution with a task script.
        var reviewer = await LoginAsync(SeededWorld.Reviewer, TestWorkbench.Password);
        await reviewer.GetByRole(AriaRole.Link, new() { Name = "Leverandører" }).ClickAsync();
        await reviewer.GetByLabel("Leverandørens navn").FillAsync(VendorName);
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Opret leverandør" }).ClickAsync();
        await reviewer.GetByLabel("Løsningens navn").FillAsync(SolutionName);
        await reviewer.GetByLabel("Adresse (basis-URL)").FillAsync(_site.BaseUrl);
        await reviewer.GetByLabel("Opgave-script (YAML)").FillAsync(Script);
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Opret løsning" }).ClickAsync();
        await Expect(reviewer.GetByRole(AriaRole.Heading, new() { Name = SolutionName, Level = 1 })).ToBeVisibleAsync();

        // ... audits it from the browser and follows it live ...
        var firstAudit = await RunAuditAsync(reviewer);
        await Expect(reviewer.GetByRole(AriaRole.Heading, new() { Name = "Trin 1: Bestilling", Exact = false })).ToBeVisibleAsync();
        await DocsScreenshots.SaveAsync(reviewer, "gennemgang");

        // ... assesses a manual criterion ...
        await reviewer.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Vurdér manuelle kriterier") }).ClickAsync();
        var criterion = reviewer.Locator("section.kort").First;
        var criterionTitle = await criterion.Locator("h2").TextContentAsync();
        await criterion.GetByLabel("ikke bestået", new() { Exact = true }).CheckAsync();
        await criterion.GetByLabel("Kommentar").FillAsync("Startsiden siger ikke, hvad borgeren skal bruge.");
        await criterion.GetByRole(AriaRole.Button, new() { Name = "Gem vurdering" }).ClickAsync();
        await Expect(reviewer.GetByRole(AriaRole.Status)).ToContainTextAsync("er gemt");
        await Expect(reviewer.Locator("section.kort").First).ToContainTextAsync("ikke bestået");

        // After saving, the criterion shows what was saved, with the message in its own section.
        var saved = reviewer.Locator("section.kort").First;
        await Expect(saved.GetByRole(AriaRole.Status)).ToContainTextAsync("Vurderingen er gemt.");
        await Expect(saved.GetByLabel("ikke bestået", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(saved.GetByLabel("Kommentar")).ToHaveValueAsync("Startsiden siger ikke, hvad borgeren skal bruge.");

        // The queue page lists the run, done, with the solution and a link to its progress.
        await reviewer.GetByRole(AriaRole.Link, new() { Name = "Kørsler", Exact = true }).ClickAsync();
        var run = reviewer.Locator("tr[data-run-state='Completed']").Filter(new() { HasText = SolutionName });
        await Expect(run).ToHaveCountAsync(1);
        await Expect(run.GetByRole(AriaRole.Link, new() { Name = "Færdig" })).ToBeVisibleAsync();
        await Expect(reviewer.Locator("main p").First).ToContainTextAsync("0 kører, 0 venter i kø");

        // ... and sends the findings to the vendor.
        await reviewer.GotoAsync(Url($"/gennemgange/{firstAudit}"));
        await reviewer.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Vælg, hvilke af de \\d+ (åbent|åbne) fund") }).ClickAsync();
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Send de valgte fund til leverandøren" }).ClickAsync();
        await Expect(reviewer.GetByRole(AriaRole.Status)).ToContainTextAsync("sendt til leverandøren");
        var (logoId, labelId) = await _workbench.WithDatabaseAsync(async db =>
        {
            var tracked = await db.TrackedFindings.Where(t => t.Solution.Name == SolutionName).ToListAsync();
            Assert.That(tracked.Select(t => t.State), Is.All.EqualTo(FindingState.Sent));
            return (tracked.Single(t => t.RuleId == "image-alt").Id, tracked.Single(t => t.RuleId == "label").Id);
        });

        // An admin gives the vendor an account; the one-time password is shown once.
        var admin = await LoginAsync(SeededWorld.Admin, TestWorkbench.Password);
        await admin.GotoAsync(Url("/admin/brugere"));
        await admin.GetByLabel("Brugernavn", new() { Exact = true }).FillAsync("lysning");
        await admin.GetByLabel("Personens fulde navn").FillAsync("Lise fra Lysning");
        await admin.GetByLabel("Rolle", new() { Exact = true }).SelectOptionAsync(LabRoles.Vendor);
        await admin.GetByLabel("Leverandør (kun for rollen Leverandør)").SelectOptionAsync(new SelectOptionValue { Label = VendorName });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Opret bruger" }).ClickAsync();
        var oneTime = await admin.Locator(".besked code").TextContentAsync();

        // The vendor logs in, must change the password, and sees only its own organisation.
        var vendor = await LoginAsync("lysning", oneTime!, expectHome: false);
        await Expect(vendor.GetByRole(AriaRole.Heading, new() { Name = "Skift adgangskode" })).ToBeVisibleAsync();
        await vendor.GetByLabel("Nuværende adgangskode").FillAsync(oneTime!);
        await vendor.GetByLabel("Ny adgangskode (mindst 12 tegn, små bogstaver og tal)").FillAsync("lysning-ny-kode-2026");
        await vendor.GetByLabel("Gentag den nye adgangskode").FillAsync("lysning-ny-kode-2026");
        await vendor.GetByRole(AriaRole.Button, new() { Name = "Skift adgangskode" }).ClickAsync();
        await Expect(vendor.GetByRole(AriaRole.Heading, new() { Name = "Overblik" })).ToBeVisibleAsync();
        var rows = vendor.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(VendorName);
        await Expect(vendor.Locator("main")).Not.ToContainTextAsync("Blokform");
        await Expect(vendor.Locator("main")).Not.ToContainTextAsync("Nordlys");
        await DocsScreenshots.SaveAsync(vendor, "leverandoerens-overblik");

        // It disputes one finding with a reason, comments, and reports the other fixed.
        await vendor.GotoAsync(Url($"/fund/{labelId}"));
        await vendor.GetByLabel("Begrundelse").FillAsync("Feltet er skjult for borgere og bruges ikke.");
        await vendor.GetByRole(AriaRole.Button, new() { Name = "Bestrid" }).ClickAsync();
        await Expect(vendor.Locator("dl.kort")).ToContainTextAsync("Bestridt");
        await vendor.GetByLabel("Ny kommentar").FillAsync("Vi fjerner feltet i næste release.");
        await vendor.GetByRole(AriaRole.Button, new() { Name = "Skriv kommentar" }).ClickAsync();
        await Expect(vendor.Locator("#kommentarer + ol")).ToContainTextAsync("Vi fjerner feltet i næste release.");
        await DocsScreenshots.SaveAsync(vendor, "fund-i-dialogen");
        await vendor.GotoAsync(Url($"/fund/{logoId}"));
        await vendor.GetByRole(AriaRole.Button, new() { Name = "Meld rettet" }).ClickAsync();
        await Expect(vendor.Locator("dl.kort")).ToContainTextAsync("Rettet af leverandør");

        // The vendor really fixes it; the reviewer re-audits and sees it verified.
        _logoFixed = true;
        await reviewer.GotoAsync(Url("/"));
        await reviewer.GetByRole(AriaRole.Link, new() { Name = SolutionName }).ClickAsync();
        var secondAudit = await RunAuditAsync(reviewer);
        Assert.That(secondAudit, Is.Not.EqualTo(firstAudit));
        await reviewer.GotoAsync(Url($"/fund/{logoId}"));
        await Expect(reviewer.Locator("dl.kort")).ToContainTextAsync("Verificeret");
        await Expect(reviewer.Locator(".traad").First).ToContainTextAsync("Rettet af leverandør → Verificeret");
        await reviewer.GotoAsync(Url($"/fund/{labelId}"));
        await Expect(reviewer.Locator("dl.kort")).ToContainTextAsync("Bestridt");
        await Expect(reviewer.Locator(".traad").Last).ToContainTextAsync("Lise fra Lysning");

        // The comparison: the logo's alt text is among the fixed, the label persists.
        await reviewer.GotoAsync(Url("/"));
        await reviewer.GetByRole(AriaRole.Link, new() { Name = SolutionName }).ClickAsync();
        await DocsScreenshots.SaveAsync(reviewer, "loesning");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Sammenlign de valgte" }).ClickAsync();
        var fixedSection = reviewer.Locator("h2:has-text('Rettede fund') + .tabel");
        await Expect(fixedSection).ToContainTextAsync("img");
        await Expect(reviewer.Locator("h2:has-text('Vedvarende fund') + .tabel")).ToContainTextAsync("#navn");
        await DocsScreenshots.SaveAsync(reviewer, "sammenligning");

        await reviewer.GotoAsync(Url("/"));
        await DocsScreenshots.SaveAsync(reviewer, "overblik");
        Assert.That(criterionTitle, Is.Not.Empty);
    }

    private static string StartPage(bool logoFixed) => $"""
        <!DOCTYPE html>
        <html lang="da">
        <head><meta charset="utf-8"><title>Bestil sundhedskort – trin 1 af 2 – Lysning Kommune</title></head>
        <body>
        <header><img src="/sundhedskort/logo.svg" width="120" height="40" {(logoFixed ? "alt=\"Lysning Kommune\"" : string.Empty)}></header>
        <main>
          <h1>Bestil sundhedskort</h1>
          <p>Trin 1 af 2. Du bestiller et nyt sundhedskort. Det tager et minut.</p>
          <form method="get" action="/sundhedskort/kvittering">
            <input id="navn" name="navn" type="text">
            <button type="submit">Bestil</button>
          </form>
        </main>
        </body>
        </html>
        """;

    /// <summary>Starts a new audit of the solution whose page is open, follows its progress page, and returns the audit's id.</summary>
    private async Task<Guid> RunAuditAsync(IPage reviewer)
    {
        await reviewer.GetByRole(AriaRole.Link, new() { Name = "Ny gennemgang" }).First.ClickAsync();
        await reviewer.GetByLabel("Løsning og opgave").SelectOptionAsync(new SelectOptionValue { Label = $"{VendorName} – {SolutionName}: Bestil sundhedskort" });
        await reviewer.GetByLabel("Tjekliste").SelectOptionAsync("kl-selvbetjening.yaml");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Start gennemgangen" }).ClickAsync();
        await Expect(reviewer.GetByRole(AriaRole.Progressbar)).ToBeVisibleAsync();
        var runUrl = reviewer.Url;
        await DocsScreenshots.SaveAsync(reviewer, "gennemgang-koerer");
        await reviewer.WaitForURLAsync(AuditUrl(), new() { Timeout = 180_000 });
        var id = Guid.Parse(AuditUrl().Match(reviewer.Url).Groups[1].Value);

        // The finished run counts what the finished audit shows: every check, not only those of the steps as they ran.
        var status = await reviewer.APIRequest.GetAsync(runUrl + "/status", new() { Headers = new Dictionary<string, string> { ["Accept"] = "application/json" } });
        var json = (await status.JsonAsync())!.Value;
        var stored = await _workbench.WithDatabaseAsync(db => db.Findings.CountAsync(f => f.AuditId == id));
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("findings").GetInt32(), Is.EqualTo(stored));
            Assert.That(json.GetProperty("finished").EnumerateArray().Sum(s => s.GetProperty("findings").GetInt32()), Is.LessThanOrEqualTo(stored));
            Assert.That(json.GetProperty("text").GetString(), Does.Contain("i alt med alle kontroller"));
        });
        return id;
    }

    private Task<IPage> LoginAsync(string user, string password, bool expectHome = true) =>
        WorkbenchLogin.LoginAsync(Browser, _workbench.BaseAddress, user, password, expectHome);

    private string Url(string path) => new Uri(_workbench.BaseAddress, path).ToString();

    [GeneratedRegex("/gennemgange/([0-9a-fA-F-]{36})$")]
    private static partial Regex AuditUrl();
}
