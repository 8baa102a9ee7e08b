using System.Net.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UsabilityLab.Browser.Scan;
using UsabilityLab.Core;
using UsabilityLab.Data;
using UsabilityLab.Jobs;
using UsabilityLab.Web.Services;

namespace UsabilityLab.Web.Endpoints;

/// <summary>Monitoring schedules, a solution's tasks' and planned scans': save, run now, delete (PostgreSQL only: the workers run them).</summary>
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

    /// <summary>Planned scans, on the queue page: save (one plan per name), run now, delete.</summary>
    public static void MapScanSchedules(this IEndpointRouteBuilder app)
    {
        app.MapPost("/koersler/scanninger", async ([FromForm] string? navn, [FromForm] string? kilde, [FromForm] string? adresser, [FromForm] int? maks, [FromForm] string? cron,
            [FromForm] string? tjekliste, [FromForm] string? email, LabAccess access, AuditJobs jobs, IOptions<WorkbenchOptions> options, CancellationToken cancellationToken) =>
        {
            if (!jobs.InUse)
            {
                return Results.NotFound();
            }

            var kind = kilde switch
            {
                "sitemap" => ScanSourceKind.Sitemap,
                "crawl" => ScanSourceKind.Crawl,
                _ => ScanSourceKind.Addresses,
            };
            var lines = (adresser ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith('#')).ToList();
            var checklist = Checklists.Find(options.Value.ChecklistsFolder, tjekliste);
            email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
            navn = navn?.Trim();
            if (string.IsNullOrEmpty(navn) || navn.Length > 200)
            {
                return ScanRefused("giv scanningen et navn (højst 200 tegn).");
            }

            if (lines.Count == 0 || lines.Count > 10_000 || (kind != ScanSourceKind.Addresses && lines.Count != 1))
            {
                return ScanRefused(kind == ScanSourceKind.Addresses ? "skriv mindst én adresse, én pr. linje." : "skriv præcis én adresse: sitemappets eller startsidens.");
            }

            List<string> checkedAddresses;
            try
            {
                checkedAddresses = [.. lines.Select((line, i) => ScanTargets.Checked(line, new SourcePosition("adresser", i + 1, 1)))];
            }
            catch (InputException ex)
            {
                return ScanRefused($"linje {ex.Errors[0].Position.Line}: {ex.Errors[0].Message}");
            }

            if (maks is not (>= 1 and <= 100_000))
            {
                return ScanRefused("højst antal sider skal ligge mellem 1 og 100000.");
            }

            if (checklist is null)
            {
                return ScanRefused("vælg en af tjeklisterne.");
            }

            if (email is not null && (email.Length > 320 || !MailAddress.TryCreate(email, out _)))
            {
                return ScanRefused($"\"{email}\" er ikke en e-mailadresse.");
            }

            if (string.IsNullOrWhiteSpace(cron) || cron.Length > 100)
            {
                return ScanRefused("skriv en plan som cron, fx \"0 6 * * 1\" (mandag kl. 6).");
            }

            try
            {
                var order = new ScanOrder(kind, checkedAddresses, maks.Value, null, new Uri(checkedAddresses[0]).Host, navn,
                    Path.GetFileName(checklist), await File.ReadAllTextAsync(checklist, cancellationToken), options.Value.Parallel, email, access.Name);
                Schedules.Save(jobs.Storage, order, cron);
            }
            catch (ArgumentException)
            {
                return ScanRefused($"\"{cron.Trim()}\" kan ikke læses som cron: fem felter, minut, time, dag i måneden, måned og ugedag, fx \"0 6 * * 1\".");
            }

            return Results.Redirect("/koersler?scanninger=gemt#scanninger");
        }).RequireAuthorization(LabPolicies.Reviewer).RequireAntiforgery();

        app.MapPost("/koersler/scanninger/koer", ([FromForm] string? plan, AuditJobs jobs) =>
            ActOnScan(plan, jobs, "koert", Schedules.RunNow)).RequireAuthorization(LabPolicies.Reviewer).RequireAntiforgery();

        app.MapPost("/koersler/scanninger/slet", ([FromForm] string? plan, AuditJobs jobs) =>
            ActOnScan(plan, jobs, "slettet", Schedules.Remove)).RequireAuthorization(LabPolicies.Reviewer).RequireAntiforgery();
    }

    /// <summary>Runs or deletes a scan plan; any other id (a task's plan, none) is not found.</summary>
    private static IResult ActOnScan(string? schedule, AuditJobs jobs, string done, Action<Hangfire.JobStorage, string> action)
    {
        if (!jobs.InUse || schedule is null || !schedule.StartsWith(Schedules.ScanPrefix, StringComparison.Ordinal) || !Schedules.All(jobs.Storage).Any(s => s.Id == schedule))
        {
            return Results.NotFound();
        }

        action(jobs.Storage, schedule);
        return Results.Redirect($"/koersler?scanninger={done}#scanninger");
    }

    private static IResult ScanRefused(string why) => Results.Redirect($"/koersler?scanninger=fejl&besked={Uri.EscapeDataString(why)}#scanninger");

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
