using Microsoft.AspNetCore.Antiforgery;

namespace UsabilityLab.Web.Endpoints;

/// <summary>Conventions every form endpoint of the workbench follows.</summary>
internal static class EndpointConventions
{
    /// <summary>
    /// A valid anti-forgery token is required, whether or not the endpoint binds form fields: a
    /// request without one is refused with 400 before the handler runs.
    /// </summary>
    public static RouteHandlerBuilder RequireAntiforgery(this RouteHandlerBuilder builder) =>
        builder
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AddEndpointFilter(async (context, next) =>
            {
                var validation = context.HttpContext.Features.Get<IAntiforgeryValidationFeature>();
                if (validation is not { IsValid: true })
                {
                    return Results.Text("Formularen kunne ikke godkendes (anti-forgery). Hent siden igen, og prøv igen.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
                }

                return await next(context);
            });

    /// <summary>Redirects only within the workbench; anything else goes to the start page.</summary>
    public static string LocalOr(string? url, string fallback = "/") =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : fallback;
}
