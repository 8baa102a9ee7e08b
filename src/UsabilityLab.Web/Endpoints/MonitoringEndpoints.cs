using System.Net.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UsabilityLab.Data;
using UsabilityLab.Jobs;
using UsabilityLab.Web.Services;

namespace UsabilityLab.Web.Endpoints;

/// <summary>A solution's monitoring schedules: save, run now, delete (PostgreSQL only: the workers run them).</summary>
internal static class MonitoringEndpoints
{
    public static void MapMonitoring(this IEndpointRouteBuilder app)
    {
        app.MapPost("/loesninger/{id:int}/overvaagning", async (int id, [FromForm] string? opgave, [FromForm] string? cron, [FromForm] string? tjekliste, [FromForm] string? email,
            LabAccess access, LabDbContext db, AuditJobs jobs, IOptions<WorkbenchOptions> options, CancellationToken cancellationToken) =>
        {
            var task = await db.SolutionTasks.AsNoTracking().FirstOrDefaultAsync(t => t.SolutionId == id && t.TaskId == opgave, cancellationToken);
            if (!jobs.InUse || task is null)
            {
                return Results.NotFound();
            }

            var checklist = Checklists.Find(options.Value.ChecklistsFolder, tjekliste);
            email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
            if (checklist is null)
            {
                return Refused(id, "vælg en af tjeklisterne.");
            }

            if (email is not null && (email.Length > 320 || !MailAddress.TryCreate(email, out _)))
            {
                return Refused(id, $"\"{email}\" er ikke en e-mailadresse.");
            }

            if (string.IsNullOrWhiteSpace(cron) || cron.Length > 100)
            {
                return Refused(id, "skriv en plan som cron, fx \"0 6 * * 1\" (mandag kl. 6).");
            }

            try
            {
                var order = new MonitoringOrder(id, task.TaskId, Path.GetFileName(checklist), await File.ReadAllTextAsync(checklist, cancellationToken), email, access.Name);
                Schedules.Save(jobs.Storage, order, cron);
            }
            catch (ArgumentException)
            {
                return Refused(id, $"\"{cron.Trim()}\" kan ikke læses som cron: fem felter, minut, time, dag i måneden, måned og ugedag, fx \"0 6 * * 1\".");
            }

            return Results.Redirect($"/loesninger/{id}?overvaagning=gemt#overvaagning");
        }).RequireAuthorization(LabPolicies.Reviewer).RequireAntiforgery();

        app.MapPost("/loesninger/{id:int}/overvaagning/koer", (int id, [FromForm] string? plan, AuditJobs jobs) =>
            Act(id, plan, jobs, "koert", Schedules.RunNow)).RequireAuthorization(LabPolicies.Reviewer).RequireAntiforgery();

        app.MapPost("/loesninger/{id:int}/overvaagning/slet", (int id, [FromForm] string? plan, AuditJobs jobs) =>
            Act(id, plan, jobs, "slettet", Schedules.Remove)).RequireAuthorization(LabPolicies.Reviewer).RequireAntiforgery();
    }

    /// <summary>Runs or deletes one of the solution's own schedules; another solution's id is not found.</summary>
    private static IResult Act(int solutionId, string? schedule, AuditJobs jobs, string done, Action<Hangfire.JobStorage, string> action)
    {
        if (!jobs.InUse || schedule is null || !Schedules.ForSolution(jobs.Storage, solutionId).Any(s => s.Id == schedule))
        {
            return Results.NotFound();
        }

        action(jobs.Storage, schedule);
        return Results.Redirect($"/loesninger/{solutionId}?overvaagning={done}#overvaagning");
    }

    private static IResult Refused(int id, string why) => Results.Redirect($"/loesninger/{id}?overvaagning=fejl&besked={Uri.EscapeDataString(why)}#overvaagning");
}
