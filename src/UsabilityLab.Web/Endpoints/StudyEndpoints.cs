using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Browser.Sessions;
using UsabilityLab.Browser;
using UsabilityLab.Core.Studies;
using UsabilityLab.Data;
using UsabilityLab.Web.Components.Pages;
using UsabilityLab.Web.Services;

namespace UsabilityLab.Web.Endpoints;

/// <summary>
/// Studies and guided sessions: creating a study, participants and their consent, running a
/// session from the facilitator's page, recordings for the review unit, a participant's export and
/// deletion, the study report, and clips attached to findings.
/// </summary>
internal static class StudyEndpoints
{
    /// <summary>How many tasks the new-study form offers.</summary>
    public const int TaskRows = 3;

    /// <summary>The first task's required fields, in the form's order.</summary>
    private static readonly string[] _firstTaskFields = ["titel1", "instruktion1", "succes1"];

    public static void MapStudies(this IEndpointRouteBuilder app)
    {
        // The form binds as a whole (three task rows); as a form endpoint it wins over the page's own POST.
        app.MapPost("/studier", async Task<IResult> (HttpContext http, IFormCollection form, LabAccess access, StudyStore store, CancellationToken cancellationToken) =>
        {
            var tasks = Enumerable.Range(1, TaskRows)
                .Select(i => new NewStudyTask(form[$"titel{i}"].ToString(), form[$"instruktion{i}"].ToString(), form[$"succes{i}"].ToString(), form[$"start{i}"].ToString()))
                .Where(t => !string.IsNullOrWhiteSpace(t.Title) || !string.IsNullOrWhiteSpace(t.Instruction) || !string.IsNullOrWhiteSpace(t.SuccessCriterion))
                .ToList();
            if (!int.TryParse(form["loesning"], out var solutionId) || !await access.CanSeeSolutionAsync(solutionId, cancellationToken))
            {
                return await EndpointConventions.ShowAgain<Studies>(http, "Vælg en løsning.", null, "loesning");
            }

            if (!DateOnly.TryParseExact(form["slutdato"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var endsOn))
            {
                return await EndpointConventions.ShowAgain<Studies>(http, "Angiv studiets sidste sessionsdag.", null, "slutdato");
            }

            if (!int.TryParse(form["opbevaring"], NumberStyles.None, CultureInfo.InvariantCulture, out var retention))
            {
                return await EndpointConventions.ShowAgain<Studies>(http, "Angiv opbevaringsperioden i hele dage, fx 90.", null, "opbevaring");
            }

            try
            {
                var study = await store.CreateStudyAsync(solutionId, form["navn"].ToString(), form["samtykke"].ToString(), endsOn, retention, tasks, access.Name, cancellationToken);
                return Results.Redirect($"/studier/{study.Id}");
            }
            catch (StudyRuleException ex)
            {
                // The rule's subject is the form field to correct; for the tasks, the first task's first empty field.
                var firstTask = _firstTaskFields.FirstOrDefault(f => string.IsNullOrWhiteSpace(form[f])) ?? _firstTaskFields[0];
                string[] fields = ex.Field switch
                {
                    StudyFields.Name => ["navn"],
                    StudyFields.Consent => ["samtykke"],
                    StudyFields.Retention => ["opbevaring"],
                    StudyFields.EndsOn => ["slutdato"],
                    StudyFields.Tasks => [firstTask],
                    StudyFields.Solution => ["loesning"],
                    _ => [],
                };
                return await EndpointConventions.ShowAgain<Studies>(http, ex.Message, null, fields);
            }
        }).RequireAuthorization(LabPolicies.ReviewUnit).RequireAntiforgery();

        app.MapPost("/studier/{id:int}/deltagere", async (int id, [FromForm] string? alder, [FromForm] string? vaner, StudyStore store, CancellationToken cancellationToken) =>
            await Rule($"/studier/{id}", async () =>
            {
                var participant = await store.AddParticipantAsync(id, alder, vaner, cancellationToken);
                return $"/studier/{id}?besked={Uri.EscapeDataString($"{participant.Code} er tilføjet. Registrér samtykket, før sessionen starter.")}#deltagere";
            }))
            .RequireAuthorization(LabPolicies.ReviewUnit).RequireAntiforgery();

        app.MapPost("/deltagere/{id:int}/samtykke", async (int id, LabAccess access, StudyStore store, LabDbContext db, CancellationToken cancellationToken) =>
        {
            var studyId = await StudyOfParticipantAsync(db, id, cancellationToken);
            return studyId is null ? Results.NotFound() : await Rule($"/studier/{studyId}", async () =>
            {
                await store.RecordConsentAsync(id, access.Name, cancellationToken);
                return $"/studier/{studyId}#deltagere";
            });
        }).RequireAuthorization(LabPolicies.ReviewUnit).RequireAntiforgery();

        app.MapGet("/deltagere/{id:int}/eksport", async (int id, ParticipantRecords records, LabDbContext db, LabAccess access, AccountLog log, CancellationToken cancellationToken) =>
        {
            var participant = await db.Participants.Where(p => p.Id == id).Select(p => new { p.Code, Study = p.Study.Name }).FirstOrDefaultAsync(cancellationToken);
            if (participant is null)
            {
                return Results.NotFound();
            }

            var code = participant.Code;
            await log.RecordAsync(access.UserName, AccountAction.ParticipantExported, $"{code} i {participant.Study}", null, cancellationToken);

            // Built in a temporary file that goes when the response is sent, so a failure part-way
            // leaves the browser with an error, not half a zip, and recordings are not held in memory.
            var temporary = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            try
            {
                await records.ExportParticipantAsync(id, temporary, cancellationToken);
                temporary.Position = 0;
                return Results.File(temporary, "application/zip", $"deltager-{code}.zip");
            }
            catch
            {
                await temporary.DisposeAsync();
                throw;
            }
        }).RequireAuthorization(LabPolicies.ReviewUnit);

        app.MapPost("/deltagere/{id:int}/slet", async (int id, [FromForm] string? bekraeft, ParticipantRecords records, GuidedSessions sessions, LabDbContext db, LabAccess access, AccountLog log, CancellationToken cancellationToken) =>
        {
            var participant = await db.Participants.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Code, p.StudyId, Study = p.Study.Name }).FirstOrDefaultAsync(cancellationToken);
            if (participant is null)
            {
                return Results.NotFound();
            }

            if (!string.Equals(bekraeft?.Trim(), participant.Code, StringComparison.OrdinalIgnoreCase))
            {
                return Back($"/studier/{participant.StudyId}", $"Skriv {participant.Code} i feltet for at bekræfte sletningen.");
            }

            // A live window of theirs is closed first, so it records nothing after the deletion.
            await sessions.CloseParticipantAsync(id);
            await records.DeleteParticipantAsync(id, cancellationToken);
            await log.RecordAsync(access.UserName, AccountAction.ParticipantDeleted, $"{participant.Code} i {participant.Study}", null, cancellationToken);
            return Results.Redirect($"/studier/{participant.StudyId}?besked={Uri.EscapeDataString($"{participant.Code} og alt om deltageren er slettet: optagelser, spor, svar og noter.")}#deltagere");
        }).RequireAuthorization(LabPolicies.ReviewUnit).RequireAntiforgery();

        app.MapPost("/studier/{id:int}/forsoeg", async (int id, [FromForm] int? deltager, [FromForm] int? opgave, LabAccess access, GuidedSessions sessions, LabDbContext db, CancellationToken cancellationToken) =>
        {
            if (deltager is null || opgave is null || !await db.Participants.AnyAsync(p => p.Id == deltager && p.StudyId == id, cancellationToken))
            {
                return Back($"/studier/{id}", "Vælg en deltager og en opgave.");
            }

            return await Rule($"/studier/{id}", async () => $"/forsoeg/{await sessions.StartAttemptAsync(deltager.Value, opgave.Value, access.Name, cancellationToken)}");
        }).RequireAuthorization(LabPolicies.ReviewUnit).RequireAntiforgery();

        app.MapGet("/forsoeg/{id:int}/tidslinje", async (int id, GuidedSessions sessions, LabDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var attempt = await db.TaskAttempts.AsNoTracking().Where(a => a.Id == id)
                .Select(a => new { a.StartedAt, a.EndedAt, a.Outcome, a.Seq, Notes = a.Notes.OrderBy(n => n.At).Select(n => new { n.At, n.Tag, n.Text, n.Author }).ToList() })
                .FirstOrDefaultAsync(cancellationToken);
            if (attempt is null)
            {
                return Results.NotFound();
            }

            var live = sessions.Live(id) is not null;
            var timeline = await sessions.TimelineAsync(id, cancellationToken);
            return Results.Json(new
            {
                live,
                elapsedMs = (long)((attempt.EndedAt ?? clock.GetUtcNow()) - attempt.StartedAt).TotalMilliseconds,
                outcome = attempt.Outcome?.Danish(),
                seq = attempt.Seq,
                timeline = timeline.Select(t => new { at = StudyClock(t.At), kind = t.Kind.Danish(), error = t.Kind == TimelineKind.Error, text = t.Text }),
                notes = attempt.Notes.Select(n => new { at = StudyClock(n.At), tag = n.Tag.Danish(), text = n.Text, author = n.Author }),
            });
        }).RequireAuthorization(LabPolicies.ReviewUnit);

        app.MapPost("/forsoeg/{id:int}/noter", async (int id, [FromForm] int? maerke, [FromForm] string? tekst, HttpRequest request, LabAccess access, GuidedSessions sessions, CancellationToken cancellationToken) =>
        {
            // The page's script posts with fetch and wants no page back; without script the form posts and returns here.
            var byScript = request.Headers["X-Requested-With"] == "fetch";
            try
            {
                var tag = maerke is { } value && Enum.IsDefined((NoteTag)value) ? (NoteTag)value : throw new StudyRuleException("Vælg et mærke til noten.");
                await sessions.AddNoteAsync(id, tag, tekst, access.Name, cancellationToken);
                return byScript ? Results.NoContent() : Results.Redirect($"/forsoeg/{id}#noter");
            }
            catch (StudyRuleException ex)
            {
                return byScript ? Results.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest) : Back($"/forsoeg/{id}", ex.Message);
            }
        }).RequireAuthorization(LabPolicies.ReviewUnit).RequireAntiforgery();

        app.MapPost("/forsoeg/{id:int}/udfald", async (int id, [FromForm] int? udfald, GuidedSessions sessions, CancellationToken cancellationToken) =>
            await Rule($"/forsoeg/{id}", async () =>
            {
                var outcome = udfald is { } value && Enum.IsDefined((AttemptOutcome)value) ? (AttemptOutcome)value : throw new StudyRuleException("Vælg et udfald.");
                await sessions.FinishAttemptAsync(id, outcome, cancellationToken);
                return $"/forsoeg/{id}";
            }))
            .RequireAuthorization(LabPolicies.ReviewUnit).RequireAntiforgery();

        app.MapPost("/sessioner/{id:int}/afslut", async (int id, GuidedSessions sessions, LabDbContext db, CancellationToken cancellationToken) =>
        {
            var session = await db.StudySessions.AsNoTracking().Where(s => s.Id == id)
                .Select(s => new { s.Participant.StudyId, s.Participant.Code, LastAttempt = s.Attempts.OrderByDescending(a => a.Id).Select(a => (int?)a.Id).FirstOrDefault() })
                .FirstOrDefaultAsync(cancellationToken);
            if (session is null)
            {
                return Results.NotFound();
            }

            return await Rule(session.LastAttempt is { } last ? $"/forsoeg/{last}" : $"/studier/{session.StudyId}", async () =>
            {
                await sessions.EndSessionAsync(id, cancellationToken);
                return $"/studier/{session.StudyId}?besked={Uri.EscapeDataString($"Sessionen med {session.Code} er afsluttet. Borgeren svarer på SUS i sit vindue; svarene kommer med i tallene, når de er givet.")}";
            });
        }).RequireAuthorization(LabPolicies.ReviewUnit).RequireAntiforgery();

        app.MapGet("/forsoeg/{id:int}/optagelse", async (int id, HttpContext context, LabDbContext db, SessionFiles files, CancellationToken cancellationToken) =>
        {
            var path = await db.TaskAttempts.Where(a => a.Id == id).Select(a => a.RecordingPath).FirstOrDefaultAsync(cancellationToken);
            return Gzipped(context, path is null ? null : files.Absolute(path));
        }).RequireAuthorization(LabPolicies.ReviewUnit);

        app.MapGet("/forsoeg/{id:int}/spor", async (int id, LabDbContext db, SessionFiles files, CancellationToken cancellationToken) =>
        {
            var attempt = await db.TaskAttempts.Where(a => a.Id == id).Select(a => new { a.TracePath, a.Session.Participant.Code }).FirstOrDefaultAsync(cancellationToken);
            return attempt?.TracePath is { } path && File.Exists(files.Absolute(path))
                ? Results.File(files.Absolute(path), "application/zip", $"spor-{attempt.Code}-forsoeg-{id}.zip")
                : Results.NotFound();
        }).RequireAuthorization(LabPolicies.ReviewUnit);

        app.MapGet("/noter/{id:int}/billede", async (int id, LabDbContext db, SessionFiles files, CancellationToken cancellationToken) =>
        {
            var path = await db.SessionNotes.Where(n => n.Id == id).Select(n => n.ScreenshotPath).FirstOrDefaultAsync(cancellationToken);
            return path is not null && File.Exists(files.Absolute(path)) ? Results.File(files.Absolute(path), "image/png") : Results.NotFound();
        }).RequireAuthorization(LabPolicies.ReviewUnit);

        app.MapGet("/studier/{id:int}/rapport", async (int id, [FromQuery] bool? gennemgang, LabAccess access, StudyReports reports, CancellationToken cancellationToken) =>
        {
            if (!await access.Studies.AnyAsync(s => s.Id == id, cancellationToken))
            {
                return Results.NotFound();
            }

            var html = await reports.RenderAsync(id, access.IsReviewUnit, gennemgang == true, cancellationToken);
            return html is null ? Results.NotFound() : Results.Content(html, "text/html; charset=utf-8");
        });

        app.MapGet("/studier/{id:int}/rapport.pdf", async (int id, [FromQuery] bool? gennemgang, LabAccess access, StudyReports reports, CancellationToken cancellationToken) =>
        {
            if (!await access.Studies.AnyAsync(s => s.Id == id, cancellationToken))
            {
                return Results.NotFound();
            }

            try
            {
                var pdf = await reports.PrintAsync(id, access.IsReviewUnit, gennemgang == true, cancellationToken);
                return pdf is null ? Results.NotFound() : Results.File(pdf.Value.Bytes, "application/pdf", pdf.Value.FileName);
            }
            catch (BrowserUnavailableException ex)
            {
                return Results.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });

        app.MapPost("/klip", async ([FromForm] int? fund, [FromForm] int? forsoeg, [FromForm] string? fra, [FromForm] string? til, LabAccess access, ClipStore clips, CancellationToken cancellationToken) =>
        {
            if (forsoeg is null)
            {
                return Results.NotFound();
            }

            var back = $"/forsoeg/{forsoeg}/afspil";
            if (fund is not { } findingId || !await access.CanSeeFindingAsync(findingId, cancellationToken))
            {
                return Back(back, "Vælg et fund.");
            }

            if (ParseClock(fra) is not { } from || ParseClock(til) is not { } to)
            {
                return Back(back, "Angiv klippets start og slut som minutter:sekunder, fx 1:05.");
            }

            return await Rule(back, async () =>
            {
                await clips.AttachClipAsync(findingId, forsoeg.Value, from, to, access.Name, cancellationToken);
                return $"/fund/{findingId}#klip";
            });
        }).RequireAuthorization(LabPolicies.Reviewer).RequireAntiforgery();

        app.MapGet("/klip/{id:int}", async (int id, HttpContext context, LabAccess access, SessionFiles files, CancellationToken cancellationToken) =>
        {
            var path = await access.Clips.Where(c => c.Id == id).Select(c => c.Path).FirstOrDefaultAsync(cancellationToken);
            return Gzipped(context, path is null ? null : files.Absolute(path));
        });
    }

    /// <summary>"m:ss" as a time into an attempt; whole seconds also do.</summary>
    public static TimeSpan? ParseClock(string? text)
    {
        var parts = (text ?? string.Empty).Trim().Split(':');
        return parts switch
        {
            [var seconds] when int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var s) => TimeSpan.FromSeconds(s),
            [var minutes, var seconds] when int.TryParse(minutes, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
                && int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s < 60 => TimeSpan.FromSeconds((m * 60) + s),
            _ => null,
        };
    }

    private static long StudyClock(TimeSpan at) => (long)at.TotalMilliseconds;

    /// <summary>A gzip JSON file as JSON the browser unpacks itself.</summary>
    private static IResult Gzipped(HttpContext context, string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return Results.NotFound();
        }

        context.Response.Headers.ContentEncoding = "gzip";
        context.Response.Headers.CacheControl = "private, no-store";
        return Results.File(path, "application/json");
    }

    private static Task<int?> StudyOfParticipantAsync(LabDbContext db, int participantId, CancellationToken cancellationToken) =>
        db.Participants.Where(p => p.Id == participantId).Select(p => (int?)p.StudyId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Runs a step that may break a study rule: on success to its page, else back with the rule's message.</summary>
    private static async Task<IResult> Rule(string back, Func<Task<string>> step)
    {
        try
        {
            return Results.Redirect(await step());
        }
        catch (StudyRuleException ex)
        {
            return Back(back, ex.Message);
        }
    }

    private static IResult Back(string path, string message) =>
        Results.Redirect($"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}fejl={Uri.EscapeDataString(message)}");
}
