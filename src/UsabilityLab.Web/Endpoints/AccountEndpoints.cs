using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using UsabilityLab.Data;

namespace UsabilityLab.Web.Endpoints;

/// <summary>Logging in and out, and changing one's password.</summary>
internal static class AccountEndpoints
{
    public static void MapAccount(this IEndpointRouteBuilder app)
    {
        app.MapPost("/login", async ([FromForm] string? brugernavn, [FromForm] string? adgangskode, [FromForm] string? returnUrl, SignInManager<LabUser> signIn) =>
        {
            var target = EndpointConventions.LocalOr(returnUrl);
            if (string.IsNullOrWhiteSpace(brugernavn) || string.IsNullOrEmpty(adgangskode))
            {
                return Results.Redirect($"/login?fejl=mangler&returnUrl={Uri.EscapeDataString(target)}");
            }

            var result = await signIn.PasswordSignInAsync(brugernavn.Trim(), adgangskode, isPersistent: false, lockoutOnFailure: true);
            if (result.IsLockedOut)
            {
                return Results.Redirect($"/login?fejl=laast&returnUrl={Uri.EscapeDataString(target)}");
            }

            if (!result.Succeeded)
            {
                return Results.Redirect($"/login?fejl=forkert&returnUrl={Uri.EscapeDataString(target)}");
            }

            var user = await signIn.UserManager.FindByNameAsync(brugernavn.Trim());
            return Results.Redirect(user is { MustChangePassword: true } ? "/konto/adgangskode" : target);
        }).AllowAnonymous().RequireAntiforgery();

        app.MapPost("/logout", async (SignInManager<LabUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.Redirect("/login?ud=1");
        }).RequireAntiforgery();

        app.MapPost("/konto/adgangskode", async ([FromForm] string? nuvaerende, [FromForm] string? ny, [FromForm] string? gentag, HttpContext http, SignInManager<LabUser> signIn) =>
        {
            var user = await signIn.UserManager.GetUserAsync(http.User);
            if (user is null)
            {
                return Results.Redirect("/login");
            }

            if (string.IsNullOrEmpty(ny) || ny != gentag)
            {
                return Results.Redirect("/konto/adgangskode?fejl=ens");
            }

            // The new password must be new: the one-time password (or the old one) again is no change.
            if (ny == nuvaerende)
            {
                return Results.Redirect("/konto/adgangskode?fejl=samme");
            }

            var result = await signIn.UserManager.ChangePasswordAsync(user, nuvaerende ?? string.Empty, ny);
            if (!result.Succeeded)
            {
                return Results.Redirect("/konto/adgangskode?fejl=" + Uri.EscapeDataString(result.Errors.First().Code));
            }

            user.MustChangePassword = false;
            await signIn.UserManager.UpdateAsync(user);
            await signIn.RefreshSignInAsync(user);
            return Results.Redirect("/?skiftet=1");
        }).RequireAntiforgery();
    }
}
