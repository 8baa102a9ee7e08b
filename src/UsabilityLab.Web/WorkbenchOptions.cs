using UsabilityLab.Browser;
using UsabilityLab.Data;

namespace UsabilityLab.Web;

/// <summary>The workbench's settings, bound from the "Workbench" configuration section (and the CLI's options).</summary>
public sealed class WorkbenchOptions
{
    public const string Section = "Workbench";

    /// <summary>The database shared with the CLI: an SQLite file or a PostgreSQL connection string (<see cref="LabDatabase.IsServer"/>).</summary>
    public string Database { get; set; } = LabDatabase.DefaultLocation;

    /// <summary>Where the checklists an audit can be started with are read from.</summary>
    public string ChecklistsFolder { get; set; } = "checklists";

    /// <summary>A Chromium to use instead of the one found on the machine.</summary>
    public string? BrowserPath { get; set; }

    /// <summary>Whether the session cookie is sent only over HTTPS. Loopback HTTP counts as secure to browsers.</summary>
    public bool SecureCookies { get; set; } = true;

    /// <summary>How many audits started from the workbench run at once, each in its own browser contexts (1-16).</summary>
    public int Parallel { get; set; } = AuditParallelism.Default;

    /// <summary>
    /// On PostgreSQL: whether this workbench also takes audit jobs from the queue, <see cref="Parallel"/>
    /// at a time, besides putting them there. False when workers ('usabilitylab worker') run them all.
    /// </summary>
    public bool Worker { get; set; } = true;

    /// <summary>True when audits are jobs in the shared queue (a PostgreSQL database), not in this process's own queue.</summary>
    public bool UsesJobs => LabDatabase.IsServer(Database);

    /// <summary>How many password tries are allowed, and over how long.</summary>
    public SignInLimits SignIn { get; set; } = new();

    public string EvidenceFolder => LabDatabase.EvidenceFolder(Database);

    /// <summary>
    /// Addresses inside the network that audited solutions and citizens' windows may reach besides
    /// the solution's own (a test environment on a private address): "host", "host:port", an
    /// address or a network like "10.20.0.0/16" (Workbench:EgressAllow:0, :1 ...).
    /// </summary>
    public IList<string> EgressAllow { get; } = [];

    /// <summary>A Playwright browser server to audit with instead of a Chromium here (<see cref="Browser.BrowserOptions.Endpoint"/>).</summary>
    public Uri? BrowserEndpoint { get; set; }

    /// <summary>This machine's address as the browser server reaches it (<see cref="Browser.BrowserOptions.ProxyAddress"/>).</summary>
    public string? ProxyAddress { get; set; }

    public BrowserOptions BrowserOptions() => new()
    {
        ExecutablePath = BrowserPath,
        EgressAllow = [.. EgressAllow],
        Endpoint = BrowserEndpoint,
        ProxyAddress = ProxyAddress is { } address ? System.Net.IPAddress.Parse(address) : null,
    };
}

/// <summary>Password tries (sign-in and change of password) allowed per client and per account from one client, within <see cref="Window"/>.</summary>
public sealed class SignInLimits
{
    public int AttemptsPerClient { get; set; } = 30;

    public int AttemptsPerAccount { get; set; } = 6;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a one-time password an admin made works before it must have been changed (Workbench:SignIn:OneTimePasswordLifetime).</summary>
    public TimeSpan OneTimePasswordLifetime { get; set; } = TimeSpan.FromDays(3);
}
