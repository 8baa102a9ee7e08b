using Microsoft.AspNetCore.Http.HttpResults;
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
        admin.MapPost("/brugere", async Task<IResult> ([FromForm] string? brugernavn, [FromForm] string? navn, [FromForm] string? rolle, [FromForm] string? leverandoer, UserManager<LabUser> users, LabDbContext db, CancellationToken cancellationToken) =>
        {
            brugernavn = brugernavn?.Trim();
            if (string.IsNullOrEmpty(brugernavn) || rolle is null || !LabRoles.All.Contains(rolle))
            {
                return Results.Redirect("/admin/brugere?fejl=udfyld");
            }

            // A vendor's person belongs to exactly one vendor; nobody else belongs to one.
            int? vendorId = null;
            if (rolle == LabRoles.Vendor)
            {
                if (!int.TryParse(leverandoer, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                    || !await db.Vendors.AnyAsync(v => v.Id == id, cancellationToken))
                {
                    return Results.Redirect("/admin/brugere?fejl=leverandoer");
                }

                vendorId = id;
            }
            else if (!string.IsNullOrEmpty(leverandoer))
            {
                // Said, not silently ignored: only a vendor's person belongs to a vendor.
                return Results.Redirect("/admin/brugere?fejl=ikke-leverandoer");
            }

            var password = FirstAdmin.NewPassword();
            var user = new LabUser { UserName = brugernavn, DisplayName = string.IsNullOrWhiteSpace(navn) ? brugernavn : navn.Trim(), VendorId = vendorId, MustChangePassword = true };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return Results.Redirect("/admin/brugere?fejl=" + Uri.EscapeDataString(created.Errors.First().Code));
            }

            await users.AddToRoleAsync(user, rolle);
            return new RazorComponentResult<AccountCreated>(new { UserName = brugernavn, Password = password });
        }).RequireAntiforgery();

        admin.MapPost("/demodata", async Task<IResult> (DemoData demo, CancellationToken cancellationToken) =>
        {
            var loaded = await demo.LoadAsync(cancellationToken);
            return new RazorComponentResult<DemoLoaded>(new { Load = loaded });
        }).RequireAntiforgery();
    }
}
