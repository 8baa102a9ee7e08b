using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace UsabilityLab.Data;

/// <summary>Opens the SQLite database, bringing its schema up to date with the migrations.</summary>
public static class LabDatabase
{
    /// <summary>Default database file, relative to the working directory.</summary>
    public const string DefaultPath = "data/usabilitylab.db";

    /// <summary>Evidence files (screenshots, downloads) live in evidence/ beside the database file.</summary>
    public static string EvidenceFolder(string databasePath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "evidence");

    /// <summary>Lock files of running audits live in locks/ beside the database file.</summary>
    public static string LocksFolder(string databasePath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "locks");

    public static DbContextOptions<LabDbContext> Options(string path) =>
        new DbContextOptionsBuilder<LabDbContext>().UseSqlite(ConnectionString(path)).Options;

    /// <summary>The connection string every UsabilityLab process uses for the file at <paramref name="path"/>.</summary>
    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        ForeignKeys = true,

        // Seconds a command waits on a lock held by another process before "database is locked".
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>
    /// Opens the database at <paramref name="path"/>, creating it and applying migrations as needed,
    /// in WAL mode, and marks audits whose process has stopped as interrupted (<see cref="AuditRecovery"/>).
    /// </summary>
    public static async Task<LabDbContext> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var context = new LabDbContext(Options(full));
        try
        {
            // WAL lets readers (reports) work while an audit writes; it is a property of the file.
            await context.Database.OpenConnectionAsync(cancellationToken);
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            // Migrating takes EF's migration lock, a write; a database that is up to date is only read.
            if ((await context.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            {
                await context.Database.MigrateAsync(cancellationToken);
            }

            await AuditRecovery.MarkInterruptedAsync(context, LocksFolder(full), EvidenceFolder(full), cancellationToken);

            // Audits stored before findings were tracked (or by a process stopped in between).
            await new FindingTracker(context).CatchUpAsync(cancellationToken);
            return context;
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }
}

/// <summary>Lets <c>dotnet ef</c> build the model without running the CLI.</summary>
public sealed class LabDbContextDesignTimeFactory : IDesignTimeDbContextFactory<LabDbContext>
{
    public LabDbContext CreateDbContext(string[] args) => new(LabDatabase.Options("design-time.db"));
}
