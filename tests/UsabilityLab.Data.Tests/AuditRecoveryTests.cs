using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Data.Tests;

/// <summary>Audits left running: marked interrupted when their process is gone, left alone while it holds their lock.</summary>
public class AuditRecoveryTests(string provider) : DatabaseTest(provider)
{

    [Test]
    public async Task RunningAuditWithoutItsProcess_IsMarkedInterrupted_AndItsStrayFilesGo()
    {
        var audit = AuditStoreTests.SampleAudit("Nordlys Digital A/S");
        audit.Status = AuditStatus.Running;
        var folder = Path.Combine(LabDatabase.EvidenceFolder(Location), audit.Id.ToString("N"));
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "trin-01.jpg"), [1, 2, 3]);
        await File.WriteAllBytesAsync(Path.Combine(folder, "trin-02.jpg.tmp-0123"), [1]);
        await using (var db = await LabDatabase.OpenAsync(Location))
        {
            await new AuditStore(db).SaveAsync(audit);
        }

        await using var reopened = await LabDatabase.OpenAsync(Location);
        var stored = await reopened.Audits.AsNoTracking().SingleAsync();

        Assert.Multiple(() =>
        {
            Assert.That(stored.Status, Is.EqualTo(AuditStatus.Aborted));
            Assert.That(stored.FailureReason, Is.EqualTo(FailureReason.Interrupted));
            Assert.That(stored.FailureMessage, Is.EqualTo(AuditRecovery.InterruptedMessage));
            Assert.That(Directory.GetFiles(folder).Select(Path.GetFileName), Is.EqualTo(new[] { "trin-01.jpg" }), "the stored screenshot stays; the half-written one goes");
        });
    }

    [Test]
    public async Task RunningAuditWhoseLockIsHeld_IsLeftRunning()
    {
        var audit = AuditStoreTests.SampleAudit("Nordlys Digital A/S");
        audit.Status = AuditStatus.Running;
        await using (await LabDatabase.OpenAsync(Location))
        {
            // The database exists before its first audit takes a lock.
        }

        await using var held = await AuditLocks.AcquireAsync(Location, audit.Id);
        await using (var db = await LabDatabase.OpenAsync(Location))
        {
            await new AuditStore(db).SaveAsync(audit);
        }

        await using var reopened = await LabDatabase.OpenAsync(Location);

        Assert.That((await reopened.Audits.AsNoTracking().SingleAsync()).Status, Is.EqualTo(AuditStatus.Running));

        // Its process ends: the lock goes with it, and the next open marks the audit interrupted.
        await held.DisposeAsync();
        await using var after = await LabDatabase.OpenAsync(Location);
        Assert.That((await after.Audits.AsNoTracking().SingleAsync()).FailureReason, Is.EqualTo(FailureReason.Interrupted));
    }

    [Test]
    public async Task CompletedAudit_IsNeverTouched()
    {
        var audit = AuditStoreTests.SampleAudit("Nordlys Digital A/S");
        await using (var db = await LabDatabase.OpenAsync(Location))
        {
            await new AuditStore(db).SaveAsync(audit);
        }

        await using var reopened = await LabDatabase.OpenAsync(Location);

        Assert.That((await reopened.Audits.AsNoTracking().SingleAsync()).Status, Is.EqualTo(AuditStatus.Completed));
    }
}
