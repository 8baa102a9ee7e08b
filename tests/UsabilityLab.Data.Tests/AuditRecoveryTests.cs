using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Data.Tests;

/// <summary>Audits left running: marked interrupted when their process is gone, left alone while it holds their lock.</summary>
public class AuditRecoveryTests
{
    private DirectoryInfo _folder = null!;
    private string _path = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Directory.CreateTempSubdirectory("usabilitylab-recovery-");
        _path = Path.Combine(_folder.FullName, "lab.db");
    }

    [TearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Test]
    public async Task RunningAuditWithoutItsProcess_IsMarkedInterrupted_AndItsStrayFilesGo()
    {
        var audit = AuditStoreTests.SampleAudit("Nordlys Digital A/S");
        audit.Status = AuditStatus.Running;
        var folder = Path.Combine(LabDatabase.EvidenceFolder(_path), audit.Id.ToString("N"));
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "trin-01.jpg"), [1, 2, 3]);
        await File.WriteAllBytesAsync(Path.Combine(folder, "trin-02.jpg.tmp-0123"), [1]);
        await using (var db = await LabDatabase.OpenAsync(_path))
        {
            await new AuditStore(db).SaveAsync(audit);
        }

        await using var reopened = await LabDatabase.OpenAsync(_path);
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
        using var held = AuditLocks.Acquire(LabDatabase.LocksFolder(_path), audit.Id);
        await using (var db = await LabDatabase.OpenAsync(_path))
        {
            await new AuditStore(db).SaveAsync(audit);
        }

        await using var reopened = await LabDatabase.OpenAsync(_path);

        Assert.That((await reopened.Audits.AsNoTracking().SingleAsync()).Status, Is.EqualTo(AuditStatus.Running));
    }

    [Test]
    public async Task CompletedAudit_IsNeverTouched()
    {
        var audit = AuditStoreTests.SampleAudit("Nordlys Digital A/S");
        await using (var db = await LabDatabase.OpenAsync(_path))
        {
            await new AuditStore(db).SaveAsync(audit);
        }

        await using var reopened = await LabDatabase.OpenAsync(_path);

        Assert.That((await reopened.Audits.AsNoTracking().SingleAsync()).Status, Is.EqualTo(AuditStatus.Completed));
    }
}
