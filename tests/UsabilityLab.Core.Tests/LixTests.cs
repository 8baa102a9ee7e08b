using UsabilityLab.Core.Checks;

namespace UsabilityLab.Core.Tests;

public class LixTests
{
    [Test]
    public void Compute_WorkedExample_FollowsTheFormula()
    {
        // 8 words in 2 sentences; long (more than six letters): Borgeren, anmelde, flytningen, minutter.
        // LIX = 8 / 2 + 100 × 4 / 8 = 4 + 50 = 54.
        var lix = Lix.Compute(["Borgeren skal anmelde flytningen. Det tager fem minutter."]);

        Assert.Multiple(() =>
        {
            Assert.That(lix.Words, Is.EqualTo(8));
            Assert.That(lix.Sentences, Is.EqualTo(2));
            Assert.That(lix.LongWords, Is.EqualTo(4));
            Assert.That(lix.Value, Is.EqualTo(54).Within(0.001));
            Assert.That(lix.Band, Is.EqualTo("svær"));
        });
    }

    [TestCase(20, "meget let")]
    [TestCase(30, "let")]
    [TestCase(40, "middel")]
    [TestCase(50, "svær")]
    [TestCase(60, "meget svær")]
    public void Band_FollowsTheDanishScale(double value, string band) =>
        Assert.That(new LixResult(value, 1, 1, 0, []).Band, Is.EqualTo(band));

    [Test]
    public void Compute_AbbreviationsAndNumbers_DoNotEndSentences()
    {
        var lix = Lix.Compute(["Se reglerne jf. loven og stk. 2 her. Gebyret er 2.50 kr. i alt."]);

        Assert.That(lix.SentenceList.Select(s => s.Text), Is.EqualTo(new[] { "Se reglerne jf. loven og stk. 2 her.", "Gebyret er 2.50 kr. i alt." }));
    }

    [Test]
    public void Compute_EachBlockEndsASentence()
    {
        var lix = Lix.Compute(["Ny adresse", "Vejnavn og husnummer", "Postnummer"]);

        Assert.That(lix.Sentences, Is.EqualTo(3));
    }

    [Test]
    public void Hardest_QuotesTheLongSentencesWithLongWordsFirst()
    {
        var lix = Lix.Compute(["Du flytter nu.", "Personoplysningerne behandles i overensstemmelse med databeskyttelsesforordningens bestemmelser.", "Tak."]);

        Assert.That(lix.Hardest(1).Single().Text, Does.StartWith("Personoplysningerne"));
    }

    [Test]
    public void Compute_NoText_IsZero() => Assert.That(Lix.Compute(Array.Empty<string>()).Value, Is.Zero);
}
