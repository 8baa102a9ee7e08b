using System.IO.Compression;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using UsabilityLab.Browser.Sessions;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Studies;
using UsabilityLab.Data;
using UsabilityLab.DemoSites;
using UsabilityLab.Tests.Shared;
using UsabilityLab.Web.Services;

namespace UsabilityLab.Web.Tests;

/// <summary>
/// A study run headless through the workbench's own session code: scripts stand in for three test
/// citizens in the same recorded window a person would use.
/// </summary>
public class GuidedSessionTests
{
    private DemoServer _demo = null!;
    private TestWorkbench _workbench = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _demo = await DemoServer.StartAsync();
        _workbench = new TestWorkbench { Citizens = new ThreeCitizens() };
        _ = _workbench.BaseAddress;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _workbench.DisposeAsync();
        await _demo.DisposeAsync();
    }

    [Test]
    public async Task FullStudy_ThreeScriptedCitizens_GivesFiguresAndDeletesOneWithoutATrace()
    {
        var sessions = _workbench.Services.GetRequiredService<GuidedSessions>();
        var study = await NewStudyAsync();
        var participants = new List<Participant>();
        foreach (var _ in ThreeCitizens.Outcomes)
        {
            participants.Add(await WithStoreAsync(async store =>
            {
                var participant = await store.AddParticipantAsync(study.Id, ParticipantFacts.AgeBands[3], ParticipantFacts.DigitalHabits[2]);
                await store.RecordConsentAsync(participant.Id, "Fie Facilitator");
                return participant;
            }));
        }

        var attempts = new List<int>();
        foreach (var (participant, outcome) in participants.Zip(ThreeCitizens.Outcomes))
        {
            var attemptId = await sessions.StartAttemptAsync(participant.Id, study.Tasks[0].Id, "Fie Facilitator");
            attempts.Add(attemptId);
            await sessions.Live(attemptId)!.Acting;
            await sessions.AddNoteAsync(attemptId, outcome == AttemptOutcome.Failed ? NoteTag.CriticalError : NoteTag.Quote, $"Note om {participant.Code}", "Fie Facilitator");
            await sessions.FinishAttemptAsync(attemptId, outcome);
            var sessionId = await SessionOfAsync(attemptId);
            await sessions.EndSessionAsync(sessionId);
            await sessions.QuestionnaireAsync(sessionId);
        }

        var figures = await WithStoreAsync(store => store.FiguresAsync(study.Id));
        var task = figures.Tasks.Single();
        var stored = await _workbench.WithDatabaseAsync(db => db.TaskAttempts.AsNoTracking().Include(a => a.Notes).Include(a => a.Session).OrderBy(a => a.Id).ToListAsync());
        Assert.Multiple(() =>
        {
            Assert.That((task.Succeeded, task.SucceededWithHelp, task.Failed), Is.EqualTo((1, 1, 1)));
            Assert.That(task.Completion.Observed, Is.EqualTo(1.0 / 3).Within(1e-9));
            Assert.That(task.CriticalErrorsPerParticipant, Is.EqualTo(1.0 / 3).Within(1e-9));
            Assert.That(task.Seq!.Mean, Is.EqualTo((7 + 4 + 2) / 3.0).Within(1e-9), "each citizen's SEQ, clicked in the window");
            Assert.That(figures.Sus!.Count, Is.EqualTo(3));
            Assert.That(figures.Satisfaction!.Mean, Is.EqualTo((5 + 4 + 2) / 3.0).Within(1e-9));
            Assert.That(figures.Verdict.Passed, Is.False);
            Assert.That(stored.Select(a => a.RecordingBytes), Is.All.GreaterThan(0));
            Assert.That(stored.Select(a => a.Notes.Single().ScreenshotPath), Is.All.Not.Null, "each note has a screenshot of the window");
            Assert.That(stored.Select(a => a.Session.EndedAt), Is.All.Not.Null);
        });
        var timeline = await sessions.TimelineAsync(attempts[0]);
        Assert.That(timeline.Select(t => t.Kind), Does.Contain(TimelineKind.Page).And.Contain(TimelineKind.Click));

        // P02 asks to have their data deleted.
        var gone = participants[1];
        Assert.That(await WithStoreAsync(store => store.DeleteParticipantAsync(gone.Id)), Is.EqualTo("P02"));

        SqliteConnection.ClearAllPools();
        var folder = Path.Combine(_workbench.EvidenceFolder, SessionFiles.Folder);
        Assert.Multiple(async () =>
        {
            Assert.That(await DataScan.DatabaseCellsContainingAsync(_workbench.DatabasePath, "Note om P02"), Is.Empty);
            Assert.That(await _workbench.WithDatabaseAsync(db => db.TaskAttempts.CountAsync(a => a.Id == attempts[1])), Is.Zero);
            Assert.That(await _workbench.WithDatabaseAsync(db => db.TimelineEntries.CountAsync(t => t.AttemptId == attempts[1])), Is.Zero);
            Assert.That(Directory.Exists(Path.Combine(folder, study.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), gone.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))), Is.False);
            Assert.That(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Count(), Is.EqualTo(6), "recording, trace and note screenshot of P01 and P03");
            Assert.That((await WithStoreAsync(store => store.FiguresAsync(study.Id))).Tasks.Single().Attempts, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task StartAttemptAsync_WithoutConsent_OpensNoWindowAndRecordsNothing()
    {
        var sessions = _workbench.Services.GetRequiredService<GuidedSessions>();
        var study = await NewStudyAsync();
        var participant = await WithStoreAsync(store => store.AddParticipantAsync(study.Id, null, null));

        Assert.That(() => sessions.StartAttemptAsync(participant.Id, study.Tasks[0].Id, "Fie"),
            Throws.TypeOf<StudyRuleException>().With.Message.Contains("samtykke"));
        Assert.That(await _workbench.WithDatabaseAsync(db => db.TaskAttempts.CountAsync(a => a.Session.ParticipantId == participant.Id)), Is.Zero);
    }

    private async Task<Study> NewStudyAsync()
    {
        var nordlys = _demo.Solutions.Single(s => s.Vendor.Slug == "nordlys");
        var solutionId = await _workbench.WithDatabaseAsync(async db =>
        {
            var solution = new Solution { Vendor = new Vendor { Name = "Nordlys " + Guid.NewGuid().ToString("N")[..6] }, Name = "Anmeld flytning", BaseUrl = nordlys.BaseUrl };
            db.Solutions.Add(solution);
            await db.SaveChangesAsync();
            return solution.Id;
        });
        return await WithStoreAsync(store => store.CreateStudyAsync(
            solutionId,
            "Flytning, ældre borgere",
            "Jeg siger ja til, at min session optages og bruges til at forbedre løsningen.",
            new DateOnly(2026, 12, 31),
            90,
            [new NewStudyTask("Meld flytning", "Du er flyttet til Aarhus. Meld din flytning.", "Kvitteringen med sagsnummer vises", "/flytning/")],
            "Anne Anmelder"));
    }

    private Task<int> SessionOfAsync(int attemptId) =>
        _workbench.WithDatabaseAsync(db => db.TaskAttempts.Where(a => a.Id == attemptId).Select(a => a.SessionId).SingleAsync());

    private async Task<T> WithStoreAsync<T>(Func<StudyStore, Task<T>> work)
    {
        await using var scope = _workbench.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<StudyStore>());
    }

    /// <summary>P01 finishes alone, P02 is stuck at the address until helped, P03 gives up at the login.</summary>
    private sealed class ThreeCitizens : ICitizens
    {
        public static readonly AttemptOutcome[] Outcomes = [AttemptOutcome.Succeeded, AttemptOutcome.SucceededWithHelp, AttemptOutcome.Failed];

        public bool Visible => false;

        public ICitizen For(Participant participant) => participant.Code switch
        {
            "P01" => new ScriptedCitizen(MoveAsync, q => q.Id == "seq" ? 7 : q.Id == "tilfredshed" ? 5 : q.Id.EndsWith('0') || int.Parse(q.Id[3..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0 ? 1 : 5),
            "P02" => new ScriptedCitizen(MoveAsync, q => q.Id == "seq" ? 4 : q.Id == "tilfredshed" ? 4 : 3),
            _ => new ScriptedCitizen(GiveUpAsync, q => q.Id == "seq" ? 2 : q.Id == "tilfredshed" ? 2 : 3),
        };

        private static async Task MoveAsync(IPage page, StudyTask task)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Start anmeldelse" }).ClickAsync();
            await page.GetByLabel("Bruger-id").FillAsync("testborger");
            await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Næste" }).ClickAsync();
            await page.GetByLabel("Vejnavn og husnummer").FillAsync("Vestergade 12");
            await page.GetByLabel("Postnummer").FillAsync("8000");
            await page.GetByLabel("By", new() { Exact = true }).FillAsync("Aarhus C");
            await page.GetByLabel("Flyttedato").FillAsync("2026-12-01");
            await page.GetByRole(AriaRole.Button, new() { Name = "Næste" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Send anmeldelse" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Din flytning er anmeldt")).ToBeVisibleAsync();
        }

        private static async Task GiveUpAsync(IPage page, StudyTask task)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Start anmeldelse" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        }
    }
}
