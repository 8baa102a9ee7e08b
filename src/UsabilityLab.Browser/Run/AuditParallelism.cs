namespace UsabilityLab.Browser;

/// <summary>How many audits one machine runs at once, by default.</summary>
public static class AuditParallelism
{
    /// <summary>More than this at once only makes each audit slower.</summary>
    public const int Max = 16;

    /// <summary>An audit's three passes with their pages, in Chromium and here, at most.</summary>
    private const long MemoryPerAudit = 1536L * 1024 * 1024;

    /// <summary>One audit per core, at most one per 1.5 GiB of the memory the process may use, at least one.</summary>
    public static int Default { get; } = For(Environment.ProcessorCount, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    /// <summary>The default on a machine with <paramref name="cores"/> and <paramref name="memoryBytes"/>.</summary>
    public static int For(int cores, long memoryBytes) => (int)Math.Clamp(Math.Min(cores, memoryBytes / MemoryPerAudit), 1, Max);
}
