using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Data.Tests;

public class AuditStoreTests(string provider) : DatabaseTest(provider)
{

    [Test]
    public async Task Events_AreStoredAsFacts_AndSentencesOfOlderAuditsAreReadAsSaid()
    {
        var audit = SampleAudit("Nordlys Digital A/S");
        audit.Events.Add(AuditEvent.PassStopped(AuditEvent.Passes.Keyboard, 180_000, 30_000));
        audit.Steps[0].Events.Add(AuditEvent.ErrorStatus(500, "Internal Server Error", "http://127.0.0.1:1/kvittering"));
        await using (var db = await LabDatabase.OpenAsync(Location))
        {
            await new AuditStore(db).SaveAsync(audit);
        }

        await using (var raw = new LabDbContext(LabDatabase.Options(Location)))
        {
            var stored = await raw.Database.SqlQueryRaw<string>("SELECT \"Events\" AS \"Value\" FROM \"StepResults\" WHERE \"Index\" = 0").SingleAsync();
            Assert.That(stored, Does.Contain("\"kind\":\"ErrorStatus\"").And.Contain("\"status\":\"500\"").And.Not.Contain("Serveren svarede"));

            // An audit stored before events were facts holds sentences.
            await raw.Database.ExecuteSqlRawAsync("UPDATE \"StepResults\" SET \"Events\" = '[\"Serveren svarede 404 Not Found på http://x/.\"]' WHERE \"Index\" = 1");
        }

        await using var fresh = await LabDatabase.OpenAsync(Location);
        var loaded = (await new AuditStore(fresh).LoadAsync(audit.Id))!;
        Assert.Multiple(() =>
        {
            Assert.That(loaded.Events, Is.EqualTo(audit.Events));
            Assert.That(loaded.Steps[0].Events, Is.EqualTo(new[] { AuditEvent.ErrorStatus(500, "Internal Server Error", "http://127.0.0.1:1/kvittering") }));
            Assert.That(loaded.Steps[1].Events, Is.EqualTo(new[] { AuditEvent.Said("Serveren svarede 404 Not Found på http://x/.") }));
            Assert.That(AuditEventText.Danish(loaded.Steps[1].Events[0]), Is.EqualTo("Serveren svarede 404 Not Found på http://x/."));
        });
    }

    [Test]
    public async Task SaveAsync_ThenLoadAsync_InAFreshContext_ReturnsEverything()
    {
        var audit = SampleAudit("Nordlys Digital A/S");
        await using (var db = await LabDatabase.OpenAsync(Location))
        {
            await new AuditStore(db).SaveAsync(audit);
        }

        await using var fresh = await LabDatabase.OpenAsync(Location);
        var loaded = await new AuditStore(fresh).LoadAsync(audit.Id);

        Assert.That(loaded, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(loaded!.Solution.Vendor.Name, Is.EqualTo("Nordlys Digital A/S"));
            Assert.That(loaded.ChecklistVersion.Version, Is.EqualTo("2026.1"));
            Assert.That(loaded.Status, Is.EqualTo(AuditStatus.Completed));
            Assert.That(loaded.TaskCompleted, Is.False);
            Assert.That(loaded.FailedStepIndex, Is.EqualTo(1));
            Assert.That(loaded.FailureReason, Is.EqualTo(FailureReason.ElementNotFound));
            Assert.That(loaded.StartedAt, Is.EqualTo(audit.StartedAt));
            Assert.That(loaded.Steps.Select(s => s.Name), Is.EqualTo(new[] { "Start", "Log ind" }));
            Assert.That(loaded.Steps[0].Screenshot?.RelativePath, Is.EqualTo($"{audit.Id:N}/trin-01.jpg"));
            var finding = loaded.Findings.Single(f => f.RuleId == "image-alt");
            Assert.That(finding.Wcag, Is.EqualTo(new[] { "1.1.1" }));
            Assert.That(finding.Box, Is.EqualTo(new ElementBox(8, 8, 160, 40)));
            Assert.That(finding.Severity, Is.EqualTo(Severity.Critical));
            Assert.That(finding.Evidence?.Id, Is.EqualTo(loaded.Steps[0].ScreenshotId));
            Assert.That(finding.Html, Is.EqualTo("<img src=\"logo.svg\">"));
            Assert.That(loaded.Evidence, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task SaveAsync_TwoAuditsOfTheSameSolution_ShareVendorSolutionAndChecklistVersion()
    {
        await using var db = await LabDatabase.OpenAsync(Location);
        var store = new AuditStore(db);
        await store.SaveAsync(SampleAudit("Blokform ApS"));
        await store.SaveAsync(SampleAudit("Blokform ApS"));
        await store.SaveAsync(SampleAudit("Nordlys Digital A/S"));

        Assert.Multiple(async () =>
        {
            Assert.That(await db.Vendors.CountAsync(), Is.EqualTo(2));
            Assert.That(await db.Solutions.CountAsync(), Is.EqualTo(2));
            Assert.That(await db.ChecklistVersions.CountAsync(), Is.EqualTo(1));
            Assert.That(await db.Audits.CountAsync(), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task ResolveIdAsync_UniquePrefix_FindsTheAudit()
    {
        var audit = SampleAudit("Blokform ApS");
        await using var db = await LabDatabase.OpenAsync(Location);
        var store = new AuditStore(db);
        await store.SaveAsync(audit);

        Assert.Multiple(async () =>
        {
            Assert.That(await store.ResolveIdAsync(audit.Id.ToString("N")[..8]), Is.EqualTo(audit.Id));
            Assert.That(await store.ResolveIdAsync(audit.Id.ToString()), Is.EqualTo(audit.Id));
            Assert.That(await store.ResolveIdAsync("zzzz"), Is.Null);
        });
    }

    [Test]
    public async Task ListAsync_NewestFirst_WithFindingCounts()
    {
        await using var db = await LabDatabase.OpenAsync(Location);
        var store = new AuditStore(db);
        var older = SampleAudit("Blokform ApS");
        older.StartedAt = older.StartedAt.AddDays(-1);
        var newer = SampleAudit("Nordlys Digital A/S");
        await store.SaveAsync(older);
        await store.SaveAsync(newer);

        var list = await store.ListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(list.Select(a => a.Id), Is.EqualTo(new[] { newer.Id, older.Id }));
            Assert.That(list[0].FindingCount, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task AddAssessmentsAsync_KeepsHistoryAndLoadsWithTheAudit()
    {
        var audit = SampleAudit("Blokform ApS");
        await using (var db = await LabDatabase.OpenAsync(Location))
        {
            var store = new AuditStore(db);
            await store.SaveAsync(audit);
            await store.AddAssessmentsAsync(audit.Id, [Assessed("K01", UsabilityLab.Core.Assessments.AssessmentVerdict.Failed, hoursLater: 0)]);
            await store.AddAssessmentsAsync(audit.Id, [Assessed("K01", UsabilityLab.Core.Assessments.AssessmentVerdict.Passed, hoursLater: 1)]);
        }

        await using var fresh = await LabDatabase.OpenAsync(Location);
        var loaded = (await new AuditStore(fresh).LoadAsync(audit.Id))!;

        Assert.Multiple(() =>
        {
            Assert.That(loaded.Assessments, Has.Count.EqualTo(2));
            Assert.That(loaded.Assessments.OrderBy(a => a.AssessedAt).Select(a => a.Verdict), Is.EqualTo(new[]
            {
                UsabilityLab.Core.Assessments.AssessmentVerdict.Failed, UsabilityLab.Core.Assessments.AssessmentVerdict.Passed,
            }));
            Assert.That(loaded.Assessments[0].Reviewer, Is.EqualTo("Mette"));
            Assert.That(loaded.Assessments.First(a => a.Verdict == UsabilityLab.Core.Assessments.AssessmentVerdict.Failed).Severity, Is.EqualTo(Severity.Serious));
        });
    }

    [Test]
    public async Task AddAssessmentsAsync_UnknownAudit_Throws()
    {
        await using var db = await LabDatabase.OpenAsync(Location);

        Assert.ThrowsAsync<InvalidOperationException>(() => new AuditStore(db).AddAssessmentsAsync(Guid.NewGuid(), []));
    }

    private static UsabilityLab.Core.Assessments.Assessment Assessed(string criterion, UsabilityLab.Core.Assessments.AssessmentVerdict verdict, int hoursLater) => new()
    {
        CriterionId = criterion,
        Verdict = verdict,
        Severity = verdict == UsabilityLab.Core.Assessments.AssessmentVerdict.Failed ? Severity.Serious : null,
        Comment = "kommentar",
        Reviewer = "Mette",
        AssessedAt = new DateTimeOffset(2026, 11, 23, 12 + hoursLater, 0, 0, TimeSpan.Zero),
    };

    internal static Audit SampleAudit(string vendor)
    {
        var id = Guid.NewGuid();
        var screenshot = new Evidence { AuditId = id, RelativePath = $"{id:N}/trin-01.jpg", ContentType = "image/jpeg", Sha256 = new string('0', 64), Bytes = 10, Width = 1280, Height = 900 };
        var audit = new Audit
        {
            Id = id,
            TaskId = "anmeld-flytning",
            TaskTitle = "Anmeld flytning",
            TaskScript = "id: anmeld-flytning",
            StartedAt = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1)),
            FinishedAt = new DateTimeOffset(2026, 11, 23, 10, 0, 9, TimeSpan.FromHours(1)),
            Status = AuditStatus.Completed,
            TaskCompleted = false,
            FailedStepIndex = 1,
            FailureReason = FailureReason.ElementNotFound,
            FailureMessage = "Fandt ikke rolle button \"Log ind\"",
            Solution = new Solution { Name = "Anmeld flytning", BaseUrl = "http://127.0.0.1:1/x", Vendor = new Vendor { Name = vendor } },
            ChecklistVersion = new ChecklistVersion { ChecklistId = "kl-selvbetjening", Version = "2026.1", Title = "KL", Content = "schema: 1", ContentSha256 = new string('a', 64) },
            Steps =
            [
                new StepResult { Index = 0, Name = "Start", Outcome = StepOutcome.Passed, Screenshot = screenshot },
                new StepResult { Index = 1, Name = "Log ind", Outcome = StepOutcome.Failed, Error = "Fandt ikke" },
            ],
        };
        audit.Findings.Add(new Finding
        {
            CriterionId = "K11", Source = FindingSource.Axe, RuleId = "image-alt", Severity = Severity.Critical, Title = "Images must have alternative text",
            Description = "d", StepIndex = 0, Selector = "img", Html = "<img src=\"logo.svg\">", Wcag = ["1.1.1"],
            Fingerprint = Fingerprints.For(FindingSource.Axe, "image-alt", "Start", "img"), Box = new ElementBox(8, 8, 160, 40), Evidence = screenshot,
        });
        audit.Findings.Add(new Finding
        {
            CriterionId = "K12", Source = FindingSource.TaskVerdict, RuleId = "task-completion", Severity = Severity.Critical, Title = "t",
            Description = "d", StepIndex = 1, Fingerprint = "f",
        });
        return audit;
    }
}
