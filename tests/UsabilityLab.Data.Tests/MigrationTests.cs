using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace UsabilityLab.Data.Tests;

public class MigrationTests
{
    [Test]
    public void Model_HasNoPendingChanges()
    {
        using var db = new LabDbContext(LabDatabase.Options(":memory:"));

        Assert.That(db.Database.HasPendingModelChanges(), Is.False, "Run: dotnet ef migrations add <Name> --project src/UsabilityLab.Data");
    }

    [Test]
    public async Task OpenAsync_NewFile_AppliesMigrationsInWalMode()
    {
        var folder = Directory.CreateTempSubdirectory("usabilitylab-db-");
        try
        {
            var path = Path.Combine(folder.FullName, "sub", "lab.db");
            await using (var db = await LabDatabase.OpenAsync(path))
            {
                Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
                Assert.That((await db.Database.GetAppliedMigrationsAsync()).Count(), Is.EqualTo(db.Database.GetMigrations().Count()));
            }

            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo("wal"));
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;";
            var tables = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            Assert.That(tables, Is.SupersetOf(new[] { "Audits", "ChecklistVersions", "Evidence", "Findings", "Solutions", "StepResults", "Vendors" }));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }
}
