using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Microsoft.Playwright.NUnit;
using UsabilityLab.Browser.Sessions;
using UsabilityLab.Core.Studies;
using UsabilityLab.Data;
using UsabilityLab.DemoSites;
using UsabilityLab.Tests.Shared;
using UsabilityLab.Web.Services;

namespace UsabilityLab.Web.Tests;

/// <summary>
/// A study run headless through the workbench's pages in Chromium: a facilitator sets it up, runs a
/// session for each of three scripted test citizens (in the same recorded window a person would
/// use) and notes what happens with the keys; the figures, replay, report and a clip follow, the
/// vendor sees only what is theirs to see, and one participant is deleted without a trace.
/// </summary>
[TestFixture]
public partial class GuidedSessionTests : PageTest
{
    private DemoServer _demo = null!;
    private TestWorkbench _workbench = null!;
    private SeededWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _demo = await DemoServer.StartAsync();
        _workbench = new TestWorkbench { Citizens = new ThreeCitizens() };
        _world = await SeededWorld.CreateAsync(_workbench);

        // The seeded Nordlys solution points at the demo server's Nordlys, so citizens can use it.
        var nordlys = _demo.Solutions.Single(s => s.Vendor.Slug == "nordlys").BaseUrl;
        await _workbench.WithDatabaseAsync(db => db.Solutions.Where(s => s.Id == _world.Nordlys.SolutionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.BaseUrl, nordlys)));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _workbench.DisposeAsync();
        await _demo.DisposeAsync();
    }

    [Test]
    public async Task FullStudy_ThreeScriptedCitizens_FacilitatedInTheBrowser_GivesFiguresReportAndDeletesOneWithoutATrace()
    {
        var sessions = _workbench.Services.GetRequiredService<GuidedSessions>();
        var page = await LoginAsync(SeededWorld.Facilitator);

        // The facilitator sets up the study ...
        await page.GetByRole(AriaRole.Link, new() { Name = "Brugertest" }).ClickAsync();
        await page.GetByLabel("Løsning", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Nordlys Digital A/S – Anmeld flytning" });
        await page.GetByLabel("Studiets navn").FillAsync("Flytning, ældre borgere");
        await page.GetByLabel("Titel").First.FillAsync("Meld flytning");
        await page.GetByLabel("Instruktion, som den læses op for borgeren").First.FillAsync("Du er flyttet til Aarhus. Meld din flytning.");
        await page.GetByLabel("Hvad tæller som gennemført").First.FillAsync("Kvitteringen vises");
        await page.GetByLabel("Startside").First.FillAsync("/flytning/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret studiet" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Flytning, ældre borgere", Level = 1 })).ToBeVisibleAsync();
        var studyId = int.Parse(StudyUrl().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        // ... adds three participants, by pseudonym and coarse facts, and records their consent.
        foreach (var band in new[] { "60-74 år", "75 år eller ældre", "30-44 år" })
        {
            await page.GetByLabel("Aldersgruppe").SelectOptionAsync(new SelectOptionValue { Label = band });
            await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj deltager" }).ClickAsync();
        }

        foreach (var code in ThreeCitizens.Codes)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = $"Registrér samtykke for {code}" }).ClickAsync();
        }

        // Each citizen tries the task while the facilitator notes what happens with one key press.
        var attempts = new Dictionary<string, int>();
        foreach (var code in ThreeCitizens.Codes)
        {
            await page.GetByLabel("Deltager", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = code });
            await page.GetByRole(AriaRole.Button, new() { Name = "Åbn borgerens vindue og start optagelsen" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{code} · Meld flytning" })).ToBeVisibleAsync();
            var attemptId = int.Parse(AttemptUrl().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            attempts[code] = attemptId;
            await sessions.Live(attemptId)!.Acting;
            await Expect(page.Locator("[data-timeline] li").First).ToBeVisibleAsync();

            var note = page.GetByLabel("Tekst (valgfri)");
            switch (code)
            {
                case "P01":
                    // Alt+4 from inside the note field: a quote with the text typed.
                    await note.FillAsync("Note om P01: »Det var nemt«");
                    await note.PressAsync("Alt+4");
                    break;
                case "P02":
                    // 1 outside the field: confusion at once; then an error with a text, by its button.
                    await page.Locator("h1").ClickAsync();
                    await page.Keyboard.PressAsync("1");
                    await Expect(page.Locator("[data-notes] li")).ToHaveCountAsync(1);
                    await note.FillAsync("Note om P02: fandt ikke adressefeltet");
                    await page.GetByRole(AriaRole.Button, new() { Name = "2 Fejl" }).ClickAsync();
                    break;
                default:
                    await note.FillAsync("Note om P03: gav op ved login");
                    await page.Locator("h1").ClickAsync();
                    await page.Keyboard.PressAsync("3");
                    break;
            }

            await Expect(page.Locator("[data-notes] li")).ToHaveCountAsync(code == "P02" ? 2 : 1);
            await Expect(page.Locator("[data-notes]")).ToContainTextAsync($"Note om {code}");
            await Expect(page.GetByLabel("Tekst (valgfri)")).ToHaveValueAsync(string.Empty);
            if (code == "P02")
            {
                await DocsScreenshots.SaveAsync(page, "facilitator");
            }

            await page.GetByRole(AriaRole.Button, new() { Name = ThreeCitizens.Outcome(code).Danish(), Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Opgaven er afsluttet" })).ToBeVisibleAsync();
            await Expect(page.Locator("[data-seq]")).ToHaveTextAsync($"SEQ: {ThreeCitizens.Seq(code)} af 7");
            await page.GetByRole(AriaRole.Button, new() { Name = "Afslut sessionen (borgeren svarer på SUS)" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Sessionen med {code} er afsluttet");
            await sessions.QuestionnaireAsync(await SessionOfAsync(attemptId));
        }

        // The figures on the study's page.
        await page.ReloadAsync();
        var figures = page.Locator("#tal ~ .tabel table").First;
        await Expect(figures).ToContainTextAsync("1 af 3 (33 %");
        await Expect(page.GetByText("Kravene er ikke opfyldt.")).ToBeVisibleAsync();
        await Expect(page.Locator("dl").Last).ToContainTextAsync("n = 3");
        await DocsScreenshots.SaveAsync(page, "studie");

        // The replay: the notes are markers, and a note's button jumps to where the citizen was then.
        await page.GotoAsync(Url($"/forsoeg/{attempts["P01"]}/afspil"));
        await Expect(page.Locator("[data-replay-ready=true]")).ToBeVisibleAsync();
        await Expect(page.Locator(".markoer")).ToHaveCountAsync(1);
        await page.Locator("[data-replay-at]").First.ClickAsync();
        await Expect(page.FrameLocator("[data-replay-stage] iframe").GetByText("Din flytning er anmeldt")).ToBeVisibleAsync();
        await DocsScreenshots.SaveAsync(page, "afspilning");

        // The report, for the review unit: figures, notes by tag with screenshots, links into the replays.
        await page.GotoAsync(Url($"/studier/{studyId}/rapport?gennemgang=true"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Brugertest: Anmeld flytning – Nordlys Digital A/S" })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Note om P03: gav op ved login");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kritisk fejl (1)" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Se i afspilningen" })).ToHaveCountAsync(4);
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^Borgerens vindue ved noten") })).ToHaveCountAsync(4);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Seneste maskinelle gennemgang" })).ToBeVisibleAsync();
        var pdf = await page.APIRequest.GetAsync(Url($"/studier/{studyId}/rapport.pdf"));
        Assert.That(pdf.Status, Is.EqualTo(200));
        Assert.That(System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..5]), Is.EqualTo("%PDF-"));

        // P01's data on request, as a zip.
        var download = await page.RunAndWaitForDownloadAsync(async () =>
        {
            await page.GotoAsync(Url($"/studier/{studyId}"));
            await page.GetByRole(AriaRole.Row, new() { Name = "P01" }).GetByRole(AriaRole.Link, new() { Name = "Udlevér (zip)" }).ClickAsync();
        });
        using (var zip = ZipFile.OpenRead(await download.PathAsync()))
        {
            Assert.That(zip.Entries.Select(e => e.Name), Does.Contain("participant.json").And.Contain("recording.json.gz").And.Contain("trace.zip"));
        }

        // A reviewer attaches a masked clip of P03's attempt to the solution's finding ...
        var reviewer = await LoginAsync(SeededWorld.Reviewer);
        await reviewer.GotoAsync(Url($"/forsoeg/{attempts["P03"]}/afspil"));
        await reviewer.GetByLabel("Fra (m:ss)").FillAsync("0:00");
        await reviewer.GetByLabel("Til (m:ss)").FillAsync("0:30");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Vedhæft klip" }).ClickAsync();
        await Expect(reviewer.GetByRole(AriaRole.Heading, new() { Name = "Fra brugertesten" })).ToBeVisibleAsync();

        // ... which the vendor sees on the finding, with the report, but never the recordings themselves.
        var vendor = await LoginAsync(SeededWorld.NordlysUser);
        await vendor.GotoAsync(reviewer.Url);
        await Expect(vendor.Locator("[data-replay-ready=true]").First).ToBeVisibleAsync();
        await Expect(vendor.Locator("[data-replay]:not([data-replay-ready=true])")).ToHaveCountAsync(0);
        await vendor.GotoAsync(Url($"/studier/{studyId}/rapport"));
        await Expect(vendor.Locator("main")).ToContainTextAsync("Note om P01");
        await Expect(vendor.GetByRole(AriaRole.Link, new() { Name = "Se i afspilningen" })).ToHaveCountAsync(0);
        foreach (var path in new[] { $"/forsoeg/{attempts["P01"]}/optagelse", $"/forsoeg/{attempts["P01"]}/spor", $"/forsoeg/{attempts["P01"]}/afspil", $"/studier/{studyId}" })
        {
            var response = await vendor.APIRequest.GetAsync(Url(path), new() { MaxRedirects = 0, Headers = new Dictionary<string, string> { ["Accept"] = "text/html" } });
            Assert.That(response.Headers.GetValueOrDefault("location"), Does.Contain("/ingen-adgang"), path);
        }

        // P02 asks to have their data deleted.
        await page.GotoAsync(Url($"/studier/{studyId}"));
        var row = page.GetByRole(AriaRole.Row, new() { Name = "P02" });
        await row.GetByLabel("Skriv P02 for at slette alt").FillAsync("P02");
        await row.GetByRole(AriaRole.Button, new() { Name = "Slet P02" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("P02 og alt om deltageren er slettet");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "P02" })).ToHaveCountAsync(0);

        SqliteConnection.ClearAllPools();
        var folder = Path.Combine(_workbench.EvidenceFolder, SessionFiles.Folder, studyId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Multiple(async () =>
        {
            Assert.That(await DataScan.DatabaseCellsContainingAsync(_workbench.Database, "Note om P02"), Is.Empty);
            Assert.That(await _workbench.WithDatabaseAsync(db => db.TaskAttempts.CountAsync(a => a.Id == attempts["P02"])), Is.Zero);
            Assert.That(await _workbench.WithDatabaseAsync(db => db.TimelineEntries.CountAsync(t => t.AttemptId == attempts["P02"])), Is.Zero);
            Assert.That(await _workbench.WithDatabaseAsync(db => db.Participants.CountAsync(p => p.StudyId == studyId && p.Code == "P02")), Is.Zero);
            Assert.That(Directory.EnumerateDirectories(folder).Count(), Is.EqualTo(2), "P01's and P03's folders only");
            Assert.That(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Count(), Is.EqualTo(7), "recording, trace and note screenshot of P01 and P03, and the clip");
            Assert.That(DataScan.FilesContaining(folder, "Note om P02"), Is.Empty);
        });
        await page.ReloadAsync();
        await Expect(page.Locator("#tal ~ .tabel table").First).ToContainTextAsync("1 af 2 (50 %");
    }

    [Test]
    public async Task StartAttemptAsync_WithoutConsent_OpensNoWindowAndRecordsNothing()
    {
        var sessions = _workbench.Services.GetRequiredService<GuidedSessions>();
        await using var scope = _workbench.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<StudyStore>();
        var study = await store.CreateStudyAsync(_world.Nordlys.SolutionId, "Uden samtykke", "Samtykke", DateOnly.FromDateTime(DateTime.Today).AddDays(30), 90, [new NewStudyTask("Meld flytning", "Meld din flytning.", "Kvitteringen vises", "/flytning/")], "Anne");
        var participant = await store.AddParticipantAsync(study.Id, null, null);

        Assert.That(() => sessions.StartAttemptAsync(participant.Id, study.Tasks[0].Id, "Fie"),
            Throws.TypeOf<StudyRuleException>().With.Message.Contains("samtykke"));
        Assert.That(await _workbench.WithDatabaseAsync(db => db.TaskAttempts.CountAsync(a => a.Session.ParticipantId == participant.Id)), Is.Zero);
    }

    /// <summary>
    /// A participant deleted while their window records: the window closes at once, and nothing of
    /// theirs is written afterwards (before, the recording and trace went on and a finish wrote the
    /// trace into a folder made again).
    /// </summary>
    [Test]
    public async Task DeletingAParticipant_WhileTheirWindowRecords_ClosesItAndLeavesNoFile()
    {
        var sessions = _workbench.Services.GetRequiredService<GuidedSessions>();
        Study study;
        Participant participant;
        await using (var scope = _workbench.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<StudyStore>();
            study = await store.CreateStudyAsync(_world.Nordlys.SolutionId, "Slettes undervejs", "Sletning", DateOnly.FromDateTime(DateTime.Today).AddDays(30), 90, [new NewStudyTask("Meld flytning", "Meld din flytning.", "Kvitteringen vises", "/flytning/")], "Anne");
            participant = await store.AddParticipantAsync(study.Id, null, null);
            await store.RecordConsentAsync(participant.Id, "Fie");
        }

        var attemptId = await sessions.StartAttemptAsync(participant.Id, study.Tasks[0].Id, "Fie");
        await sessions.Live(attemptId)!.Acting;
        var folder = Path.Combine(_workbench.EvidenceFolder, SessionFiles.ParticipantFolder(study.Id, participant.Id));
        Assert.That(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories), Is.Not.Empty, "the window is recording");

        using var client = await LabClient.LoginAsync(_workbench.BaseAddress, SeededWorld.Facilitator);
        using var deleted = await client.PostFormAsync($"/deltagere/{participant.Id}/slet", new() { ["bekraeft"] = participant.Code }, await client.TokenAsync($"/studier/{study.Id}"));

        Assert.That((int)deleted.StatusCode, Is.InRange(200, 399));
        Assert.That(sessions.Live(attemptId), Is.Null, "the window no longer records");
        Assert.That(() => sessions.FinishAttemptAsync(attemptId, AttemptOutcome.Succeeded), Throws.TypeOf<StudyRuleException>().With.Message.EqualTo("Forsøget findes ikke."), "a finish after the deletion writes nothing");
        Assert.That(await _workbench.WithDatabaseAsync(db => db.AccountEvents.CountAsync(e => e.Action == AccountAction.ParticipantDeleted && e.Subject == participant.Code + " i Slettes undervejs")), Is.EqualTo(1), "the deletion is in the account log");
        await Task.Delay(500);
        Assert.That(Directory.Exists(folder), Is.False, "nothing of the participant is written after the deletion");
    }

    private async Task<IPage> LoginAsync(string user)
    {
        var context = await Browser.NewContextAsync(new() { Locale = "da-DK", ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/login"));
        await page.GetByLabel("Brugernavn").FillAsync(user);
        await page.GetByLabel("Adgangskode").FillAsync(TestWorkbench.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overblik" })).ToBeVisibleAsync();
        return page;
    }

    private string Url(string path) => new Uri(_workbench.BaseAddress, path).ToString();

    private Task<int> SessionOfAsync(int attemptId) =>
        _workbench.WithDatabaseAsync(db => db.TaskAttempts.Where(a => a.Id == attemptId).Select(a => a.SessionId).SingleAsync());

    [GeneratedRegex(@"/studier/(\d+)")]
    private static partial Regex StudyUrl();

    [GeneratedRegex(@"/forsoeg/(\d+)")]
    private static partial Regex AttemptUrl();

    /// <summary>P01 finishes alone, P02 reports the move too but needed help, P03 gives up at the login.</summary>
    private sealed class ThreeCitizens : ICitizens
    {
        public static readonly string[] Codes = ["P01", "P02", "P03"];

        public bool Visible => false;

        public static AttemptOutcome Outcome(string code) => code switch
        {
            "P01" => AttemptOutcome.Succeeded,
            "P02" => AttemptOutcome.SucceededWithHelp,
            _ => AttemptOutcome.Failed,
        };

        public static int Seq(string code) => code switch { "P01" => 7, "P02" => 4, _ => 2 };

        public ICitizen For(Participant participant) => participant.Code switch
        {
            "P01" => new ScriptedCitizen((page, _) => DemoCitizen.MoveAsync(page), q => q.Id == "seq" ? 7 : q.Id == "tilfredshed" ? 5 : int.Parse(q.Id[3..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0 ? 1 : 5),
            "P02" => new ScriptedCitizen((page, _) => DemoCitizen.MoveAsync(page), q => q.Id == "seq" ? 4 : q.Id == "tilfredshed" ? 4 : 3),
            _ => new ScriptedCitizen((page, _) => DemoCitizen.GiveUpAsync(page), q => q.Id == "seq" ? 2 : q.Id == "tilfredshed" ? 2 : 3),
        };
    }
}
