using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace UsabilityLab.Data;

/// <summary>
/// One lock per running audit, held by the process that runs it, and released by the system when
/// that process ends in any way (SIGKILL included): a running audit whose lock can be taken has
/// lost its process, so it was interrupted. On SQLite the lock is a file in locks/ beside the
/// database, held open; on PostgreSQL it is a session advisory lock on the server, held on a
/// connection of its own, so every worker on every machine sees the same locks.
/// </summary>
public static class AuditLocks
{
    /// <summary>Takes the audit's lock; dispose the result to release it.</summary>
    public static async Task<IAsyncDisposable> AcquireAsync(string location, Guid auditId, CancellationToken cancellationToken = default)
    {
        if (!LabDatabase.IsServer(location))
        {
            return new FileLock(LabDatabase.LocksFolder(location), auditId);
        }

        return await TakeOnServerAsync(location, Key(auditId), cancellationToken);
    }

    /// <summary>
    /// Takes a lock on the PostgreSQL server by name (a job's), waiting while another session holds
    /// it; released on dispose or when this process ends in any way.
    /// </summary>
    public static async Task<IAsyncDisposable> AcquireOnServerAsync(string location, string name, CancellationToken cancellationToken = default)
    {
        if (!LabDatabase.IsServer(location))
        {
            throw new ArgumentException("A named lock is held on a PostgreSQL server.", nameof(location));
        }

        return await TakeOnServerAsync(location, Key(name), cancellationToken);
    }

    /// <summary>True while a process holds the audit's lock.</summary>
    public static async Task<bool> IsHeldAsync(string location, Guid auditId, CancellationToken cancellationToken = default)
    {
        if (!LabDatabase.IsServer(location))
        {
            return IsFileHeld(LabDatabase.LocksFolder(location), auditId);
        }

        await using var connection = await OpenLockConnectionAsync(location, cancellationToken);
        await using var probe = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = Key(auditId) } } };
        if (await probe.ExecuteScalarAsync(cancellationToken) is true)
        {
            // Free: the probe had it for a moment, and lets go with its connection.
            return false;
        }

        return true;
    }

    /// <summary>Removes what an audit's free lock left behind (a lock file; a server lock leaves nothing).</summary>
    public static void Remove(string location, Guid auditId)
    {
        if (LabDatabase.IsServer(location))
        {
            return;
        }

        try
        {
            File.Delete(PathOf(LabDatabase.LocksFolder(location), auditId));
        }
        catch (IOException)
        {
            // Taken again in between; the next recovery looks again.
        }
    }

    /// <summary>The advisory lock's key: the audit id folded to 64 bits.</summary>
    internal static long Key(Guid auditId)
    {
        Span<byte> bytes = stackalloc byte[16];
        auditId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }

    /// <summary>A named lock's key: the first 64 bits of the name's SHA-256.</summary>
    internal static long Key(string name) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 8));

    private static async Task<IAsyncDisposable> TakeOnServerAsync(string location, long key, CancellationToken cancellationToken)
    {
        var connection = await OpenLockConnectionAsync(location, cancellationToken);
        try
        {
            await using var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection) { Parameters = { new() { Value = key } } };
            await take.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A connection of its own, never pooled: a session lock lives as long as its session, and a
    /// pooled connection would keep the session (and the lock) after it was given back.
    /// </summary>
    private static async Task<NpgsqlConnection> OpenLockConnectionAsync(string location, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(location) { Pooling = false, KeepAlive = 30, ApplicationName = "UsabilityLab audit lock" };
        var connection = new NpgsqlConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static bool IsFileHeld(string folder, Guid auditId)
    {
        var path = PathOf(folder, auditId);
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static string PathOf(string folder, Guid auditId) => Path.Combine(folder, $"{auditId:N}.lock");

    /// <summary>The lock file, held open with no sharing; released and removed on dispose.</summary>
    private sealed class FileLock : IAsyncDisposable
    {
        private readonly string _folder;
        private readonly Guid _auditId;
        private readonly FileStream _stream;

        public FileLock(string folder, Guid auditId)
        {
            Directory.CreateDirectory(folder);
            _folder = folder;
            _auditId = auditId;
            _stream = new FileStream(PathOf(folder, auditId), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }

        public async ValueTask DisposeAsync()
        {
            await _stream.DisposeAsync();
            try
            {
                File.Delete(PathOf(_folder, _auditId));
            }
            catch (IOException)
            {
                // Taken again in between by a process that will remove it itself.
            }
        }
    }
}
