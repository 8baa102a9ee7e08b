using UsabilityLab.Web.Services;

namespace UsabilityLab.Web.Endpoints;

/// <summary>CSV and JSON of findings, per audit and per solution, for vendors' own trackers.</summary>
internal static class ExportEndpoints
{
    public static void MapExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/gennemgange/{id:guid}/fund.{format:regex(^(csv|json)$)}", async (Guid id, string format, string? adskiller, LabAccess access, CancellationToken cancellationToken) =>
        {
            if (!await access.CanSeeAuditAsync(id, cancellationToken))
            {
                return Results.NotFound();
            }

            var rows = await FindingExport.ForAuditAsync(access.Audits, access.TrackedFindings, id, cancellationToken);
            return File(rows, format, $"fund-{id.ToString("N")[..8]}", adskiller);
        });

        app.MapGet("/loesninger/{id:int}/fund.{format:regex(^(csv|json)$)}", async (int id, string format, string? adskiller, LabAccess access, CancellationToken cancellationToken) =>
        {
            if (!await access.CanSeeSolutionAsync(id, cancellationToken))
            {
                return Results.NotFound();
            }

            var rows = await FindingExport.ForSolutionAsync(access.Audits, access.TrackedFindings, id, cancellationToken);
            return File(rows, format, $"fund-loesning-{id}", adskiller);
        });
    }

    /// <param name="separator">"semikolon" for the form Danish spreadsheet programs split (Excel with Danish settings).</param>
    private static IResult File(List<FindingExportRow> rows, string format, string name, string? separator)
    {
        if (format != "csv")
        {
            return Results.File(FindingExport.Json(rows), "application/json; charset=utf-8", name + ".json");
        }

        var semicolon = separator == "semikolon";
        return Results.File(FindingExport.Csv(rows, semicolon ? ';' : ','), "text/csv; charset=utf-8", name + (semicolon ? "-semikolon" : string.Empty) + ".csv");
    }
}
