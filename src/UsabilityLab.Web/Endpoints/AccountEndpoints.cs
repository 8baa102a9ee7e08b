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
                string[] missing = [.. new[] { ("brugernavn", string.IsNullOrWhiteSpace(brugernavn)), ("adgangskode", string.IsNullOrEmpty(adgangskode)) }.Where(f => f.Item2).Select(f => f.Item1)];
                var what = missing.Length == 2 ? "dit brugernavn og din adgangskode" : missing[0] == "brugernavn" ? "dit brugernavn" : "din adgangskode";
                return await EndpointConventions.ShowAgain<Login>(http, $"Skriv {what}.", null, missing);
            }

            var result = await signIn.PasswordSignInAsync(brugernavn.Trim(), adgangskode, isPersistent: false, lockoutOnFailure: true);
            if (result.IsLockedOut)
            {
                return await EndpointConventions.ShowAgain<Login>(http, "Kontoen er låst efter for mange forkerte forsøg. Prøv igen om 5 minutter.");
            }

            if (!result.Succeeded)
            {
                return await EndpointConventions.ShowAgain<Login>(http, "Forkert brugernavn eller adgangskode.", null, "adgangskode");
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

            if (string.IsNullOrEmpty(nuvaerende) || string.IsNullOrEmpty(ny) || string.IsNullOrEmpty(gentag))
            {
                string[] missing = [.. new[] { ("nuvaerende", nuvaerende), ("ny", ny), ("gentag", gentag) }.Where(f => string.IsNullOrEmpty(f.Item2)).Select(f => f.Item1)];
                return await EndpointConventions.ShowAgain<ChangePassword>(http, missing[0] switch
                {
                    "nuvaerende" => "Skriv din nuværende adgangskode (første gang: engangskoden).",
                    "ny" => "Skriv en ny adgangskode.",
                    _ => "Skriv den nye adgangskode igen.",
                }, null, missing);
            }

            if (ny != gentag)
            {
                return await EndpointConventions.ShowAgain<ChangePassword>(http, "De to nye adgangskoder er ikke ens.", null, "gentag");
            }

            // The new password must be new: the one-time password (or the old one) again is no change.
            if (ny == nuvaerende)
            {
                return await EndpointConventions.ShowAgain<ChangePassword>(http, "Den nye adgangskode skal være en anden end den nuværende (også end engangskoden).", null, "ny");
            }

            var result = await signIn.UserManager.ChangePasswordAsync(user, nuvaerende, ny);
            if (!result.Succeeded)
            {
                return await EndpointConventions.ShowAgain<ChangePassword>(http, string.Join(" ", result.Errors.Select(e => e.Description)), null,
                    result.Errors.Any(e => e.Code == "PasswordMismatch") ? "nuvaerende" : "ny");
            }

            user.MustChangePassword = false;
            await signIn.UserManager.UpdateAsync(user);
            await signIn.RefreshSignInAsync(user);
            return Results.Redirect("/?skiftet=1");
        }).RequireAntiforgery();
    }
}
