using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using UsabilityLab.Browser;
using UsabilityLab.Browser.Egress;
using UsabilityLab.Browser.Sessions;

namespace UsabilityLab.Web.Services;

/// <summary>
/// The workbench's browsers for the citizen's window: the workbench's own headless Chromium for a
/// script, and for a person a visible Chromium of its own on the workbench machine's display,
/// started at the first session that needs it.
/// </summary>
public sealed class CitizenBrowsers(WorkbenchBrowser workbenchBrowser, IOptions<WorkbenchOptions> options) : ICitizenBrowsers, IAsyncDisposable
{
    private readonly SemaphoreSlim _visibleStart = new(1, 1);
    private BrowserHost? _visible;

    public EgressPolicy Egress => options.Value.BrowserOptions().EgressFor();

    public async Task<IBrowser> GetAsync(bool visible, CancellationToken cancellationToken = default)
    {
        if (!visible)
        {
            return (await workbenchBrowser.GetAsync(cancellationToken)).Browser;
        }

        await _visibleStart.WaitAsync(cancellationToken);
        try
        {
            if (_visible is null || !_visible.Browser.IsConnected)
            {
                var browserOptions = options.Value.BrowserOptions();
                browserOptions.Headless = false;
                browserOptions.Kiosk = true;
                _visible = await BrowserHost.StartAsync(browserOptions, cancellationToken);
            }

            return _visible.Browser;
        }
        finally
        {
            _visibleStart.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_visible is not null)
        {
            await _visible.DisposeAsync();
        }

        _visibleStart.Dispose();
    }
}
