using Microsoft.Playwright;

namespace UsabilityLab.Browser.Egress;

/// <summary>Browser contexts whose every request goes through their own <see cref="EgressProxy"/>; the proxy closes with the context.</summary>
public static class EgressContexts
{
    /// <summary>A new context of <paramref name="browser"/> under <paramref name="policy"/>, and the proxy that enforces it.</summary>
    public static async Task<(IBrowserContext Context, EgressProxy Proxy)> NewAsync(IBrowser browser, BrowserNewContextOptions options, EgressPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(options);
        var proxy = EgressProxy.Start(policy);
        try
        {
            options.Proxy = new Proxy { Server = proxy.Address };
            var context = await browser.NewContextAsync(options);
            context.Close += (_, _) => _ = proxy.DisposeAsync().AsTask();
            return (context, proxy);
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }
}
