using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using UsabilityLab.Data;
using UsabilityLab.Web.Components.Pages;
using UsabilityLab.Web.Services;

namespace UsabilityLab.Web.Endpoints;

/// <summary>Logging in and out, and changing one's password.</summary>
internal static class AccountEndpoints
{
    /// <summary>
    /// The one answer to every sign-in that fails: a wrong password, a user name nobody has, an
    /// account an admin has locked, too many tries. Which of them it was is not told.
    /// </summary>
    internal const string SignInRefused = "Brugernavnet eller adgangskoden er forkert, eller der har været for mange forsøg. Tjek dem, og prøv igen om lidt.";

    /// <summary>A hash to check a password against when the user name is unknown, so the answer takes as long as for a known one.</summary>
    private static string? _unknownUserHash;

    public static void MapAccount(this IEndpointRouteBuilder app)
    {
        app.MapPost("/login", async Task<IResult> (HttpContext http, [FromForm] string? brugernavn, [FromForm] string? adgangskode, [FromForm] string? returnUrl, SignInManager<LabUser> signIn, SignInThrottle throttle, TimeProvider clock) =>
        {
            var target = EndpointConventions.LocalOr(returnUrl);
            if (string.IsNullOrWhiteSpace(brugernavn) || string.IsNullOrEmpty(adgangskode))
            {
                string[] missing = [.. new[] { ("brugernavn", string.IsNullOrWhiteSpace(brugernavn)), ("adgangskode", string.IsNullOrEmpty(adgangskode)) }.Where(f => f.Item2).Select(f => f.Item1)];
                var what = missing.Length == 2 ? "dit brugernavn og din adgangskode" : missing[0] == "brugernavn" ? "dit brugernavn" : "din adgangskode";
                return await EndpointConventions.ShowAgain<Login>(http, $"Skriv {what}.", null, missing);
            }

            var name = brugernavn.Trim();
            if (!throttle.Allowed(http, name))
            {
                return await EndpointConventions.ShowAgain<Login>(http, SignInRefused, null, "adgangskode");
            }

            // Wrong tries never lock an account (anyone could lock the admin out with them); the
            // throttle slows the one who tries instead.
            var user = await signIn.UserManager.FindByNameAsync(name);
            if (user is null)
            {
                var hasher = signIn.UserManager.PasswordHasher;
                var stranger = new LabUser { UserName = name };
                _unknownUserHash ??= hasher.HashPassword(stranger, Guid.NewGuid().ToString());
                hasher.VerifyHashedPassword(stranger, _unknownUserHash, adgangskode);
                throttle.Failed(http, name);
                return await EndpointConventions.ShowAgain<Login>(http, SignInRefused, null, "adgangskode");
            }

            // A disabled account, or a one-time password past its time, gets the same answer as a
            // wrong password, after the same work.
            if (user.Disabled || (user.MustChangePassword && user.OneTimePasswordExpiresAt is { } expires && expires <= clock.GetUtcNow()))
            {
                await signIn.UserManager.CheckPasswordAsync(user, adgangskode);
                throttle.Failed(http, name);
                return await EndpointConventions.ShowAgain<Login>(http, SignInRefused, null, "adgangskode");
            }

            var result = await signIn.PasswordSignInAsync(user, adgangskode, isPersistent: false, lockoutOnFailure: false);
            if (!result.Succeeded)
            {
                throttle.Failed(http, name);
                return await EndpointConventions.ShowAgain<Login>(http, SignInRefused, null, "adgangskode");
            }

            return Results.Redirect(user.MustChangePassword ? "/konto/adgangskode" : target);
        }).AllowAnonymous().RequireAntiforgery();

        app.MapPost("/logout", async (SignInManager<LabUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.Redirect("/login?ud=1");
        }).RequireAntiforgery();

        app.MapPost("/konto/adgangskode", async Task<IResult> ([FromForm] string? nuvaerende, [FromForm] string? ny, [FromForm] string? gentag, HttpContext http, SignInManager<LabUser> signIn, SignInThrottle throttle) =>
        {
            var user = await signIn.UserManager.GetUserAsync(http.User);
            if (user is null)
            {
                return Results.Redirect("/login");
            }

            // Changing the password checks the current one: as many tries as a sign-in, no more.
            if (!throttle.Allowed(http, user.UserName ?? user.Id))
            {
                return await EndpointConventions.ShowAgain<ChangePassword>(http, "Der har været for mange forsøg. Vent lidt, og prøv igen.", null, "nuvaerende");
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
                if (result.Errors.Any(e => e.Code == "PasswordMismatch"))
                {
                    throttle.Failed(http, user.UserName ?? user.Id);
                }

                return await EndpointConventions.ShowAgain<ChangePassword>(http, string.Join(" ", result.Errors.Select(e => e.Description)), null,
                    result.Errors.Any(e => e.Code == "PasswordMismatch") ? "nuvaerende" : "ny");
            }

            user.MustChangePassword = false;
            user.OneTimePasswordExpiresAt = null;
            await signIn.UserManager.UpdateAsync(user);
            await signIn.RefreshSignInAsync(user);
            return Results.Redirect("/?skiftet=1");
        }).RequireAntiforgery();
    }
}
