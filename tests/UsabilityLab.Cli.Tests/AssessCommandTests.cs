using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Spectre.Console.Testing;
using UsabilityLab.Core.Assessments;
using UsabilityLab.Core.Audits;
using UsabilityLab.Data;

namespace UsabilityLab.Cli.Tests;

public class AssessCommandTests
{
    private DirectoryInfo _folder = null!;
    private Guid _auditId;

    private string Db => Path.Combine(_folder.FullName, "lab.db");

    private string Reports => Path.Combine(_folder.FullName, "reports");

    [SetUp]
    public async Task StoreAnAuditAsync()
    {
        _folder = Directory.CreateTempSubdirectory("usabilitylab-assess-");
        _auditId = await StoredSample.AuditAsync(Db);
    }

    [TearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Test]
    public async Task Assess_FromFile_StoresTheAssessments_AndRewritesTheReport()
    {
        var file = Write("vurdering.yaml", """
            reviewer: Mette Hansen
            assessments:
              - { criterion: K01, verdict: bestået }
              - { criterion: K02, verdict: ikke-bestået, comment: "Kommunens telefonnummer mangler i sidehovedet." }
            """);

        var run = await CliRun.RunAsync("assess", _auditId.ToString("N")[..8], "--file", file, "--db", Db, "--reports", Reports, "--no-pdf");

        Assert.That(run.ExitCode, Is.Zero, run.Output);
        var stored = await AssessmentsAsync();
        var html = await File.ReadAllTextAsync(Directory.GetFiles(Reports, "*.html").Single());
        Assert.Multiple(() =>
        {
            Assert.That(run.Output, Does.Contain("2 vurderinger gemt"));
            Assert.That(stored.Select(a => (a.CriterionId, a.Verdict, a.Reviewer)), Is.EquivalentTo(new[]
            {
                ("K01", AssessmentVerdict.Passed, "Mette Hansen"), ("K02", AssessmentVerdict.Failed, "Mette Hansen"),
            }));
            Assert.That(html, Does.Contain("Vurderet ikke bestået af Mette Hansen"));
            Assert.That(html, Does.Contain("Kommunens telefonnummer mangler i sidehovedet."));
            Assert.That(html, Does.Contain("bestået – Mette Hansen"));
        });
    }

    [Test]
    public async Task Assess_BrokenFile_ExitsWithTwoAndStoresNothing()
    {
        var file = Write("vurdering.yaml", """
            reviewer: Mette Hansen
            assessments:
              - { criterion: K01, verdict: bestået }
              - { criterion: K42, verdict: bestået }
            """);

        var run = await CliRun.RunAsync("assess", "latest", "--file", file, "--db", Db, "--no-report");

        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Output, Does.Contain("vurdering.yaml:4:18: kriteriet 'K42' findes ikke"));
            Assert.That(await AssessmentsAsync(), Is.Empty);
        });
    }

    [Test]
    public async Task Assess_List_ShowsTheCriteriaToAssessAndTheScreenshots()
    {
        var run = await CliRun.RunAsync("assess", "--list", "--db", Db);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero);
            Assert.That(run.Output, Does.Contain("K01 Startsiden forbereder borgeren").And.Contain("Afventer vurdering"));
            Assert.That(run.Output, Does.Not.Contain("K12 Opgaven kan gennemføres"), "machine-only criteria are not asked");
            Assert.That(run.Output, Does.Contain("Skærmbilleder at vurdere ud fra"));
        });
    }

    [Test]
    public async Task Assess_NotInteractiveAndNoFile_SaysToUseFile()
    {
        var run = await CliRun.RunAsync("assess", "--db", Db, "--no-report");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Output, Does.Contain("--file"));
        });
    }

    [Test]
    public async Task Assess_Interactive_AsksPerCriterion()
    {
        var console = new TestConsole().Interactive();
        console.Profile.Width = 200;

        // K01: bestået, no comment. K02: ikke bestået, first severity offered (the criterion's), comment. The rest: skip.
        console.Input.PushKey(ConsoleKey.Enter);
        console.Input.PushKey(ConsoleKey.Enter);
        console.Input.PushKey(ConsoleKey.DownArrow);
        console.Input.PushKey(ConsoleKey.Enter);
        console.Input.PushKey(ConsoleKey.UpArrow);
        console.Input.PushKey(ConsoleKey.Enter);
        console.Input.PushTextWithEnter("Ingen kontaktoplysninger.");
        for (var i = 0; i < 8; i++)
        {
            // "spring over" is the fourth choice.
            console.Input.PushKey(ConsoleKey.DownArrow);
            console.Input.PushKey(ConsoleKey.DownArrow);
            console.Input.PushKey(ConsoleKey.DownArrow);
            console.Input.PushKey(ConsoleKey.Enter);
        }

        var code = await LabCommandLine.RunAsync(["assess", "--db", Db, "--reviewer", "Ole", "--no-report"], console);

        var stored = await AssessmentsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, console.Output);
            Assert.That(stored.OrderBy(a => a.CriterionId).Select(a => (a.CriterionId, a.Verdict)), Is.EqualTo(new[]
            {
                ("K01", AssessmentVerdict.Passed), ("K02", AssessmentVerdict.Failed),
            }));
            Assert.That(stored.Single(a => a.CriterionId == "K02").Comment, Is.EqualTo("Ingen kontaktoplysninger."));
            Assert.That(stored.Single(a => a.CriterionId == "K02").Severity, Is.EqualTo(UsabilityLab.Core.Checklists.Severity.Serious));
            Assert.That(stored.Select(a => a.Reviewer), Is.All.EqualTo("Ole"));
        });
    }

    private async Task<List<Assessment>> AssessmentsAsync()
    {
        await using var db = await LabDatabase.OpenAsync(Db);
        return await db.Assessments.AsNoTracking().ToListAsync();
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
