using UsabilityLab.Tests.Shared;

namespace UsabilityLab.Data.Tests;

/// <summary>A test class that runs once on SQLite and once on PostgreSQL, each test on a new database.</summary>
[TestFixtureSource(typeof(TestDatabase), nameof(TestDatabase.Providers))]
public abstract class DatabaseTest(string provider)
{
    protected string Provider => provider;

    /// <summary>The test's own folder; an SQLite database file lives in it, and every database's evidence and locks.</summary>
    protected DirectoryInfo Folder { get; private set; } = null!;

    /// <summary>What <c>--db</c> would be: the file's path or the connection string.</summary>
    protected string Location { get; private set; } = null!;

    [SetUp]
    public void CreateDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("usabilitylab-data-");
        Location = TestDatabase.Location(provider, Folder.FullName);
    }

    [TearDown]
    public async Task DropDatabaseAsync()
    {
        await TestDatabase.DropAsync(Location);
        Folder.Delete(recursive: true);
    }
}
