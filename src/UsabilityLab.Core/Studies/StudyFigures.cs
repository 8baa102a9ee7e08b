using System.Globalization;

namespace UsabilityLab.Core.Studies;

/// <summary>What the figures need of one finished attempt.</summary>
public sealed record AttemptFacts(
    int ParticipantId,
    int TaskId,
    AttemptOutcome Outcome,
    TimeSpan Duration,
    int Errors,
    int CriticalErrors,
    int? Seq);

/// <summary>What the figures need of one participant's post-session questionnaire.</summary>
public sealed record SessionFacts(int ParticipantId, IReadOnlyList<int>? SusAnswers, int? Satisfaction);

/// <summary>The figures of one task.</summary>
public sealed record TaskFigures(
    int TaskId,
    string Title,
    int Attempts,
    int Succeeded,
    int SucceededWithHelp,
    int Failed,
    ProportionEstimate Completion,
    MeanEstimate? TimeOnTaskSeconds,
    double ErrorsPerParticipant,
    double CriticalErrorsPerParticipant,
    ProportionEstimate WithoutCriticalError,
    MeanEstimate? Seq);

/// <summary>One requirement of the joint public user test and whether the study meets it.</summary>
public sealed record VerdictPart(string Requirement, bool Met, string Observed);

/// <summary>The joint public user test's verdict: passed when every part is met.</summary>
public sealed record JointTestVerdict(IReadOnlyList<VerdictPart> Parts)
{
    public bool Passed => Parts.All(part => part.Met);

    public IEnumerable<VerdictPart> Failed => Parts.Where(part => !part.Met);
}

/// <summary>The figures of a study: per task, then SUS, satisfaction and the verdict.</summary>
public sealed record StudyFigureSet(
    int Participants,
    IReadOnlyList<TaskFigures> Tasks,
    MeanEstimate? Sus,
    string? SusGrade,
    MeanEstimate? Satisfaction,
    JointTestVerdict Verdict);

/// <summary>
/// Turns finished attempts and questionnaires into the figures that go to the vendor. Completion
/// counts only unaided success: an attempt that needed the facilitator's help is not completed
/// (as Sauro &amp; Lewis and the joint public user test count it), and is shown on its own.
/// </summary>
public static class StudyFigures
{
    public const int RequiredParticipants = 6;
    public const double RequiredCompletion = 0.8;
    public const double RequiredWithoutCriticalError = 0.8;
    public const double RequiredSatisfaction = 4;

    public static StudyFigureSet Compute(
        IReadOnlyList<(int Id, string Title)> tasks,
        IReadOnlyList<AttemptFacts> attempts,
        IReadOnlyList<SessionFacts> sessions)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentNullException.ThrowIfNull(sessions);

        var taskFigures = tasks.Select(task => ForTask(task.Id, task.Title, attempts.Where(a => a.TaskId == task.Id).ToList())).ToList();
        var participants = attempts.Select(a => a.ParticipantId).Distinct().Count();

        var susScores = sessions.Where(s => s.SusAnswers is { Count: 10 }).Select(s => SusScore.Score(s.SusAnswers!)).ToList();
        var sus = UsabilityStatistics.Mean(susScores);
        var satisfaction = UsabilityStatistics.Mean(sessions.Where(s => s.Satisfaction is not null).Select(s => (double)s.Satisfaction!.Value).ToList());

        return new StudyFigureSet(
            participants,
            taskFigures,
            sus,
            sus is null ? null : SusScore.Grade(sus.Mean),
            satisfaction,
            Verdict(participants, taskFigures, satisfaction));
    }

    private static TaskFigures ForTask(int taskId, string title, List<AttemptFacts> attempts)
    {
        var succeeded = attempts.Where(a => a.Outcome == AttemptOutcome.Succeeded).ToList();
        var participants = Math.Max(1, attempts.Count);
        return new TaskFigures(
            taskId,
            title,
            attempts.Count,
            succeeded.Count,
            attempts.Count(a => a.Outcome == AttemptOutcome.SucceededWithHelp),
            attempts.Count(a => a.Outcome == AttemptOutcome.Failed),
            UsabilityStatistics.AdjustedWald(succeeded.Count, attempts.Count),
            UsabilityStatistics.GeometricMean(succeeded.Select(a => Math.Max(a.Duration.TotalSeconds, 0.001)).ToList()),
            (double)attempts.Sum(a => a.Errors) / participants,
            (double)attempts.Sum(a => a.CriticalErrors) / participants,
            UsabilityStatistics.AdjustedWald(attempts.Count(a => a.CriticalErrors == 0), attempts.Count),
            UsabilityStatistics.Mean(attempts.Where(a => a.Seq is not null).Select(a => (double)a.Seq!.Value).ToList()));
    }

    private static JointTestVerdict Verdict(int participants, List<TaskFigures> tasks, MeanEstimate? satisfaction)
    {
        var lowCompletion = tasks.Where(t => t.Attempts == 0 || t.Completion.Observed < RequiredCompletion).ToList();
        var lowSafety = tasks.Where(t => t.Attempts == 0 || t.WithoutCriticalError.Observed < RequiredWithoutCriticalError).ToList();
        return new JointTestVerdict(
        [
            new VerdictPart(
                $"Mindst {RequiredParticipants} deltagere",
                participants >= RequiredParticipants,
                $"{participants} deltagere"),
            new VerdictPart(
                "Mindst 80 % gennemfører hver opgave uden hjælp",
                tasks.Count > 0 && lowCompletion.Count == 0,
                Observed(tasks, t => t.Completion, lowCompletion)),
            new VerdictPart(
                "Mindst 80 % løser hver opgave uden en kritisk fejl",
                tasks.Count > 0 && lowSafety.Count == 0,
                Observed(tasks, t => t.WithoutCriticalError, lowSafety)),
            new VerdictPart(
                "Tilfredshed mindst 4 på en skala fra 1 til 5",
                satisfaction is not null && satisfaction.Mean >= RequiredSatisfaction,
                satisfaction is null ? "ingen svar" : string.Create(DanishText.Culture, $"gennemsnit {satisfaction.Mean:0.0} ({satisfaction.Count} svar)")),
        ]);
    }

    private static string Observed(List<TaskFigures> tasks, Func<TaskFigures, ProportionEstimate> figure, List<TaskFigures> falling)
    {
        if (tasks.Count == 0)
        {
            return "ingen opgaver";
        }

        var shown = falling.Count > 0 ? falling : tasks;
        return string.Join("; ", shown.Select(t => $"{t.Title}: {Percent(figure(t))}"));
    }

    private static string Percent(ProportionEstimate estimate) =>
        estimate.Total == 0
            ? "ingen forsøg"
            : string.Create(CultureInfo.InvariantCulture, $"{estimate.Successes} af {estimate.Total} ({estimate.Observed * 100:0} %)");
}
