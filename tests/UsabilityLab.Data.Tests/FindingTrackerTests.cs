using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Assessments;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Dialogue;

namespace UsabilityLab.Data.Tests;

public class FindingTrackerTests(string provider) : DatabaseTest(provider)
{
    private static readonly FindingAuthor _reviewer = new("Anne Anmelder", "u1", FindingActor.ReviewUnit);
    private static readonly FindingAuthor _vendorPerson = new("Bodil", "u2", FindingActor.Vendor);

    private DateTimeOffset _clock;

    [SetUp]
    public void StartClock()
    {
        _clock = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    }

    [Test]
    public async Task CompleteAsync_FirstAudit_OpensOneTrackedFindingPerFingerprint()
    {
        await using var db = await LabDatabase.OpenAsync(Location);
        await CompleteAsync(db, Audit(("Start", "alt"), ("Start", "kontrast"), ("Kvittering", "sagsnummer")));

        var tracked = await db.TrackedFindings.Include(t => t.Changes).OrderBy(t => t.Fingerprint).ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(tracked.Select(t => t.Fingerprint), Is.EqualTo(new[] { "alt", "kontrast", "sagsnummer" }));
            Assert.That(tracked.Select(t => t.State), Is.All.EqualTo(FindingState.Open));
            Assert.That(tracked.Single(t => t.Fingerprint == "sagsnummer").StepName, Is.EqualTo("Kvittering"));
            Assert.That(tracked.SelectMany(t => t.Changes).Select(c => c.By), Is.All.EqualTo(FindingTracker.By));
        });
    }

    [Test]
    public async Task CompleteAsync_FixedFindingGoneInReaudit_IsVerified_AndOneFoundAgainIsReopened()
    {
        await using var db = await LabDatabase.OpenAsync(Location);
        await CompleteAsync(db, Audit(("Start", "alt"), ("Start", "kontrast")));
        var dialogue = new FindingDialogue(db, TimeProvider.System);
        foreach (var id in await db.TrackedFindings.Select(t => t.Id).ToListAsync())
        {
            Assert.That(await dialogue.ActAsync(id, FindingAction.Send, _reviewer, null), Is.EqualTo(DialogueResult.Done));
            Assert.That(await dialogue.ActAsync(id, FindingAction.MarkFixed, _vendorPerson, null), Is.EqualTo(DialogueResult.Done));
        }

        // The vendor fixed the alt text but not the contrast.
        var reaudit = Audit(("Start", "kontrast"));
        await CompleteAsync(db, reaudit);

        db.ChangeTracker.Clear();
        var alt = await db.TrackedFindings.Include(t => t.Changes).SingleAsync(t => t.Fingerprint == "alt");
        var contrast = await db.TrackedFindings.Include(t => t.Changes).SingleAsync(t => t.Fingerprint == "kontrast");
        Assert.Multiple(() =>
        {
            Assert.That(alt.State, Is.EqualTo(FindingState.Verified));
            Assert.That(alt.Changes.Last().AuditId, Is.EqualTo(reaudit.Id));
            Assert.That(contrast.State, Is.EqualTo(FindingState.Reopened));
            Assert.That(contrast.LastSeenAuditId, Is.EqualTo(reaudit.Id));
            Assert.That(contrast.Changes.Select(c => c.To), Is.EqualTo(new[] { FindingState.Open, FindingState.Sent, FindingState.Fixed, FindingState.Reopened }));
        });
    }

    [Test]
    public async Task CompleteAsync_ReauditThatStopsBeforeTheStep_DoesNotVerifyFindingsOnLaterSteps()
    {
        await using var db = await LabDatabase.OpenAsync(Location);
        await CompleteAsync(db, Audit(("Start", "alt"), ("Kvittering", "sagsnummer")));

        // The re-audit fails at the start: the receipt was never reached, so it proves nothing about it.
        var stopped = Audit(("Start", "alt"));
        stopped.Steps.Single(s => s.Name == "Kvittering").Outcome = StepOutcome.NotRun;
        await CompleteAsync(db, stopped);

        db.ChangeTracker.Clear();
        Assert.That(await db.TrackedFindings.Where(t => t.Fingerprint == "sagsnummer").Select(t => t.State).SingleAsync(), Is.EqualTo(FindingState.Open));
    }

    [Test]
    public async Task OpenAsync_CompletedAuditsStoredBeforeTracking_AreTrackedOldestFirst()
    {
        var first = Audit(("Start", "alt"));
        var second = Audit();
        first.Status = second.Status = AuditStatus.Completed;
        await using (var db = await LabDatabase.OpenAsync(Location))
        {
            var store = new AuditStore(db);
            await store.SaveAsync(first);
            await store.SaveAsync(second);
            await db.Audits.ExecuteUpdateAsync(set => set.SetProperty(a => a.FindingsTracked, false));
            await db.TrackedFindings.ExecuteDeleteAsync();
        }

        await using var reopened = await LabDatabase.OpenAsync(Location);
        var tracked = await reopened.TrackedFindings.SingleAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(tracked.State, Is.EqualTo(FindingState.Verified), "found by the first audit, gone in the second");
            Assert.That(await reopened.Audits.AllAsync(a => a.FindingsTracked), Is.True);
        });
    }

    [Test]
    public async Task ActAsync_VendorDisputeWithoutReason_IsRefused_AndWithReasonIsRecordedWithWhoAndWhen()
    {
        await using var db = await LabDatabase.OpenAsync(Location);
        await CompleteAsync(db, Audit(("Start", "alt")));
        var id = await db.TrackedFindings.Select(t => t.Id).SingleAsync();
        var dialogue = new FindingDialogue(db, TimeProvider.System);

        var beforeSending = await dialogue.ActAsync(id, FindingAction.Dispute, _vendorPerson, "Det er et pyntebillede");
        await dialogue.ActAsync(id, FindingAction.Send, _reviewer, null);
        var withoutReason = await dialogue.ActAsync(id, FindingAction.Dispute, _vendorPerson, "  ");
        var reviewerAnswering = await dialogue.ActAsync(id, FindingAction.Accept, _reviewer, null);
        var disputed = await dialogue.ActAsync(id, FindingAction.Dispute, _vendorPerson, "Det er et pyntebillede");
        await dialogue.CommentAsync(id, _vendorPerson, "Se vores designmanual.");

        db.ChangeTracker.Clear();
        var finding = await db.TrackedFindings.Include(t => t.Changes).Include(t => t.Comments).SingleAsync();
        Assert.Multiple(() =>
        {
            Assert.That(beforeSending, Is.EqualTo(DialogueResult.NotAllowed), "a vendor answers only what was sent");
            Assert.That(withoutReason, Is.EqualTo(DialogueResult.NoteMissing));
            Assert.That(reviewerAnswering, Is.EqualTo(DialogueResult.NotAllowed), "the review unit does not answer for the vendor");
            Assert.That(disputed, Is.EqualTo(DialogueResult.Done));
            Assert.That(finding.State, Is.EqualTo(FindingState.Disputed));
            Assert.That(finding.DisputeReason, Is.EqualTo("Det er et pyntebillede"));
            var last = finding.Changes.OrderBy(c => c.Id).Last();
            Assert.That((last.By, last.UserId, last.From, last.To), Is.EqualTo(("Bodil", "u2", FindingState.Sent, FindingState.Disputed)));
            Assert.That(finding.Comments.Single().FromVendor, Is.True);
        });
    }

    [Test]
    public async Task ReviewerNotPassed_IsTracked_MachineReauditLeavesIt_AndALaterPassVerifiesIt()
    {
        await using var db = await LabDatabase.OpenAsync(Location);
        var first = WithRealChecklist(Audit(("Start", "alt")));
        await CompleteAsync(db, first);
        var store = new AuditStore(db);
        await store.AddAssessmentsAsync(first.Id, [Judged(AssessmentVerdict.Failed, "Siden siger ikke, hvad borgeren skal have klar.")]);

        db.ChangeTracker.Clear();
        var judged = await db.TrackedFindings.Include(t => t.Changes).SingleAsync(t => t.RuleId == ReviewerFindings.Rule);
        Assert.Multiple(() =>
        {
            Assert.That((judged.CriterionId, judged.State, judged.Severity, judged.StepName), Is.EqualTo(("K01", FindingState.Open, Severity.Moderate, (string?)null)));
            Assert.That(judged.Title, Is.EqualTo("Startsiden forbereder borgeren"));
            Assert.That(judged.Changes.Single().By, Is.EqualTo("Anne Anmelder"));
        });

        // A machine's re-audit cannot tell whether a person's judgement still holds.
        var second = WithRealChecklist(Audit());
        await CompleteAsync(db, second);
        db.ChangeTracker.Clear();
        Assert.That(await db.TrackedFindings.Where(t => t.Id == judged.Id).Select(t => t.State).SingleAsync(), Is.EqualTo(FindingState.Open));

        // The reviewer's pass in the re-audit does.
        await store.AddAssessmentsAsync(second.Id, [Judged(AssessmentVerdict.Passed, "Rettet: startsiden nævner MitID og tre trin.")]);
        db.ChangeTracker.Clear();
        var verified = await db.TrackedFindings.Include(t => t.Changes).SingleAsync(t => t.Id == judged.Id);
        Assert.That((verified.State, verified.Changes.Last().By, verified.Changes.Last().AuditId), Is.EqualTo((FindingState.Verified, "Anne Anmelder", (Guid?)second.Id)));
    }

    private Assessment Judged(AssessmentVerdict verdict, string comment) => new()
    {
        CriterionId = "K01",
        Verdict = verdict,
        Comment = comment,
        Reviewer = "Anne Anmelder",
        AssessedAt = _clock.AddHours(1),
    };

    private static Audit WithRealChecklist(Audit audit)
    {
        var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (!Directory.Exists(Path.Combine(folder.FullName, "checklists")))
        {
            folder = folder.Parent!;
        }

        audit.ChecklistVersion.Content = File.ReadAllText(Path.Combine(folder.FullName, "checklists", "kl-selvbetjening.yaml"));
        return audit;
    }

    private async Task CompleteAsync(LabDbContext db, Audit audit)
    {
        await using var journal = new AuditJournal(db, Location);
        audit.Status = AuditStatus.Running;
        await journal.BeginAsync(audit, CancellationToken.None);
        audit.FinishedAt = audit.StartedAt.AddSeconds(10);
        await journal.CompleteAsync(audit, CancellationToken.None);
    }

    /// <summary>An audit of the same solution and task, with findings (step name, fingerprint) on two steps.</summary>
    private Audit Audit(params (string Step, string Fingerprint)[] findings)
    {
        _clock = _clock.AddDays(1);
        var audit = new Audit
        {
            TaskId = "anmeld-flytning",
            TaskTitle = "Anmeld flytning",
            TaskScript = "id: anmeld-flytning",
            StartedAt = _clock,
            TaskCompleted = true,
            Solution = new Solution { Name = "Anmeld flytning", BaseUrl = "http://127.0.0.1:1/x", Vendor = new Vendor { Name = "Blokform ApS" } },
            ChecklistVersion = new ChecklistVersion { ChecklistId = "kl", Version = "1", Title = "KL", Content = "schema: 1", ContentSha256 = new string('a', 64) },
            Steps =
            [
                new StepResult { Index = 0, Name = "Start", Outcome = StepOutcome.Passed },
                new StepResult { Index = 1, Name = "Kvittering", Outcome = StepOutcome.Passed },
            ],
        };
        foreach (var (step, fingerprint) in findings)
        {
            audit.Findings.Add(new Finding
            {
                CriterionId = "K11", RuleId = fingerprint, Title = fingerprint, Description = "d", Severity = Severity.Serious,
                StepIndex = step == "Start" ? 0 : 1, Fingerprint = fingerprint,
            });
        }

        return audit;
    }
}
