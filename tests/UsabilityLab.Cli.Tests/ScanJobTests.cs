using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Audits;
using UsabilityLab.Data;
using UsabilityLab.DemoSites;
using UsabilityLab.Jobs;
using UsabilityLab.Tests.Shared;

namespace UsabilityLab.Cli.Tests;

/// <summary>
/// Scans as jobs on a real PostgreSQL server: <c>scan --queue</c> and <c>scan --schedule</c> put a
/// scan in the job engine, a <c>worker</c> process runs it and stores its pages, and a scheduled
/// scan is compared with the site's previous one. A small site on loopback whose help page can be
/// made to fail.
/// </summary>
[NonParallelizable]
public class ScanJobTests
{
    private static readonly TimeSpan _limit = TimeSpan.FromMinutes(5);

    private DemoServer _server = null!;
    private DirectoryInfo _work = null!;
    private string _database = string.Empty;
    private volatile bool _helpBroken;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await DemoServer.StartAsync(MapSite);

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [SetUp]
    public void CreateFolder()
    {
        _work = Directory.CreateTempSubdirectory("usabilitylab-scanjob-");
        _database = TestDatabase.Location(TestDatabase.Postgres, _work.FullName);
        _helpBroken = false;
    }

    [TearDown]
    public async Task DeleteAsync()
    {
        await TestDatabase.DropAsync(_database);
        _work.Delete(recursive: true);
    }

    [Test]
    public async Task QueuedAndScheduledScans_AreRunByAWorker_AndAPageThatStoppedOpening_IsFlagged()
    {
        string[] pages = [_server.BaseUrl + "/sted/", _server.BaseUrl + "/sted/a", _server.BaseUrl + "/sted/b"];
        var queued = await CliRun.RunAsync(["scan", .. pages, "--queue", "--db", _database]);
        Assert.That(queued.ExitCode, Is.Zero, queued.Output);
        Assert.That(queued.Output, Does.Contain("i kø: scanning af 127.0.0.1 (3 sider)"));

        var planned = await CliRun.RunAsync(["scan", .. pages, "--name", "Nordby", "--schedule", "0 6 * * 1", "--notify", "anmelder@kl.example", "--db", _database]);
        Assert.That(planned.ExitCode, Is.Zero, planned.Output);
        Assert.That(planned.Output, Does.Contain("scanning-nordby"));
        var badCron = await CliRun.RunAsync(["scan", .. pages, "--name", "Nordby", "--schedule", "hver mandag", "--db", _database]);
        Assert.That(badCron.ExitCode, Is.EqualTo(ExitCodes.BadInput), badCron.Output);
        Assert.That(OneLine(badCron.Output), Does.Contain("kan ikke læses som cron").And.Contain("0 6 * * 1"));

        var listed = await CliRun.RunAsync("schedules", "--db", _database);
        Assert.That(listed.ExitCode, Is.Zero, listed.Output);
        Assert.That(OneLine(listed.Output), Does.Contain("scanning-nordby").And.Contain("0 6 * * 1").And.Contain("endnu ikke kørt"));

        using var worker = LabProcess.Start(_work.FullName, "worker", "--db", _database, "--name", "scan-worker", "--parallel", "1");
        await WaitForScansAsync(worker, 1);

        // The schedule's first run is the site's first scan under its name: nothing to compare with.
        Assert.That((await CliRun.RunAsync("schedules", "--run-now", "scanning-nordby", "--db", _database)).ExitCode, Is.Zero);
        await WaitForScansAsync(worker, 2);

        // The help page now answers 500: the next scheduled run flags the page that no longer opens.
        _helpBroken = true;
        Assert.That((await CliRun.RunAsync("schedules", "--run-now", "scanning-nordby", "--db", _database)).ExitCode, Is.Zero);
        await WaitForScansAsync(worker, 3);

        await using var db = new LabDbContext(LabDatabase.Options(_database));
        var scans = await db.Scans.AsNoTracking().Include(s => s.Pages).OrderBy(s => s.StartedAt).ToListAsync();
        var board = JobBoard.Read(LabJobs.Storage(_database));
        Assert.Multiple(() =>
        {
            Assert.That(scans.Select(s => s.Name), Is.EqualTo(new[] { "127.0.0.1", "Nordby", "Nordby" }));
            Assert.That(scans.Select(s => s.Status), Is.All.EqualTo(AuditStatus.Completed));
            Assert.That(scans.Select(s => s.Pages.Count), Is.All.EqualTo(3), "every page of every scan is stored");
            Assert.That(scans[^1].Pages.Count(p => !p.TaskCompleted), Is.EqualTo(1), "the broken page is a page that could not be opened");
            Assert.That(Regex.Count(worker.Output, "overvågning"), Is.EqualTo(1), "only the run after the break is flagged:\n" + worker.Output);
            Assert.That(OneLine(worker.Output), Does.Contain("1 side kan ikke længere åbnes"));
            Assert.That(board.Jobs.Where(j => j.IsScan && j.State == JobState.Completed).Select(j => j.ScanId), Is.EquivalentTo(scans.Select(s => (Guid?)s.Id)),
                "the queue page shows each scan job with the scan it stored");
            Assert.That(board.Jobs.Where(j => j.IsScan).Select(j => j.What), Has.Some.EqualTo("scanning af Nordby (3 sider)"));
        });

        var report = await CliRun.RunAsync("report", "--scan", "latest", "--db", _database, "--reports", Path.Combine(_work.FullName, "reports"), "--no-pdf");
        Assert.That(report.ExitCode, Is.Zero, report.Output);
        var html = Directory.GetFiles(Path.Combine(_work.FullName, "reports", "scans"), "*.html").Single();
        Assert.That(await File.ReadAllTextAsync(html), Does.Contain("Nordby").And.Contain("/sted/b"));

        var removed = await CliRun.RunAsync("schedules", "--remove", "scanning-nordby", "--db", _database);
        Assert.That(removed.ExitCode, Is.Zero, removed.Output);
        Assert.That(Schedules.All(LabJobs.Storage(_database)), Is.Empty);
    }

    [Test]
    public async Task QueueOrSchedule_OnAnSqliteFile_IsRefused_AndNotifyNeedsASchedule()
    {
        var sqlite = Path.Combine(_work.FullName, "lab.db");
        var queue = await CliRun.RunAsync("scan", _server.BaseUrl + "/sted/", "--queue", "--db", sqlite);
        var notify = await CliRun.RunAsync("scan", _server.BaseUrl + "/sted/", "--notify", "a@b.example", "--db", _database);

        Assert.Multiple(() =>
        {
            Assert.That(queue.ExitCode, Is.EqualTo(ExitCodes.BadInput), queue.Output);
            Assert.That(OneLine(queue.Output), Does.Contain("PostgreSQL"));
            Assert.That(File.Exists(sqlite), Is.False, "nothing is written");
            Assert.That(notify.ExitCode, Is.EqualTo(ExitCodes.BadInput), notify.Output);
            Assert.That(OneLine(notify.Output), Does.Contain("--notify gælder kun en planlagt scanning"));
        });
    }

    private async Task WaitForScansAsync(LabProcess worker, int completed)
    {
        var clock = Stopwatch.StartNew();
        await using var db = new LabDbContext(LabDatabase.Options(_database));
        while (await db.Scans.CountAsync(s => s.Status == AuditStatus.Completed) < completed)
        {
            Assert.That(worker.HasExited, Is.False, worker.Output);
            Assert.That(clock.Elapsed, Is.LessThan(_limit), $"scan no. {completed} was not completed; the worker:\n{worker.Output}");
            await Task.Delay(200);
        }

        // The worker says so after storing; wait for its line too, so the output read next is whole.
        while (Regex.Count(worker.Output, "færdig: scanning") < completed && clock.Elapsed < _limit)
        {
            await Task.Delay(100);
        }
    }

    /// <summary>The console wraps long lines at its width; the tests read the words.</summary>
    private static string OneLine(string output) => Regex.Replace(output, @"\s+", " ");

    private static string Page(string title, string main) => $"""
        <!DOCTYPE html>
        <html lang="da">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} – Nordby Kommune</title></head>
        <body><header><a href="/sted/">Nordby Kommune</a></header><main><h1>{title}</h1>{main}</main></body>
        </html>
        """;

    private void MapSite(IEndpointRouteBuilder routes)
    {
        static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");
        routes.MapGet("/sted/", () => Html(Page("Forside", """<p>Velkommen.</p><p><a href="/sted/a">Flytning</a> · <a href="/sted/b">Hjælp</a></p>""")));
        routes.MapGet("/sted/a", () => Html(Page("Flytning", "<p>Her kan du anmelde din flytning.</p>")));
        routes.MapGet("/sted/b", () => _helpBroken ? Results.StatusCode(500) : Html(Page("Hjælp", "<p>Ring til os på 70 10 20 30.</p>")));
    }
}
