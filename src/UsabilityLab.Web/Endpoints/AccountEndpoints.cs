using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using UsabilityLab.Data;
using UsabilityLab.Web.Components.Pages;

namespace UsabilityLab.Web.Endpoints;

/// <summary>Logging in and out, and changing one's password.</summary>
internal static class AccountEndpoints
{
    public static void MapAccount(this IEndpointRouteBuilder app)
    {
        app.MapPost("/login", async Task<IResult> (HttpContext http, [FromForm] string? brugernavn, [FromForm] string? adgangskode, [FromForm] string? returnUrl, SignInManager<LabUser> signIn) =>
        {
            var target = EndpointConventions.LocalOr(returnUrl);
            if (string.IsNullOrWhiteSpace(brugernavn) || string.IsNullOrEmpty(adgangskode))
            {
                return await EndpointConventions.ShowAgain<Login>(http, "Skriv brugernavn og adgangskode.");
            }

            var result = await signIn.PasswordSignInAsync(brugernavn.Trim(), adgangskode, isPersistent: false, lockoutOnFailure: true);
            if (result.IsLockedOut)
            {
                return await EndpointConventions.ShowAgain<Login>(http, "Kontoen er låst efter for mange forkerte forsøg. Prøv igen om 5 minutter.");
            }

            if (!result.Succeeded)
            {
                return await EndpointConventions.ShowAgain<Login>(http, "Forkert brugernavn eller adgangskode.");
            }

            var user = await signIn.UserManager.FindByNameAsync(brugernavn.Trim());
            return Results.Redirect(user is { MustChangePassword: true } ? "/konto/adgangskode" : target);
        }).AllowAnonymous().RequireAntiforgery();

        app.MapPost("/logout", async (SignInManager<LabUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.Redirect("/login?ud=1");
        }).RequireAntiforgery();

        app.MapPost("/konto/adgangskode", async Task<IResult> ([FromForm] string? nuvaerende, [FromForm] string? ny, [FromForm] string? gentag, HttpContext http, SignInManager<LabUser> signIn) =>
        {
            var user = await signIn.UserManager.GetUserAsync(http.User);
            if (user is null)
            {
                return Results.Redirect("/login");
            }

            if (string.IsNullOrEmpty(ny) || ny != gentag)
            {
                return await EndpointConventions.ShowAgain<ChangePassword>(http, "De to nye adgangskoder er ikke ens.");
            }

            // The new password must be new: the one-time password (or the old one) again is no change.
            if (ny == nuvaerende)
            {
                return await EndpointConventions.ShowAgain<ChangePassword>(http, "Den nye adgangskode skal være en anden end den nuværende (også end engangskoden).");
            }

            var result = await signIn.UserManager.ChangePasswordAsync(user, nuvaerende ?? string.Empty, ny);
            if (!result.Succeeded)
            {
                return await EndpointConventions.ShowAgain<ChangePassword>(http, string.Join(" ", result.Errors.Select(e => e.Description)));
            }

            user.MustChangePassword = false;
            await signIn.UserManager.UpdateAsync(user);
            await signIn.RefreshSignInAsync(user);
            return Results.Redirect("/?skiftet=1");
        }).RequireAntiforgery();
    }
}
