namespace UsabilityLab.Core.Scans;

/// <summary>
/// The pages a scan has left to audit, shared by its workers: the addresses it was given and,
/// when it crawls, the links the audited pages lead to on the same origins. Every address is
/// taken once (its fragment ignored), only while the scan is under its page limit, and only where
/// robots.txt allows it. A worker asks for the next page until none is queued and none is
/// being audited, so a crawl ends when the last page found no new link.
/// </summary>
public sealed class ScanFrontier
{
    private readonly Lock _gate = new();
    private readonly Queue<string> _queue = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _origins = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<Uri, bool> _robotsAllow;
    private readonly List<string> _refused = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;

    /// <param name="maxPages">At most this many pages are audited; links past it are counted, not followed.</param>
    /// <param name="robotsAllow">Whether robots.txt of the address's origin allows it.</param>
    public ScanFrontier(IEnumerable<string> start, int maxPages, Func<Uri, bool>? robotsAllow = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        MaxPages = maxPages;
        _robotsAllow = robotsAllow ?? (_ => true);
        foreach (var url in start)
        {
            _origins.Add(Origin(new Uri(url)));
            Add(url);
        }
    }

    public int MaxPages { get; }

    /// <summary>Pages queued or audited so far.</summary>
    public int Planned { get; private set; }

    /// <summary>Addresses left out because the page limit was reached.</summary>
    public int OverLimit { get; private set; }

    /// <summary>The origins the scan may visit: those of the addresses it started from.</summary>
    public IReadOnlyCollection<string> Origins => _origins;

    /// <summary>Addresses robots.txt asked not to visit.</summary>
    public IReadOnlyList<string> RefusedByRobots
    {
        get
        {
            lock (_gate)
            {
                return [.. _refused];
            }
        }
    }

    /// <summary>"https://host:port" of an address, as the scan compares origins.</summary>
    public static string Origin(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>Queues an address found on a page; false when it is not to be audited (seen, another origin, refused, over the limit).</summary>
    public bool Add(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return false;
        }

        var key = new UriBuilder(uri) { Fragment = string.Empty }.Uri.AbsoluteUri;
        lock (_gate)
        {
            if (!_origins.Contains(Origin(uri)) || !_seen.Add(key))
            {
                return false;
            }

            if (!_robotsAllow(uri))
            {
                _refused.Add(key);
                return false;
            }

            if (Planned >= MaxPages)
            {
                OverLimit++;
                return false;
            }

            Planned++;
            _queue.Enqueue(key);
            Signal();
            return true;
        }
    }

    /// <summary>The next address to audit, or null when the scan is done (nothing queued, nothing being audited).</summary>
    public async Task<string?> TakeAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_queue.TryDequeue(out var next))
                {
                    _inFlight++;
                    return next;
                }

                if (_inFlight == 0)
                {
                    return null;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>A page taken with <see cref="TakeAsync"/> is audited (its links added before this).</summary>
    public void Done()
    {
        lock (_gate)
        {
            _inFlight--;
            Signal();
        }
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
