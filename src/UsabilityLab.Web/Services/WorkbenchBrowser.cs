using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsabilityLab.Browser;

namespace UsabilityLab.Web.Services;

/// <summary>
/// The workbench's one Chromium, started at the first audit or PDF rather than at start-up, so the
/// pages work on a machine where Chromium is missing and say so only where it is needed.
/// </summary>
public sealed class WorkbenchBrowser(IOptions<WorkbenchOptions> options, ILogger<WorkbenchBrowser> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _start = new(1, 1);
    private BrowserHost? _host;

    public async Task<BrowserHost> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_host is { } started)
        {
            return started;
        }

        await _start.WaitAsync(cancellationToken);
        try
        {
            if (_host is null)
            {
                _host = await BrowserHost.StartAsync(options.Value.BrowserOptions(), cancellationToken);
                if (_host.SandboxOff is { } why)
                {
                    logger.LogWarning("{Why}", why);
                }
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
