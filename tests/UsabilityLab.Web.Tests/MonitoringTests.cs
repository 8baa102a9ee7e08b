using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Microsoft.Playwright.NUnit;
using UsabilityLab.Core.Audits;
using UsabilityLab.Data;
using UsabilityLab.DemoSites;
using UsabilityLab.Jobs;
using UsabilityLab.Tests.Shared;
using UsabilityLab.Web.Services;

namespace UsabilityLab.Web.Tests;

/// <summary>
/// Scheduled monitoring on PostgreSQL, through the workbench's pages: a reviewer plans a solution's
/// task, runs it now twice (the workbench's own worker takes the jobs); the second run finds the task
/// no longer completes, and the reviewer is mailed (a real SMTP conversation with a sink on loopback)
/// and sees the flag on the dashboard. The same for a planned scan of a site's pages.
/// </summary>
public class MonitoringTests : PageTest
{
    private const string Script = """
        id: bestil-tid
        title: Bestil tid
        start: /tid/
        steps:
          - name: Bestilling
            do:
              - click: { role: link, name: "Bestil tiden" }
          - name: Kvittering
            expect:
              - text: "Sagsnummer"
        """;

    private static readonly string[] _mailSettings = ["USABILITYLAB_SMTP_HOST", "USABILITYLAB_SMTP_PORT", "USABILITYLAB_SMTP_FROM", "USABILITYLAB_WORKBENCH_URL"];

    private SmtpSink _mail = null!;
    private TestWorkbench _workbench = null!;
    private DemoServer _site = null!;
    private volatile bool _broken;

    [SetUp]
    public async Task StartAsync()
    {
        // One fixture object serves every test: each starts with a working site.
        _broken = false;
        _mail = new SmtpSink();
        Environment.SetEnvironmentVariable("USABILITYLAB_SMTP_HOST", "127.0.0.1");
        Environment.SetEnvironmentVariable("USABILITYLAB_SMTP_PORT", _mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable("USABILITYLAB_SMTP_FROM", "usabilitylab@kl.example");
        Environment.SetEnvironmentVariable("USABILITYLAB_WORKBENCH_URL", "https://lab.kl.example/");
        _workbench = new TestWorkbench(TestDatabase.Postgres);
        await SeededWorld.CreateAsync(_workbench);
        _site = await DemoServer.StartAsync(app =>
        {
            app.MapGet("/tid/", () => Results.Content(
                "<!DOCTYPE html><html lang=\"da\"><head><title>Bestil tid – Lysning Kommune</title></head><body><main><h1>Bestil tid</h1><p><a href=\"/tid/kvittering\">Bestil tiden</a></p></main></body></html>",
                "text/html; charset=utf-8"));
            app.MapGet("/tid/kvittering", () => Results.Content(
                _broken
                    ? "<!DOCTYPE html><html lang=\"da\"><head><title>Fejl – Lysning Kommune</title></head><body><main><h1>Der skete en fejl</h1><p>Prøv igen senere.</p></main></body></html>"
                    : "<!DOCTYPE html><html lang=\"da\"><head><title>Kvittering – Bestil tid – Lysning Kommune</title></head><body><main><h1>Tak</h1><p>Sagsnummer: T-2026-7.</p></main></body></html>",
                "text/html; charset=utf-8"));
            app.MapGet("/tid/hjaelp", () => _broken
                ? Results.StatusCode(500)
                : Results.Content("<!DOCTYPE html><html lang=\"da\"><head><title>Hjælp – Lysning Kommune</title></head><body><main><h1>Hjælp</h1><p>Ring på 70 10 20 30.</p></main></body></html>", "text/html; charset=utf-8"));
        });
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _site.DisposeAsync();
        await _workbench.DisposeAsync();
        await _mail.DisposeAsync();
        foreach (var name in _mailSettings)
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Test]
    public async Task ASchedule_RunTwice_FlagsTheTaskThatStoppedCompleting_ByMailAndOnTheDashboard()
    {
        var solutionId = await _workbench.WithDatabaseAsync(async db =>
        {
            var vendor = db.Vendors.Add(new Vendor { Name = "Lysning Digital A/S" }).Entity;
            var solution = db.Solutions.Add(new Solution { Name = "Bestil tid", BaseUrl = _site.BaseUrl, Vendor = vendor }).Entity;
            solution.Tasks.Add(new SolutionTask { TaskId = "bestil-tid", Title = "Bestil tid", Script = Script, ChecklistId = "kl-selvbetjening" });
            await db.SaveChangesAsync();
            return solution.Id;
        });
        var reviewer = await WorkbenchLogin.LoginAsync(Browser, _workbench.BaseAddress, SeededWorld.Reviewer, TestWorkbench.Password);
        await reviewer.GotoAsync(Url($"/loesninger/{solutionId}"));

        // A plan the engine cannot read is refused with how to write one.
        await reviewer.GetByLabel("Plan som cron", new() { Exact = false }).FillAsync("hver mandag");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Gem planen" }).ClickAsync();
        await Expect(reviewer.GetByRole(AriaRole.Alert)).ToContainTextAsync("kan ikke læses som cron");

        await reviewer.GetByLabel("Plan som cron", new() { Exact = false }).FillAsync("0 6 * * 1");
        await reviewer.GetByLabel("E-mail til anmelderen", new() { Exact = false }).FillAsync("anmelder@lysning.example");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Gem planen" }).ClickAsync();
        await Expect(reviewer.GetByRole(AriaRole.Status)).ToContainTextAsync("Planen er gemt");
        var row = reviewer.Locator($"tr[data-schedule='{Schedules.IdFor(solutionId, "bestil-tid")}']");
        await Expect(row).ToContainTextAsync("0 6 * * 1");
        await Expect(row).ToContainTextAsync("anmelder@lysning.example");

        // The first run: nothing to compare with, nothing flagged, no mail.
        await RunNowAndWaitAsync(reviewer, solutionId, 1);
        Assert.That(_mail.Mails, Is.Empty, "a task's first audit has nothing to compare with");

        // The solution breaks its receipt; the second run is compared with the first.
        _broken = true;
        var second = await RunNowAndWaitAsync(reviewer, solutionId, 2);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (_mail.Mails.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var mail = _mail.Mails.Single();
        Assert.Multiple(() =>
        {
            Assert.That(mail.To, Is.EqualTo(new[] { "anmelder@lysning.example" }));
            Assert.That(mail.From, Is.EqualTo("usabilitylab@kl.example"));
            Assert.That(mail.Subject, Is.EqualTo("UsabilityLab: Lysning Digital A/S – Bestil tid: Opgaven kan ikke længere gennemføres."));
            Assert.That(mail.Body, Does.Contain($"https://lab.kl.example/gennemgange/{second}"));
        });

        await reviewer.GotoAsync(Url("/"));
        var flag = reviewer.Locator("tr", new() { HasText = "Bestil tid" }).Locator("[data-flag]");
        await Expect(flag).ToHaveTextAsync("⚠ Opgaven kan ikke længere gennemføres.");
        await Expect(flag).ToHaveAttributeAsync("href", $"/gennemgange/{second}");

        await reviewer.GotoAsync(Url($"/loesninger/{solutionId}"));
        await row.GetByRole(AriaRole.Button, new() { Name = "Slet planen" }).ClickAsync();
        await Expect(reviewer.GetByRole(AriaRole.Status)).ToContainTextAsync("Planen er slettet");
        Assert.That(Schedules.ForSolution(_workbench.Services.GetRequiredService<AuditJobs>().Storage, solutionId), Is.Empty);
    }

    /// <summary>
    /// A planned scan made on the queue page: a bad address refused with its line, the plan saved and
    /// run twice by the workbench's own worker; the second time the help page answers 500, and the
    /// reviewer is mailed that one page no longer opens.
    /// </summary>
    [Test]
    public async Task AScanPlan_RunTwice_MailsThePageThatStoppedOpening()
    {
        var reviewer = await WorkbenchLogin.LoginAsync(Browser, _workbench.BaseAddress, SeededWorld.Reviewer, TestWorkbench.Password);
        await reviewer.GotoAsync(Url("/koersler"));
        var form = reviewer.Locator("form[action='/koersler/scanninger']");
        await form.GetByLabel("Navn", new() { Exact = false }).FillAsync("Lysning");
        await form.GetByLabel("Adresser, én pr. linje").FillAsync($"{_site.BaseUrl}/tid/\nlysning.example/hjaelp");
        await form.GetByRole(AriaRole.Button, new() { Name = "Gem planen" }).ClickAsync();
        await Expect(reviewer.GetByRole(AriaRole.Alert)).ToContainTextAsync("linje 2: 'lysning.example/hjaelp' er ikke en fuld http- eller https-adresse");

        await form.GetByLabel("Navn", new() { Exact = false }).FillAsync("Lysning");
        await form.GetByLabel("Adresser, én pr. linje").FillAsync($"{_site.BaseUrl}/tid/\n{_site.BaseUrl}/tid/hjaelp");
        await form.GetByLabel("E-mail til anmelderen", new() { Exact = false }).FillAsync("anmelder@lysning.example");
        await form.GetByRole(AriaRole.Button, new() { Name = "Gem planen" }).ClickAsync();
        await Expect(reviewer.GetByText("Planen er gemt")).ToBeVisibleAsync();
        var row = reviewer.Locator("tr[data-schedule='scanning-lysning']");
        await Expect(row).ToContainTextAsync("scanning af Lysning (2 sider)");
        await Expect(row).ToContainTextAsync("anmelder@lysning.example");

        await RunScanNowAndWaitAsync(reviewer, 1);
        Assert.That(_mail.Mails, Is.Empty, "a site's first scan has nothing to compare with");

        _broken = true;
        await RunScanNowAndWaitAsync(reviewer, 2);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (_mail.Mails.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var mail = _mail.Mails.Single();
        Assert.Multiple(() =>
        {
            Assert.That(mail.Subject, Is.EqualTo("UsabilityLab: Lysning: 1 side kan ikke længere åbnes."));
            Assert.That(mail.Body, Does.Contain($"kan ikke åbnes: {_site.BaseUrl}/tid/hjaelp"));
        });

        // The queue lists the scan's job with the command that writes its report.
        await reviewer.GotoAsync(Url("/koersler"));
        await Expect(reviewer.Locator("tr[data-job]", new() { HasText = "scanning af Lysning" }).First).ToContainTextAsync("usabilitylab report --scan");
        await row.GetByRole(AriaRole.Button, new() { Name = "Slet planen" }).ClickAsync();
        await Expect(reviewer.GetByText("Planen er slettet")).ToBeVisibleAsync();
        Assert.That(Schedules.All(_workbench.Services.GetRequiredService<AuditJobs>().Storage), Is.Empty);
    }

    /// <summary>Presses the scan plan's "Kør nu" and waits for the scan to be stored.</summary>
    private async Task RunScanNowAndWaitAsync(IPage reviewer, int run)
    {
        await reviewer.GotoAsync(Url("/koersler"));
        await reviewer.Locator("tr[data-schedule='scanning-lysning']").GetByRole(AriaRole.Button, new() { Name = "Kør nu" }).ClickAsync();
        await Expect(reviewer.GetByText("Scanningen er lagt i køen")).ToBeVisibleAsync();
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (await _workbench.WithDatabaseAsync(db => db.Scans.CountAsync(s => s.Status == AuditStatus.Completed)) < run && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        var storage = _workbench.Services.GetRequiredService<AuditJobs>().Storage;
        var stats = storage.GetMonitoringApi().GetStatistics();
        Assert.That(await _workbench.WithDatabaseAsync(db => db.Scans.CountAsync(s => s.Status == AuditStatus.Completed)), Is.EqualTo(run),
            $"scan {run}: {stats.Failed} failed, {stats.Enqueued} waiting, {stats.Processing} running");

        // The mail is sent after the scan is stored: wait for the job itself to end.
        while (storage.GetMonitoringApi().GetStatistics().Succeeded < run && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
    }

    /// <summary>Presses "Kør nu" and waits for the monitoring job to succeed; returns the audit it stored.</summary>
    private async Task<Guid> RunNowAndWaitAsync(IPage reviewer, int solutionId, int run)
    {
        await reviewer.GotoAsync(Url($"/loesninger/{solutionId}"));
        await reviewer.Locator($"tr[data-schedule='{Schedules.IdFor(solutionId, "bestil-tid")}']").GetByRole(AriaRole.Button, new() { Name = "Kør nu" }).ClickAsync();
        await Expect(reviewer.GetByRole(AriaRole.Status)).ToContainTextAsync("lagt i køen");
        var storage = _workbench.Services.GetRequiredService<AuditJobs>().Storage;
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (storage.GetMonitoringApi().GetStatistics().Succeeded < run && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        var stats = storage.GetMonitoringApi().GetStatistics();
        Assert.That(stats.Succeeded, Is.EqualTo(run), $"monitoring job {run}: {stats.Failed} failed, {stats.Enqueued} waiting, {stats.Processing} running");
        return await _workbench.WithDatabaseAsync(db => db.Audits.Where(a => a.SolutionId == solutionId && a.Status == AuditStatus.Completed)
            .OrderByDescending(a => a.StartedAt).Select(a => a.Id).FirstAsync());
    }

    private string Url(string path) => new Uri(_workbench.BaseAddress, path).ToString();
}
