using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Studies;

namespace UsabilityLab.Data;

/// <summary>Reads what a study's figures are computed from (<see cref="StudyFigures"/>): the latest finished attempt per participant and task, and the latest session's answers.</summary>
public sealed class StudyFigureSource(LabDbContext db)
{
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
}
