using UsabilityLab.Core.Assessments;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Statements;

namespace UsabilityLab.Core.Tests;

public class AccessibilityStatementTests
{
    private static readonly Checklist _checklist = ChecklistParser.Parse("test.yaml", """
        schema: 1
        id: test
        version: "1"
        title: Test
        areas:
          - id: a
            title: Tilgængelighed
        criteria:
          - id: K1
            area: a
            title: Tekstalternativer
            description: Billeder har tekstalternativer.
            severity: kritisk
            wcag: ["1.1.1"]
            evaluation: { axe: ["*"], checks: [task-completion] }
          - id: K2
            area: a
            title: Forståelig struktur
            description: Siden er til at forstå.
            severity: alvorlig
            wcag: ["1.3.1"]
            evaluation: { manual: true }
        """);

    [Test]
    public void From_NoBarriersAndEverythingAssessed_IsFullCompliance()
    {
        var audit = Audit(taskCompleted: true);
        audit.Assessments.Add(new Assessment { CriterionId = "K2", Verdict = AssessmentVerdict.Passed, Reviewer = "A", AssessedAt = DateTimeOffset.UtcNow });

        var statement = AccessibilityStatement.From(audit, _checklist);

        Assert.Multiple(() =>
        {
            Assert.That(statement.Status, Is.EqualTo(ComplianceStatus.Full));
            Assert.That(statement.StatusDanish, Is.EqualTo("overholder fuldt ud"));
            Assert.That(statement.Barriers, Is.Empty);
        });
    }

    [Test]
    public void From_UnassessedManualCriterion_IsAtMostPartial()
    {
        var statement = AccessibilityStatement.From(Audit(taskCompleted: true), _checklist);
        Assert.Multiple(() =>
        {
            Assert.That(statement.Status, Is.EqualTo(ComplianceStatus.Partial));
            Assert.That(statement.AwaitingAssessment, Is.EqualTo(1));
            Assert.That(statement.StatusReason, Is.EqualTo("Gennemgangen fandt ingen kendte barrierer, men 1 WCAG-kriterium afventer stadig en anmelders vurdering."),
                "not 'because of the points below' above 'no known barriers'");
        });
    }

    [Test]
    public void From_ReviewerFailedCriterionAndASeriousFinding_ListsBothWithWcag_AsPartial()
    {
        var audit = Audit(taskCompleted: true);
        audit.Findings.Add(Finding("color-contrast", Severity.Serious, "1.4.3"));
        audit.Assessments.Add(new Assessment { CriterionId = "K2", Verdict = AssessmentVerdict.Failed, Comment = "Overskrifter mangler", Reviewer = "A", AssessedAt = DateTimeOffset.UtcNow });

        var statement = AccessibilityStatement.From(audit, _checklist);

        Assert.Multiple(() =>
        {
            Assert.That(statement.Status, Is.EqualTo(ComplianceStatus.Partial));
            Assert.That(statement.Barriers.Select(b => string.Join(",", b.Wcag)), Is.EquivalentTo(new[] { "1.4.3", "1.3.1" }));
            Assert.That(statement.Barriers.Single(b => b.FromReviewer).Title, Does.Contain("Overskrifter mangler"));
            Assert.That(statement.StatusReason, Is.EqualTo("Det skyldes de barrierer, der er nævnt nedenfor."));
        });
    }

    [TestCase(false, Severity.Minor)]
    [TestCase(true, Severity.Critical)]
    public void From_TaskNotCompletedOrCriticalBarrier_IsNoCompliance(bool taskCompleted, Severity severity)
    {
        var audit = Audit(taskCompleted);
        audit.Findings.Add(Finding("image-alt", severity, "1.1.1"));
        Assert.That(AccessibilityStatement.From(audit, _checklist).Status, Is.EqualTo(ComplianceStatus.None));
    }

    [Test]
    public void From_UsabilityAndAaaFindings_AreNoBarriers_OnlyLevelAAndAa()
    {
        var audit = Audit(taskCompleted: true);
        audit.Findings.Add(Finding("image-alt", Severity.Serious, "1.1.1"));
        audit.Findings.Add(Finding("plain-language/lix", Severity.Moderate, "3.1.5"));
        audit.Findings.Add(new Finding { CriterionId = "K1", RuleId = "progress/mangler", Title = "Trinindikator mangler", Description = "d", Severity = Severity.Moderate, StepIndex = 0, Wcag = [], Fingerprint = "p" });

        var statement = AccessibilityStatement.From(audit, _checklist);

        Assert.That(statement.Barriers.Select(b => string.Join(" ", b.Wcag)), Is.EqualTo(new[] { "1.1.1" }));
    }

    private static Audit Audit(bool taskCompleted) => new()
    {
        TaskId = "t",
        TaskTitle = "T",
        TaskScript = "id: t",
        TaskCompleted = taskCompleted,
        Status = AuditStatus.Completed,
        Steps = [new StepResult { Index = 0, Name = "Start", Outcome = StepOutcome.Passed }],
    };

    private static Finding Finding(string rule, Severity severity, string wcag) => new()
    {
        CriterionId = "K1", RuleId = rule, Title = rule, Description = "d", Severity = severity, StepIndex = 0, Wcag = [wcag], Fingerprint = rule,
    };
}
