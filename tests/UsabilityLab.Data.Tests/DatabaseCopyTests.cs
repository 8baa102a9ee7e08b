using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Studies;
using UsabilityLab.Tests.Shared;

namespace UsabilityLab.Data.Tests;

/// <summary>A laptop's SQLite history copied into a new PostgreSQL database: every row, the ids, the files, all or nothing.</summary>
public class DatabaseCopyTests
{
    private DirectoryInfo _laptop = null!;
    private DirectoryInfo _server = null!;
    private string _file = null!;
    private string _postgres = null!;

    [SetUp]
    public void CreateDatabases()
    {
        _laptop = Directory.CreateTempSubdirectory("usabilitylab-copy-from-");
        _server = Directory.CreateTempSubdirectory("usabilitylab-copy-to-");
        _file = TestDatabase.Location(TestDatabase.Sqlite, _laptop.FullName);
        _postgres = TestDatabase.Location(TestDatabase.Postgres, _server.FullName);
    }

    [TearDown]
    public async Task DropDatabasesAsync()
    {
        await TestDatabase.DropAsync(_postgres);
        await TestDatabase.DropAsync(_file);
        _laptop.Delete(recursive: true);
        _server.Delete(recursive: true);
    }

    [Test]
    public async Task Copy_KeepsEveryRowAndId_TheEvidenceFiles_AndNewRowsGetNewIds()
    {
        var audit = AuditStoreTests.SampleAudit("Nordlys Digital A/S");
        Study study;
        await using (var db = await LabDatabase.OpenAsync(_file))
        {
            await new AuditStore(db).SaveAsync(audit);
            study = await StudyStoreTests.NewStudyAsync(new StudyStore(db, TimeProvider.System), db);
        }

        var screenshot = Path.Combine(LabDatabase.EvidenceFolder(_file), audit.Steps[0].Screenshot!.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await File.WriteAllBytesAsync(screenshot, [0xFF, 0xD8, 0xFF]);

        var result = await DatabaseCopy.CopyAsync(_file, _postgres);

        await using var copied = await LabDatabase.OpenAsync(_postgres);
        await using var original = await LabDatabase.OpenAsync(_file);
        var loaded = (await new AuditStore(copied).LoadAsync(audit.Id))!;
        var expected = (await new AuditStore(original).LoadAsync(audit.Id))!;
        Assert.Multiple(() =>
        {
            Assert.That(result.Rows["Audits"], Is.EqualTo(1));
            Assert.That(result.Rows["Findings"], Is.EqualTo(expected.Findings.Count));
            Assert.That(result.Files, Is.EqualTo(1));
            Assert.That(loaded.Solution.Vendor.Name, Is.EqualTo("Nordlys Digital A/S"));
            Assert.That(loaded.StartedAt, Is.EqualTo(expected.StartedAt));
            Assert.That(loaded.Steps.Select(s => (s.Id, s.Name, s.Outcome, s.Events.Count)), Is.EqualTo(expected.Steps.Select(s => (s.Id, s.Name, s.Outcome, s.Events.Count))));
            Assert.That(loaded.Findings.Select(f => (f.Id, f.Fingerprint, f.Severity, f.Wcag.Count)).OrderBy(f => f.Id), Is.EqualTo(expected.Findings.Select(f => (f.Id, f.Fingerprint, f.Severity, f.Wcag.Count)).OrderBy(f => f.Id)));
            Assert.That(File.Exists(Path.Combine(LabDatabase.EvidenceFolder(_postgres), audit.Steps[0].Screenshot!.RelativePath)), Is.True);
        });
        foreach (var (table, rows) in result.Rows)
        {
            Assert.That(rows, Is.EqualTo(await CountAsync(original, table)), $"rows of {table}");
        }

        // The study (integer ids) is there, and the next row gets the next id, not a copied one's.
        var studies = await copied.Studies.Include(s => s.Tasks).ToListAsync();
        Assert.That(studies.Select(s => (s.Id, s.Name, s.Tasks.Count)), Is.EqualTo(new[] { (study.Id, study.Name, 1) }));
        var highest = await copied.Vendors.MaxAsync(v => v.Id);
        var next = new Vendor { Name = "Blokform ApS" };
        copied.Vendors.Add(next);
        await copied.SaveChangesAsync();
        Assert.That(next.Id, Is.GreaterThan(highest));
    }

    [Test]
    public async Task Copy_IntoADatabaseWithRows_IsRefused_AndWritesNothing()
    {
        await using (var db = await LabDatabase.OpenAsync(_file))
        {
            await new AuditStore(db).SaveAsync(AuditStoreTests.SampleAudit("Blokform ApS"));
        }

        await using (var target = await LabDatabase.OpenAsync(_postgres))
        {
            await new AuditStore(target).SaveAsync(AuditStoreTests.SampleAudit("Nordlys Digital A/S"));
        }

        Assert.That(() => DatabaseCopy.CopyAsync(_file, _postgres), Throws.InvalidOperationException.With.Message.Contains("ikke tom"));
        await using var after = await LabDatabase.OpenAsync(_postgres);
        Assert.That(await after.Vendors.Select(v => v.Name).ToListAsync(), Is.EqualTo(new[] { "Nordlys Digital A/S" }));
    }

    /// <summary>Rows in <paramref name="table"/>, a name from the model (never input).</summary>
#pragma warning disable EF1002
    private static async Task<long> CountAsync(LabDbContext db, string table) =>
        await db.Database.SqlQueryRaw<long>($"SELECT COUNT(*) AS \"Value\" FROM \"{table}\"").SingleAsync();
#pragma warning restore EF1002
}
