using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using UsabilityLab.Web.Components;
using UsabilityLab.Web.Services;

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

    /// <summary>
    /// Redirects only within the workbench, by ASP.NET Core's own rule for a local URL (which also
    /// refuses "/\t/evil.example": a browser strips the tab and goes to another host); anything else,
    /// and an app-relative "~/", goes to <paramref name="fallback"/>.
    /// </summary>
    public static string LocalOr(string? url, string fallback = "/") =>
        url is not null && url.StartsWith('/') && RedirectHttpResult.IsLocalUrl(url) ? url : fallback;

    /// <summary>The page <typeparamref name="TPage"/> as the direct answer to a form post, in the workbench's document and layout.</summary>
    public static IResult Page<TPage>(object? parameters = null, int statusCode = StatusCodes.Status200OK)
        where TPage : IComponent
    {
        var values = new RouteValueDictionary(parameters).ToDictionary(p => p.Key, p => p.Value!);
        return new RazorComponentResult<PageDocument>(new { Page = typeof(TPage), Parameters = values }) { StatusCode = statusCode };
    }

    /// <summary>
    /// Refuses the posted form with <paramref name="reason"/>: the page that offers it is the answer,
    /// with what the person typed filled in again (see <see cref="RefusedForm"/>), status 422.
    /// </summary>
    /// <param name="fields">The fields that are wrong, first the one to correct first (it gets focus).</param>
    public static async Task<IResult> ShowAgain<TPage>(HttpContext http, string reason, object? parameters = null, params string[] fields)
        where TPage : IComponent
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        http.RequestServices.GetRequiredService<RefusedForm>().Refuse(form, reason, fields);
        return Page<TPage>(parameters, StatusCodes.Status422UnprocessableEntity);
    }
}
