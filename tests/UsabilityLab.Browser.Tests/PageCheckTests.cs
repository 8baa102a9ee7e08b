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
            Assert.That(_good.Findings.Where(f => f.Source == FindingSource.Check).Select(f => $"{f.RuleId}@{f.StepIndex}: {f.Measurement}"), Is.Empty);
            Assert.That(_good.Steps.Select(s => s.ChecksMs), Is.All.GreaterThan(0));
        });
    }

    public static IEnumerable<TestCaseData> Problems()
    {
        yield return new TestCaseData("page-titles/for-kort", 0).SetName("PageTitleTooShort");
        yield return new TestCaseData("page-titles/ens", 1).SetName("PageTitlesRepeated");
        yield return new TestCaseData("progress/mangler", 1).SetName("NoStepIndicator");
        yield return new TestCaseData("receipt/sagsnummer", 2).SetName("ReceiptWithoutCaseNumber");
        yield return new TestCaseData("receipt/naeste-skridt", 2).SetName("ReceiptWithoutNextSteps");
        yield return new TestCaseData("plain-language/lix", 0).SetName("HardText");
        yield return new TestCaseData("plain-language/henvisning", 0).SetName("ParagraphReference");
        yield return new TestCaseData("input-purpose/autocomplete", 1).SetName("NoAutocomplete");
        yield return new TestCaseData("zoom-language/sprog-mangler", 0).SetName("NoLanguage");
        yield return new TestCaseData("zoom-language/zoom", 0).SetName("ZoomDisabled");
        yield return new TestCaseData("effort/ventetid", 1).SetName("SlowStep");
        yield return new TestCaseData("reflow/vandret-rulning", 0).SetName("HorizontalScrollAt320");
    }

    [TestCaseSource(nameof(Problems))]
    public void BadFlow_EachCheckFindsItsProblem(string rule, int step)
    {
        var finding = _bad.Findings.FirstOrDefault(f => f.RuleId == rule && f.StepIndex == step);

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
    public void Audit_RestoresTheViewportAfterTheReflowCheck()
    {
        Assert.That(_good.Steps.Select(s => s.Screenshot!.Width), Is.All.EqualTo(1280));
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
                  - click: { role: link, name: "Videre" }
              - name: Kvittering
                expect:
                  - text: "Tak"
            """);
        return new AuditRequest(script, "test", BrowserFixture.Checklist, "Test", "Testflow", BrowserFixture.Server.BaseUrl, TestData.For(script));
    }
}
