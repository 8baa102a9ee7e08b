using Microsoft.Data.Sqlite;
using UsabilityLab.Browser;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scripts;
using UsabilityLab.Data;
using UsabilityLab.Reports;

namespace UsabilityLab.Web.Tests;

/// <summary>
/// UsabilityLab audits its own workbench as it audits a vendor: the reviewer's and the vendor's main
/// journeys as task scripts (SelfAudit/*.yaml), run by the same runner on the real server with
/// checklists/wcag21-aa.yaml, every check included (axe-core, 320 px reflow, keyboard alone, focus,
/// page titles, error handling). The bar is the one a well-made vendor solution meets: no finding.
/// With USABILITYLAB_DOCS_SCREENSHOTS=1 the reports replace docs/selvrevision/.
/// </summary>
[TestFixture]
[NonParallelizable]
public class SelfAuditTests
{
    private TestWorkbench _workbench = null!;
    private SeededWorld _world = null!;
    private BrowserHost _host = null!;
    private DirectoryInfo _folder = null!;
    private Checklist _checklist = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _workbench = new TestWorkbench();
        _world = await SeededWorld.CreateAsync(_workbench);
        _host = await BrowserHost.StartAsync(new BrowserOptions());
        _folder = Directory.CreateTempSubdirectory("usabilitylab-selvrevision-");
        _checklist = ChecklistParser.Load(Path.Combine(TestWorkbench.RepositoryRoot, "checklists", "wcag21-aa.yaml"));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        await _workbench.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Test]
    public async Task ReviewersJourney_HasNoFinding() =>
        await AuditAsync("anmelder", new Dictionary<string, string>
        {
            ["loesning"] = "Anmeld flytning",
            ["gennemgang"] = _world.Nordlys.NewerAuditId.ToString(),
            ["fund"] = _world.Nordlys.TrackedFindingId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    [Test]
    public async Task VendorsJourney_HasNoFinding() =>
        await AuditAsync("leverandoer", new Dictionary<string, string>
        {
            ["loesning"] = "Anmeld flytning",
            ["gennemgang"] = _world.Nordlys.NewerAuditId.ToString(),
            ["fund"] = _world.Nordlys.TrackedFindingId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private async Task AuditAsync(string journey, Dictionary<string, string> data)
    {
        var path = Path.Combine(TestWorkbench.RepositoryRoot, "tests", "UsabilityLab.Web.Tests", "SelfAudit", journey + ".yaml");
        var text = await File.ReadAllTextAsync(path);
        var script = TaskScriptParser.Parse(journey + ".yaml", text);
        data["adgangskode"] = TestWorkbench.Password;
        var evidence = new FileEvidenceStore(Path.Combine(_folder.FullName, "evidence"));
        var runner = new AuditRunner(_host, new AxeRunner(), evidence);
        var request = new AuditRequest(script, text, _checklist, "UsabilityLab", "Workbenchen", _workbench.BaseAddress.ToString().TrimEnd('/'), TestData.For(script, data));

        var audit = await runner.RunAsync(request);

        await WriteReportAsync(audit, evidence, journey);
        var findings = audit.Findings.Select(f => $"trin {(f.StepIndex ?? -1) + 1} {f.RuleId} {f.Selector}: {f.Title} ({f.Measurement})").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(audit.TaskCompleted, Is.True, $"{audit.FailureReason}: {audit.FailureMessage}");
            Assert.That(audit.KeyboardCompleted, Is.True, $"the journey with the keyboard alone (stopped on step {audit.KeyboardFailedStepIndex + 1}); {string.Join(" ", audit.Events.Select(AuditEventText.Danish))} {string.Join(" ", audit.Steps.SelectMany(s => s.Events).Select(AuditEventText.Danish))}");
            Assert.That(findings, Is.Empty, string.Join(Environment.NewLine, findings));
        });
    }

    /// <summary>The audit's report, as a vendor would get it: in the test's output, and in docs/selvrevision/ on request.</summary>
    private async Task WriteReportAsync(Audit audit, FileEvidenceStore evidence, string journey)
    {
        var dbPath = Path.Combine(_folder.FullName, journey + ".db");
        await using (var db = await LabDatabase.OpenAsync(dbPath))
        {
            await new AuditStore(db).SaveAsync(audit);
        }

        Audit stored;
        await using (var db = await LabDatabase.OpenAsync(dbPath))
        {
            stored = (await new AuditStore(db).LoadAsync(audit.Id))!;
        }

        await using var renderer = new ReportRenderer();
        var html = await renderer.RenderAsync(await new ReportModelBuilder(evidence).BuildAsync(stored));
        var output = Path.Combine(TestContext.CurrentContext.WorkDirectory, "selvrevision");
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, journey + ".html"), html);
        if (Environment.GetEnvironmentVariable(DocsScreenshots.Variable) == "1")
        {
            var docs = Path.Combine(TestWorkbench.RepositoryRoot, "docs", "selvrevision");
            Directory.CreateDirectory(docs);
            await File.WriteAllTextAsync(Path.Combine(docs, journey + ".html"), html);
        }
    }
}
