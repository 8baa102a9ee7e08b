using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Studies;

namespace UsabilityLab.Data;

/// <summary>A rule of studies was broken; the message says which, in Danish, for the person acting.</summary>
/// <param name="field">What the rule is about, for a form to mark: a <see cref="StudyFields"/> value, or null.</param>
public sealed class StudyRuleException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}

/// <summary>The parts of a new study a broken rule can be about.</summary>
public static class StudyFields
{
    public const string Name = "name";
    public const string Consent = "consent";
    public const string Retention = "retention";
    public const string EndsOn = "ends-on";
    public const string Tasks = "tasks";
    public const string Solution = "solution";
}

/// <summary>A new study's task, as the reviewer enters it.</summary>
public sealed record NewStudyTask(string Title, string Instruction, string SuccessCriterion, string StartPath = "");

/// <summary>
/// Studies and their sessions in the database and the evidence folder: the rules (consent before
/// recording, pseudonyms only, no CPR numbers in notes), the figures, and a participant's export
/// and deletion.
/// </summary>
public sealed class StudyStore(LabDbContext db, SessionFiles files, TimeProvider clock)
{
    public const int MaxNoteLength = 4000;

    public async Task<Study> CreateStudyAsync(
        int solutionId,
        string name,
        string consentText,
        DateOnly endsOn,
        int retentionDays,
        IReadOnlyList<NewStudyTask> tasks,
        string createdBy,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        Require(!string.IsNullOrWhiteSpace(name), "Studiet mangler et navn.", StudyFields.Name);
        Require(!string.IsNullOrWhiteSpace(consentText), "Studiet mangler en samtykketekst.", StudyFields.Consent);
        Require(retentionDays is >= 0 and <= 3650, "Opbevaringsperioden skal være mellem 0 og 3650 dage.", StudyFields.Retention);
        Require(endsOn >= DateOnly.FromDateTime(clock.GetLocalNow().DateTime), $"Slutdatoen {endsOn:dd-MM-yyyy} er overstået; vælg studiets sidste sessionsdag i dag eller senere.", StudyFields.EndsOn);
        Require(tasks.Count > 0, "Studiet skal have mindst én opgave.", StudyFields.Tasks);
        Require(tasks.All(t => !string.IsNullOrWhiteSpace(t.Title) && !string.IsNullOrWhiteSpace(t.Instruction) && !string.IsNullOrWhiteSpace(t.SuccessCriterion)),
            "Hver opgave skal have en titel, en instruktion og et succeskriterium.", StudyFields.Tasks);
        Require(await db.Solutions.AnyAsync(s => s.Id == solutionId, cancellationToken), "Løsningen findes ikke.", StudyFields.Solution);

        var study = new Study
        {
            SolutionId = solutionId,
            Name = name.Trim(),
            ConsentText = consentText.Trim(),
            EndsOn = endsOn,
            RetentionDays = retentionDays,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = createdBy,
            Tasks = tasks.Select((t, i) => new StudyTask
            {
                Order = i + 1,
                Title = t.Title.Trim(),
                Instruction = t.Instruction.Trim(),
                SuccessCriterion = t.SuccessCriterion.Trim(),
                StartPath = t.StartPath.Trim(),
            }).ToList(),
        };
        db.Studies.Add(study);
        await db.SaveChangesAsync(cancellationToken);
        return study;
    }

    /// <summary>Adds the next participant (P01, P02, ...) with facts from the fixed lists only.</summary>
    public async Task<Participant> AddParticipantAsync(int studyId, string? ageBand, string? digitalHabits, CancellationToken cancellationToken = default)
    {
        ageBand = Blank(ageBand);
        digitalHabits = Blank(digitalHabits);
        Require(ageBand is null || ParticipantFacts.AgeBands.Contains(ageBand), "Vælg en aldersgruppe fra listen.");
        Require(digitalHabits is null || ParticipantFacts.DigitalHabits.Contains(digitalHabits), "Vælg digitale vaner fra listen.");
        Require(await db.Studies.AnyAsync(s => s.Id == studyId, cancellationToken), "Studiet findes ikke.");

        var codes = await db.Participants.Where(p => p.StudyId == studyId).Select(p => p.Code).ToListAsync(cancellationToken);
        var participant = new Participant { StudyId = studyId, Code = ParticipantFacts.NextCode(codes), AgeBand = ageBand, DigitalHabits = digitalHabits };
        db.Participants.Add(participant);
        await db.SaveChangesAsync(cancellationToken);
        return participant;
    }

    /// <summary>Records the participant's consent to the study's current consent text, by whom and when.</summary>
    public async Task RecordConsentAsync(int participantId, string recordedBy, CancellationToken cancellationToken = default)
    {
        var participant = await db.Participants.Include(p => p.Study).FirstOrDefaultAsync(p => p.Id == participantId, cancellationToken)
            ?? throw new StudyRuleException("Deltageren findes ikke.");
        Require(!participant.HasConsented, $"{participant.Code} har allerede givet samtykke.");
        participant.ConsentText = participant.Study.ConsentText;
        participant.ConsentedAt = clock.GetUtcNow();
        participant.ConsentRecordedBy = recordedBy;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Starts an attempt at a task in the participant's open session (or a new one). Refused before
    /// consent, and while another attempt of the participant is still running.
    /// </summary>
    public async Task<TaskAttempt> StartAttemptAsync(int participantId, int studyTaskId, string facilitator, CancellationToken cancellationToken = default)
    {
        var participant = await db.Participants
            .Include(p => p.Sessions.Where(s => s.EndedAt == null)).ThenInclude(s => s.Attempts)
            .FirstOrDefaultAsync(p => p.Id == participantId, cancellationToken)
            ?? throw new StudyRuleException("Deltageren findes ikke.");
        Require(participant.HasConsented, $"{participant.Code} har ikke givet samtykke. Registrér samtykket, før optagelsen kan starte.");
        var task = await db.StudyTasks.FirstOrDefaultAsync(t => t.Id == studyTaskId && t.StudyId == participant.StudyId, cancellationToken)
            ?? throw new StudyRuleException("Opgaven hører ikke til deltagerens studie.");

        var session = participant.Sessions.SingleOrDefault();
        Require(session is null || session.Attempts.All(a => a.EndedAt is not null), $"{participant.Code} er allerede i gang med en opgave.");
        var now = clock.GetUtcNow();
        if (session is null)
        {
            session = new StudySession { ParticipantId = participantId, Facilitator = facilitator, StartedAt = now };
            db.StudySessions.Add(session);
        }

        var attempt = new TaskAttempt { Session = session, StudyTaskId = task.Id, StartedAt = now };
        db.TaskAttempts.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);
        return attempt;
    }

    /// <summary>Adds a facilitator's note at the time since the attempt started. Refused when the text looks like a CPR number.</summary>
    public async Task<SessionNote> AddNoteAsync(int attemptId, NoteTag tag, string? text, string author, TimeSpan at, string? screenshotPath = null, CancellationToken cancellationToken = default)
    {
        Require(Enum.IsDefined(tag), "Ukendt mærke.");
        text = NoteText(text);
        Require(await db.TaskAttempts.AnyAsync(a => a.Id == attemptId, cancellationToken), "Forsøget findes ikke.");

        var note = new SessionNote { AttemptId = attemptId, Tag = tag, Text = text, Author = author, At = at < TimeSpan.Zero ? TimeSpan.Zero : at, ScreenshotPath = screenshotPath };
        db.SessionNotes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        return note;
    }

    /// <summary>Changes the text of a note, under the same rules as a new one.</summary>
    public async Task<bool> EditNoteAsync(int noteId, string? text, CancellationToken cancellationToken = default)
    {
        text = NoteText(text);
        var note = await db.SessionNotes.FirstOrDefaultAsync(n => n.Id == noteId, cancellationToken);
        if (note is null)
        {
            return false;
        }

        note.Text = text;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Ends an attempt with the facilitator's outcome (or an abort reason) and what was recorded.</summary>
    public async Task FinishAttemptAsync(
        int attemptId,
        AttemptOutcome? outcome,
        string? abortReason,
        IReadOnlyList<TimelineEntry> timeline,
        string? recordingPath,
        long recordingBytes,
        string? tracePath,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var attempt = await db.TaskAttempts.FirstOrDefaultAsync(a => a.Id == attemptId, cancellationToken)
            ?? throw new StudyRuleException("Forsøget findes ikke.");
        Require(attempt.EndedAt is null, "Forsøget er allerede afsluttet.");
        attempt.EndedAt = clock.GetUtcNow();
        attempt.Outcome = outcome;
        attempt.AbortReason = abortReason;
        attempt.RecordingPath = recordingPath;
        attempt.RecordingBytes = recordingBytes;
        attempt.TracePath = tracePath;
        foreach (var entry in timeline)
        {
            db.TimelineEntries.Add(new TimelineEntry { AttemptId = attemptId, At = entry.At, Kind = entry.Kind, Text = Truncate(entry.Text, 500) });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task AnswerSeqAsync(int attemptId, int seq, CancellationToken cancellationToken = default)
    {
        Require(seq is >= 1 and <= 7, "SEQ-svaret skal være fra 1 til 7.");
        var attempt = await db.TaskAttempts.FirstOrDefaultAsync(a => a.Id == attemptId, cancellationToken)
            ?? throw new StudyRuleException("Forsøget findes ikke.");
        attempt.Seq = seq;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Ends the participant's session with the SUS answers and satisfaction (either may be missing when the citizen declined).</summary>
    public async Task FinishSessionAsync(int sessionId, IReadOnlyList<int>? susAnswers, int? satisfaction, CancellationToken cancellationToken = default)
    {
        Require(susAnswers is null || (susAnswers.Count == 10 && susAnswers.All(a => a is >= 1 and <= 5)), "SUS skal have ti svar fra 1 til 5.");
        Require(satisfaction is null or (>= 1 and <= 5), "Tilfredshed skal være fra 1 til 5.");
        var session = await db.StudySessions.Include(s => s.Attempts).FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken)
            ?? throw new StudyRuleException("Sessionen findes ikke.");
        Require(session.Attempts.All(a => a.EndedAt is not null), "En opgave er stadig i gang.");
        session.SusAnswers = susAnswers?.ToList();
        session.Satisfaction = satisfaction;
        session.EndedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The study's figures from each participant's latest finished attempt per task.</summary>
    public async Task<StudyFigureSet> FiguresAsync(int studyId, CancellationToken cancellationToken = default)
    {
        var tasks = await db.StudyTasks.Where(t => t.StudyId == studyId).OrderBy(t => t.Order)
            .Select(t => new { t.Id, t.Title }).ToListAsync(cancellationToken);
        var attempts = await db.TaskAttempts
            .Where(a => a.Session.Participant.StudyId == studyId && a.Outcome != null && a.EndedAt != null)
            .Select(a => new
            {
                a.Session.ParticipantId,
                a.StudyTaskId,
                Outcome = a.Outcome!.Value,
                a.StartedAt,
                EndedAt = a.EndedAt!.Value,
                a.Seq,
                Errors = a.Notes.Count(n => n.Tag == NoteTag.Error),
                CriticalErrors = a.Notes.Count(n => n.Tag == NoteTag.CriticalError),
            })
            .ToListAsync(cancellationToken);
        var latest = attempts
            .GroupBy(a => (a.ParticipantId, a.StudyTaskId))
            .Select(g => g.OrderByDescending(a => a.StartedAt).First())
            .Select(a => new AttemptFacts(a.ParticipantId, a.StudyTaskId, a.Outcome, a.EndedAt - a.StartedAt, a.Errors, a.CriticalErrors, a.Seq))
            .ToList();
        var sessions = await db.StudySessions
            .Where(s => s.Participant.StudyId == studyId && s.EndedAt != null)
            .Select(s => new { s.ParticipantId, s.SusAnswers, s.Satisfaction, s.EndedAt })
            .ToListAsync(cancellationToken);
        var latestSessions = sessions
            .GroupBy(s => s.ParticipantId)
            .Select(g => g.OrderByDescending(s => s.EndedAt).First())
            .Select(s => new SessionFacts(s.ParticipantId, s.SusAnswers, s.Satisfaction))
            .ToList();
        return StudyFigures.Compute(tasks.Select(t => (t.Id, t.Title)).ToList(), latest, latestSessions);
    }

    /// <summary>
    /// Writes everything kept about a participant as a zip: participant.json (facts, consent, sessions,
    /// answers, notes, timeline) and the recordings, traces, screenshots and clips themselves.
    /// </summary>
    public async Task<bool> ExportParticipantAsync(int participantId, Stream output, CancellationToken cancellationToken = default)
    {
        var participant = await LoadParticipantAsync(participantId, cancellationToken);
        if (participant is null)
        {
            return false;
        }

        var clips = await ClipsOfAsync(participantId, cancellationToken);
        var attempts = participant.Sessions.SelectMany(s => s.Attempts).ToList();
        var export = new
        {
            participant.Code,
            Study = participant.Study.Name,
            participant.AgeBand,
            participant.DigitalHabits,
            Consent = new { Text = participant.ConsentText, At = participant.ConsentedAt, RecordedBy = participant.ConsentRecordedBy },
            Sessions = participant.Sessions.Select(s => new
            {
                s.StartedAt,
                s.EndedAt,
                s.Facilitator,
                s.SusAnswers,
                s.Satisfaction,
                Attempts = s.Attempts.Select(a => new
                {
                    Task = a.StudyTask.Title,
                    a.StartedAt,
                    a.EndedAt,
                    Outcome = a.Outcome?.ToString(),
                    a.Seq,
                    a.RecordingPath,
                    a.TracePath,
                    Notes = a.Notes.OrderBy(n => n.At).Select(n => new { At = n.At.TotalSeconds, Tag = n.Tag.ToString(), n.Text, n.Author, n.ScreenshotPath }),
                    Timeline = a.Timeline.OrderBy(t => t.At).Select(t => new { At = t.At.TotalSeconds, Kind = t.Kind.ToString(), t.Text }),
                }),
            }),
            Clips = clips.Select(c => new { c.TrackedFindingId, From = c.From.TotalSeconds, To = c.To.TotalSeconds, c.Path }),
        };

        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var json = zip.CreateEntry("participant.json");
        await using (var stream = await json.OpenAsync(cancellationToken))
        {
            await JsonSerializer.SerializeAsync(stream, export, _exportJson, cancellationToken);
        }

        var paths = attempts.SelectMany(a => new[] { a.RecordingPath, a.TracePath }.Concat(a.Notes.Select(n => n.ScreenshotPath)))
            .Concat(clips.Select(c => c.Path))
            .OfType<string>();
        foreach (var path in paths)
        {
            var absolute = files.Absolute(path);
            if (File.Exists(absolute))
            {
                await zip.CreateEntryFromFileAsync(absolute, path, CompressionLevel.NoCompression, cancellationToken);
            }
        }

        return true;
    }

    /// <summary>
    /// Deletes a participant and everything of theirs: the files first (so nothing outlives the rows
    /// that name it), then sessions, attempts, answers, notes, timeline and clips in one transaction.
    /// </summary>
    /// <returns>The participant's code, or null when there was no such participant.</returns>
    public async Task<string?> DeleteParticipantAsync(int participantId, CancellationToken cancellationToken = default)
    {
        var participant = await db.Participants.FirstOrDefaultAsync(p => p.Id == participantId, cancellationToken);
        if (participant is null)
        {
            return null;
        }

        files.DeleteParticipant(participant.StudyId, participant.Id);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var attemptIds = AttemptIdsOf(participantId);
        await db.FindingClips.Where(c => attemptIds.Contains(c.AttemptId)).ExecuteDeleteAsync(cancellationToken);
        await db.SessionNotes.Where(n => attemptIds.Contains(n.AttemptId)).ExecuteDeleteAsync(cancellationToken);
        await db.TimelineEntries.Where(t => attemptIds.Contains(t.AttemptId)).ExecuteDeleteAsync(cancellationToken);
        await db.TaskAttempts.Where(a => a.Session.ParticipantId == participantId).ExecuteDeleteAsync(cancellationToken);
        await db.StudySessions.Where(s => s.ParticipantId == participantId).ExecuteDeleteAsync(cancellationToken);
        await db.Participants.Where(p => p.Id == participantId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return participant.Code;
    }

    /// <summary>
    /// Deletes the recordings, traces and clips of every study whose retention period ended before
    /// <paramref name="today"/>. Notes, answers and figures stay: they hold no recording.
    /// </summary>
    /// <returns>How many attempts lost their recordings.</returns>
    public async Task<int> ApplyRetentionAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        var studies = await db.Studies.Select(s => new { s.Id, s.EndsOn, s.RetentionDays }).ToListAsync(cancellationToken);
        var expired = studies.Where(s => s.EndsOn.AddDays(s.RetentionDays) < today).Select(s => s.Id).ToList();
        if (expired.Count == 0)
        {
            return 0;
        }

        var attempts = await db.TaskAttempts
            .Where(a => expired.Contains(a.Session.Participant.StudyId) && (a.RecordingPath != null || a.TracePath != null))
            .ToListAsync(cancellationToken);
        var attemptIds = db.TaskAttempts.Where(a => expired.Contains(a.Session.Participant.StudyId)).Select(a => a.Id);
        var clips = await db.FindingClips.Where(c => attemptIds.Contains(c.AttemptId)).ToListAsync(cancellationToken);
        foreach (var attempt in attempts)
        {
            files.Delete(attempt.RecordingPath);
            files.Delete(attempt.TracePath);
            attempt.RecordingPath = null;
            attempt.TracePath = null;
            attempt.RecordingBytes = 0;
        }

        foreach (var clip in clips)
        {
            files.Delete(clip.Path);
        }

        db.FindingClips.RemoveRange(clips);
        await db.SaveChangesAsync(cancellationToken);
        return attempts.Count;
    }

    /// <summary>The longest stretch of a recording that can go to a vendor as a clip.</summary>
    public static readonly TimeSpan MaxClipLength = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Attaches a stretch of an attempt's recording to a finding of the same solution, so the vendor
    /// can see it. The clip is a copy of the masked recording from the last full snapshot before
    /// <paramref name="from"/> to <paramref name="to"/> (times since the attempt started), stored as
    /// gzip JSON <c>{"start": ms into the clip, "events": [...]}</c>.
    /// </summary>
    public async Task<FindingClip> AttachClipAsync(int trackedFindingId, int attemptId, TimeSpan from, TimeSpan to, string createdBy, CancellationToken cancellationToken = default)
    {
        Require(from >= TimeSpan.Zero && to > from, "Klippets slut skal ligge efter dets start.");
        Require(to - from <= MaxClipLength, $"Et klip må højst vare {MaxClipLength.TotalMinutes:0} minutter.");
        var attempt = await db.TaskAttempts.AsNoTracking()
            .Where(a => a.Id == attemptId)
            .Select(a => new { a.StartedAt, a.RecordingPath, a.Session.Participant.StudyId, a.Session.ParticipantId, a.Session.Participant.Study.SolutionId })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new StudyRuleException("Forsøget findes ikke.");
        Require(attempt.RecordingPath is not null && File.Exists(files.Absolute(attempt.RecordingPath)), "Forsøget har ingen optagelse (den er slettet efter opbevaringsperioden, eller den blev ikke gemt).");
        Require(await db.TrackedFindings.AnyAsync(f => f.Id == trackedFindingId && f.SolutionId == attempt.SolutionId, cancellationToken), "Fundet hører ikke til studiets løsning.");

        var events = await ReadRecordingAsync(files.Absolute(attempt.RecordingPath!), cancellationToken);
        var start = attempt.StartedAt.ToUnixTimeMilliseconds() + (long)from.TotalMilliseconds;
        var end = attempt.StartedAt.ToUnixTimeMilliseconds() + (long)to.TotalMilliseconds;
        var clip = RecordingClip.Cut(events, start, end);
        Require(clip is not null, "Optagelsen har intet billede af siden i det valgte tidsrum.");

        var path = SessionFiles.Clip(attempt.StudyId, attempt.ParticipantId, attemptId, Guid.NewGuid());
        var absolute = files.Absolute(path);
        Directory.CreateDirectory(Path.GetDirectoryName(absolute)!);
        using (var buffer = new MemoryStream())
        {
            await using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                await JsonSerializer.SerializeAsync(gzip, clip, JsonSerializerOptions.Web, cancellationToken);
            }

            await Core.AtomicFile.WriteAllBytesAsync(absolute, buffer.ToArray(), cancellationToken);
        }

        var row = new FindingClip { TrackedFindingId = trackedFindingId, AttemptId = attemptId, From = from, To = to, Path = path, CreatedBy = createdBy, CreatedAt = clock.GetUtcNow() };
        db.FindingClips.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            files.Delete(path);
            throw;
        }

        return row;
    }

    private static async Task<List<System.Text.Json.Nodes.JsonObject>> ReadRecordingAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        await using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        return await JsonSerializer.DeserializeAsync<List<System.Text.Json.Nodes.JsonObject>>(gzip, cancellationToken: cancellationToken) ?? [];
    }

    private static readonly JsonSerializerOptions _exportJson = new() { WriteIndented = true };

    private Task<Participant?> LoadParticipantAsync(int participantId, CancellationToken cancellationToken) =>
        db.Participants
            .Include(p => p.Study)
            .Include(p => p.Sessions).ThenInclude(s => s.Attempts).ThenInclude(a => a.StudyTask)
            .Include(p => p.Sessions).ThenInclude(s => s.Attempts).ThenInclude(a => a.Notes)
            .Include(p => p.Sessions).ThenInclude(s => s.Attempts).ThenInclude(a => a.Timeline)
            .AsSplitQuery()
            .AsNoTracking()
            .FirstOrDefaultAsync(p => p.Id == participantId, cancellationToken);

    private Task<List<FindingClip>> ClipsOfAsync(int participantId, CancellationToken cancellationToken)
    {
        var attemptIds = AttemptIdsOf(participantId);
        return db.FindingClips.Where(c => attemptIds.Contains(c.AttemptId)).AsNoTracking().ToListAsync(cancellationToken);
    }

    /// <summary>A note's text, trimmed, or a refusal when it is too long or looks like it holds a CPR number.</summary>
    private static string NoteText(string? text)
    {
        text = (text ?? "").Trim();
        Require(text.Length <= MaxNoteLength, $"Noten er for lang (højst {MaxNoteLength} tegn).");
        Require(!ParticipantFacts.ContainsCprNumber(text), "Noten ser ud til at indeholde et CPR-nummer. Skriv den uden.");
        return text;
    }

    private IQueryable<int> AttemptIdsOf(int participantId) =>
        db.TaskAttempts.Where(a => a.Session.ParticipantId == participantId).Select(a => a.Id);

    private static void Require(bool condition, string message, string? field = null)
    {
        if (!condition)
        {
            throw new StudyRuleException(message, field);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
