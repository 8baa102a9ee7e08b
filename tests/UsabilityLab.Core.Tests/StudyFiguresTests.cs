using UsabilityLab.Core.Studies;

namespace UsabilityLab.Core.Tests;

public class StudyFiguresTests
{
    private static readonly (int Id, string Title)[] _oneTask = [(1, "Meld flytning")];

    [Test]
    public void Compute_HelpIsNotCompletion_AndTimeIsTheGeometricMeanOfSuccesses()
    {
        AttemptFacts[] attempts =
        [
            new(1, 1, AttemptOutcome.Succeeded, TimeSpan.FromSeconds(40), 0, 0, 6),
            new(2, 1, AttemptOutcome.Succeeded, TimeSpan.FromSeconds(90), 1, 0, 5),
            new(3, 1, AttemptOutcome.SucceededWithHelp, TimeSpan.FromSeconds(300), 2, 0, 3),
            new(4, 1, AttemptOutcome.Failed, TimeSpan.FromSeconds(500), 1, 1, 1),
        ];

        var task = StudyFigures.Compute(_oneTask, attempts, []).Tasks.Single();

        Assert.Multiple(() =>
        {
            Assert.That((task.Succeeded, task.SucceededWithHelp, task.Failed), Is.EqualTo((2, 1, 1)));
            Assert.That(task.Completion.Observed, Is.EqualTo(0.5));
            // √(40 × 90) = 60: the helped and failed attempts do not count towards time on task.
            Assert.That(task.TimeOnTaskSeconds!.Mean, Is.EqualTo(60).Within(1e-9));
            Assert.That(task.ErrorsPerParticipant, Is.EqualTo(1.0));
            Assert.That(task.CriticalErrorsPerParticipant, Is.EqualTo(0.25));
            Assert.That(task.WithoutCriticalError.Observed, Is.EqualTo(0.75));
            Assert.That(task.Seq!.Mean, Is.EqualTo(3.75));
        });
    }

    [Test]
    public void Compute_SixParticipantsWhoAllSucceedAndAreSatisfied_Pass()
    {
        var attempts = Enumerable.Range(1, 6).Select(p => new AttemptFacts(p, 1, AttemptOutcome.Succeeded, TimeSpan.FromMinutes(2), 0, 0, 6)).ToList();
        var sessions = Enumerable.Range(1, 6).Select(p => new SessionFacts(p, [5, 1, 5, 1, 5, 1, 5, 1, 5, 1], 5)).ToList();

        var figures = StudyFigures.Compute(_oneTask, attempts, sessions);

        Assert.Multiple(() =>
        {
            Assert.That(figures.Verdict.Passed, Is.True);
            Assert.That(figures.Sus!.Mean, Is.EqualTo(100));
            Assert.That(figures.SusGrade, Is.EqualTo("A+"));
        });
    }

    [Test]
    public void Compute_ThreeParticipantsOneFailingWithACriticalError_NamesEachFailedPart()
    {
        AttemptFacts[] attempts =
        [
            new(1, 1, AttemptOutcome.Succeeded, TimeSpan.FromSeconds(60), 0, 0, 7),
            new(2, 1, AttemptOutcome.SucceededWithHelp, TimeSpan.FromSeconds(120), 1, 0, 4),
            new(3, 1, AttemptOutcome.Failed, TimeSpan.FromSeconds(200), 1, 1, 2),
        ];
        SessionFacts[] sessions = [new(1, null, 5), new(2, null, 4), new(3, null, 2)];

        var verdict = StudyFigures.Compute(_oneTask, attempts, sessions).Verdict;

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Passed, Is.False);
            Assert.That(verdict.Failed.Select(p => p.Requirement), Is.EqualTo(new[]
            {
                "Mindst 6 deltagere",
                "Mindst 80 % gennemfører hver opgave uden hjælp",
                "Mindst 80 % løser hver opgave uden en kritisk fejl",
                "Tilfredshed mindst 4 på en skala fra 1 til 5",
            }));
            Assert.That(verdict.Parts[1].Observed, Is.EqualTo("Meld flytning: 1 af 3 (33 %)"));
            Assert.That(verdict.Parts[3].Observed, Is.EqualTo("gennemsnit 3,7 (3 svar)"));
        });
    }

    [Test]
    public void Compute_NoSatisfactionAnswers_DoesNotMeetSatisfaction()
    {
        var verdict = StudyFigures.Compute(_oneTask, [], []).Verdict;

        Assert.That(verdict.Parts[3], Is.EqualTo(new VerdictPart("Tilfredshed mindst 4 på en skala fra 1 til 5", false, "ingen svar")));
    }
}

public class ParticipantFactsTests
{
    [Test]
    public void NextCode_CountsOnFromTheHighestCode() =>
        Assert.Multiple(() =>
        {
            Assert.That(ParticipantFacts.NextCode([]), Is.EqualTo("P01"));
            Assert.That(ParticipantFacts.NextCode(["P01", "P07", "P03"]), Is.EqualTo("P08"));
            Assert.That(ParticipantFacts.NextCode(["P99"]), Is.EqualTo("P100"));
        });

    [TestCase("Borgeren sagde 010190-1234 højt", true)]
    [TestCase("cpr 0101901234", true)]
    [TestCase("311299 1234", true)]
    [TestCase("Ring 70 10 18 18 for hjælp", false)]
    [TestCase("Sagsnummer 2026-000123 vist", false)]
    [TestCase("994499-1234 er ikke en dato", false)]
    public void ContainsCprNumber_FindsDateLikeTenDigitNumbers(string text, bool expected) =>
        Assert.That(ParticipantFacts.ContainsCprNumber(text), Is.EqualTo(expected));
}
