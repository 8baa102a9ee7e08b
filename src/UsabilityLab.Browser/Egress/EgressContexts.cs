using System.Net;
using Microsoft.Playwright;

namespace UsabilityLab.Browser.Egress;

/// <summary>Browser contexts whose every request goes through their own <see cref="EgressProxy"/>; the proxy closes with the context.</summary>
public static class EgressContexts
{
    /// <summary>A new context of <paramref name="browser"/> under <paramref name="policy"/>, and the proxy that enforces it.</summary>
    /// <param name="listenOn">Where the proxy listens: loopback, or this machine's address as a remote browser reaches it.</param>
    public static async Task<(IBrowserContext Context, EgressProxy Proxy)> NewAsync(IBrowser browser, BrowserNewContextOptions options, EgressPolicy policy, IPAddress? listenOn = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(options);
        var proxy = EgressProxy.Start(policy, listenOn: listenOn);
        try
        {
            options.Proxy = new Proxy { Server = proxy.Address, Username = proxy.UserName, Password = proxy.Password };
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
