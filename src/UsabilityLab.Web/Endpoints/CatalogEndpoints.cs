using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Scripts;
using UsabilityLab.Data;
using UsabilityLab.Web.Components.Pages;

namespace UsabilityLab.Web.Endpoints;

/// <summary>Vendors and their solutions with task scripts, made by the review unit.</summary>
internal static class CatalogEndpoints
{
    public static void MapCatalog(this IEndpointRouteBuilder app)
    {
        app.MapPost("/leverandoerer", async ([FromForm] string? navn, LabDbContext db, CancellationToken cancellationToken) =>
        {
            navn = navn?.Trim();
            if (string.IsNullOrEmpty(navn) || navn.Length > 200)
            {
                return Results.Redirect("/leverandoerer");
            }

            var vendor = await db.Vendors.FirstOrDefaultAsync(v => v.Name == navn, cancellationToken);
            if (vendor is null)
            {
                vendor = db.Vendors.Add(new Vendor { Name = navn }).Entity;
                await db.SaveChangesAsync(cancellationToken);
            }

            return Results.Redirect($"/leverandoerer/{vendor.Id}");
        }).RequireAuthorization(LabPolicies.Reviewer).RequireAntiforgery();

        app.MapPost("/leverandoerer/{id:int}/loesninger", async Task<IResult> (int id, HttpContext http, [FromForm] string? navn, [FromForm] string? adresse, [FromForm] string? opgave, LabDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var vendor = await db.Vendors.Include(v => v.Solutions).FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
            if (vendor is null)
            {
                return Results.NotFound();
            }

            navn = navn?.Trim();
            if (string.IsNullOrEmpty(navn) || navn.Length > 200 || vendor.Solutions.Any(s => s.Name == navn))
            {
                return await EndpointConventions.ShowAgain<VendorPage>(http, "Skriv et navn på løsningen, som ikke allerede er brugt hos leverandøren.", new { Id = id }, "navn");
            }

            if (!Uri.TryCreate(adresse?.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                return await EndpointConventions.ShowAgain<VendorPage>(http, "Adressen skal være en fuld http- eller https-adresse, fx https://selvbetjening.example.dk/flyt.", new { Id = id }, "adresse");
            }

            TaskScript script;
            try
            {
                script = TaskScriptParser.Parse("opgave.yaml", opgave ?? string.Empty);
            }
            catch (InputException ex)
            {
                return await EndpointConventions.ShowAgain<VendorPage>(http, "Opgave-scriptet kunne ikke læses. " + string.Join(" ", ex.Errors.Select(e => $"Linje {e.Position.Line}, kolonne {e.Position.Column}: {e.Message}")), new { Id = id }, "opgave");
            }

            var solution = new Solution { Name = navn, BaseUrl = url.ToString().TrimEnd('/'), VendorId = id };
            solution.Tasks.Add(new SolutionTask { TaskId = script.Id, Title = script.Title, Script = opgave!, ChecklistId = string.Empty, UpdatedAt = clock.GetUtcNow() });
            db.Solutions.Add(solution);
            await db.SaveChangesAsync(cancellationToken);
            return Results.Redirect($"/loesninger/{solution.Id}");
        }).RequireAuthorization(LabPolicies.Reviewer).RequireAntiforgery();
    }
}
