using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using UsabilityLab.Core.Act;

namespace UsabilityLab.Cli;

/// <summary>
/// Serves the ACT suite's folder on 127.0.0.1 (a free port) where W3C serves it
/// (<see cref="ActSuite.ServedPath"/>), so the test cases find their assets by absolute path.
/// HTML goes out as UTF-8, as W3C's server sends it: pages without a charset of their own would
/// otherwise be read as windows-1252.
/// </summary>
internal sealed class ActSuiteServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ActSuiteServer(WebApplication app, string suiteUrl)
    {
        _app = app;
        SuiteUrl = suiteUrl;
    }

    /// <summary>The suite's root, e.g. <c>http://127.0.0.1:41234/WAI/content-assets/wcag-act-rules/</c>.</summary>
    public string SuiteUrl { get; }

    public static async Task<ActSuiteServer> StartAsync(string folder, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".html"] = "text/html; charset=utf-8";
        types.Mappings[".vtt"] = "text/vtt; charset=utf-8";
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.GetFullPath(folder)),
            RequestPath = ActSuite.ServedPath.TrimEnd('/'),
            ContentTypeProvider = types,
            ServeUnknownFileTypes = true,
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return new ActSuiteServer(app, address + ActSuite.ServedPath);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
