using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UsabilityLab.Data;
using UsabilityLab.Web.Components.Pages;
using UsabilityLab.Web.Services;

namespace UsabilityLab.Web.Endpoints;

/// <summary>Accounts and demo data, for admins.</summary>
internal static class AdminEndpoints
{
    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").RequireAuthorization(LabPolicies.Admin);

        // The vendor comes as text: the form's "–" is an empty value, which an int? would refuse with a bare 400.
        admin.MapPost("/brugere", async Task<IResult> (HttpContext http, [FromForm] string? brugernavn, [FromForm] string? navn, [FromForm] string? rolle, [FromForm] string? leverandoer, UserManager<LabUser> users, LabDbContext db, AccountLog log, TimeProvider clock, IOptions<WorkbenchOptions> options, CancellationToken cancellationToken) =>
        {
            brugernavn = brugernavn?.Trim();
            if (string.IsNullOrEmpty(brugernavn) || rolle is null || !LabRoles.All.Contains(rolle))
            {
                return await EndpointConventions.ShowAgain<Users>(http, "Skriv et brugernavn, og vælg en rolle.");
            }

            var (vendorId, vendorProblem) = await VendorForAsync(rolle, leverandoer, db, cancellationToken);
            if (vendorProblem is not null)
            {
                return await EndpointConventions.ShowAgain<Users>(http, vendorProblem);
            }

            var password = FirstAdmin.NewPassword();
            var user = new LabUser
            {
                UserName = brugernavn,
                DisplayName = string.IsNullOrWhiteSpace(navn) ? brugernavn : navn.Trim(),
                VendorId = vendorId,
                MustChangePassword = true,
                OneTimePasswordExpiresAt = clock.GetUtcNow() + options.Value.SignIn.OneTimePasswordLifetime,
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return await EndpointConventions.ShowAgain<Users>(http, string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, rolle);
            await log.RecordAsync(Actor(http), AccountAction.Created, brugernavn, await RoleTextAsync(rolle, vendorId, db, cancellationToken), cancellationToken);
            return EndpointConventions.Page<AccountCreated>(new { UserName = brugernavn, Password = password, ExpiresAt = user.OneTimePasswordExpiresAt });
        }).RequireAntiforgery();

        // An account's life: disable and enable, end its sessions, a new one-time password, another
        // role or vendor, delete. Each ends the account's sessions at once (its security stamp
        // changes, and every request checks it) and is written to the account log.
        admin.MapPost("/brugere/{id}/deaktiver", (string id, HttpContext http, UserManager<LabUser> users, AccountLog log, CancellationToken cancellationToken) =>
            ChangeAsync(id, http, users, async user =>
            {
                if (IsSelf(http, user))
                {
                    return "Du kan ikke deaktivere dig selv.";
                }

                user.Disabled = true;
                await Check(users.UpdateAsync(user));
                await Check(users.UpdateSecurityStampAsync(user));
                await log.RecordAsync(Actor(http), AccountAction.Disabled, user.UserName!, null, cancellationToken);
                return null;
            }, user => $"{user.UserName} er deaktiveret og logget ud overalt.")).RequireAntiforgery();

        admin.MapPost("/brugere/{id}/aktiver", (string id, HttpContext http, UserManager<LabUser> users, AccountLog log, CancellationToken cancellationToken) =>
            ChangeAsync(id, http, users, async user =>
            {
                user.Disabled = false;
                await Check(users.UpdateAsync(user));
                await log.RecordAsync(Actor(http), AccountAction.Enabled, user.UserName!, null, cancellationToken);
                return null;
            }, user => $"{user.UserName} kan logge ind igen.")).RequireAntiforgery();

        admin.MapPost("/brugere/{id}/log-ud", (string id, HttpContext http, UserManager<LabUser> users, AccountLog log, CancellationToken cancellationToken) =>
            ChangeAsync(id, http, users, async user =>
            {
                await Check(users.UpdateSecurityStampAsync(user));
                await log.RecordAsync(Actor(http), AccountAction.SessionsEnded, user.UserName!, null, cancellationToken);
                return null;
            }, user => $"{user.UserName} er logget ud overalt.")).RequireAntiforgery();

        admin.MapPost("/brugere/{id}/engangskode", (string id, HttpContext http, UserManager<LabUser> users, AccountLog log, TimeProvider clock, IOptions<WorkbenchOptions> options, CancellationToken cancellationToken) =>
            ForUserAsync(id, users, async user =>
            {
                var password = FirstAdmin.NewPassword();
                await Check(users.RemovePasswordAsync(user));
                await Check(users.AddPasswordAsync(user, password));
                user.MustChangePassword = true;
                user.OneTimePasswordExpiresAt = clock.GetUtcNow() + options.Value.SignIn.OneTimePasswordLifetime;
                await Check(users.UpdateAsync(user));
                await Check(users.UpdateSecurityStampAsync(user));
                await log.RecordAsync(Actor(http), AccountAction.PasswordReset, user.UserName!, null, cancellationToken);
                return EndpointConventions.Page<AccountCreated>(new { UserName = user.UserName, Password = password, ExpiresAt = user.OneTimePasswordExpiresAt, Reset = true });
            })).RequireAntiforgery();

        admin.MapPost("/brugere/{id}/rolle", (string id, [FromForm] string? rolle, [FromForm] string? leverandoer, HttpContext http, UserManager<LabUser> users, LabDbContext db, AccountLog log, CancellationToken cancellationToken) =>
            ForUserAsync(id, users, async user =>
            {
                if (rolle is null || !LabRoles.All.Contains(rolle))
                {
                    return await EndpointConventions.ShowAgain<Users>(http, "Vælg en rolle.");
                }

                var (vendorId, vendorProblem) = await VendorForAsync(rolle, leverandoer, db, cancellationToken);
                if (vendorProblem is not null)
                {
                    return await EndpointConventions.ShowAgain<Users>(http, vendorProblem);
                }

                var current = await users.GetRolesAsync(user);
                if (current.Contains(LabRoles.Admin) && rolle != LabRoles.Admin && await IsLastAdminAsync(users))
                {
                    return await EndpointConventions.ShowAgain<Users>(http, $"{user.UserName} er den eneste administrator. Giv en anden rollen Administrator først.");
                }

                var before = await RoleTextAsync(current.FirstOrDefault() ?? "", user.VendorId, db, cancellationToken);
                await Check(users.RemoveFromRolesAsync(user, current));
                await Check(users.AddToRoleAsync(user, rolle));
                user.VendorId = vendorId;
                await Check(users.UpdateAsync(user));
                await Check(users.UpdateSecurityStampAsync(user));
                var after = await RoleTextAsync(rolle, vendorId, db, cancellationToken);
                await log.RecordAsync(Actor(http), AccountAction.RoleChanged, user.UserName!, $"{before} → {after}", cancellationToken);
                return Done($"{user.UserName} er nu {after} og skal logge ind igen.");
            })).RequireAntiforgery();

        admin.MapPost("/brugere/{id}/slet", (string id, [FromForm] string? bekraeft, HttpContext http, UserManager<LabUser> users, AccountLog log, CancellationToken cancellationToken) =>
            ForUserAsync(id, users, async user =>
            {
                if (IsSelf(http, user))
                {
                    return await EndpointConventions.ShowAgain<Users>(http, "Du kan ikke slette dig selv.");
                }

                if (!string.Equals(bekraeft?.Trim(), user.UserName, StringComparison.Ordinal))
                {
                    return await EndpointConventions.ShowAgain<Users>(http, $"Skriv {user.UserName} i feltet for at bekræfte sletningen.");
                }

                if (await users.IsInRoleAsync(user, LabRoles.Admin) && await IsLastAdminAsync(users))
                {
                    return await EndpointConventions.ShowAgain<Users>(http, $"{user.UserName} er den eneste administrator og kan ikke slettes.");
                }

                await Check(users.DeleteAsync(user));
                await log.RecordAsync(Actor(http), AccountAction.Deleted, user.UserName!, null, cancellationToken);
                return Done($"{user.UserName} er slettet.");
            })).RequireAntiforgery();

        admin.MapPost("/demodata", async Task<IResult> (DemoData demo, CancellationToken cancellationToken) =>
        {
            if (!demo.Available)
            {
                return Results.NotFound();
            }

            var loaded = await demo.LoadAsync(cancellationToken);
            return EndpointConventions.Page<DemoLoaded>(new { Load = loaded });
        }).RequireAntiforgery();
    }

    private static string Actor(HttpContext http) => http.User.Identity?.Name ?? "?";

    private static bool IsSelf(HttpContext http, LabUser user) => string.Equals(http.User.Identity?.Name, user.UserName, StringComparison.Ordinal);

    private static IResult Done(string message) => Results.Redirect($"/admin/brugere?besked={Uri.EscapeDataString(message)}");

    /// <summary>Whether at most one administrator can still sign in: that one must not lose the role or the account.</summary>
    private static async Task<bool> IsLastAdminAsync(UserManager<LabUser> users) =>
        (await users.GetUsersInRoleAsync(LabRoles.Admin)).Count(u => !u.Disabled) <= 1;

    /// <summary>Finds the account (404 when there is none) and acts on it.</summary>
    private static async Task<IResult> ForUserAsync(string id, UserManager<LabUser> users, Func<LabUser, Task<IResult>> act) =>
        await users.FindByIdAsync(id) is { } user ? await act(user) : Results.NotFound();

    /// <summary>Finds the account (404 when there is none), makes the change, and comes back with what happened or why not.</summary>
    private static Task<IResult> ChangeAsync(string id, HttpContext http, UserManager<LabUser> users, Func<LabUser, Task<string?>> change, Func<LabUser, string> done) =>
        ForUserAsync(id, users, async user => await change(user) is { } refused ? await EndpointConventions.ShowAgain<Users>(http, refused) : Done(done(user)));

    private static async Task Check(Task<IdentityResult> operation)
    {
        var result = await operation;
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>A vendor's person belongs to exactly one vendor; nobody else belongs to one.</summary>
    private static async Task<(int? VendorId, string? Problem)> VendorForAsync(string rolle, string? leverandoer, LabDbContext db, CancellationToken cancellationToken)
    {
        if (rolle == LabRoles.Vendor)
        {
            return int.TryParse(leverandoer, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                && await db.Vendors.AnyAsync(v => v.Id == id, cancellationToken)
                ? (id, null)
                : (null, "En leverandørbruger skal høre til en leverandør. Vælg leverandøren.");
        }

        // Said, not silently ignored: only a vendor's person belongs to a vendor.
        return string.IsNullOrEmpty(leverandoer) ? (null, null) : (null, "Kun brugere med rollen Leverandør hører til en leverandør. Vælg „–“ for de andre roller.");
    }

    private static async Task<string> RoleTextAsync(string role, int? vendorId, LabDbContext db, CancellationToken cancellationToken)
    {
        var vendor = vendorId is { } id ? await db.Vendors.Where(v => v.Id == id).Select(v => v.Name).FirstOrDefaultAsync(cancellationToken) : null;
        return LabRoles.Danish(role) + (vendor is null ? string.Empty : $" ({vendor})");
    }
}
