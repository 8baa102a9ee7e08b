namespace UsabilityLab.Browser;

/// <summary>
/// One Chromium, started at its first use rather than up front (so a process works on a machine
/// without Chromium until a browser is needed), then shared; closed on dispose.
/// </summary>
/// <param name="started">Told once, when Chromium has started (to say that its sandbox is off, say).</param>
public sealed class LazyBrowser(Func<BrowserOptions> options, Action<BrowserHost>? started = null) : IAsyncDisposable
{
    private readonly SemaphoreSlim _start = new(1, 1);
    private BrowserHost? _host;

    public async Task<BrowserHost> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_host is { } running)
        {
            return running;
        }

        await _start.WaitAsync(cancellationToken);
        try
        {
            if (_host is null)
            {
                _host = await BrowserHost.StartAsync(options(), cancellationToken);
                started?.Invoke(_host);
            }

            return _host;
        }
        finally
        {
            _start.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _start.Dispose();
    }
}
