using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Core.Tests;

public class ChecklistParserTests
{
    private static string DefaultChecklist => Path.Combine(TestContext.CurrentContext.TestDirectory, "checklists", "kl-selvbetjening.yaml");

    [Test]
    public void Load_DefaultChecklist_HasTheTwelveDomainCriteriaAndACatchAll()
    {
        var checklist = ChecklistParser.Load(DefaultChecklist);

        Assert.Multiple(() =>
        {
            Assert.That(checklist.Id, Is.EqualTo("kl-selvbetjening"));
            Assert.That(checklist.Criteria.Select(c => c.Id), Is.SupersetOf(Enumerable.Range(1, 12).Select(i => $"K{i:00}")));
            Assert.That(checklist.Criteria.Count(c => c.Evaluation.CatchAllAxe), Is.EqualTo(1));
            Assert.That(checklist.ForCheck(CheckNames.TaskCompletion)?.Id, Is.EqualTo("K12"));
            Assert.That(checklist.ForCheck(CheckNames.SemanticLocators)?.Id, Is.EqualTo("K11"));
            Assert.That(checklist.Criteria.Where(c => !c.Evaluation.IsAutomated).Select(c => c.Id), Does.Contain("K01").And.Contain("K08"));
            Assert.That(checklist.ForCheck(CheckNames.RedundantEntry)?.Id, Is.EqualTo("K03"));
            Assert.That(checklist.ForCheck(CheckNames.ConsistentHelp)?.Id, Is.EqualTo("K02"));
            Assert.That(checklist.Criteria.All(c => checklist.Areas.Any(a => a.Id == c.Area)), Is.True);
            Assert.That(CheckNames.All.Where(c => !checklist.Uses(c)), Is.Empty, "the default checklist uses every check");
            Assert.That(checklist.Settings.PlainLanguage?.MaxLix, Is.EqualTo(45));
            Assert.That(checklist.Settings.Reflow?.Width, Is.EqualTo(320));
        });
    }

    [Test]
    public void Load_WcagChecklist_HasAllFiftySuccessCriteriaOfLevelAAndAA()
    {
        var checklist = ChecklistParser.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "checklists", "wcag21-aa.yaml"));
        var successCriteria = checklist.Criteria.Where(c => c.Id.Contains('.', StringComparison.Ordinal)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(successCriteria, Has.Count.EqualTo(50));
            Assert.That(successCriteria.Select(c => c.Wcag.Single()), Is.EqualTo(successCriteria.Select(c => c.Id)));
            Assert.That(checklist.ForAxeRule("color-contrast").Id, Is.EqualTo("1.4.3"));
            Assert.That(checklist.ForCheck(CheckNames.Reflow)?.Id, Is.EqualTo("1.4.10"));
            Assert.That(checklist.ForCheck(CheckNames.Keyboard)?.Id, Is.EqualTo("2.1.1"));
            Assert.That(checklist.ForCheck(CheckNames.ErrorHandling)?.Id, Is.EqualTo("3.3.1"));
            Assert.That(checklist.ForCheck(CheckNames.TaskCompletion)?.Id, Is.EqualTo("OPG"));
            Assert.That(checklist.ForCheck(CheckNames.KeyboardTrap)?.Id, Is.EqualTo("2.1.2"));
            Assert.That(checklist.ForCheck(CheckNames.FocusOrder)?.Id, Is.EqualTo("2.4.3"));
            Assert.That(successCriteria.Where(c => !c.Evaluation.IsAutomated).Select(c => c.Id), Does.Contain("1.3.3").And.Contain("1.2.1"), "person-only criteria");
            Assert.That(successCriteria.Count(c => c.Evaluation.IsAutomated && !c.Evaluation.Manual), Is.EqualTo(2), "only 1.3.5 and 3.1.1 are fully machine-checked");
        });
    }

    [TestCase("image-alt", "K11")]
    [TestCase("html-has-lang", "K06")]
    [TestCase("meta-viewport", "K10")]
    [TestCase("region", "K99")]
    [TestCase("a-rule-from-the-future", "K99")]
    public void ForAxeRule_MapsRuleToItsCriterionOrTheCatchAll(string rule, string expected)
    {
        var checklist = ChecklistParser.Load(DefaultChecklist);

        Assert.That(checklist.ForAxeRule(rule).Id, Is.EqualTo(expected));
    }

    public static IEnumerable<TestCaseData> BrokenChecklists()
    {
        yield return new TestCaseData(Checklist(schema: "2"), "c.yaml:1:9:", "skema 2").SetName("NewerSchema");
        yield return new TestCaseData(Checklist(checks: "[keyboard-magic]"), "c.yaml:", "ukendt kontrol 'keyboard-magic'").SetName("UnknownCheck");
        yield return new TestCaseData(Checklist(severity: "høj"), "c.yaml:", "ukendt alvorlighed 'høj'").SetName("UnknownSeverity");
        yield return new TestCaseData(Checklist(area: "andet"), "c.yaml:", "området 'andet' er ikke defineret").SetName("UnknownArea");
        yield return new TestCaseData(Checklist(secondId: "A1"), "c.yaml:", "kriteriet 'A1' står to gange").SetName("DuplicateCriterion");
        yield return new TestCaseData(Checklist(secondRules: "[image-alt]"), "c.yaml:", "knyttet til både A1 og A2").SetName("RuleMappedTwice");
        yield return new TestCaseData(Checklist(secondRules: "[\"Image Alt\"]"), "c.yaml:", "ligner ikke et axe-regel-id").SetName("BadRuleId");
        yield return new TestCaseData(Checklist(checks: "[task-completion, reflow]"), "c.yaml:1:1:", "kontrollen 'reflow' bruges af et kriterium, men dens grænser mangler").SetName("CheckWithoutSettings");
        yield return new TestCaseData(Checklist(checks: "[task-completion, receipt]") + "\nchecks:\n  receipt: { reference-pattern: \"[A-Z\", next-steps-pattern: \"x\" }\n", "c.yaml:", "reference-pattern er ikke et gyldigt regulært udtryk").SetName("BadPattern");
        yield return new TestCaseData(Checklist(checks: "[task-completion, reflow]") + "\nchecks:\n  reflow: { width: 20, height: 640 }\n", "c.yaml:", "width skal ligge mellem 200 og 2000").SetName("ReflowWidthOutOfRange");
        yield return new TestCaseData(Checklist() + "\nchecks:\n  reflw: { width: 320 }\n", "c.yaml:", "Mente du 'reflow'?").SetName("UnknownCheckSettings");
        yield return new TestCaseData(Checklist(checks: "[task-completion, input-purpose]") + "\nchecks:\n  input-purpose: { other-person-pattern: \"(barn\", fields: [] }\n", "c.yaml:", "other-person-pattern er ikke et gyldigt regulært udtryk").SetName("BadOtherPersonPattern");
        yield return new TestCaseData(Checklist().Replace("    area: a\n    severity: alvorlig", "    area: a\n    severity: alvorlig\n    wcag: [\"1.4.3\"]\n    en: [\"9.1.4.4\"]", StringComparison.Ordinal), "c.yaml:", "'9.1.4.4' er ikke EN 301 549-afsnittet for kriteriets WCAG-numre (forventet 9.1.4.3)").SetName("WrongEnClause");
    }

    [Test]
    public void Load_Wcag22Checklist_HasEveryAAndAACriterionOfWcag22_WithItsEnClause()
    {
        var checklist = ChecklistParser.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "checklists", "wcag22-aa.yaml"));
        var successCriteria = checklist.Criteria.Where(c => c.Id.Contains('.', StringComparison.Ordinal)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(successCriteria, Has.Count.EqualTo(55), "WCAG 2.1's 50, without 4.1.1, with 2.2's six new A and AA criteria");
            Assert.That(successCriteria.Select(c => c.Id), Does.Not.Contain("4.1.1"));
            Assert.That(successCriteria.Select(c => c.Id), Is.SupersetOf(new[] { "2.4.11", "2.5.7", "2.5.8", "3.2.6", "3.3.7", "3.3.8" }));
            Assert.That(successCriteria.Select(c => c.En!.Single()), Is.EqualTo(successCriteria.Select(c => "9." + c.Id)), "each names its EN 301 549 clause");
            Assert.That(checklist.ForAxeRule("target-size").Id, Is.EqualTo("2.5.8"));
            Assert.That(checklist.ForCheck(CheckNames.RedundantEntry)?.Id, Is.EqualTo("3.3.7"));
            Assert.That(checklist.ForCheck(CheckNames.ConsistentHelp)?.Id, Is.EqualTo("3.2.6"));
            Assert.That(checklist.ForCheck(CheckNames.KeyboardTrap)?.Id, Is.EqualTo("2.1.2"));
            Assert.That(checklist.ForCheck(CheckNames.FocusOrder)?.Id, Is.EqualTo("2.4.3"));
            Assert.That(checklist.ForCheck(CheckNames.FocusNotObscured)?.Id, Is.EqualTo("2.4.11"));
            Assert.That(checklist.ForCheck(CheckNames.AccessibleAuthentication)?.Id, Is.EqualTo("3.3.8"));
            Assert.That(checklist.Settings.ConsistentHelp!.PhonePattern.IsMatch("Ring på tlf. 70 10 20 30"), Is.True);
            Assert.That(checklist.Get("1.4.3").EnClauses, Is.EqualTo(new[] { "9.1.4.3" }));
        });
    }

    [Test]
    public void Load_DefaultChecklist_SaysWhoseDataAFieldAsksFor_AndHowManyWordsTellALanguage()
    {
        var settings = ChecklistParser.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "checklists", "kl-selvbetjening.yaml")).Settings;

        Assert.Multiple(() =>
        {
            Assert.That(settings.InputPurpose!.OtherPersonPattern!.IsMatch("Barnets fornavn"), Is.True);
            Assert.That(settings.InputPurpose.OtherPersonPattern.IsMatch("Dit fornavn"), Is.False);
            Assert.That(settings.ZoomLanguage!.MinWords, Is.EqualTo(20));
        });
    }

    [TestCaseSource(nameof(BrokenChecklists))]
    public void Parse_BrokenChecklist_ReportsPositionAndReason(string yaml, string position, string text)
    {
        var error = Assert.Throws<InputException>(() => ChecklistParser.Parse("c.yaml", yaml))!;

        Assert.That(error.Errors.Select(e => e.ToString()), Has.Some.Matches<string>(e => e.StartsWith(position, StringComparison.Ordinal) && e.Contains(text, StringComparison.Ordinal)),
            "one error at the position with the reason");
    }

    private static string Checklist(string schema = "1", string checks = "[task-completion]", string severity = "alvorlig", string area = "a", string secondId = "A2", string secondRules = "[label]") => $"""
        schema: {schema}
        id: c
        version: "1"
        title: C
        areas:
          - {"{"} id: a, title: A {"}"}
        criteria:
          - id: A1
            title: Et
            description: Et
            area: {area}
            severity: {severity}
            evaluation: {"{"} axe: [image-alt], checks: {checks} {"}"}
          - id: {secondId}
            title: To
            description: To
            area: a
            severity: mindre
            evaluation: {"{"} axe: {secondRules} {"}"}
          - id: A9
            title: Rest
            description: Rest
            area: a
            severity: mindre
            evaluation: {"{"} axe: ["*"] {"}"}
        """;
}
