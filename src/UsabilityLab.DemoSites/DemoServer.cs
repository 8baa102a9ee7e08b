using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UsabilityLab.DemoSites.Sites;

namespace UsabilityLab.DemoSites;

/// <summary>A fictional vendor and its solution as served by the demo server.</summary>
/// <param name="Slug">URL segment of the vendor on the demo server.</param>
/// <param name="Flawed">True for the vendor with deliberate problems.</param>
public sealed record DemoVendor(string Slug, string VendorName, string SolutionName, bool Flawed);

/// <summary>A demo solution as it runs: who made it and where it is.</summary>
public sealed record DemoSolution(DemoVendor Vendor, string BaseUrl);

/// <summary>
/// A flow built from a real design system's npm package, in a well-made or a flawed version.
/// </summary>
/// <param name="Path">Where it is served on the demo server, e.g. <c>/fds/god/boligstoette</c>.</param>
/// <param name="Script">The task script's file name under <see cref="DemoServer.ScriptFolder"/>.</param>
/// <param name="PlantedProblems">For the flawed version: the axe rule or check/kind that must find each planted problem.</param>
public sealed record DesignSystemFlow(string Id, string DesignSystem, string VendorName, string SolutionName, string Path, string Script, bool Flawed, IReadOnlyList<string> PlantedProblems);

/// <summary>
/// Serves the demo vendors' self-service flows on 127.0.0.1 with a free port. Tests can add
/// their own fixture pages through <c>configureRoutes</c>, and ask for the fault pages
/// (<c>/fejl/...</c>: slow, hanging, crashing, looping pages) with <c>faultPages</c>; the demo has neither.
/// </summary>
public sealed class DemoServer : IAsyncDisposable
{
    /// <summary>The built-in vendors: one well made, one with deliberate problems.</summary>
    public static readonly IReadOnlyList<DemoVendor> Vendors =
    [
        new("nordlys", "Nordlys Digital A/S", "Anmeld flytning", Flawed: false),
        new("blokform", "Blokform ApS", "Anmeld flytning", Flawed: true),
    ];

    /// <summary>
    /// Flows assembled from the real design-system packages (dkfds, govuk-frontend), each well made
    /// and with planted problems: the yardstick UsabilityLab's own checks are judged by.
    /// </summary>
    public static readonly IReadOnlyList<DesignSystemFlow> DesignSystemFlows =
    [
        new("dkfds-boligstoette", "DKFDS", "Kvadrat Digital A/S", "Ansøg om boligstøtte", "/fds/god/boligstoette", "ansoeg-boligstoette.yaml", Flawed: false, []),
        new("dkfds-boligstoette-fejl", "DKFDS", "Kvadrat Digital A/S (med plantede fejl)", "Ansøg om boligstøtte", "/fds/fejl/boligstoette", "ansoeg-boligstoette.yaml", Flawed: true, DkfdsApplicationSite.PlantedProblems),
        new("govuk-kontakt", "GOV.UK Frontend", "Kvadrat Digital A/S", "Kontakt Borgerservice", "/govuk/god/kontakt", "kontakt-borgerservice.yaml", Flawed: false, []),
        new("govuk-kontakt-fejl", "GOV.UK Frontend", "Kvadrat Digital A/S (med plantede fejl)", "Kontakt Borgerservice", "/govuk/fejl/kontakt", "kontakt-borgerservice.yaml", Flawed: true, GovukContactSite.PlantedProblems),
    ];

    private readonly WebApplication _app;

    private DemoServer(WebApplication app, string baseUrl, string otherOrigin)
    {
        _app = app;
        BaseUrl = baseUrl;
        OtherOrigin = otherOrigin;
        Solutions = Vendors.Select(v => new DemoSolution(v, $"{baseUrl}/{v.Slug}")).ToList();
    }

    /// <summary>Root URL, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl { get; }

    public IReadOnlyList<DemoSolution> Solutions { get; }

    /// <summary>
    /// A second origin on the same server (another port), standing in for a login provider or a
    /// payment frame: cross-origin to <see cref="BaseUrl"/>.
    /// </summary>
    public string OtherOrigin { get; }

    /// <summary>
    /// The second origin as an egress allowlist entry (host:port): the audit browser may reach it
    /// only because a test says so, as an administrator allows a test environment.
    /// </summary>
    public string OtherOriginAllowed => new Uri(OtherOrigin).Authority;

    /// <summary>The planted problems of the flawed vendor, by the axe rule or check that should find each.</summary>
    public static IReadOnlyList<string> PlantedProblems => MovingFlowSite.PlantedProblems;

    /// <summary>The best practices the flawed vendor breaks: recommendations, never findings.</summary>
    public static IReadOnlyList<string> PlantedRecommendations => MovingFlowSite.PlantedRecommendations;

    /// <summary>Path of the demo task script, copied beside the assembly.</summary>
    public static string TaskScriptPath => Path.Combine(ScriptFolder, "anmeld-flytning.yaml");

    /// <summary>The folder of the demo's task scripts, copied beside the assembly.</summary>
    public static string ScriptFolder => Path.Combine(AppContext.BaseDirectory, "demo-scripts");

    public static async Task<DemoServer> StartAsync(Action<IEndpointRouteBuilder>? configureRoutes = null, bool faultPages = false, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        DesignSystemAssets.Map(app);
        StatementSite.Map(app);
        foreach (var vendor in Vendors)
        {
            new MovingFlowSite(vendor).Map(app);
        }

        foreach (var flow in DesignSystemFlows)
        {
            if (flow.DesignSystem == "DKFDS")
            {
                new DkfdsApplicationSite(flow).Map(app);
            }
            else
            {
                new GovukContactSite(flow).Map(app);
            }
        }

        string? otherOrigin = null;
        if (faultPages)
        {
            new FaultySite(() => otherOrigin!).Map(app);
        }

        configureRoutes?.Invoke(app);
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => a.TrimEnd('/'))
            .ToList();
        otherOrigin = addresses[1];
        return new DemoServer(app, addresses[0], addresses[1]);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
