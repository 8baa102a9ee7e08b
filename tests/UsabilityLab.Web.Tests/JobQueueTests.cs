using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Microsoft.Playwright.NUnit;
using UsabilityLab.Browser;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scripts;
using UsabilityLab.DemoSites;
using UsabilityLab.Jobs;
using UsabilityLab.Tests.Shared;
using UsabilityLab.Web.Services;

namespace UsabilityLab.Web.Tests;

/// <summary>
/// The workbench on PostgreSQL as a team server whose audits run on separate workers: it puts
/// audits in the job queue and shows the queue from the engine, with the workers, what each runs,
/// and a failed job with its reason. The worker here is a real one (Hangfire server, Chromium) in
/// the test's process.
/// </summary>
public class JobQueueTests : PageTest
{
    private const string Script = """
        id: bestil-tid
        title: Bestil tid
        start: /tid/
        steps:
          - name: Bestilling
            expect:
              - text: "Vælg en tid"
        """;

    private TestWorkbench _workbench = null!;
    private DemoServer _site = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _workbench = new TestWorkbench(TestDatabase.Postgres) { RunsJobs = false };
        await SeededWorld.CreateAsync(_workbench);
        _site = await DemoServer.StartAsync(app => app.MapGet("/tid/", () => Results.Content(
            "<!DOCTYPE html><html lang=\"da\"><head><title>Bestil tid – Lysning Kommune</title></head><body><main><h1>Bestil tid</h1><p>Vælg en tid, der passer dig.</p></main></body></html>",
            "text/html; charset=utf-8")));
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _site.DisposeAsync();
        await _workbench.DisposeAsync();
    }

    [Test]
    public async Task QueuedAudits_WaitForAWorker_ThenShowTheWorker_TheAudit_AndTheFailedJobsReason()
    {
        var jobs = _workbench.Services.GetRequiredService<AuditJobs>();
        var script = TaskScriptParser.Parse("bestil-tid.yaml", Script);
        var checklist = ChecklistParser.Load(Path.Combine(TestWorkbench.RepositoryRoot, "checklists", "kl-selvbetjening.yaml"));
        var request = new AuditRequest(script, Script, checklist, "Lysning Digital A/S", "Bestil tid", _site.BaseUrl, TestData.For(script));
        var good = jobs.Enqueue(request, "anmelder");

        // A job whose script a worker cannot read (written by hand into the queue): it fails, is tried once more, and fails with the parser's message.
        var broken = LabJobs.Enqueue(jobs.Storage, AuditOrder.From(request, "anmelder") with { ScriptText = "id: brudt\nsteps: [" });

        var reviewer = await WorkbenchLogin.LoginAsync(Browser, _workbench.BaseAddress, SeededWorld.Reviewer, TestWorkbench.Password);
        await reviewer.GotoAsync(Url("/koersler"));
        await Expect(reviewer.GetByRole(AriaRole.Status)).ToContainTextAsync("Ingen worker kører lige nu");
        await Expect(reviewer.Locator("tr[data-run-state='Queued']")).ToHaveCountAsync(2);
        await Expect(reviewer.Locator("main p").First).ToContainTextAsync("0 kører, 2 venter i kø");

        var events = new RecordedEvents();
        await using (var worker = AuditWorker.Start(new AuditWorkerContext(_workbench.Database, new BrowserOptions(), events), 1, "worker-test"))
        {
            var deadline = DateTime.UtcNow.AddMinutes(5);
            JobBoardView board;
            do
            {
                await Task.Delay(500);
                board = jobs.Board();
            }
            while ((board.Completed < 1 || board.Failed < 1) && DateTime.UtcNow < deadline);
            Assert.That((board.Completed, board.Failed), Is.EqualTo((1L, 1L)), $"the queue after five minutes; worker: {events}");

            await reviewer.ReloadAsync();
            var workerRow = reviewer.Locator("tr[data-worker='worker-test']");
            await Expect(workerRow).ToContainTextAsync("intet");

            var done = reviewer.Locator($"tr[data-job='{good}']");
            await Expect(done).ToHaveAttributeAsync("data-run-state", "Completed");
            var auditLink = await done.GetByRole(AriaRole.Link, new() { Name = "Åbn gennemgangen" }).GetAttributeAsync("href");
            var auditId = Guid.Parse(auditLink!.Split('/')[^1]);
            var stored = await _workbench.WithDatabaseAsync(db => db.Audits.SingleAsync(a => a.Id == auditId));
            Assert.That((stored.Status, stored.TaskCompleted), Is.EqualTo((AuditStatus.Completed, true)));

            var failed = reviewer.Locator($"tr[data-job='{broken}']");
            await Expect(failed).ToHaveAttributeAsync("data-run-state", "Failed");
            await Expect(failed).ToContainTextAsync("bestil-tid.yaml:3:1: ugyldig YAML");

            // The job's own page and its status: the failure's reason, and the finished one's audit.
            await reviewer.GotoAsync(Url(AuditJobs.Link(broken)));
            await Expect(reviewer.Locator("[data-run-text]")).ToContainTextAsync("Jobbet fejlede:");
            var status = await reviewer.APIRequest.GetAsync(Url(AuditJobs.Link(good) + "/status"));
            var json = JsonDocument.Parse(await status.TextAsync()).RootElement;
            Assert.Multiple(() =>
            {
                Assert.That(json.GetProperty("state").GetString(), Is.EqualTo("Completed"));
                Assert.That(json.GetProperty("auditUrl").GetString(), Is.EqualTo($"/gennemgange/{auditId}"));
                Assert.That(json.GetProperty("finished").GetArrayLength(), Is.EqualTo(1));
                Assert.That(events.Failures, Is.EqualTo(2), "the broken job was tried twice");
            });
        }
    }

    private string Url(string path) => new Uri(_workbench.BaseAddress, path).ToString();

    private sealed class RecordedEvents : IWorkerEvents
    {
        private readonly List<string> _lines = [];
        private int _failures;

        public int Failures => _failures;

        public void Started(string jobId, string what) => Add($"{jobId} starts");

        public void Finished(string jobId, AuditOrder order, Audit audit) => Add($"{jobId} done");

        public void ScanFinished(string jobId, ScanOrder order, Guid scanId, Core.Scans.ScanSummary summary) => Add($"{jobId} scanned");

        public void Failed(string jobId, string what, Exception exception)
        {
            Interlocked.Increment(ref _failures);
            Add($"{jobId} failed: {exception.Message}");
        }

        public void Skipped(string jobId, string what, Guid resultId) => Add($"{jobId} skipped");

        public void Flagged(string jobId, string what, string change) => Add($"{jobId} flagged: {change}");

        public override string ToString()
        {
            lock (_lines)
            {
                return string.Join("; ", _lines);
            }
        }

        private void Add(string line)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }
}
