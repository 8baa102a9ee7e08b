namespace UsabilityLab.Browser;

/// <summary>How the browser is found and started, and how long a vendor's page may take.</summary>
public sealed class BrowserOptions
{
    /// <summary>Environment variable that names a Chromium executable, overriding discovery.</summary>
    public const string ExecutableEnvironmentVariable = "USABILITYLAB_CHROMIUM";

    /// <summary>A Chromium executable to use; null to discover one (see <see cref="ChromiumLocator"/>).</summary>
    public string? ExecutablePath { get; set; }

    public bool Headless { get; set; } = true;

    /// <summary>
    /// A Playwright browser server to use instead of starting Chromium here ("ws://host:port/path",
    /// as <c>usabilitylab browser-server</c> prints it): the browser lives on its own machine.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// With <see cref="Endpoint"/> on another machine: this machine's address as that machine reaches
    /// it. Each audit's egress proxy listens there (with a password of its own) instead of on loopback.
    /// </summary>
    public System.Net.IPAddress? ProxyAddress { get; set; }

    /// <summary>Longest wait for one action (finding and operating an element), in milliseconds.</summary>
    public int ActionTimeoutMs { get; set; } = 10_000;

    /// <summary>Longest wait for a page to load, in milliseconds.</summary>
    public int NavigationTimeoutMs { get; set; } = 30_000;

    /// <summary>Longest wait for an expectation (text, URL, element) to hold, in milliseconds.</summary>
    public int ExpectationTimeoutMs { get; set; } = 5_000;

    /// <summary>
    /// Longest time for one step: its page's checks and its actions together, in milliseconds. A
    /// step over it is stopped (its page closed) and the task fails there.
    /// </summary>
    public int StepTimeoutMs { get; set; } = 60_000;

    /// <summary>Longest time for a whole audit, every pass included, in milliseconds.</summary>
    public int AuditTimeoutMs { get; set; } = 300_000;

    /// <summary>Viewport of the audit, in CSS pixels.</summary>
    public int ViewportWidth { get; set; } = 1280;

    public int ViewportHeight { get; set; } = 900;

    /// <summary>
    /// Addresses on the inside of the network a solution may reach besides its own (a test
    /// environment on a private address): hosts, host:port, addresses or networks like
    /// 10.20.0.0/16. Everything else on the inside is refused (<see cref="Egress.EgressPolicy"/>).
    /// </summary>
    public IReadOnlyList<string> EgressAllow { get; set; } = [];

    /// <summary>The rule for a context that browses a solution at <paramref name="solutionUrls"/>.</summary>
    public Egress.EgressPolicy EgressFor(params string[] solutionUrls) => Egress.EgressPolicy.For(solutionUrls, EgressAllow);

    /// <summary>
    /// Flags for Chromium in closed networks: no background traffic that a closed network refuses.
    /// The sandbox is on unless <see cref="ChromiumSandbox"/> says it cannot be.
    /// </summary>
    public static IReadOnlyList<string> Arguments(bool sandbox) => sandbox ? DefaultArguments : ["--no-sandbox", .. DefaultArguments];

    /// <summary>
    /// True for the citizen's visible window: Chromium starts in kiosk mode (full screen, no
    /// address bar, no tabs, no menus), so the window is the solution and nothing else.
    /// </summary>
    public bool Kiosk { get; set; }

    /// <summary>More Chromium flags, after UsabilityLab's own (a smaller script heap for a machine with little memory, say).</summary>
    public IReadOnlyList<string> ExtraArguments { get; set; } = [];

    /// <summary>The flags this browser starts with: <see cref="Arguments(bool)"/>, kiosk mode for a visible citizen window, and <see cref="ExtraArguments"/>.</summary>
    public IReadOnlyList<string> LaunchArguments(bool sandbox) =>
        [.. Kiosk && !Headless ? [.. Arguments(sandbox), "--kiosk", "--disable-extensions", "--no-first-run", "--no-default-browser-check"] : Arguments(sandbox), .. ExtraArguments];

    private static IReadOnlyList<string> DefaultArguments { get; } =
    [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ];
}
