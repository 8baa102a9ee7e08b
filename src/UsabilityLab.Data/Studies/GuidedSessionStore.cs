using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Scripts;
using UsabilityLab.Core.Studies;

namespace UsabilityLab.Data;

/// <summary>
/// The guided sessions' storage on the database: every call opens a context of its own from the
/// factory and ends it, as the runner outlives every request, and goes through <see cref="StudyStore"/>.
/// </summary>
public sealed class GuidedSessionStore(IDbContextFactory<LabDbContext> contexts, TimeProvider clock) : IGuidedSessionStore
{
    public async Task<AttemptStart> StartAttemptAsync(int participantId, int studyTaskId, string facilitator, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var attempt = await new StudyStore(db, clock).StartAttemptAsync(participantId, studyTaskId, facilitator, cancellationToken);
        var facts = await db.TaskAttempts.AsNoTracking()
            .Where(a => a.Id == attempt.Id)
            .Select(a => new { a.StudyTask, a.Session.Participant, a.Session.Participant.Study.Solution.BaseUrl })
            .SingleAsync(cancellationToken);
        return new AttemptStart(attempt.Id, attempt.SessionId, attempt.StartedAt, facts.Participant, facts.StudyTask, SolutionUrl.Join(facts.BaseUrl, facts.StudyTask.StartPath));
    }

    public async Task<SessionNote> AddNoteAsync(int attemptId, NoteTag tag, string? text, string author, string? screenshotPath, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var attempt = await db.TaskAttempts.AsNoTracking().Where(a => a.Id == attemptId).Select(a => new { a.StartedAt, a.EndedAt }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new StudyRuleException("Forsøget findes ikke.");
        var at = (attempt.EndedAt ?? clock.GetUtcNow()) - attempt.StartedAt;
        return await new StudyStore(db, clock).AddNoteAsync(attemptId, tag, text, author, at, screenshotPath, cancellationToken);
    }

    public Task FinishAttemptAsync(int attemptId, AttemptEnd end, CancellationToken cancellationToken = default) =>
        WithStoreAsync(store => store.FinishAttemptAsync(attemptId, end, cancellationToken), cancellationToken);

    public Task AnswerSeqAsync(int attemptId, int seq, CancellationToken cancellationToken = default) =>
        WithStoreAsync(store => store.AnswerSeqAsync(attemptId, seq, cancellationToken), cancellationToken);

    public Task FinishSessionAsync(int sessionId, IReadOnlyList<int>? susAnswers, int? satisfaction, CancellationToken cancellationToken = default) =>
        WithStoreAsync(store => store.FinishSessionAsync(sessionId, susAnswers, satisfaction, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(int attemptId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.TimelineEntries.AsNoTracking().Where(t => t.AttemptId == attemptId).OrderBy(t => t.At).ThenBy(t => t.Id).ToListAsync(cancellationToken);
    }

    private async Task WithStoreAsync(Func<StudyStore, Task> work, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await work(new StudyStore(db, clock));
    }
}
