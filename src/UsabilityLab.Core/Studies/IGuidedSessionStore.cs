namespace UsabilityLab.Core.Studies;

/// <summary>An attempt just started: what the citizen's window needs to open it and record it.</summary>
/// <param name="StartUrl">The task's first page in the study's solution.</param>
public sealed record AttemptStart(int AttemptId, int SessionId, DateTimeOffset StartedAt, Participant Participant, StudyTask Task, string StartUrl);

/// <summary>
/// What a guided session keeps while it runs, each call a unit of work of its own, under the rules
/// of studies (<see cref="StudyRules"/>; a broken rule is a <see cref="StudyRuleException"/>). The
/// runner (<c>GuidedSessions</c>) knows this seam only, not the database behind it.
/// </summary>
public interface IGuidedSessionStore
{
    /// <summary>Starts an attempt in the participant's open session (or a new one): refused before consent and while another attempt runs.</summary>
    Task<AttemptStart> StartAttemptAsync(int participantId, int studyTaskId, string facilitator, CancellationToken cancellationToken = default);

    /// <summary>A facilitator's note at this moment of the attempt (the time since it started, by the store's clock).</summary>
    Task<SessionNote> AddNoteAsync(int attemptId, NoteTag tag, string? text, string author, string? screenshotPath, CancellationToken cancellationToken = default);

    Task FinishAttemptAsync(int attemptId, AttemptEnd end, CancellationToken cancellationToken = default);

    Task AnswerSeqAsync(int attemptId, int seq, CancellationToken cancellationToken = default);

    Task FinishSessionAsync(int sessionId, IReadOnlyList<int>? susAnswers, int? satisfaction, CancellationToken cancellationToken = default);

    /// <summary>An attempt's stored timeline, in order.</summary>
    Task<IReadOnlyList<TimelineEntry>> TimelineAsync(int attemptId, CancellationToken cancellationToken = default);
}
