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
    private readonly LazyBrowser _browser = new(() => options.Value.BrowserOptions(), host =>
    {
        if (host.SandboxOff is { } why)
        {
            logger.LogWarning("{Why}", why);
        }
    });

    public Task<BrowserHost> GetAsync(CancellationToken cancellationToken = default) => _browser.GetAsync(cancellationToken);

    public ValueTask DisposeAsync() => _browser.DisposeAsync();
}
