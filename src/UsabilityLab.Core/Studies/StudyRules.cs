namespace UsabilityLab.Core.Studies;

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
/// How an attempt ended: the facilitator's outcome (or why it was aborted), its timeline, and the
/// recording and trace kept of it (paths relative to the evidence folder, see <see cref="SessionFiles"/>).
/// </summary>
public sealed record AttemptEnd(
    AttemptOutcome? Outcome,
    string? AbortReason,
    IReadOnlyList<TimelineEntry> Timeline,
    string? RecordingPath = null,
    long RecordingBytes = 0,
    string? TracePath = null)
{
    /// <summary>An attempt that never got going (the citizen's window could not open).</summary>
    public static AttemptEnd Aborted(string reason) => new(null, reason, []);

    /// <summary>The facilitator's outcome, with what was seen of the attempt but no recording.</summary>
    public static AttemptEnd Unrecorded(AttemptOutcome outcome, IReadOnlyList<TimelineEntry>? timeline = null) => new(outcome, null, timeline ?? []);
}

/// <summary>
/// The rules of studies, in one place for the store and the pages: what a study needs, what a
/// participant may be described by, consent before recording, one attempt at a time, no CPR
/// numbers in notes, and the ranges of the questionnaires' answers.
/// </summary>
public static class StudyRules
{
    /// <summary>The longest note a facilitator can write.</summary>
    public const int MaxNoteLength = 4000;

    /// <summary>The longest stretch of a recording that can go to a vendor as a clip.</summary>
    public static readonly TimeSpan MaxClipLength = TimeSpan.FromMinutes(10);

    /// <summary>A new study's name, consent, period and tasks; <paramref name="today"/> is the first day it may end on.</summary>
    public static void CheckNewStudy(string name, string consentText, DateOnly endsOn, int retentionDays, IReadOnlyList<NewStudyTask> tasks, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        Require(!string.IsNullOrWhiteSpace(name), "Studiet mangler et navn.", StudyFields.Name);
        Require(!string.IsNullOrWhiteSpace(consentText), "Studiet mangler en samtykketekst.", StudyFields.Consent);
        Require(retentionDays is >= 0 and <= 3650, "Opbevaringsperioden skal være mellem 0 og 3650 dage.", StudyFields.Retention);
        Require(endsOn >= today, $"Slutdatoen {endsOn:dd-MM-yyyy} er overstået; vælg studiets sidste sessionsdag i dag eller senere.", StudyFields.EndsOn);
        Require(tasks.Count > 0, "Studiet skal have mindst én opgave.", StudyFields.Tasks);
        Require(tasks.All(t => !string.IsNullOrWhiteSpace(t.Title) && !string.IsNullOrWhiteSpace(t.Instruction) && !string.IsNullOrWhiteSpace(t.SuccessCriterion)),
            "Hver opgave skal have en titel, en instruktion og et succeskriterium.", StudyFields.Tasks);
    }

    /// <summary>A participant is described by the fixed lists only (pseudonyms, no free text); blank is left out.</summary>
    public static (string? AgeBand, string? DigitalHabits) ParticipantDescription(string? ageBand, string? digitalHabits)
    {
        ageBand = Blank(ageBand);
        digitalHabits = Blank(digitalHabits);
        Require(ageBand is null || ParticipantFacts.AgeBands.Contains(ageBand), "Vælg en aldersgruppe fra listen.");
        Require(digitalHabits is null || ParticipantFacts.DigitalHabits.Contains(digitalHabits), "Vælg digitale vaner fra listen.");
        return (ageBand, digitalHabits);
    }

    /// <summary>Recording starts only after consent, and a participant does one task at a time.</summary>
    public static void CheckCanStart(Participant participant, StudySession? openSession)
    {
        ArgumentNullException.ThrowIfNull(participant);
        Require(participant.HasConsented, $"{participant.Code} har ikke givet samtykke. Registrér samtykket, før optagelsen kan starte.");
        Require(openSession is null || openSession.Attempts.All(a => a.EndedAt is not null), $"{participant.Code} er allerede i gang med en opgave.");
    }

    /// <summary>A note's text, trimmed, or a refusal when it is too long or looks like it holds a CPR number.</summary>
    public static string NoteText(string? text)
    {
        text = (text ?? "").Trim();
        Require(text.Length <= MaxNoteLength, $"Noten er for lang (højst {MaxNoteLength} tegn).");
        Require(!ParticipantFacts.ContainsCprNumber(text), "Noten ser ud til at indeholde et CPR-nummer. Skriv den uden.");
        return text;
    }

    /// <summary>The SEQ answer after a task: 1 to 7.</summary>
    public static void CheckSeq(int seq) => Require(seq is >= 1 and <= 7, "SEQ-svaret skal være fra 1 til 7.");

    /// <summary>The answers at the end of a session: ten SUS answers and satisfaction, each 1 to 5, or none (declined).</summary>
    public static void CheckSessionAnswers(IReadOnlyList<int>? susAnswers, int? satisfaction)
    {
        Require(susAnswers is null || (susAnswers.Count == 10 && susAnswers.All(a => a is >= 1 and <= 5)), "SUS skal have ti svar fra 1 til 5.");
        Require(satisfaction is null or (>= 1 and <= 5), "Tilfredshed skal være fra 1 til 5.");
    }

    /// <summary>A clip is a stretch forwards in time, no longer than <see cref="MaxClipLength"/>.</summary>
    public static void CheckClip(TimeSpan from, TimeSpan to)
    {
        Require(from >= TimeSpan.Zero && to > from, "Klippets slut skal ligge efter dets start.");
        Require(to - from <= MaxClipLength, $"Et klip må højst vare {MaxClipLength.TotalMinutes:0} minutter.");
    }

    /// <summary>Refuses with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public static void Require(bool condition, string message, string? field = null)
    {
        if (!condition)
        {
            throw new StudyRuleException(message, field);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
