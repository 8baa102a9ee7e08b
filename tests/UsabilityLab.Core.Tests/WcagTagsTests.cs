using UsabilityLab.Core.Audits;

namespace UsabilityLab.Core.Tests;

public class WcagTagsTests
{
    [Test]
    public void SuccessCriteria_ReadsCriterionTagsAndSkipsLevels()
    {
        var criteria = WcagTags.SuccessCriteria(["cat.text-alternatives", "wcag2a", "wcag111", "wcag21aa", "wcag1410", "section508", "wcag412", "wcag111"]);

        Assert.That(criteria, Is.EqualTo(new[] { "1.1.1", "1.4.10", "4.1.2" }));
    }

    [Test]
    public void SuccessCriteria_Null_IsEmpty() => Assert.That(WcagTags.SuccessCriteria(null), Is.Empty);
}
