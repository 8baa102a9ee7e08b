using Microsoft.AspNetCore.Antiforgery;

namespace UsabilityLab.Web.Endpoints;

/// <summary>Conventions every form endpoint of the workbench follows.</summary>
internal static class EndpointConventions
{
    /// <summary>
    /// A valid anti-forgery token is required, whether or not the endpoint binds form fields; the
    /// workbench's pipeline refuses a request without one with 400 before the handler runs.
    /// </summary>
    public static RouteHandlerBuilder RequireAntiforgery(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new RequireAntiforgeryTokenAttribute());

    /// <summary>Redirects only within the workbench; anything else goes to the start page.</summary>
    public static string LocalOr(string? url, string fallback = "/") =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : fallback;
}
