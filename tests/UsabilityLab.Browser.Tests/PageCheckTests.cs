using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Browser.Tests;

/// <summary>UsabilityLab's own page checks in a real Chromium, on fixture flows with and without each problem.</summary>
public class PageCheckTests
{
    private DirectoryInfo _evidence = null!;
    private Audit _good = null!;
    private Audit _bad = null!;

    [OneTimeSetUp]
    public async Task AuditBothFlowsAsync()
    {
        _evidence = Directory.CreateTempSubdirectory("usabilitylab-checks-");
        var runner = new AuditRunner(BrowserFixture.Host, new AxeRunner(), new FileEvidenceStore(_evidence.FullName));
        _good = await runner.RunAsync(Request("god"));
        _bad = await runner.RunAsync(Request("daarlig"));
    }

    [OneTimeTearDown]
    public void DeleteEvidence() => _evidence.Delete(recursive: true);

    [Test]
    public void GoodFlow_NoCheckFinds_Anything()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_good.TaskCompleted, Is.True, _good.FailureMessage);
            // Its step 2 is a link, not a validating form: error handling is tested on real forms in ErrorHandlingTests.
            // Slowness depends on the machine's load and is left out, as in AuditRunnerTests.
            Assert.That(_good.Findings.Where(f => f.Source == FindingSource.Check && !f.RuleId.StartsWith("error-handling", StringComparison.Ordinal)).Select(f => $"{f.RuleId}@{f.StepIndex}: {f.Measurement}"), Is.Empty);
            Assert.That(_good.Steps.Select(s => s.ChecksMs), Is.All.GreaterThan(0));
        });
    }

    public static IEnumerable<TestCaseData> Problems()
    {
        yield return new TestCaseData("page-titles/for-kort", 0).SetName("PageTitleTooShort");
        yield return new TestCaseData("page-titles/ens", 1).SetName("PageTitlesRepeated");
        // No step indicator is no finding here: two steps before the receipt are a short flow (the
        // receipt is not a step of the indicator); PageChecksTests and the design-system flows show the check.
        yield return new TestCaseData("receipt/sagsnummer", 2).SetName("ReceiptWithoutCaseNumber");
        yield return new TestCaseData("receipt/naeste-skridt", 2).SetName("ReceiptWithoutNextSteps");
        yield return new TestCaseData("plain-language/lix", 0).SetName("HardText");
        yield return new TestCaseData("plain-language/henvisning", 0).SetName("ParagraphReference");
        yield return new TestCaseData("input-purpose/autocomplete", 1).SetName("NoAutocomplete");
        yield return new TestCaseData("zoom-language/sprog-mangler", 0).SetName("NoLanguage");
        yield return new TestCaseData("zoom-language/zoom", 0).SetName("ZoomDisabled");
        yield return new TestCaseData("effort/ventetid", 1).SetName("SlowStep");
        yield return new TestCaseData("reflow/vandret-rulning", 0).SetName("HorizontalScrollAt320");
        yield return new TestCaseData("reflow/afskaaret", 0).SetName("TextCutOffAt320");
        yield return new TestCaseData("keyboard/utilgaengelig", 1).SetName("DivButtonNotReachableByKeyboard");
        yield return new TestCaseData("focus-visible/mangler", 0).SetName("FocusNotVisible");
    }

    [TestCaseSource(nameof(Problems))]
    public void BadFlow_EachCheckFindsItsProblem(string rule, int step)
    {
        // A check that saw the same problem as axe-core is in the axe-core finding (SameProblem).
        var finding = _bad.Findings.FirstOrDefault(f => (f.RuleId == rule || f.AlsoFoundBy == rule) && f.StepIndex == step);

        Assert.That(finding, Is.Not.Null, $"found: {string.Join(", ", _bad.Findings.Where(f => f.Source == FindingSource.Check).Select(f => $"{f.RuleId}@{f.StepIndex}"))}");
        Assert.Multiple(() =>
        {
            Assert.That(finding!.Measurement, Is.Not.Empty, "a measured value");
            Assert.That(finding.Evidence, Is.Not.Null, "a screenshot");
            Assert.That(finding.Title, Is.Not.Empty);
        });
    }

    [Test]
    public void BadFlow_Reflow_HasANarrowScreenshotAndTheCulprit()
    {
        var finding = _bad.Findings.First(f => f.RuleId == "reflow/vandret-rulning");

        Assert.Multiple(() =>
        {
            Assert.That(finding.Selector, Is.EqualTo("body"));
            Assert.That(finding.Measurement, Is.EqualTo("sidebredde 908 px ved 320 px"), "900 px body plus the default 8 px margin");
            Assert.That(finding.Evidence!.RelativePath, Does.EndWith("-320px.jpg"));
            Assert.That(finding.Evidence.Width, Is.EqualTo(320));
            Assert.That(File.Exists(Path.Combine(_evidence.FullName, finding.Evidence.RelativePath)), Is.True);
        });
    }

    [Test]
    public void BadFlow_InputPurpose_PointsAtEachField()
    {
        var selectors = _bad.Findings.Where(f => f.RuleId == "input-purpose/autocomplete").Select(f => f.Selector);

        Assert.That(selectors, Is.EquivalentTo(new[] { "#postnummer", "#mail" }));
    }

    [Test]
    public void GoodFlow_CanBeCompletedWithTheKeyboardAlone()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_good.KeyboardCompleted, Is.True);
            Assert.That(_good.KeyboardFailedStepIndex, Is.Null);
            Assert.That(_good.KeyboardMs, Is.GreaterThan(0));
        });
    }

    [Test]
    public void BadFlow_KeyboardPassStopsAtTheDivButton_WhileTheMouseCompletesTheTask()
    {
        var finding = _bad.Findings.Single(f => f.RuleId == "keyboard/utilgaengelig");

        Assert.Multiple(() =>
        {
            Assert.That(_bad.TaskCompleted, Is.True, "a mouse (the main pass) gets through");
            Assert.That(_bad.KeyboardCompleted, Is.False);
            Assert.That(_bad.KeyboardFailedStepIndex, Is.EqualTo(1));
            Assert.That(finding.Description, Does.Contain("kan ikke nås med Tab-tasten"));
            Assert.That(finding.Wcag, Is.EqualTo(new[] { "2.1.1" }));
            Assert.That(finding.Evidence!.RelativePath, Does.EndWith("-tastatur-fejl.jpg"));
        });
    }

    [Test]
    public void BadFlow_FocusNotVisible_NamesTheElement()
    {
        var finding = _bad.Findings.First(f => f.RuleId == "focus-visible/mangler" && f.StepIndex == 0);

        Assert.Multiple(() =>
        {
            Assert.That(finding.Html, Does.StartWith("<a href=\"2\">"));
            Assert.That(finding.Box, Is.Not.Null);
            Assert.That(finding.Wcag, Is.EqualTo(new[] { "2.4.7" }));
            Assert.That(_good.Findings.Where(f => f.RuleId.StartsWith("focus-visible", StringComparison.Ordinal)), Is.Empty, "the default focus ring counts as visible");
        });
    }

    /// <summary>axe-core and the language check both see the missing lang: one finding per page, found by both.</summary>
    [Test]
    public void BadFlow_PageLanguageMissing_IsOneFindingPerPage_FoundByAxeAndTheCheck()
    {
        var language = _bad.Findings.Where(f => f.RuleId is "html-has-lang" or "zoom-language/sprog-mangler").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(language, Is.Not.Empty);
            Assert.That(language.Select(f => f.RuleId), Is.All.EqualTo("html-has-lang"), "the axe-core finding stays, with its fingerprint");
            Assert.That(language.Select(f => f.AlsoFoundBy), Is.All.EqualTo("zoom-language/sprog-mangler"));
            Assert.That(language.GroupBy(f => f.StepIndex).Select(g => g.Count()), Is.All.EqualTo(1));
            Assert.That(language.Select(f => f.Title), Is.All.EqualTo("Sidens sprog er ikke angivet"));
        });
    }

    [Test]
    public void Audit_RestoresTheViewportAfterTheReflowCheck()
    {
        Assert.That(_good.Steps.Select(s => s.Screenshot!.Width), Is.All.EqualTo(1280));
    }

    [Test]
    public async Task BadFlow_WithTheWcagChecklist_MapsFindingsToSuccessCriteria()
    {
        var wcag = UsabilityLab.Core.Checklists.ChecklistParser.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "checklists", "wcag21-aa.yaml"));
        var runner = new AuditRunner(BrowserFixture.Host, new AxeRunner(), new FileEvidenceStore(_evidence.FullName));

        var audit = await runner.RunAsync(Request("daarlig") with { Checklist = wcag });

        var byRule = audit.Findings.GroupBy(f => f.RuleId).ToDictionary(g => g.Key, g => g.First().CriterionId);
        Assert.Multiple(() =>
        {
            Assert.That(byRule["reflow/vandret-rulning"], Is.EqualTo("1.4.10"));
            Assert.That(byRule["keyboard/utilgaengelig"], Is.EqualTo("2.1.1"));
            Assert.That(byRule["focus-visible/mangler"], Is.EqualTo("2.4.7"));
            Assert.That(byRule["html-has-lang"], Is.EqualTo("3.1.1"));
            Assert.That(byRule["semantic-locators"], Is.EqualTo("4.1.2"));
            Assert.That(byRule.Keys, Has.None.StartsWith("receipt"), "the WCAG checklist has no receipt criterion");
        });
    }

    private static AuditRequest Request(string variant)
    {
        var script = TaskScriptParser.Parse($"{variant}.yaml", $$"""
            id: flow-{{variant}}
            title: Testflow
            start: /fixtures/flow/{{variant}}/1
            steps:
              - name: Dine oplysninger
                do:
                  - click: { role: link, name: "Videre" }
              - name: Kontakt
                do:
                  - fill: { label: "Postnummer", value: "8000" }
                  - click: { role: link, name: "Videre", or: { css: "div.videre" } }
              - name: Kvittering
                expect:
                  - text: "Tak"
            """);
        return new AuditRequest(script, "test", BrowserFixture.Checklist, "Test", "Testflow", BrowserFixture.Server.BaseUrl, TestData.For(script));
    }
}
