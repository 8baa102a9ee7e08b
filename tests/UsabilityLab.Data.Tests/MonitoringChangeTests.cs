using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Data.Tests;

/// <summary>What a monitoring run flags against the task's previous completed audit, on both providers.</summary>
public class MonitoringChangeTests(string provider) : DatabaseTest(provider)
{
    [Test]
    public async Task StoppedCompleting_AndANewCriticalFinding_AreFlagged_TheStopsOwnFindingIsNotNews()
    {
        // Last week the task completed, with one critical finding (image-alt) ...
        var older = AuditStoreTests.SampleAudit("Nordlys Digital A/S");
        older.StartedAt = older.StartedAt.AddDays(-7);
        older.TaskCompleted = true;
        older.FailedStepIndex = null;
        older.Findings.RemoveAll(f => f.Source == FindingSource.TaskVerdict);

        // ... now it fails on step 2 (the task verdict's own critical finding), image-alt is still there, and one new critical finding came.
        var newer = AuditStoreTests.SampleAudit("Nordlys Digital A/S");
        newer.Findings.Add(new Finding
        {
            CriterionId = "K11", Source = FindingSource.Axe, RuleId = "button-name", Severity = Severity.Critical, Title = "Buttons must have discernible text",
            Description = "d", StepIndex = 0, Selector = "#send", Fingerprint = Fingerprints.For(FindingSource.Axe, "button-name", "Start", "#send"),
        });
        await using var db = await LabDatabase.OpenAsync(Location);
        await new AuditStore(db).SaveAsync(older);
        db.ChangeTracker.Clear();
        await new AuditStore(db).SaveAsync(newer);

        var first = await MonitoringChange.OfAsync(db, older.Id);
        var change = await MonitoringChange.OfAsync(db, newer.Id);
        var latest = await MonitoringChange.LatestAsync(db.Audits, db);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.Not.Null);
            Assert.That(first!.Flagged, Is.False, "a task's first audit has nothing to compare with");
            Assert.That(change!.Previous, Is.EqualTo(older.Id));
            Assert.That(change.StoppedCompleting, Is.True);
            Assert.That(change.NewCritical, Is.EqualTo(new[] { ("button-name", "trin 1: #send") }));
            Assert.That(change.Summary, Is.EqualTo("Opgaven kan ikke længere gennemføres, og 1 nyt kritisk fund."));
            Assert.That(latest.Select(l => (l.Change.AuditId, l.Change.Summary)), Is.EqualTo(new[] { (newer.Id, change.Summary) }));
        });
    }
}
