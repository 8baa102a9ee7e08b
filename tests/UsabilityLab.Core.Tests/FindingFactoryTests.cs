using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Core.Tests;

public class FindingFactoryTests
{
    private static readonly Criterion _criterion = new ChecklistFixture().Criterion;

    [Test]
    public void Create_FillsEveryFieldFromSourceRuleCriterionPlaceAndText()
    {
        var box = new ElementBox(1, 2, 3, 4);
        var finding = FindingFactory.Create(
            FindingSource.Check,
            "page-titles/mangler",
            _criterion,
            Severity.Serious,
            new FindingText("Siden har ingen titel", "Titlen er tom.", "titel: tom", "https://example.invalid/hjaelp"),
            new FindingPlace(2, "Kvittering", "html", "<html>", box),
            ["2.4.2"]);

        Assert.Multiple(() =>
        {
            Assert.That((finding.CriterionId, finding.Source, finding.RuleId, finding.Severity), Is.EqualTo((_criterion.Id, FindingSource.Check, "page-titles/mangler", Severity.Serious)));
            Assert.That((finding.Title, finding.Description, finding.Measurement, finding.HelpUrl), Is.EqualTo(("Siden har ingen titel", "Titlen er tom.", "titel: tom", "https://example.invalid/hjaelp")));
            Assert.That((finding.StepIndex, finding.Selector, finding.Html, finding.Box), Is.EqualTo(((int?)2, "html", "<html>", (ElementBox?)box)));
            Assert.That(finding.Wcag, Is.EqualTo(new[] { "2.4.2" }));
        });
    }

    /// <summary>Stored audits are matched by fingerprint: the factory must give the fingerprints audits already have.</summary>
    [Test]
    public void Fingerprint_IsTheOneStoredAuditsHave()
    {
        var finding = FindingFactory.Create(FindingSource.Axe, "image-alt", _criterion, Severity.Critical, new FindingText("t", "d"),
            new FindingPlace(0, "Start", "img.logo"), []);

        Assert.Multiple(() =>
        {
            Assert.That(finding.Fingerprint, Is.EqualTo(Fingerprints.For(FindingSource.Axe, "image-alt", "Start", "img.logo")));
            Assert.That(finding.Fingerprint, Is.EqualTo("a50839e849078b3d0504"), "pinned: the value audits stored before the factory existed");
            Assert.That(FindingFactory.Fingerprint(FindingSource.Axe, "image-alt", new FindingPlace(7, "Start", "img.logo")), Is.EqualTo(finding.Fingerprint),
                "the step's name, not its number, places a finding");
        });
    }

    [Test]
    public void Create_WithAFingerprintRule_FingerprintsByItInsteadOfTheRule()
    {
        var failed = FindingFactory.Create(FindingSource.TaskVerdict, "task-completion", _criterion, Severity.Critical, new FindingText("t", "d"),
            new FindingPlace(4, "Kvittering"), [], fingerprintRule: "ExpectationNotMet");

        Assert.That(failed.Fingerprint, Is.EqualTo(Fingerprints.For(FindingSource.TaskVerdict, "ExpectationNotMet", "Kvittering", null)));
    }

    [TestCase(new[] { 1.0, 2, 3, 4 }, true)]
    [TestCase(new[] { 1.0, 2, 3 }, false)]
    [TestCase(new[] { 1.0, 2, 3, 4, 5 }, false)]
    [TestCase(null, false)]
    public void ElementBox_From_ReadsExactlyFourNumbers(double[]? values, bool isBox) =>
        Assert.That(ElementBox.From(values), isBox ? Is.EqualTo(new ElementBox(1, 2, 3, 4)) : Is.Null);

    /// <summary>A criterion from the shipped checklist, as the checks get them.</summary>
    private sealed class ChecklistFixture
    {
        public Criterion Criterion { get; } = ChecklistParser.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "checklists", "kl-selvbetjening.yaml")).Criteria[0];
    }
}
