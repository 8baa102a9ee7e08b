namespace UsabilityLab.Data;

/// <summary>
/// One lock file per running audit, held open by the process that runs it. The operating system
/// releases the lock when that process ends in any way (SIGKILL included), so a running audit
/// whose lock can be taken has lost its process: it was interrupted.
/// </summary>
public static class AuditLocks
{
    /// <summary>Takes the audit's lock; dispose the stream to release it.</summary>
    public static FileStream Acquire(string folder, Guid auditId)
    {
        Directory.CreateDirectory(folder);
        return new FileStream(PathOf(folder, auditId), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
    }

    /// <summary>True while a process holds the audit's lock.</summary>
    public static bool IsHeld(string folder, Guid auditId)
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

    /// <summary>Removes the lock file of an audit that no process holds.</summary>
    public static void Remove(string folder, Guid auditId)
    {
        try
        {
            File.Delete(PathOf(folder, auditId));
        }
        catch (IOException)
        {
            // Taken again in between; the next recovery looks again.
        }
    }

    private static string PathOf(string folder, Guid auditId) => Path.Combine(folder, $"{auditId:N}.lock");
}
