using UsabilityLab.Core.Audits;

namespace UsabilityLab.Core.Studies;

/// <summary>
/// A usability study of one solution: the tasks test citizens try in guided sessions, the consent
/// they give and the participants (by pseudonym only).
/// </summary>
public sealed class Study
{
    public int Id { get; set; }

    public int SolutionId { get; set; }

    public Solution Solution { get; set; } = null!;

    public required string Name { get; set; }

    /// <summary>The consent text participants agree to before anything is recorded; each consent keeps the text it was given on.</summary>
    public required string ConsentText { get; set; }

    /// <summary>Days after <see cref="EndsOn"/> that recordings and traces are kept; then they are deleted.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>The last day of sessions; the retention period counts from here.</summary>
    public DateOnly EndsOn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public List<StudyTask> Tasks { get; set; } = [];

    public List<Participant> Participants { get; set; } = [];

    /// <summary>When recordings of this study are to be gone.</summary>
    public DateOnly RecordingsExpireOn => EndsOn.AddDays(RetentionDays);
}

/// <summary>One task of a study, as it is read to the citizen.</summary>
public sealed class StudyTask
{
    public int Id { get; set; }

    public int StudyId { get; set; }

    public Study Study { get; set; } = null!;

    /// <summary>1-based order in the session.</summary>
    public int Order { get; set; }

    public required string Title { get; set; }

    /// <summary>The instruction the facilitator reads aloud ("Du er flyttet til ... Meld din flytning").</summary>
    public required string Instruction { get; set; }

    /// <summary>What counts as success ("Kvitteringen med sagsnummer vises").</summary>
    public required string SuccessCriterion { get; set; }

    /// <summary>Where the citizen's window opens: a path below the solution's base URL, or a full URL.</summary>
    public string StartPath { get; set; } = "";
}

/// <summary>
/// A test citizen, known by a code (P01) and optional coarse facts chosen from fixed lists, so no
/// name or CPR number can enter the data.
/// </summary>
public sealed class Participant
{
    public int Id { get; set; }

    public int StudyId { get; set; }

    public Study Study { get; set; } = null!;

    /// <summary>The pseudonym, P01, P02, ...; unique within the study.</summary>
    public required string Code { get; set; }

    /// <summary>One of <see cref="ParticipantFacts.AgeBands"/>, or null.</summary>
    public string? AgeBand { get; set; }

    /// <summary>One of <see cref="ParticipantFacts.DigitalHabits"/>, or null.</summary>
    public string? DigitalHabits { get; set; }

    /// <summary>The consent text as it was when the participant agreed; null until consent is recorded.</summary>
    public string? ConsentText { get; set; }

    public DateTimeOffset? ConsentedAt { get; set; }

    /// <summary>The facilitator or reviewer who recorded the consent.</summary>
    public string? ConsentRecordedBy { get; set; }

    public List<StudySession> Sessions { get; set; } = [];

    public bool HasConsented => ConsentedAt is not null;
}

/// <summary>One sitting of a participant with a facilitator: task attempts, then the SUS.</summary>
public sealed class StudySession
{
    public int Id { get; set; }

    public int ParticipantId { get; set; }

    public Participant Participant { get; set; } = null!;

    public required string Facilitator { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The ten SUS answers (1-5) in item order, once given.</summary>
    public List<int>? SusAnswers { get; set; }

    /// <summary>Overall satisfaction, 1-5 (the joint public user test's satisfaction question).</summary>
    public int? Satisfaction { get; set; }

    public List<TaskAttempt> Attempts { get; set; } = [];
}

/// <summary>One try at one task: its recording, trace, timeline, notes, outcome and SEQ answer.</summary>
public sealed class TaskAttempt
{
    public int Id { get; set; }

    public int SessionId { get; set; }

    public StudySession Session { get; set; } = null!;

    public int StudyTaskId { get; set; }

    public StudyTask StudyTask { get; set; } = null!;

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public AttemptOutcome? Outcome { get; set; }

    /// <summary>The SEQ answer, 1 (very hard) to 7 (very easy).</summary>
    public int? Seq { get; set; }

    /// <summary>The rrweb recording (gzip JSON), relative to the evidence folder; null once deleted.</summary>
    public string? RecordingPath { get; set; }

    public long RecordingBytes { get; set; }

    /// <summary>The Playwright trace (zip), relative to the evidence folder; null once deleted.</summary>
    public string? TracePath { get; set; }

    /// <summary>Why the attempt ended without an outcome (the browser closed, the server stopped).</summary>
    public string? AbortReason { get; set; }

    public List<SessionNote> Notes { get; set; } = [];

    public List<TimelineEntry> Timeline { get; set; } = [];

    public TimeSpan? Duration => EndedAt is { } ended ? ended - StartedAt : null;
}

/// <summary>How a task attempt ended, as the facilitator marks it.</summary>
public enum AttemptOutcome
{
    Succeeded = 1,
    SucceededWithHelp = 2,
    Failed = 3,
}

/// <summary>The facilitator's tags for notes; each has a key on the facilitator page.</summary>
public enum NoteTag
{
    Confusion = 1,
    Error = 2,
    CriticalError = 3,
    Quote = 4,
    Idea = 5,
}

/// <summary>A facilitator's timestamped note during an attempt.</summary>
public sealed class SessionNote
{
    public int Id { get; set; }

    public int AttemptId { get; set; }

    public TaskAttempt Attempt { get; set; } = null!;

    /// <summary>Time since the attempt started.</summary>
    public TimeSpan At { get; set; }

    public NoteTag Tag { get; set; }

    public string Text { get; set; } = "";

    public required string Author { get; set; }

    /// <summary>A screenshot of the citizen's window at the note, inputs masked; relative to the evidence folder.</summary>
    public string? ScreenshotPath { get; set; }
}

/// <summary>What happened in the citizen's window: a page, a click, an error shown on the page.</summary>
public sealed class TimelineEntry
{
    public long Id { get; set; }

    public int AttemptId { get; set; }

    public TimeSpan At { get; set; }

    public TimelineKind Kind { get; set; }

    public required string Text { get; set; }
}

public enum TimelineKind
{
    Page = 1,
    Click = 2,
    Error = 3,
}

/// <summary>Danish names for the study enums, as the workbench and the report show them.</summary>
public static class StudyNames
{
    public static string Danish(this AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Succeeded => "Gennemført",
        AttemptOutcome.SucceededWithHelp => "Gennemført med hjælp",
        AttemptOutcome.Failed => "Ikke gennemført",
        _ => outcome.ToString(),
    };

    public static string Danish(this NoteTag tag) => tag switch
    {
        NoteTag.Confusion => "Forvirring",
        NoteTag.Error => "Fejl",
        NoteTag.CriticalError => "Kritisk fejl",
        NoteTag.Quote => "Citat",
        NoteTag.Idea => "Idé",
        _ => tag.ToString(),
    };

    public static string Danish(this TimelineKind kind) => kind switch
    {
        TimelineKind.Page => "Side",
        TimelineKind.Click => "Klik",
        TimelineKind.Error => "Fejl på siden",
        _ => kind.ToString(),
    };

    /// <summary>The key that adds a note with this tag on the facilitator page.</summary>
    public static char Key(this NoteTag tag) => (char)('0' + (int)tag);
}

/// <summary>
/// A stretch of a session recording a reviewer attached to a finding, so the vendor sees what the
/// citizen met. The clip is a copy of that stretch with every input value masked; it goes when the
/// participant's data or the study's recordings go.
/// </summary>
public sealed class FindingClip
{
    public int Id { get; set; }

    public int TrackedFindingId { get; set; }

    public int AttemptId { get; set; }

    public TimeSpan From { get; set; }

    public TimeSpan To { get; set; }

    /// <summary>The clip's rrweb events (gzip JSON), relative to the evidence folder.</summary>
    public required string Path { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
