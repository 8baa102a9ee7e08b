using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Studies;
using UsabilityLab.Tests.Shared;

namespace UsabilityLab.Data.Tests;

public class StudyStoreTests(string provider) : DatabaseTest(provider)
{
    private SessionFiles _files = null!;
    private ManualClock _clock = null!;

    [SetUp]
    public void CreateFiles()
    {
        _files = new SessionFiles(LabDatabase.EvidenceFolder(Location));
        _clock = new ManualClock(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    }

    [Test]
    public async Task AddParticipantAsync_GivesPseudonymsInOrder_AndTakesFactsOnlyFromTheLists()
    {
        await using var db = await LabDatabase.OpenAsync(Location);
        var store = Store(db);
        var study = await NewStudyAsync(store, db);

        var first = await store.AddParticipantAsync(study.Id, ParticipantFacts.AgeBands[4], ParticipantFacts.DigitalHabits[3]);
        var second = await store.AddParticipantAsync(study.Id, null, null);

        Assert.Multiple(() =>
        {
            Assert.That((first.Code, second.Code), Is.EqualTo(("P01", "P02")));
            Assert.That(first.AgeBand, Is.EqualTo("75 år eller ældre"));
            Assert.That(() => store.AddParticipantAsync(study.Id, "Jens Hansen, 34 år", null),
                Throws.TypeOf<StudyRuleException>().With.Message.EqualTo("Vælg en aldersgruppe fra listen."));
        });
    }

    [Test]
    public async Task StartAttemptAsync_BeforeConsent_IsRefused_AndAfterConsentKeepsTheConsentText()
    {
        await using var db = await LabDatabase.OpenAsync(Location);
        var store = Store(db);
        var study = await NewStudyAsync(store, db);
        var participant = await store.AddParticipantAsync(study.Id, null, null);

        Assert.That(() => store.StartAttemptAsync(participant.Id, study.Tasks[0].Id, "Fie Facilitator"),
            Throws.TypeOf<StudyRuleException>().With.Message.StartsWith("P01 har ikke givet samtykke"));

        await store.RecordConsentAsync(participant.Id, "Fie Facilitator");
        study.ConsentText = "En senere udgave af teksten.";
        await db.SaveChangesAsync();
        var attempt = await store.StartAttemptAsync(participant.Id, study.Tasks[0].Id, "Fie Facilitator");

        var stored = await db.Participants.AsNoTracking().SingleAsync(p => p.Id == participant.Id);
        Assert.Multiple(() =>
        {
            Assert.That(attempt.Id, Is.GreaterThan(0));
            Assert.That(stored.ConsentText, Is.EqualTo("Jeg giver samtykke til, at sessionen optages."));
            Assert.That(stored.ConsentRecordedBy, Is.EqualTo("Fie Facilitator"));
            Assert.That(stored.ConsentedAt, Is.EqualTo(_clock.GetUtcNow()));
            Assert.That(() => store.StartAttemptAsync(participant.Id, study.Tasks[0].Id, "Fie Facilitator"),
                Throws.TypeOf<StudyRuleException>().With.Message.EqualTo("P01 er allerede i gang med en opgave."));
        });
    }

    [Test]
    public async Task AddNoteAsync_TextWithACprNumber_IsRefusedAndNothingIsStored()
    {
        await using var db = await LabDatabase.OpenAsync(Location);
        var store = Store(db);
        var (_, _, attempt) = await ConsentedAttemptAsync(store, db);

        Assert.That(() => store.AddNoteAsync(attempt.Id, NoteTag.Quote, "Hun læste 010190-1234 op", "Fie", TimeSpan.FromSeconds(3)),
            Throws.TypeOf<StudyRuleException>().With.Message.Contains("CPR-nummer"));
        Assert.That(await db.SessionNotes.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task CreateStudyAsync_EndingInThePast_IsRefusedAndNothingIsStored()
    {
        await using var db = await LabDatabase.OpenAsync(Location);
        var store = Store(db);
        var solution = new Solution { Vendor = new Vendor { Name = "Nordlys" }, Name = "Anmeld flytning", BaseUrl = "http://127.0.0.1:1/" };
        db.Solutions.Add(solution);
        await db.SaveChangesAsync();

        // The clock says 2 November 2026.
        Assert.That(() => store.CreateStudyAsync(solution.Id, "For sent", "Samtykke", new DateOnly(2026, 11, 1), 30, [new NewStudyTask("Meld flytning", "Meld din flytning.", "Kvitteringen vises")], "Anne"),
            Throws.TypeOf<StudyRuleException>().With.Message.Contains("er overstået"));
        Assert.That(await db.Studies.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task FiguresAsync_UsesTheOutcomesSeqNotesAndSus()
    {
        await using var db = await LabDatabase.OpenAsync(Location);
        var store = Store(db);
        var study = await NewStudyAsync(store, db);
        var outcomes = new[] { AttemptOutcome.Succeeded, AttemptOutcome.SucceededWithHelp, AttemptOutcome.Failed };
        foreach (var outcome in outcomes)
        {
            var participant = await store.AddParticipantAsync(study.Id, null, null);
            await store.RecordConsentAsync(participant.Id, "Fie");
            var attempt = await store.StartAttemptAsync(participant.Id, study.Tasks[0].Id, "Fie");
            if (outcome == AttemptOutcome.Failed)
            {
                await store.AddNoteAsync(attempt.Id, NoteTag.CriticalError, "Fandt ikke knappen", "Fie", TimeSpan.FromSeconds(20));
            }

            _clock.Advance(TimeSpan.FromSeconds(60));
            await store.FinishAttemptAsync(attempt.Id, AttemptEnd.Unrecorded(outcome));
            await store.AnswerSeqAsync(attempt.Id, outcome == AttemptOutcome.Succeeded ? 7 : 3);
            await store.FinishSessionAsync(attempt.SessionId, [3, 3, 3, 3, 3, 3, 3, 3, 3, 3], 4);
        }

        var figures = await new StudyFigureSource(db).FiguresAsync(study.Id);
        var task = figures.Tasks.Single();
        Assert.Multiple(() =>
        {
            Assert.That((task.Succeeded, task.SucceededWithHelp, task.Failed), Is.EqualTo((1, 1, 1)));
            Assert.That(task.TimeOnTaskSeconds!.Mean, Is.EqualTo(60).Within(0.001));
            Assert.That(task.CriticalErrorsPerParticipant, Is.EqualTo(1.0 / 3).Within(1e-9));
            Assert.That(task.Seq!.Mean, Is.EqualTo(13.0 / 3).Within(1e-9));
            Assert.That(figures.Sus!.Mean, Is.EqualTo(50));
            Assert.That(figures.Verdict.Failed.Select(p => p.Requirement), Does.Contain("Mindst 6 deltagere"));
        });
    }

    [Test]
    public async Task DeleteParticipantAsync_LeavesNothingOfTheParticipant_AndKeepsTheOthers()
    {
        await using var db = await LabDatabase.OpenAsync(Location);
        var store = Store(db);
        var (study, gone, goneAttempt) = await ConsentedAttemptAsync(store, db);
        var kept = await store.AddParticipantAsync(study.Id, null, null);
        await store.RecordConsentAsync(kept.Id, "Fie");
        var keptAttempt = await store.StartAttemptAsync(kept.Id, study.Tasks[0].Id, "Fie");
        await FinishWithFilesAsync(store, study, gone, goneAttempt, "SPOR-AF-P01");
        await FinishWithFilesAsync(store, study, kept, keptAttempt, "SPOR-AF-P02");

        Assert.That(await new ParticipantRecords(db, _files).DeleteParticipantAsync(gone.Id), Is.EqualTo("P01"));

        Assert.Multiple(async () =>
        {
            Assert.That(await DataScan.DatabaseCellsContainingAsync(Location, "SPOR-AF-P01"), Is.Empty);
            Assert.That(DataScan.FilesContaining(_files.Root, "SPOR-AF-P01"), Is.Empty);
            Assert.That(Directory.Exists(_files.Absolute(SessionFiles.ParticipantFolder(study.Id, gone.Id))), Is.False);
            Assert.That(await db.Participants.Select(p => p.Code).ToListAsync(), Is.EqualTo(new[] { "P02" }));
            Assert.That(await DataScan.DatabaseCellsContainingAsync(Location, "SPOR-AF-P02"), Is.Not.Empty);
            Assert.That(DataScan.FilesContaining(_files.Root, "SPOR-AF-P02"), Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task ExportParticipantAsync_HoldsTheAnswersNotesAndFiles()
    {
        await using var db = await LabDatabase.OpenAsync(Location);
        var store = Store(db);
        var (study, participant, attempt) = await ConsentedAttemptAsync(store, db);
        await FinishWithFilesAsync(store, study, participant, attempt, "MIT-SPOR");

        using var zip = new MemoryStream();
        Assert.That(await new ParticipantRecords(db, _files).ExportParticipantAsync(participant.Id, zip), Is.True);

        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip.ToArray()));
        var json = new StreamReader(archive.GetEntry("participant.json")!.Open()).ReadToEnd();
        Assert.Multiple(() =>
        {
            Assert.That(archive.Entries.Select(e => e.FullName), Is.EquivalentTo(new[]
            {
                "participant.json",
                SessionFiles.Recording(study.Id, participant.Id, attempt.Id),
                SessionFiles.Trace(study.Id, participant.Id, attempt.Id),
                $"{SessionFiles.ParticipantFolder(study.Id, participant.Id)}/{attempt.Id}/note.png",
            }));
            Assert.That(json, Does.Contain("\"Code\": \"P01\"").And.Contain("MIT-SPOR").And.Contain("Jeg giver samtykke"));
        });
    }

    [Test]
    public async Task ApplyRetentionAsync_DeletesRecordingsOnlyAfterThePeriod_AndKeepsNotesAndAnswers()
    {
        await using var db = await LabDatabase.OpenAsync(Location);
        var store = Store(db);
        var (study, participant, attempt) = await ConsentedAttemptAsync(store, db);
        await FinishWithFilesAsync(store, study, participant, attempt, "GEMT");
        var recording = _files.Absolute(SessionFiles.Recording(study.Id, participant.Id, attempt.Id));
        var expires = study.EndsOn.AddDays(study.RetentionDays);

        Assert.That(await new ParticipantRecords(db, _files).ApplyRetentionAsync(expires), Is.Zero);
        Assert.That(File.Exists(recording), Is.True);

        // Leftovers no row names: a recording a crash left half-written, a file whose row lost its path.
        var participantFolder = _files.Absolute(SessionFiles.ParticipantFolder(study.Id, participant.Id));
        await File.WriteAllTextAsync(recording + ".tmp-0123", "halvt skrevet GEMT");
        Directory.CreateDirectory(Path.Combine(participantFolder, "99"));
        await File.WriteAllTextAsync(Path.Combine(participantFolder, "99", "trace.zip"), "uden række GEMT");

        Assert.That(await new ParticipantRecords(db, _files).ApplyRetentionAsync(expires.AddDays(1)), Is.EqualTo(1));
        var stored = await db.TaskAttempts.AsNoTracking().Include(a => a.Notes).SingleAsync();
        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists(_files.Absolute($"{SessionFiles.Folder}/{study.Id}")), Is.False, "the study's folder is gone, leftovers and note screenshots with it");
            Assert.That(DataScan.FilesContaining(_files.Root, "GEMT"), Is.Empty);
            Assert.That(stored.Notes.Single().ScreenshotPath, Is.Null, "the note keeps its text, not its screenshot");
            Assert.That(File.Exists(recording), Is.False);
            Assert.That(File.Exists(_files.Absolute(SessionFiles.Trace(study.Id, participant.Id, attempt.Id))), Is.False);
            Assert.That((stored.RecordingPath, stored.TracePath), Is.EqualTo(((string?)null, (string?)null)));
            Assert.That(stored.Notes.Single().Text, Is.EqualTo("GEMT"));
            Assert.That(stored.Outcome, Is.EqualTo(AttemptOutcome.Succeeded));
        });
    }

    private StudyStore Store(LabDbContext db) => new(db, _clock);

    private ClipStore Clips(LabDbContext db) => new(db, _files, _clock);

    [Test]
    public async Task AttachClipAsync_RefusesAnotherSolutionsFinding_AnAttemptWithoutRecording_AndAnEmptyStretch()
    {
        await using var db = await LabDatabase.OpenAsync(Location);
        var store = Store(db);
        var (study, participant, attempt) = await ConsentedAttemptAsync(store, db);
        var recording = SessionFiles.Recording(study.Id, participant.Id, attempt.Id);
        Directory.CreateDirectory(Path.GetDirectoryName(_files.Absolute(recording))!);
        var start = attempt.StartedAt.ToUnixTimeMilliseconds();
        await using (var gzip = new System.IO.Compression.GZipStream(File.Create(_files.Absolute(recording)), System.IO.Compression.CompressionLevel.Fastest))
        {
            await gzip.WriteAsync(System.Text.Encoding.UTF8.GetBytes($$"""[{"type":4,"data":{},"timestamp":{{start + 100}}},{"type":2,"data":{},"timestamp":{{start + 101}}}]"""));
        }

        await store.FinishAttemptAsync(attempt.Id, new AttemptEnd(AttemptOutcome.Failed, null, [], recording, 10));
        var own = await FindingAsync(db, study.SolutionId);
        var otherSolution = new Solution { Vendor = new Vendor { Name = "Blokform" }, Name = "Bestil sundhedskort", BaseUrl = "http://127.0.0.1:1/" };
        db.Solutions.Add(otherSolution);
        await db.SaveChangesAsync();
        var other = await FindingAsync(db, otherSolution.Id);
        var second = await store.AddParticipantAsync(study.Id, null, null);
        await store.RecordConsentAsync(second.Id, "Fie");
        var unrecorded = await store.StartAttemptAsync(second.Id, study.Tasks[0].Id, "Fie");
        await store.FinishAttemptAsync(unrecorded.Id, AttemptEnd.Unrecorded(AttemptOutcome.Failed));

        Assert.Multiple(() =>
        {
            Assert.That(() => Clips(db).AttachClipAsync(other, attempt.Id, TimeSpan.Zero, TimeSpan.FromSeconds(5), "Anne"),
                Throws.TypeOf<StudyRuleException>().With.Message.EqualTo("Fundet hører ikke til studiets løsning."));
            Assert.That(() => Clips(db).AttachClipAsync(own, unrecorded.Id, TimeSpan.Zero, TimeSpan.FromSeconds(5), "Anne"),
                Throws.TypeOf<StudyRuleException>().With.Message.StartsWith("Forsøget har ingen optagelse"));
            Assert.That(() => Clips(db).AttachClipAsync(own, attempt.Id, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), "Anne"),
                Throws.TypeOf<StudyRuleException>().With.Message.EqualTo("Klippets slut skal ligge efter dets start."));
        });
        Assert.That(await db.FindingClips.CountAsync(), Is.Zero);

        var clip = await Clips(db).AttachClipAsync(own, attempt.Id, TimeSpan.Zero, TimeSpan.FromSeconds(5), "Anne");
        Assert.That(File.Exists(_files.Absolute(clip.Path)), Is.True);
    }

    private static async Task<int> FindingAsync(LabDbContext db, int solutionId)
    {
        var finding = new Core.Dialogue.TrackedFinding
        {
            SolutionId = solutionId,
            TaskId = "anmeld-flytning",
            Fingerprint = Guid.NewGuid().ToString("N"),
            CriterionId = "K11",
            RuleId = "image-alt",
            Title = "Billede uden alternativ tekst",
            Severity = Core.Checklists.Severity.Serious,
            FirstAuditId = Guid.NewGuid(),
            LastSeenAuditId = Guid.NewGuid(),
        };
        db.TrackedFindings.Add(finding);
        await db.SaveChangesAsync();
        return finding.Id;
    }

    internal static async Task<Study> NewStudyAsync(StudyStore store, LabDbContext db)
    {
        var vendor = new Vendor { Name = "Nordlys" };
        var solution = new Solution { Vendor = vendor, Name = "Anmeld flytning", BaseUrl = "http://127.0.0.1:1/" };
        db.Solutions.Add(solution);
        await db.SaveChangesAsync();
        return await store.CreateStudyAsync(
            solution.Id,
            "Flytning med ældre borgere",
            "Jeg giver samtykke til, at sessionen optages.",
            new DateOnly(2026, 12, 31),
            30,
            [new NewStudyTask("Meld flytning", "Du er flyttet. Meld din flytning.", "Kvitteringen vises")],
            "Anne Anmelder");
    }

    private static async Task<(Study Study, Participant Participant, TaskAttempt Attempt)> ConsentedAttemptAsync(StudyStore store, LabDbContext db)
    {
        var study = await NewStudyAsync(store, db);
        var participant = await store.AddParticipantAsync(study.Id, null, null);
        await store.RecordConsentAsync(participant.Id, "Fie");
        return (study, participant, await store.StartAttemptAsync(participant.Id, study.Tasks[0].Id, "Fie"));
    }

    private async Task FinishWithFilesAsync(StudyStore store, Study study, Participant participant, TaskAttempt attempt, string marker)
    {
        var recording = SessionFiles.Recording(study.Id, participant.Id, attempt.Id);
        var trace = SessionFiles.Trace(study.Id, participant.Id, attempt.Id);
        var screenshot = $"{SessionFiles.ParticipantFolder(study.Id, participant.Id)}/{attempt.Id}/note.png";
        foreach (var path in new[] { recording, trace, screenshot })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_files.Absolute(path))!);
            await File.WriteAllTextAsync(_files.Absolute(path), $"indhold {marker}");
        }

        await store.AddNoteAsync(attempt.Id, NoteTag.Quote, marker, "Fie", TimeSpan.FromSeconds(5), screenshot);
        await store.FinishAttemptAsync(attempt.Id, new AttemptEnd(AttemptOutcome.Succeeded, null, [new TimelineEntry { Kind = TimelineKind.Page, Text = $"Side {marker}" }], recording, 10, trace));
        await store.AnswerSeqAsync(attempt.Id, 6);
    }
}
