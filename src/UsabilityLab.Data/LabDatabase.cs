using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace UsabilityLab.Data;

/// <summary>
/// Opens UsabilityLab's database, bringing its schema up to date with the migrations: an SQLite
/// file on one machine (the default), or a PostgreSQL server for a team and many workers, chosen
/// by what <c>--db</c> (or <c>USABILITYLAB_DB</c>) holds: a file, or a connection string such as
/// <c>Host=db.example;Database=usabilitylab;Username=lab;Password=...</c>.
/// </summary>
public static partial class LabDatabase
{
    /// <summary>Default database file, relative to the working directory.</summary>
    public const string DefaultPath = "data/usabilitylab.db";

    /// <summary>Where the database is when no <c>--db</c> is given: a file or a connection string.</summary>
    public const string EnvironmentVariable = "USABILITYLAB_DB";

    /// <summary>
    /// The folder a PostgreSQL database's files (evidence, locks, the workbench's keys) live in: one
    /// every worker and the workbench can reach. An SQLite database keeps them beside its file.
    /// </summary>
    public const string FilesEnvironmentVariable = "USABILITYLAB_FILES";

    /// <summary>The PostgreSQL migrations live in their own assembly, beside the SQLite ones in this one.</summary>
    public const string PostgresMigrationsAssembly = "UsabilityLab.Data.Postgres";

    /// <summary><c>--db</c>'s value when none is given: <see cref="EnvironmentVariable"/>, else <see cref="DefaultPath"/>.</summary>
    public static string DefaultLocation =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultPath;

    /// <summary>True when <paramref name="location"/> is a PostgreSQL connection string rather than a file.</summary>
    public static bool IsServer(string location) => ServerKeyword().IsMatch(location ?? string.Empty);

    /// <summary>The location as every process should use it: a file's full path, a connection string as given.</summary>
    public static string Normalize(string location) => IsServer(location) ? location : Path.GetFullPath(location);

    /// <summary>The location to show a person: a file's path, or the server and database without the password.</summary>
    public static string Display(string location)
    {
        if (!IsServer(location))
        {
            return location;
        }

        var builder = new NpgsqlConnectionStringBuilder(location);
        return $"PostgreSQL {builder.Host}{(builder.Port == NpgsqlConnection.DefaultPort ? string.Empty : ":" + builder.Port)}/{builder.Database}";
    }

    /// <summary>The folder evidence/, locks/ and keys/ live in for the database at <paramref name="location"/>.</summary>
    public static string FilesFolder(string location) => IsServer(location)
        ? Path.GetFullPath(Environment.GetEnvironmentVariable(FilesEnvironmentVariable) is { Length: > 0 } folder ? folder : "data")
        : Path.GetDirectoryName(Path.GetFullPath(location))!;

    /// <summary>Evidence files (screenshots, downloads) live in evidence/ in the <see cref="FilesFolder"/>.</summary>
    public static string EvidenceFolder(string location) => Path.Combine(FilesFolder(location), "evidence");

    /// <summary>Lock files of running audits live in locks/ in the <see cref="FilesFolder"/>.</summary>
    public static string LocksFolder(string location) => Path.Combine(FilesFolder(location), "locks");

    public static DbContextOptions<LabDbContext> Options(string location)
    {
        var builder = new DbContextOptionsBuilder<LabDbContext>();
        Configure(builder, location);
        return builder.Options;
    }

    /// <summary>Points <paramref name="builder"/> at the database at <paramref name="location"/>, with that provider's migrations.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string location)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return IsServer(location)
            ? builder.UseNpgsql(location, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly))
            : builder.UseSqlite(ConnectionString(location));
    }

    /// <summary>A PostgreSQL connection string names its server: "Host=..." (or "Server=...") among its keywords.</summary>
    [GeneratedRegex(@"(^|;)\s*(host|server)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ServerKeyword();

    /// <summary>The connection string every UsabilityLab process uses for the file at <paramref name="path"/>.</summary>
    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        ForeignKeys = true,

        // Seconds a command waits on a lock held by another process before "database is locked".
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>
    /// Creates or migrates the database and marks audits of stopped processes interrupted, for a
    /// program that will not read it itself (it queues jobs, or hands it to workers).
    /// </summary>
    public static async Task PrepareAsync(string location, CancellationToken cancellationToken = default)
    {
        await using var opened = await OpenAsync(location, cancellationToken);
    }

    /// <summary>Drops a PostgreSQL database with everything in it, closing its connections (throwaway databases of tests and benchmarks).</summary>
    public static async Task DropServerDatabaseAsync(string location, CancellationToken cancellationToken = default)
    {
        if (!IsServer(location))
        {
            throw new ArgumentException("Only a PostgreSQL database is dropped this way.", nameof(location));
        }

        var builder = new NpgsqlConnectionStringBuilder(location);
        var name = builder.Database!;
        builder.Database = "postgres";
        await using var connection = new NpgsqlConnection(builder.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)";
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Opens the database at <paramref name="location"/>, creating it (a file in WAL mode) and applying
    /// migrations as needed, and marks audits whose process has stopped as interrupted (<see cref="AuditRecovery"/>).
    /// </summary>
    public static async Task<LabDbContext> OpenAsync(string location, CancellationToken cancellationToken = default)
    {
        var full = Normalize(location);
        if (!IsServer(full))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        }

        var context = new LabDbContext(Options(full));
        try
        {
            if (IsServer(full))
            {
                // Creates the database when the server has none by that name yet; holds PostgreSQL's
                // migration lock, so two workers starting at once migrate once.
                await context.Database.MigrateAsync(cancellationToken);
            }
            else
            {
                // WAL lets readers (reports) work while an audit writes; it is a property of the file.
                await context.Database.OpenConnectionAsync(cancellationToken);
                await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

                // Migrating takes EF's migration lock, a write; a database that is up to date is only read.
                if ((await context.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
                {
                    await context.Database.MigrateAsync(cancellationToken);
                }
            }

            await AuditRecovery.MarkInterruptedAsync(context, full, cancellationToken);

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

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without running the CLI (PostgreSQL: UsabilityLab.Data.Postgres).</summary>
public sealed class LabDbContextDesignTimeFactory : IDesignTimeDbContextFactory<LabDbContext>
{
    public LabDbContext CreateDbContext(string[] args) => new(LabDatabase.Options("design-time.db"));
}

