using Microsoft.Data.Sqlite;

namespace UsabilityLab.Cli.Tests;

public class CommandLineTests
{
    private DirectoryInfo _folder = null!;

    private string Db => Path.Combine(_folder.FullName, "data", "lab.db");

    private string Reports => Path.Combine(_folder.FullName, "reports");

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("usabilitylab-cli-");

    [TearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Test]
    public async Task Help_ListsTheCommandsAndExitCodes()
    {
        var run = await CliRun.RunAsync("--help");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero);
            // Each command on a line of its own in the list, so "audit" is not found inside "audits".
            foreach (var command in new[] { "audit", "run <fil>", "report <gennemgang>", "audits", "assess <gennemgang>", "demo", "serve", "bench" })
            {
                Assert.That(run.Output, Does.Match($@"(?m)^\s+{System.Text.RegularExpressions.Regex.Escape(command)}\s{{2,}}\S"), command);
            }

            Assert.That(run.Output, Does.Contain("Exitkoder: 0 færdig"));
        });
    }

    [Test]
    public async Task AuditHelp_ExplainsEveryOption()
    {
        var run = await CliRun.RunAsync("audit", "--help");

        Assert.That(run.Output, Does.Contain("--script").And.Contain("--url").And.Contain("--vendor").And.Contain("--set").And.Contain("--checklist").And.Contain("--db"));
    }

    [Test]
    public async Task Audit_BrokenScript_ExitsWithTwoAndWritesNothing()
    {
        var script = Write("ødelagt.yaml", """
            id: x
            title: X
            start: /
            steps:
              - name: A
                do:
                  - klik: { text: Videre }
            """);

        var run = await CliRun.RunAsync("audit", "--script", script, "--url", "http://127.0.0.1:9", "--vendor", "V", "--db", Db, "--reports", Reports);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Output, Does.Contain("ødelagt.yaml:7:9: ukendt handling 'klik'"));
            Assert.That(run.Output, Does.Contain("Intet er skrevet til databasen"));
            Assert.That(File.Exists(Db), Is.False, "no database file");
            Assert.That(Directory.Exists(Reports), Is.False, "no report folder");
        });
    }

    [Test]
    public async Task Audit_BrokenChecklist_ExitsWithTwoAndWritesNothing()
    {
        var script = Write("ok.yaml", "id: x\ntitle: X\nstart: /\nsteps:\n  - name: A\n");
        var checklist = Write("tjek.yaml", "schema: 7\n");

        var run = await CliRun.RunAsync("audit", "-s", script, "-c", checklist, "-u", "http://127.0.0.1:9", "--vendor", "V", "--db", Db);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Output, Does.Contain("tjek.yaml:1:9:").And.Contain("skema 7"));
            Assert.That(File.Exists(Db), Is.False);
        });
    }

    [Test]
    public async Task Audit_OverrideOfUnknownTestData_ExitsWithTwo()
    {
        var script = Write("ok.yaml", "id: x\ntitle: X\nstart: /\ndata: { by: Aarhus }\nsteps:\n  - name: A\n");

        var run = await CliRun.RunAsync("audit", "-s", script, "-u", "http://127.0.0.1:9", "--vendor", "V", "--set", "bye=Odense", "--db", Db);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Output, Does.Contain("'bye' findes ikke"));
            Assert.That(File.Exists(Db), Is.False);
        });
    }

    [TestCase("audit", "--vendor", "V", "--url", "http://127.0.0.1:9", TestName = "MissingScript")]
    [TestCase("audit", "-s", "x.yaml", "--vendor", "V", "--url", "ftp://x", TestName = "NonHttpUrl")]
    [TestCase("audit", "-s", "x.yaml", "--vendor", "V", "--url", "http://x", "--timeout", "0", TestName = "TimeoutOutOfRange")]
    [TestCase("audit", "--colour", TestName = "UnknownOption")]
    [TestCase("revisit", TestName = "UnknownCommand")]
    public async Task BadArguments_ExitWithTwoAndPointToHelp(params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Output, Does.Contain("--help"));
        });
    }

    [TestCase("worker", TestName = "Worker")]
    [TestCase("run", "plan.yaml", "--queue", TestName = "RunQueue")]
    public async Task JobCommands_OnAnSqliteFile_ExitWithTwo_AndSayWhatToGive(params string[] args)
    {
        var run = await CliRun.RunAsync([.. args, "--db", Db]);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Output, Does.Contain("PostgreSQL-database").And.Contain("--db \"Host="));
            Assert.That(File.Exists(Db), Is.False, "nothing is created");
        });
    }

    [Test]
    public async Task Report_WithoutDatabase_ExitsWithTwo()
    {
        var run = await CliRun.RunAsync("report", "--db", Db, "--no-pdf");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Output, Does.Contain("databasen findes ikke"));
        });
    }

    [Test]
    public async Task Demo_AuditsBothVendors_StoresThem_AndWritesHtmlAndPdfReports()
    {
        var demo = await CliRun.RunAsync("demo", "--parallel", "1", "--db", Db, "--reports", Reports);

        Assert.That(demo.ExitCode, Is.Zero, demo.Output);
        Assert.Multiple(() =>
        {
            Assert.That(demo.Output, Does.Contain("Nordlys Digital A/S").And.Contain("Blokform ApS"));
            Assert.That(demo.Output, Does.Contain("Trin 3/5 Ny adresse"));
            Assert.That(demo.Output, Does.Contain("opgaven blev gennemført ·"), "the well-made vendor; its findings are asserted in AuditRunnerTests");
            Assert.That(demo.Output, Does.Contain("opgaven fejlede på trin 5"));

            // A step's line counts what was found while it ran; the summary counts every check per step.
            Assert.That(demo.Output, Does.Not.Contain("· ingen fund ·"), "a step line never claims no findings before the page checks have run");
            Assert.That(demo.Output, Does.Contain("fund pr. trin, alle kontroller: 1 Start: "));
            Assert.That(demo.Output, Does.Contain("anbefalinger (bedste praksis)"), "the flawed vendor's landmarks");
            Assert.That(demo.Output, Does.Contain("Sammenligning"));
            Assert.That(Directory.GetFiles(Reports, "*.html"), Has.Length.EqualTo(2));
            Assert.That(Directory.GetFiles(Reports, "*.pdf"), Has.Length.EqualTo(2));
            Assert.That(Directory.GetFiles(Path.Combine(_folder.FullName, "data", "evidence"), "*.jpg", SearchOption.AllDirectories), Has.Length.GreaterThanOrEqualTo(10));
        });

        var list = await CliRun.RunAsync("audits", "--db", Db);
        Assert.That(list.Output, Does.Contain("Nordlys Digital A/S").And.Contain("Blokform ApS").And.Contain("fejlede").And.Contain("gennemført"));

        var again = Path.Combine(_folder.FullName, "igen");
        var report = await CliRun.RunAsync("report", "latest", "--db", Db, "--reports", again, "--no-pdf");
        Assert.Multiple(() =>
        {
            Assert.That(report.ExitCode, Is.Zero, report.Output);
            Assert.That(Directory.GetFiles(again, "blokform-aps_*.html"), Has.Length.EqualTo(1), "the newest audit is the second vendor's");
            Assert.That(Directory.GetFiles(again, "*.pdf"), Is.Empty);
        });
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
