using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Checks;

namespace UsabilityLab.Core.Tests;

public class SameProblemTests
{
    [Test]
    public void Join_CheckAndAxeOnTheSamePage_AreOneFinding_WithTheWorseSeverityAndBothSources()
    {
        var axe = Axe("meta-viewport", step: 1, Severity.Critical, "1.4.4");
        var check = Check("zoom-language/zoom", step: 1, Severity.Serious, "1.4.4");

        var own = SameProblem.Join([axe], [check]);

        Assert.Multiple(() =>
        {
            Assert.That(own, Is.Empty);
            Assert.That(axe.AlsoFoundBy, Is.EqualTo("zoom-language/zoom"));
            Assert.That(axe.Severity, Is.EqualTo(Severity.Critical));
            Assert.That(axe.Title, Is.EqualTo(check.Title), "the check's Danish words");
            Assert.That(axe.Fingerprint, Is.EqualTo("axe-meta-viewport"), "the axe-core finding's fingerprint, so later audits match");
            Assert.That(axe.Wcag, Is.EqualTo(new[] { "1.4.4" }));
        });
    }

    [Test]
    public void Join_TheCheckIsWorse_TheFindingTakesItsSeverity()
    {
        var axe = Axe("document-title", step: 0, Severity.Minor, "2.4.2");

        SameProblem.Join([axe], [Check("page-titles/mangler", step: 0, Severity.Serious, "2.4.2")]);

        Assert.That(axe.Severity, Is.EqualTo(Severity.Serious));
    }

    [Test]
    public void Join_OnAnotherStep_OrAnotherRule_StaysTwoFindings()
    {
        var axe = Axe("html-has-lang", step: 0, Severity.Serious, "3.1.1");
        var otherStep = Check("zoom-language/sprog-mangler", step: 1, Severity.Serious, "3.1.1");
        var notTheSame = Check("page-titles/for-kort", step: 0, Severity.Moderate, "2.4.2");

        var own = SameProblem.Join([axe], [otherStep, notTheSame]);

        Assert.That(own, Is.EqualTo(new[] { otherStep, notTheSame }));
        Assert.That(axe.AlsoFoundBy, Is.Null);
    }

    private static Finding Axe(string rule, int step, Severity severity, string wcag) => new()
    {
        CriterionId = "K", Source = FindingSource.Axe, RuleId = rule, Severity = severity, Title = "axe", Description = "axe",
        StepIndex = step, Wcag = [wcag], Fingerprint = "axe-" + rule,
    };

    private static Finding Check(string rule, int step, Severity severity, string wcag) => new()
    {
        CriterionId = "K", Source = FindingSource.Check, RuleId = rule, Severity = severity, Title = "Dansk titel " + rule, Description = "Dansk",
        StepIndex = step, Wcag = [wcag], Fingerprint = "check-" + rule,
    };
}
