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
}
