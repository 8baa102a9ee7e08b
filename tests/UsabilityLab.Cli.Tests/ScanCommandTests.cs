using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Audits;
using UsabilityLab.Data;
using UsabilityLab.DemoSites;

namespace UsabilityLab.Cli.Tests;

/// <summary>
/// <c>usabilitylab scan</c> on a small site on loopback: a shared header whose logo has no text
/// (a template problem on every page), one page with a field of its own without a label, a
/// robots.txt that keeps the scan out of /privat/, and a sitemap. The real command line, a real
/// Chromium and a real database file.
/// </summary>
[NonParallelizable]
public class ScanCommandTests
{
    private DemoServer _server = null!;
    private DirectoryInfo _work = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await DemoServer.StartAsync(MapSite);

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [SetUp]
    public void CreateFolder() => _work = Directory.CreateTempSubdirectory("usabilitylab-scan-");

    [TearDown]
    public void DeleteFolder() => _work.Delete(recursive: true);

    private string Database => Path.Combine(_work.FullName, "lab.db");

    [Test]
    public async Task Crawl_FollowsLinksOnTheOrigin_KeepsOutOfWhatRobotsRefuses_AndCountsTheTemplateOnce()
    {
        var run = await ScanAsync("--crawl", _server.BaseUrl + "/sted/");
        var export = await ExportAsync();
        var pages = export.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("url").GetString()!).ToList();
        var problems = export.GetProperty("problems").EnumerateArray().ToList();
        var logo = problems.Single(p => p.GetProperty("rule").GetString() == "image-alt");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
            Assert.That(pages.Select(u => u[_server.BaseUrl.Length..]).Order(), Is.EqualTo(new[] { "/sted/", "/sted/a", "/sted/a?udgave=2", "/sted/b" }));
            Assert.That(run.Output, Does.Contain("1 adresser blev sprunget over, fordi robots.txt beder om det"));
            Assert.That(logo.GetProperty("template").GetBoolean(), Is.True);
            Assert.That(logo.GetProperty("pages").GetArrayLength(), Is.EqualTo(4), "the logo's missing text is one problem on four pages");
            Assert.That(problems.Count(p => p.GetProperty("rule").GetString() == "image-alt"), Is.EqualTo(1));
            Assert.That(problems.Where(p => p.GetProperty("rule").GetString() == "label").Select(p => p.GetProperty("template").GetBoolean()), Is.EqualTo(new[] { false }));
            Assert.That(File.ReadAllText(Directory.GetFiles(Path.Combine(_work.FullName, "reports", "scans"), "*.html").Single()), Does.Contain("Fælles problemer på flere sider").And.Contain("/sted/b"));
            Assert.That(File.ReadAllBytes(Directory.GetFiles(Path.Combine(_work.FullName, "reports", "scans"), "*.pdf").Single())[..5], Is.EqualTo("%PDF-"u8.ToArray()), "the summary is printed to PDF too");
        });

        // Each page is a stored one-page audit under the scan, reportable like any audit.
        await using var db = new LabDbContext(LabDatabase.Options(Database));
        var scan = await db.Scans.Include(s => s.Pages).SingleAsync();
        Assert.Multiple(() =>
        {
            Assert.That(scan.Status, Is.EqualTo(AuditStatus.Completed));
            Assert.That(scan.Pages, Has.Count.EqualTo(4));
            Assert.That(scan.Pages.Select(p => p.TaskId), Has.All.StartsWith("side:"));
        });
        var report = await CliRun.RunAsync("report", scan.Pages[0].Id.ToString(), "--db", Database, "--reports", Path.Combine(_work.FullName, "reports"), "--no-pdf");
        Assert.That(report.ExitCode, Is.EqualTo(0), report.Output);
    }

    [Test]
    public async Task Crawl_OverTheLimit_SaysHowManyWereLeft()
    {
        var run = await ScanAsync("--crawl", _server.BaseUrl + "/sted/", "--max-pages", "2", "--no-pdf");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
            Assert.That(Directory.GetFiles(Path.Combine(_work.FullName, "reports", "scans"), "*.pdf"), Is.Empty, "--no-pdf writes no PDF");
            Assert.That(run.Output, Does.Contain("2 sider på"));
            Assert.That(run.Output, Does.Contain("adresser mere blev fundet, men ikke undersøgt: grænsen er 2 sider"));
        });
    }

    [Test]
    public async Task Sitemap_ScansItsPagesOnItsOrigin()
    {
        var run = await ScanAsync("--sitemap", _server.BaseUrl + "/sitemap.xml");
        var pages = (await ExportAsync()).GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("url").GetString()![_server.BaseUrl.Length..]).Order().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
            Assert.That(pages, Is.EqualTo(new[] { "/sted/", "/sted/a" }), "the other origin's page and robots.txt's /privat/ are left out");
            Assert.That(run.Output, Does.Contain("1 adresser i sitemappet ligger på en anden oprindelse"));
        });
    }

    [Test]
    public async Task File_WithABadLine_SaysFileAndLine_AndWritesNothing()
    {
        var list = Path.Combine(_work.FullName, "adresser.txt");
        await File.WriteAllTextAsync(list, $"# Forsiden og en hjælpeside\n{_server.BaseUrl}/sted/\nsted/a\n");

        var run = await ScanAsync("--file", list);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.Output);
            Assert.That(run.Output, Does.Contain("adresser.txt:3:1").And.Contain("ikke en fuld http- eller https-adresse"));
            Assert.That(File.Exists(Database), Is.False, "bad input writes nothing");
        });
    }

    [Test]
    public async Task TwoWaysOfChoosingPages_IsBadInput()
    {
        var run = await ScanAsync(_server.BaseUrl + "/sted/", "--crawl", _server.BaseUrl + "/sted/");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Output, Does.Contain("Angiv siderne på én måde"));
        });
    }

    private Task<CliRun> ScanAsync(params string[] args) =>
        CliRun.RunAsync(["scan", .. args, "--db", Database, "--reports", Path.Combine(_work.FullName, "reports"), "--parallel", "2"]);

    private async Task<JsonElement> ExportAsync()
    {
        var file = Directory.GetFiles(Path.Combine(_work.FullName, "reports", "scans"), "*.json").Single();
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        return document.RootElement.Clone();
    }

    private static string Page(string title, string main) => $"""
        <!DOCTYPE html>
        <html lang="da">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} – Nordby Kommune</title></head>
        <body>
          <header><a href="/sted/"><img src="/sted/logo.png" width="80" height="40"></a></header>
          <main><h1>{title}</h1>{main}</main>
          <footer><p>Nordby Kommune · tlf. 70 10 20 30</p></footer>
        </body>
        </html>
        """;

    private void MapSite(IEndpointRouteBuilder routes)
    {
        static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");
        routes.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /privat/\n"));
        routes.MapGet("/sitemap.xml", () => Results.Content(
            $"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{_server.BaseUrl}/sted/</loc></url><url><loc>{_server.BaseUrl}/sted/a</loc></url><url><loc>{_server.BaseUrl}/privat/x</loc></url><url><loc>https://andet.example/side</loc></url></urlset>""",
            "application/xml"));
        routes.MapGet("/sted/", () => Html(Page("Forside", """
            <p>Velkommen til selvbetjeningen.</p>
            <ul><li><a href="/sted/a">Flytning</a></li><li><a href="/sted/b#indhold">Hjælp</a></li><li><a href="/sted/a?udgave=2">Flytning, ny udgave</a></li>
            <li><a href="/privat/x">Intern side</a></li><li><a href="https://andet.example/">Et andet sted</a></li><li><a href="mailto:borger@nordby.example">Skriv til os</a></li></ul>
            """)));
        routes.MapGet("/sted/a", () => Html(Page("Flytning", "<p>Her kan du anmelde din flytning.</p>")));
        routes.MapGet("/sted/b", () => Html(Page("Hjælp", "<p>Skriv dit navn.</p><input id=\"navn\" type=\"text\">")));
        routes.MapGet("/privat/x", () => Html(Page("Intern", "<p>Kun for ansatte.</p>")));
    }
}
