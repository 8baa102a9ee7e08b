using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UsabilityLab.Browser;
using UsabilityLab.Core;
using UsabilityLab.Core.Assessments;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scripts;
using UsabilityLab.Data;
using UsabilityLab.Reports;
using UsabilityLab.Web.Services;

namespace UsabilityLab.Web.Endpoints;

/// <summary>Screenshots, reports, starting an audit and following it, sending an audit's findings.</summary>
internal static class AuditEndpoints
{
    public static void MapAudits(this IEndpointRouteBuilder app)
    {
        app.MapGet("/bevis/{id:int}", async (int id, LabAccess access, LabDbContext db, IOptions<WorkbenchOptions> options, CancellationToken cancellationToken) =>
        {
            var evidence = await db.Evidence.AsNoTracking()
                .Where(e => e.Id == id && access.Audits.Any(a => a.Id == e.AuditId))
                .FirstOrDefaultAsync(cancellationToken);
            if (evidence is null)
            {
                return Results.NotFound();
            }

            var path = Path.Combine(options.Value.EvidenceFolder, evidence.RelativePath);
            return File.Exists(path) ? Results.File(path, evidence.ContentType, enableRangeProcessing: true) : Results.NotFound();
        });

        app.MapGet("/gennemgange/{id:guid}/rapport", async (Guid id, LabAccess access, ReportService reports, CancellationToken cancellationToken) =>
        {
            if (!await access.CanSeeAuditAsync(id, cancellationToken))
            {
                return Results.NotFound();
            }

            var report = await reports.RenderAsync(id, cancellationToken);
            return report is null ? Results.NotFound() : Results.Content(report.Html, "text/html; charset=utf-8");
        });

        app.MapGet("/gennemgange/{id:guid}/rapport.pdf", async (Guid id, LabAccess access, ReportService reports, CancellationToken cancellationToken) =>
        {
            if (!await access.CanSeeAuditAsync(id, cancellationToken))
            {
                return Results.NotFound();
            }

            try
            {
                var pdf = await reports.PrintAsync(id, cancellationToken);
                return pdf is null ? Results.NotFound() : Results.File(pdf.Value.Bytes, "application/pdf", pdf.Value.FileName);
            }
            catch (BrowserUnavailableException ex)
            {
                return Results.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });

        app.MapPost("/gennemgange/ny", async ([FromForm] string? valg, [FromForm] string? tjekliste, LabAccess access, LabDbContext db, AuditRuns runs, AuditJobs jobs, IOptions<WorkbenchOptions> options, CancellationToken cancellationToken) =>
        {
            // "solution id|task id", one choice in the form.
            var parts = (valg ?? string.Empty).Split('|', 2);
            var loesning = int.TryParse(parts[0], out var parsed) ? parsed : 0;
            var opgave = parts.Length == 2 ? parts[1] : null;
            var solution = await db.Solutions.AsNoTracking().Include(s => s.Vendor).Include(s => s.Tasks).FirstOrDefaultAsync(s => s.Id == loesning, cancellationToken);
            var task = solution?.Tasks.FirstOrDefault(t => t.TaskId == opgave);
            if (solution is null || task is null)
            {
                return Results.Redirect($"/gennemgange/ny?loesning={loesning}&fejl=opgave");
            }

            var checklistPath = Checklists.Find(options.Value.ChecklistsFolder, tjekliste);
            if (checklistPath is null)
            {
                return Results.Redirect($"/gennemgange/ny?loesning={loesning}&fejl=tjekliste");
            }

            try
            {
                var script = TaskScriptParser.Parse($"{task.TaskId}.yaml", task.Script);
                var checklist = ChecklistParser.Load(checklistPath);
                var request = new AuditRequest(script, task.Script, checklist, solution.Vendor.Name, solution.Name, solution.BaseUrl, TestData.For(script));
                return Results.Redirect(jobs.InUse ? AuditJobs.Link(jobs.Enqueue(request, access.Name)) : $"/koersler/{runs.Enqueue(request, solution.Id, access.Name).Id}");
            }
            catch (InputException ex)
            {
                return Results.Redirect($"/gennemgange/ny?loesning={loesning}&fejl=input&besked={Uri.EscapeDataString(ex.Message)}");
            }
        }).RequireAuthorization(LabPolicies.Reviewer).RequireAntiforgery();

        app.MapPost("/gennemgange/{id:guid}/vurdering", async (Guid id, [FromForm] string? kriterium, [FromForm] string? dom, [FromForm] string? alvor, [FromForm] string? kommentar, LabAccess access, AuditStore store, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var audit = await AssessmentRules.LoadAsync(access.Audits, id, cancellationToken);
            if (audit is null)
            {
                return Results.NotFound();
            }

            // Only criteria of the audit's own checklist that need a person, as with the CLI's assess --file.
            var verdict = AssessmentRules.Verdict(dom);
            var criterion = AssessmentRules.NeedingPerson(audit).FirstOrDefault(c => c.Criterion.Id == kriterium);
            if (verdict is null || criterion is null || kommentar?.Length > 4000)
            {
                return Results.Redirect($"/gennemgange/{id}/vurdering?fejl=1");
            }

            var assessment = new Assessment
            {
                CriterionId = criterion.Criterion.Id,
                Verdict = verdict.Value,
                Severity = verdict == AssessmentVerdict.Failed && Enum.TryParse<Severity>(alvor, out var severity) && Enum.IsDefined(severity) ? severity : null,
                Comment = kommentar?.Trim() ?? string.Empty,
                Reviewer = access.Name,
                AssessedAt = clock.GetUtcNow(),
            };
            await store.AddAssessmentsAsync(id, [assessment], cancellationToken);
            return Results.Redirect($"/gennemgange/{id}/vurdering?gemt={Uri.EscapeDataString(criterion.Criterion.Id)}#k-{Uri.EscapeDataString(criterion.Criterion.Id)}");
        }).RequireAuthorization(LabPolicies.Reviewer).RequireAntiforgery();

        app.MapGet("/koersler/{id:guid}/status", (Guid id, AuditRuns runs) =>
            runs.Find(id) is { } run ? Results.Json(RunStatus.Of(run)) : Results.NotFound())
            .RequireAuthorization(LabPolicies.Reviewer);

        app.MapGet("/koersler/job/{id:long}/status", async (long id, AuditJobs jobs, CancellationToken cancellationToken) =>
            jobs.InUse && await jobs.StatusAsync(id.ToString(CultureInfo.InvariantCulture), cancellationToken) is { } status ? Results.Json(status) : Results.NotFound())
            .RequireAuthorization(LabPolicies.Reviewer);

        // The chosen findings of the page that lists them (the same path); as a form endpoint it wins over the page's own POST.
        app.MapPost("/gennemgange/{id:guid}/send", async Task<IResult> (Guid id, HttpContext http, IFormCollection form, LabAccess access, FindingDialogue dialogue, CancellationToken cancellationToken) =>
        {
            if (!await access.CanSeeAuditAsync(id, cancellationToken))
            {
                return Results.NotFound();
            }

            var chosen = form["fund"].Select(v => int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0).Where(n => n > 0).ToList();
            if (chosen.Count == 0)
            {
                return await EndpointConventions.ShowAgain<Components.Pages.SendFindings>(http, "Vælg mindst ét fund, der skal sendes. Intet er sendt.", new { Id = id });
            }

            var sent = await dialogue.SendAsync(id, chosen, access.Author(), cancellationToken);
            return Results.Redirect($"/gennemgange/{id}?sendt={sent}");
        }).RequireAuthorization(LabPolicies.Reviewer).RequireAntiforgery();
    }
}

/// <summary>A run's progress as the progress page's script reads it.</summary>
public sealed record RunStatus(string State, int StepIndex, int StepCount, string? StepName, string? Check, int Findings, string Text, string? AuditUrl, IReadOnlyList<RunStep> Finished)
{
    public static RunStatus Of(AuditRun run)
    {
        var text = run.State switch
        {
            RunState.Queued => "Venter på, at den forrige gennemgang bliver færdig ...",
            RunState.Running when run.StepName is null => "Starter Chromium og åbner løsningen ...",
            RunState.Running => $"Trin {run.StepIndex + 1} af {run.StepCount}: {run.StepName}" + (run.Check is null ? string.Empty : $" · {run.Check}"),
            RunState.Completed => $"Færdig: {ReportFormat.Count(run.Findings, "fund", "fund")} i alt med alle kontroller. Åbner gennemgangen ...",
            _ => run.Message ?? "Gennemgangen fejlede.",
        };
        return new RunStatus(
            run.State.ToString(),
            run.StepIndex,
            run.StepCount,
            run.StepName,
            run.Check,
            run.Findings,
            text,
            run.AuditId is { } audit ? $"/gennemgange/{audit}" : null,
            run.Finished.Select(s => new RunStep(s.Name, s.Passed, s.Findings, Label(s.Findings, run.State == RunState.Completed))).ToList());
    }

    /// <summary>A step's count: while the audit runs, what was found while the step ran; when it is done, every check's.</summary>
    public static string Label(int findings, bool final) =>
        final ? ReportFormat.Count(findings, "fund", "fund") : $"{findings} fund under trinnet (flere kan komme, når alle kontroller er færdige)";
}

public sealed record RunStep(string Name, bool Passed, int Findings, string Label);
