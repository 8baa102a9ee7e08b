namespace UsabilityLab.Cli;

/// <summary>
/// The peak resident memory of a process and all its descendants (a browser's renderers
/// included), sampled from /proc every 100 ms while it runs. Resident sizes are summed, so pages
/// shared between processes count once per process: the same measure for every tool compared.
/// Linux only; elsewhere the peak stays 0.
/// </summary>
internal sealed class ProcessTreeMemory : IAsyncDisposable
{
    private readonly int _root;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    private ProcessTreeMemory(int root)
    {
        _root = root;
        _sampling = Task.Run(SampleAsync);
    }

    /// <summary>The highest sum seen so far, in bytes.</summary>
    public long PeakBytes { get; private set; }

    public static ProcessTreeMemory Watch(int root) => new(root);

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            PeakBytes = Math.Max(PeakBytes, TreeBytes(_root));
            try
            {
                await Task.Delay(100, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The resident memory of the process and its descendants now, in bytes.</summary>
    public static long TreeBytes(int root)
    {
        if (!Directory.Exists("/proc"))
        {
            return 0;
        }

        var parents = new Dictionary<int, int>();
        var resident = new Dictionary<int, long>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                foreach (var line in File.ReadLines(Path.Combine(folder, "status")))
                {
                    if (line.StartsWith("PPid:", StringComparison.Ordinal))
                    {
                        parents[pid] = int.Parse(line.AsSpan(5).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    }
                    else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    {
                        resident[pid] = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
                    }
                }
            }
            catch (IOException)
            {
                // The process ended while it was read.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }

        var total = 0L;
        foreach (var (pid, bytes) in resident)
        {
            for (var current = pid; current > 1; current = parents.GetValueOrDefault(current))
            {
                if (current == root)
                {
                    total += bytes;
                    break;
                }
            }
        }

        return total;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
