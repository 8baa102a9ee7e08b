using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UsabilityLab.Tests.Shared;

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
    public void PostgresModel_HasNoPendingChanges()
    {
        // Comparing the model with the last migration's snapshot needs no server.
        using var db = new LabDbContext(LabDatabase.Options("Host=127.0.0.1;Database=usabilitylab_model"));

        Assert.Multiple(() =>
        {
            Assert.That(db.Database.ProviderName, Is.EqualTo("Npgsql.EntityFrameworkCore.PostgreSQL"));
            Assert.That(db.Database.GetMigrations(), Is.Not.Empty);
            Assert.That(db.Database.HasPendingModelChanges(), Is.False, "Run: dotnet ef migrations add <Name> --project src/UsabilityLab.Data.Postgres --startup-project src/UsabilityLab.Data.Postgres");
        });
    }

    [TestCase("Host=db.example;Database=usabilitylab;Username=lab;Password=hemmelig", true, "PostgreSQL db.example/usabilitylab")]
    [TestCase("server = 10.0.0.5; port=5433; database=lab", true, "PostgreSQL 10.0.0.5:5433/lab")]
    [TestCase("data/usabilitylab.db", false, "data/usabilitylab.db")]
    [TestCase("/srv/lab/Host=x.db", false, "/srv/lab/Host=x.db")]
    public void A_Location_IsAFileOrAServer_AndIsShownWithoutItsPassword(string location, bool server, string shown)
    {
        Assert.Multiple(() =>
        {
            Assert.That(LabDatabase.IsServer(location), Is.EqualTo(server));
            Assert.That(LabDatabase.Display(location), Is.EqualTo(shown));
        });
    }

    [Test]
    public async Task OpenAsync_NewPostgresDatabase_IsCreatedAndMigrated()
    {
        var folder = Directory.CreateTempSubdirectory("usabilitylab-db-");
        var location = TestDatabase.Location(TestDatabase.Postgres, folder.FullName);
        try
        {
            await using (var db = await LabDatabase.OpenAsync(location))
            {
                Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
                Assert.That((await db.Database.GetAppliedMigrationsAsync()).Count(), Is.EqualTo(db.Database.GetMigrations().Count()));
                Assert.That(LabDatabase.EvidenceFolder(location), Is.EqualTo(Path.Combine(folder.FullName, "evidence")), "a server's files live in USABILITYLAB_FILES");
            }

            // A second process opening the same database finds nothing to do.
            await using var again = await LabDatabase.OpenAsync(location);
            await using var connection = new NpgsqlConnection(location);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'";
            var tables = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            Assert.That(tables, Is.SupersetOf(new[] { "Audits", "ChecklistVersions", "Evidence", "Findings", "Scans", "Solutions", "StepResults", "Vendors", "AspNetUsers" }));
        }
        finally
        {
            await TestDatabase.DropAsync(location);
            folder.Delete(recursive: true);
        }
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
