using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Core.Tests;

public class AuditScoreTests
{
    private static Checklist Checklist => ChecklistParser.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "checklists", "kl-selvbetjening.yaml"));

    [Test]
    public void Compute_NoFindings_AutomatedPassManualAwaitAssessment()
    {
        var scores = AuditScore.Compute(Checklist, []);
        var all = scores.SelectMany(a => a.Criteria).ToDictionary(c => c.Criterion.Id);

        Assert.Multiple(() =>
        {
            Assert.That(all["K12"].Status, Is.EqualTo(CriterionStatus.Passed));
            Assert.That(all["K99"].Status, Is.EqualTo(CriterionStatus.Passed));
            Assert.That(all["K01"].Status, Is.EqualTo(CriterionStatus.ToAssess));

            // Automated checks found nothing, but a person still has to judge the rest of the criterion.
            Assert.That(all["K11"].Status, Is.EqualTo(CriterionStatus.ToAssess));
            Assert.That(scores.Single(a => a.Area.Id == "forventninger").Percent, Is.Null);
        });
    }

    [Test]
    public void Compute_FindingUnderCriterion_FailsItAndLowersTheAreaScore()
    {
        var finding = new Finding { CriterionId = "K12", RuleId = "task-completion", Title = "t", Description = "d", Fingerprint = "f", Severity = Severity.Critical };

        var area = AuditScore.Compute(Checklist, [finding]).Single(a => a.Area.Id == "forloeb");

        Assert.Multiple(() =>
        {
            Assert.That(area.Criteria.Single(c => c.Criterion.Id == "K12").Status, Is.EqualTo(CriterionStatus.Failed));
            Assert.That(area.Failed, Is.EqualTo(1));
            Assert.That(area.Passed, Is.EqualTo(1), "K04 (progress) is checked by a machine and found nothing");
            Assert.That(area.Percent, Is.EqualTo(50));
        });
    }

    [Test]
    public void Compute_AuditThatReachedNoPage_PassesNothing_ItsMachineCriteriaAreNotEvaluated()
    {
        // The start page never loaded: the step failed without a screenshot or an axe run.
        var audit = new Audit { TaskId = "t", TaskTitle = "T", TaskScript = "", TaskCompleted = false };
        audit.Steps.Add(new StepResult { Index = 0, Name = "Start", Outcome = StepOutcome.Failed, Url = "chrome-error://chromewebdata/" });
        audit.Findings.Add(new Finding { CriterionId = "K12", RuleId = "task-completion", Title = "t", Description = "d", Fingerprint = "f", Severity = Severity.Critical });

        var areas = AuditScore.Compute(Checklist, audit);
        var accessibility = areas.Single(a => a.Area.Id == "tilgaengelighed");

        Assert.Multiple(() =>
        {
            Assert.That(AuditScore.ReachedAPage(audit), Is.False);
            Assert.That(accessibility.Percent, Is.Null, "no page, no score: not 100 %");
            Assert.That(accessibility.Passed, Is.Zero);
            Assert.That(accessibility.NotEvaluated, Is.GreaterThan(0));
            Assert.That(areas.SelectMany(a => a.Criteria).Single(c => c.Criterion.Id == "K12").Status, Is.EqualTo(CriterionStatus.Failed), "the task's failure stands");
        });
    }

    [Test]
    public void Compute_AuditThatCheckedAPage_PassesWhatItFoundNothingUnder()
    {
        var audit = new Audit { TaskId = "t", TaskTitle = "T", TaskScript = "", TaskCompleted = true };
        audit.Steps.Add(new StepResult { Index = 0, Name = "Start", Outcome = StepOutcome.Passed, Url = "http://127.0.0.1/", AxeMs = 25 });

        Assert.That(AuditScore.Compute(Checklist, audit).Single(a => a.Area.Id == "forloeb").Criteria.Single(c => c.Criterion.Id == "K04").Status, Is.EqualTo(CriterionStatus.Passed));
    }

    [Test]
    public void Compute_WithAssessments_CountsTheReviewersJudgement()
    {
        var assessments = new List<UsabilityLab.Core.Assessments.Assessment>
        {
            Assessed("K01", UsabilityLab.Core.Assessments.AssessmentVerdict.Passed),
            Assessed("K02", UsabilityLab.Core.Assessments.AssessmentVerdict.Failed),
            Assessed("K03", UsabilityLab.Core.Assessments.AssessmentVerdict.NotApplicable),
        };

        var all = AuditScore.Compute(Checklist, [], assessments).SelectMany(a => a.Criteria).ToDictionary(c => c.Criterion.Id);
        var expectations = AuditScore.Compute(Checklist, [], assessments).Single(a => a.Area.Id == "forventninger");

        Assert.Multiple(() =>
        {
            Assert.That(all["K01"].Status, Is.EqualTo(CriterionStatus.Passed));
            Assert.That(all["K02"].Status, Is.EqualTo(CriterionStatus.Failed));
            Assert.That(all["K02"].FailedByReviewer, Is.True);
            Assert.That(all["K03"].Status, Is.EqualTo(CriterionStatus.NotApplicable));
            Assert.That(all["K05"].Status, Is.EqualTo(CriterionStatus.ToAssess), "no assessment is never a pass");
            Assert.That(expectations.Percent, Is.EqualTo(50));
        });
    }

    [Test]
    public void Compute_MachineFindingOutweighsAReviewersPass()
    {
        var finding = new Finding { CriterionId = "K06", RuleId = "html-has-lang", Title = "t", Description = "d", Fingerprint = "f" };

        var result = AuditScore.Compute(Checklist, [finding], [Assessed("K06", UsabilityLab.Core.Assessments.AssessmentVerdict.Passed)])
            .SelectMany(a => a.Criteria).Single(c => c.Criterion.Id == "K06");

        Assert.That(result.Status, Is.EqualTo(CriterionStatus.Failed));
    }

    [Test]
    public void Compute_NewestAssessmentCounts()
    {
        var older = Assessed("K01", UsabilityLab.Core.Assessments.AssessmentVerdict.Failed);
        older.AssessedAt = older.AssessedAt.AddDays(-1);

        var result = AuditScore.Compute(Checklist, [], [older, Assessed("K01", UsabilityLab.Core.Assessments.AssessmentVerdict.Passed)])
            .SelectMany(a => a.Criteria).Single(c => c.Criterion.Id == "K01");

        Assert.That(result.Status, Is.EqualTo(CriterionStatus.Passed));
    }

    private static UsabilityLab.Core.Assessments.Assessment Assessed(string criterion, UsabilityLab.Core.Assessments.AssessmentVerdict verdict) => new()
    {
        CriterionId = criterion,
        Verdict = verdict,
        Comment = "c",
        Reviewer = "Mette",
        AssessedAt = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero),
    };
}
