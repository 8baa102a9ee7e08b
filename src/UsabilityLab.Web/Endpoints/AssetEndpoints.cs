using System.Reflection;
using System.Text;
using UsabilityLab.Browser.Sessions;

namespace UsabilityLab.Web.Endpoints;

/// <summary>The workbench's CSS and scripts, served from the assemblies; rrweb for the replay pages.</summary>
internal static class AssetEndpoints
{
    public static void MapAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/app.css", () => Asset("app.css", "text/css; charset=utf-8")).AllowAnonymous();
        app.MapGet("/app.js", () => Asset("app.js", "text/javascript; charset=utf-8")).AllowAnonymous();
        app.MapGet("/afspil.js", () => Asset("afspil.js", "text/javascript; charset=utf-8")).AllowAnonymous();
        app.MapGet("/rrweb.js", () => Asset("rrweb.js", "text/javascript; charset=utf-8", () => Encoding.UTF8.GetBytes(ReplayAssets.Script))).AllowAnonymous();
        app.MapGet("/rrweb.css", () => Asset("rrweb.css", "text/css; charset=utf-8", () => Encoding.UTF8.GetBytes(ReplayAssets.Style))).AllowAnonymous();
    }

    private static IResult Asset(string name, string contentType, Func<byte[]>? load = null)
    {
        var bytes = _cache.GetOrAdd(name, key => load?.Invoke() ?? Resource(key));
        return Results.Bytes(bytes, contentType);
    }

    private static byte[] Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"UsabilityLab.Web.Resources.{name}")
            ?? throw new InvalidOperationException($"Resource {name} is missing from the assembly.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _cache = new();
}
