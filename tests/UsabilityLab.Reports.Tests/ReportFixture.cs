using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using UsabilityLab.Browser;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scripts;
using UsabilityLab.Data;
using UsabilityLab.DemoSites;

namespace UsabilityLab.Reports.Tests;

/// <summary>
/// Audits, for real, a vendor page whose title, texts and markup carry script payloads, stores the
/// audit in a real SQLite file, loads it back and writes its report (HTML and PDF).
/// </summary>
[SetUpFixture]
public class ReportFixture
{
    /// <summary>The page title of the hostile page, as the browser reports it (title text is not markup).</summary>
    public const string HostileTitle = "Kvittering <script>window.__pwned = 'title'; alert('title')</script>";

    public const string HostileExpectation = "<img src=x onerror=\"window.__pwned=1\">";

    public static DirectoryInfo Folder { get; private set; } = null!;

    public static Audit Hostile { get; private set; } = null!;

    public static ReportFiles HostileReport { get; private set; } = null!;

    public static Audit Flawed { get; private set; } = null!;

    public static ReportFiles FlawedReport { get; private set; } = null!;

    public static string Html(ReportFiles files) => File.ReadAllText(files.HtmlPath);

    [OneTimeSetUp]
    public async Task AuditAndWriteReportsAsync()
    {
        Folder = Directory.CreateTempSubdirectory("usabilitylab-reports-");
        var checklist = ChecklistParser.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "checklists", "kl-selvbetjening.yaml"));
        await using var server = await DemoServer.StartAsync(routes =>
            routes.MapGet("/fjendtlig/", () => Results.Content(HostilePage, "text/html; charset=utf-8", Encoding.UTF8)));
        await using var host = await BrowserHost.StartAsync(new BrowserOptions { ExpectationTimeoutMs = 5_000 });
        var evidence = new FileEvidenceStore(Path.Combine(Folder.FullName, "evidence"));
        var runner = new AuditRunner(host, new AxeRunner(), evidence);

        var hostileScript = TaskScriptParser.Parse("fjendtlig.yaml", $$"""
            id: fjendtlig
            title: Fjendtlig side
            start: /fjendtlig/
            steps:
              - name: Kvittering
                expect:
                  - text: '{{HostileExpectation}}'
            """);
        var demoScript = TaskScriptParser.Load(DemoServer.TaskScriptPath);
        var flawed = server.Solutions.Single(s => s.Vendor.Flawed);

        var hostile = await runner.RunAsync(new AuditRequest(hostileScript, "fjendtlig", checklist, "<b>Ond</b> leverandør", "Løsning <i>x</i>", server.BaseUrl, TestData.For(hostileScript)));
        var flawedAudit = await runner.RunAsync(new AuditRequest(demoScript, "demo", checklist, flawed.Vendor.VendorName, flawed.Vendor.SolutionName, flawed.BaseUrl, TestData.For(demoScript)));

        var dbPath = Path.Combine(Folder.FullName, "lab.db");
        await using (var db = await LabDatabase.OpenAsync(dbPath))
        {
            var store = new AuditStore(db);
            await store.SaveAsync(hostile);
            await store.SaveAsync(flawedAudit);
        }

        await using (var db = await LabDatabase.OpenAsync(dbPath))
        {
            var store = new AuditStore(db);
            Hostile = (await store.LoadAsync(hostile.Id))!;
            Flawed = (await store.LoadAsync(flawedAudit.Id))!;
        }

        await using var renderer = new ReportRenderer();
        var writer = new ReportWriter(new ReportModelBuilder(evidence), renderer, new PdfPrinter(host));
        var output = Path.Combine(Folder.FullName, "reports");
        HostileReport = await writer.WriteAsync(Hostile, output);
        FlawedReport = await writer.WriteAsync(Flawed, output);
    }

    [OneTimeTearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        Folder.Delete(recursive: true);
    }

    private static string HostilePage => $"""
        <!DOCTYPE html>
        <html lang="da">
        <head><meta charset="utf-8"><title>{HostileTitle}</title></head>
        <body>
        <main>
          <h1>Tak &lt;script&gt;window.__pwned = 'h1'&lt;/script&gt;</h1>
          <img src="mangler.png" width="20" height="20" onerror="window.__pwned = 'img'">
          <a href="javascript:window.__pwned = 'link'"><span></span></a>
          <p>&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;alert('tekst')&lt;/script&gt;</p>
        </main>
        </body>
        </html>
        """;
}
