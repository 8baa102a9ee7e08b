using Microsoft.Playwright;
using UsabilityLab.Browser.Egress;

namespace UsabilityLab.Browser;

/// <summary>One Playwright driver and one Chromium for a whole run; each audit gets a fresh context from it.</summary>
public sealed class BrowserHost : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly SemaphoreSlim _launch = new(1, 1);

    private BrowserHost(IPlaywright playwright, IBrowser browser, ChromiumCandidate candidate, BrowserOptions options, string? sandboxOff)
    {
        _playwright = playwright;
        Browser = browser;
        Candidate = candidate;
        Options = options;
        SandboxOff = sandboxOff;
    }

    /// <summary>Null while Chromium's sandbox is on; else why it is off, in Danish, to say at start-up.</summary>
    public string? SandboxOff { get; }

    /// <summary>The running Chromium; replaced by a new one when it has gone away (crashed, killed).</summary>
    public IBrowser Browser { get; private set; }

    /// <summary>How many times Chromium had to be started again in this run.</summary>
    public int Restarts { get; private set; }

    public ChromiumCandidate Candidate { get; }

    public BrowserOptions Options { get; }

    /// <summary>Chromium's version, e.g. "156.0.8078.79".</summary>
    public string Version => Browser.Version;

    /// <summary>Starts Chromium, trying each candidate in order; throws <see cref="BrowserUnavailableException"/> when none starts.</summary>
    public static async Task<BrowserHost> StartAsync(BrowserOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new BrowserOptions();
        if (options.Endpoint is { } endpoint)
        {
            return await ConnectAsync(endpoint, options);
        }

        var candidates = ChromiumLocator.Candidates(options);
        if (candidates.Count == 0)
        {
            throw new BrowserUnavailableException(
                "Fandt ingen Chromium. Installer den (Debian/Ubuntu: 'sudo apt-get install chromium'), kør './lab' der installerer den, " +
                $"eller angiv stien med --browser eller miljøvariablen {BrowserOptions.ExecutableEnvironmentVariable}.");
        }

        var sandbox = ChromiumSandbox.StartWithSandbox(options.Headless, ChromiumSandbox.RunningAsRoot);
        var playwright = await Playwright.CreateAsync();
        var failures = new List<string>();
        foreach (var candidate in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var browser = await LaunchAsync(playwright, candidate, options, sandbox);
                return new BrowserHost(playwright, browser, candidate, options, sandbox ? null : ChromiumSandbox.OffAsRoot);
            }
            catch (PlaywrightException ex) when (sandbox && options.Headless && ChromiumSandbox.IsSandboxFailure(ex.Message))
            {
                // The kernel gives the sandbox nothing to run on: headless, without it, and said.
                try
                {
                    var browser = await LaunchAsync(playwright, candidate, options, sandbox: false);
                    return new BrowserHost(playwright, browser, candidate, options, ChromiumSandbox.OffUnusable);
                }
                catch (PlaywrightException second)
                {
                    failures.Add($"{candidate}: {FirstLine(second.Message)}");
                }
            }
            catch (PlaywrightException ex)
            {
                failures.Add($"{candidate}: {FirstLine(ex.Message)}" + (sandbox && ChromiumSandbox.IsSandboxFailure(ex.Message) ? " (sandkassen kunne ikke starte, og et synligt vindue åbnes aldrig uden den)" : string.Empty));
            }
        }

        playwright.Dispose();
        throw new BrowserUnavailableException("Chromium kunne ikke startes:" + Environment.NewLine + string.Join(Environment.NewLine, failures.Select(f => "  - " + f)));
    }

    /// <summary>A browser on a Playwright browser server; its sandbox is the server's matter.</summary>
    private static async Task<BrowserHost> ConnectAsync(Uri endpoint, BrowserOptions options)
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await Connect(playwright, endpoint);
            return new BrowserHost(playwright, browser, new ChromiumCandidate(null, "browserserver " + Redacted(endpoint)), options, null);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            playwright.Dispose();
            throw new BrowserUnavailableException(
                $"Kunne ikke forbinde til browserserveren {Redacted(endpoint)}: {FirstLine(ex.Message)}. Kører 'usabilitylab browser-server' dér, og er adressen den, den skrev?", ex);
        }
    }

    private static Task<IBrowser> Connect(IPlaywright playwright, Uri endpoint) =>
        playwright.Chromium.ConnectAsync(endpoint.ToString(), new BrowserTypeConnectOptions { Timeout = 60_000 });

    /// <summary>The endpoint without its path: the path is the server's secret.</summary>
    private static string Redacted(Uri endpoint) => $"{endpoint.Scheme}://{endpoint.Authority}/…";

    /// <summary>
    /// A fresh, isolated browser context in Danish, at the audit viewport, that reaches only what
    /// <paramref name="egress"/> allows (<paramref name="refused"/> hears of every refused connection).
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(EgressPolicy egress, Action<EgressRefusal>? refused = null)
    {
        var browser = await ConnectedBrowserAsync();
        var (context, proxy) = await EgressContexts.NewAsync(browser, new BrowserNewContextOptions
        {
            Locale = "da-DK",
            TimezoneId = "Europe/Copenhagen",
            ViewportSize = new ViewportSize { Width = Options.ViewportWidth, Height = Options.ViewportHeight },
        }, egress, Options.Endpoint is null ? null : Options.ProxyAddress);
        if (refused is not null)
        {
            proxy.Refused += refused;
        }

        context.SetDefaultTimeout(Options.ActionTimeoutMs);
        context.SetDefaultNavigationTimeout(Options.NavigationTimeoutMs);
        await context.AddInitScriptAsync(EmbeddedScripts.PageHelpers);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
        _launch.Dispose();
    }

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright, ChromiumCandidate candidate, BrowserOptions options, bool sandbox) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = candidate.ExecutablePath,
            Headless = options.Headless,
            Args = options.LaunchArguments(sandbox),
            ChromiumSandbox = sandbox,
            Timeout = 60_000,
        });

    /// <summary>The browser, started again when the last one went away; one audit's crash is not the next one's.</summary>
    private async Task<IBrowser> ConnectedBrowserAsync()
    {
        if (Browser.IsConnected)
        {
            return Browser;
        }

        await _launch.WaitAsync();
        try
        {
            if (!Browser.IsConnected)
            {
                Browser = Options.Endpoint is { } endpoint ? await Connect(_playwright, endpoint) : await LaunchAsync(_playwright, Candidate, Options, SandboxOff is null);
                Restarts++;
            }

            return Browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}

/// <summary>No usable browser: the audit cannot run at all (exit code 1).</summary>
public sealed class BrowserUnavailableException : Exception
{
    public BrowserUnavailableException()
    {
    }

    public BrowserUnavailableException(string message)
        : base(message)
    {
    }

    public BrowserUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
