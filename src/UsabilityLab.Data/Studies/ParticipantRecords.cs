using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Studies;

namespace UsabilityLab.Data;

/// <summary>
/// What is kept about participants, as the rules for personal data require: a participant's export
/// (everything, in one zip), a participant's deletion, and the deletion of recordings when a
/// study's retention period has ended.
/// </summary>
public sealed class ParticipantRecords(LabDbContext db, SessionFiles files)
{
    private static readonly JsonSerializerOptions _exportJson = new() { WriteIndented = true };

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
    /// Deletes what was recorded of every study whose retention period ended before
    /// <paramref name="today"/>: the study's whole folder (recordings, traces, note screenshots,
    /// clips, and whatever no row names any more, such as a recording left half-written by a
    /// crash), then the rows' paths and the clips. Notes, answers and figures stay: they hold no
    /// recording.
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

        // Files first: nothing may outlive the rows that name it, and a crash between the two
        // leaves rows that name missing files, which every reader already takes as "not recorded".
        foreach (var studyId in expired)
        {
            files.DeleteStudy(studyId);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var attemptIds = db.TaskAttempts.Where(a => expired.Contains(a.Session.Participant.StudyId)).Select(a => a.Id);
        var recorded = await db.TaskAttempts
            .Where(a => expired.Contains(a.Session.Participant.StudyId) && (a.RecordingPath != null || a.TracePath != null))
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.RecordingPath, (string?)null).SetProperty(x => x.TracePath, (string?)null).SetProperty(x => x.RecordingBytes, 0L), cancellationToken);
        await db.SessionNotes.Where(n => attemptIds.Contains(n.AttemptId) && n.ScreenshotPath != null)
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.ScreenshotPath, (string?)null), cancellationToken);
        await db.FindingClips.Where(c => attemptIds.Contains(c.AttemptId)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return recorded;
    }

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

    private IQueryable<int> AttemptIdsOf(int participantId) =>
        db.TaskAttempts.Where(a => a.Session.ParticipantId == participantId).Select(a => a.Id);
}
