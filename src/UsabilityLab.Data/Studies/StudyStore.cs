using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Studies;
using static UsabilityLab.Core.Studies.StudyRules;

namespace UsabilityLab.Data;

/// <summary>
/// Studies and their sessions in the database, under the rules of studies (<see cref="StudyRules"/>):
/// studies, participants and their consent, attempts at tasks, notes and the questionnaires'
/// answers. Figures, a participant's records and clips have stores of their own
/// (<see cref="StudyFigureSource"/>, <see cref="ParticipantRecords"/>, <see cref="ClipStore"/>).
/// </summary>
public sealed class StudyStore(LabDbContext db, TimeProvider clock)
{
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
        CheckNewStudy(name, consentText, endsOn, retentionDays, tasks, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
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
        (ageBand, digitalHabits) = ParticipantDescription(ageBand, digitalHabits);
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
        var session = participant.Sessions.SingleOrDefault();
        CheckCanStart(participant, session);
        var task = await db.StudyTasks.FirstOrDefaultAsync(t => t.Id == studyTaskId && t.StudyId == participant.StudyId, cancellationToken)
            ?? throw new StudyRuleException("Opgaven hører ikke til deltagerens studie.");

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
    public async Task FinishAttemptAsync(int attemptId, AttemptEnd end, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(end);
        var attempt = await db.TaskAttempts.FirstOrDefaultAsync(a => a.Id == attemptId, cancellationToken)
            ?? throw new StudyRuleException("Forsøget findes ikke.");
        Require(attempt.EndedAt is null, "Forsøget er allerede afsluttet.");
        attempt.EndedAt = clock.GetUtcNow();
        attempt.Outcome = end.Outcome;
        attempt.AbortReason = end.AbortReason;
        attempt.RecordingPath = end.RecordingPath;
        attempt.RecordingBytes = end.RecordingBytes;
        attempt.TracePath = end.TracePath;
        foreach (var entry in end.Timeline)
        {
            db.TimelineEntries.Add(new TimelineEntry { AttemptId = attemptId, At = entry.At, Kind = entry.Kind, Text = Truncate(entry.Text, 500) });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task AnswerSeqAsync(int attemptId, int seq, CancellationToken cancellationToken = default)
    {
        CheckSeq(seq);
        var attempt = await db.TaskAttempts.FirstOrDefaultAsync(a => a.Id == attemptId, cancellationToken)
            ?? throw new StudyRuleException("Forsøget findes ikke.");
        attempt.Seq = seq;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Ends the participant's session with the SUS answers and satisfaction (either may be missing when the citizen declined).</summary>
    public async Task FinishSessionAsync(int sessionId, IReadOnlyList<int>? susAnswers, int? satisfaction, CancellationToken cancellationToken = default)
    {
        CheckSessionAnswers(susAnswers, satisfaction);
        var session = await db.StudySessions.Include(s => s.Attempts).FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken)
            ?? throw new StudyRuleException("Sessionen findes ikke.");
        Require(session.Attempts.All(a => a.EndedAt is not null), "En opgave er stadig i gang.");
        session.SusAnswers = susAnswers?.ToList();
        session.Satisfaction = satisfaction;
        session.EndedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
