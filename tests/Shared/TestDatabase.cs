using Microsoft.Data.Sqlite;
using Npgsql;
using UsabilityLab.Data;

namespace UsabilityLab.Tests.Shared;

/// <summary>
/// A new, empty database for one test on each provider UsabilityLab supports: an SQLite file in the
/// test's folder, or a database of its own on the PostgreSQL server the test run was given
/// (<see cref="ServerVariable"/>; <c>./lab test</c> starts one on loopback and stops it after).
/// </summary>
internal static class TestDatabase
{
    public const string Sqlite = "SQLite";

    public const string Postgres = "PostgreSQL";

    /// <summary>A connection string to the test server; each test gets a database of its own on it.</summary>
    public const string ServerVariable = "USABILITYLAB_TEST_POSTGRES";

    public static IEnumerable<string> Providers => [Sqlite, Postgres];

    /// <summary>Where a new database for one test is: a file in <paramref name="folder"/>, or a new database on the server (created by its first migration).</summary>
    public static string Location(string provider, string folder)
    {
        if (provider == Sqlite)
        {
            return Path.Combine(folder, "lab.db");
        }

        if (Environment.GetEnvironmentVariable(ServerVariable) is not { Length: > 0 } server)
        {
            Assert.Ignore($"Ingen PostgreSQL-server til testene: sæt {ServerVariable} (./lab test starter en på 127.0.0.1).");
            return string.Empty;
        }

        // A PostgreSQL database's files live in USABILITYLAB_FILES: the test's own folder.
        Environment.SetEnvironmentVariable(LabDatabase.FilesEnvironmentVariable, folder);
        return new NpgsqlConnectionStringBuilder(server) { Database = "lab_test_" + Guid.NewGuid().ToString("N")[..16], Pooling = false }.ToString();
    }

    /// <summary>Removes the database: the file's connections are let go, the server's database is dropped.</summary>
    public static async Task DropAsync(string location)
    {
        if (string.IsNullOrEmpty(location))
        {
            return;
        }

        if (!LabDatabase.IsServer(location))
        {
            SqliteConnection.ClearAllPools();
            return;
        }

        Environment.SetEnvironmentVariable(LabDatabase.FilesEnvironmentVariable, null);
        await LabDatabase.DropServerDatabaseAsync(location);
    }
}
