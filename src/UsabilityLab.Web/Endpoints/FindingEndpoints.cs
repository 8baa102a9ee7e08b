using Microsoft.AspNetCore.Mvc;
using UsabilityLab.Core.Dialogue;
using UsabilityLab.Data;
using UsabilityLab.Web.Services;

namespace UsabilityLab.Web.Endpoints;

/// <summary>Acting on a tracked finding and commenting on it, for the review unit and the vendor.</summary>
internal static class FindingEndpoints
{
    public static void MapFindings(this IEndpointRouteBuilder app)
    {
        app.MapPost("/fund/{id:int}/handling", async (int id, [FromForm] string? handling, [FromForm] string? note, LabAccess access, FindingDialogue dialogue, CancellationToken cancellationToken) =>
        {
            if (!await access.CanSeeFindingAsync(id, cancellationToken))
            {
                return Results.NotFound();
            }

            if (access.Actor is null)
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            if (!Enum.TryParse<FindingAction>(handling, ignoreCase: false, out var action) || !Enum.IsDefined(action))
            {
                return Results.Redirect($"/fund/{id}?fejl=handling");
            }

            var result = await dialogue.ActAsync(id, action, access.Author(), note, cancellationToken);
            return result switch
            {
                DialogueResult.Done => Results.Redirect($"/fund/{id}?gemt=1"),
                DialogueResult.NoteMissing => Results.Redirect($"/fund/{id}?fejl=note"),
                DialogueResult.NotAllowed => Results.Redirect($"/fund/{id}?fejl=handling"),
                _ => Results.NotFound(),
            };
        }).RequireAntiforgery();

        app.MapPost("/fund/{id:int}/kommentarer", async (int id, [FromForm] string? tekst, LabAccess access, FindingDialogue dialogue, CancellationToken cancellationToken) =>
        {
            if (!await access.CanSeeFindingAsync(id, cancellationToken))
            {
                return Results.NotFound();
            }

            if (access.Actor is null)
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            var result = await dialogue.CommentAsync(id, access.Author(), tekst, cancellationToken);
            return result switch
            {
                DialogueResult.Done => Results.Redirect($"/fund/{id}#kommentarer"),
                DialogueResult.NoteMissing => Results.Redirect($"/fund/{id}?fejl=kommentar#kommentarer"),
                _ => Results.NotFound(),
            };
        }).RequireAntiforgery();
    }
}
