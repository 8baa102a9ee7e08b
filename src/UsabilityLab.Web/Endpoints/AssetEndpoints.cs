using System.Reflection;

namespace UsabilityLab.Web.Endpoints;

/// <summary>The workbench's CSS and script, served from the assembly.</summary>
internal static class AssetEndpoints
{
    public static void MapAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/app.css", () => Asset("app.css", "text/css; charset=utf-8")).AllowAnonymous();
        app.MapGet("/app.js", () => Asset("app.js", "text/javascript; charset=utf-8")).AllowAnonymous();
    }

    private static IResult Asset(string name, string contentType)
    {
        var bytes = Cache.GetOrAdd(name, key =>
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"UsabilityLab.Web.Resources.{key}")
                ?? throw new InvalidOperationException($"Resource {key} is missing from the assembly.");
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.ToArray();
        });
        return Results.Bytes(bytes, contentType);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> Cache = new();
}
