using UsabilityLab.Core.Audits;

namespace UsabilityLab.Core.Tests;

public class FingerprintsTests
{
    [Test]
    public void For_SameProblem_IsStable()
    {
        var first = Fingerprints.For(FindingSource.Axe, "image-alt", "Start", "img.logo");
        var second = Fingerprints.For(FindingSource.Axe, "image-alt", "Start", "img.logo");

        Assert.That(first, Is.EqualTo(second).And.Length.EqualTo(20));
    }

    [Test]
    public void For_GeneratedIdsInSelector_AreIgnored()
    {
        var before = Fingerprints.For(FindingSource.Axe, "label", "Ny adresse", "#field-1697041234 > input");
        var after = Fingerprints.For(FindingSource.Axe, "label", "Ny adresse", "#field-1700000001 > input");

        Assert.That(before, Is.EqualTo(after));
    }

    [TestCase(FindingSource.Axe, "image-alt", "Log ind", "img.logo")]
    [TestCase(FindingSource.Axe, "button-name", "Start", "img.logo")]
    [TestCase(FindingSource.Axe, "image-alt", "Start", "img.banner")]
    [TestCase(FindingSource.Locator, "image-alt", "Start", "img.logo")]
    public void For_DifferentStepRuleElementOrSource_Differs(FindingSource source, string rule, string step, string selector)
    {
        var reference = Fingerprints.For(FindingSource.Axe, "image-alt", "Start", "img.logo");

        Assert.That(Fingerprints.For(source, rule, step, selector), Is.Not.EqualTo(reference));
    }
}
