using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
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
        admin.MapPost("/brugere", async Task<IResult> (HttpContext http, [FromForm] string? brugernavn, [FromForm] string? navn, [FromForm] string? rolle, [FromForm] string? leverandoer, UserManager<LabUser> users, LabDbContext db, CancellationToken cancellationToken) =>
        {
            brugernavn = brugernavn?.Trim();
            if (string.IsNullOrEmpty(brugernavn) || rolle is null || !LabRoles.All.Contains(rolle))
            {
                return await EndpointConventions.ShowAgain<Users>(http, "Skriv et brugernavn, og vælg en rolle.");
            }

            // A vendor's person belongs to exactly one vendor; nobody else belongs to one.
            int? vendorId = null;
            if (rolle == LabRoles.Vendor)
            {
                if (!int.TryParse(leverandoer, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                    || !await db.Vendors.AnyAsync(v => v.Id == id, cancellationToken))
                {
                    return await EndpointConventions.ShowAgain<Users>(http, "En leverandørbruger skal høre til en leverandør. Vælg leverandøren.");
                }

                vendorId = id;
            }
            else if (!string.IsNullOrEmpty(leverandoer))
            {
                // Said, not silently ignored: only a vendor's person belongs to a vendor.
                return await EndpointConventions.ShowAgain<Users>(http, "Kun brugere med rollen Leverandør hører til en leverandør. Vælg „–“ for de andre roller.");
            }

            var password = FirstAdmin.NewPassword();
            var user = new LabUser { UserName = brugernavn, DisplayName = string.IsNullOrWhiteSpace(navn) ? brugernavn : navn.Trim(), VendorId = vendorId, MustChangePassword = true };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return await EndpointConventions.ShowAgain<Users>(http, string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, rolle);
            return EndpointConventions.Page<AccountCreated>(new { UserName = brugernavn, Password = password });
        }).RequireAntiforgery();

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
}
