using UsabilityLab.Core.Studies;

namespace UsabilityLab.Core.Tests;

/// <summary>The formulas against worked examples published by others, never against this code's own output.</summary>
public class UsabilityStatisticsTests
{
    [Test]
    public void AdjustedWald_FourOfFive_MatchesTullisAndAlbertsWorkedExample()
    {
        // Tullis & Albert, "Measuring the User Experience" (2008), p. 69, and measuringux.com/adjustedwald.htm:
        // 4 of 5 users succeed, z = 1.96: p_adj = 0.6696, interval 0.3596 to 0.9796.
        var estimate = UsabilityStatistics.AdjustedWald(4, 5, z: 1.96);

        Assert.Multiple(() =>
        {
            Assert.That(estimate.Observed, Is.EqualTo(0.8));
            Assert.That(estimate.Interval.Low, Is.EqualTo(0.3596).Within(0.0001));
            Assert.That(estimate.Interval.High, Is.EqualTo(0.9796).Within(0.0001));
        });
    }

    [Test]
    public void AdjustedWald_AllOrNone_StaysWithinZeroAndOne()
    {
        var none = UsabilityStatistics.AdjustedWald(0, 5);
        var all = UsabilityStatistics.AdjustedWald(5, 5);

        Assert.Multiple(() =>
        {
            Assert.That(none.Interval.Low, Is.EqualTo(0));
            Assert.That(all.Interval.High, Is.EqualTo(1));
            Assert.That(all.Interval.Low, Is.GreaterThan(0.4).And.LessThan(0.6), "5 of 5 is no proof of 100 %");
        });
    }

    [Test]
    public void GeometricMean_SaurosTaskTimes_Gives68SecondsBetween46And101()
    {
        // Sauro, "Graph and Calculator for Confidence Intervals for Task Times" (measuringu.com/time_intervals, 2006):
        // task times 55, 65, 75, 62, 45, 135 s at 95 %: "Average Time: 68 seconds, 95% CI (46, 101)".
        var estimate = UsabilityStatistics.GeometricMean([55, 65, 75, 62, 45, 135])!;

        Assert.Multiple(() =>
        {
            Assert.That(estimate.Mean, Is.EqualTo(68).Within(0.5));
            Assert.That(estimate.Interval!.Value.Low, Is.EqualTo(46).Within(0.5));
            Assert.That(estimate.Interval!.Value.High, Is.EqualTo(101).Within(0.5));
        });
    }

    // Student's t critical values from the NIST/SEMATECH e-Handbook of Statistical Methods, table 1.3.6.7.2.
    [TestCase(0.975, 1, 12.706)]
    [TestCase(0.975, 2, 4.303)]
    [TestCase(0.975, 5, 2.571)]
    [TestCase(0.975, 9, 2.262)]
    [TestCase(0.975, 29, 2.045)]
    [TestCase(0.95, 10, 1.812)]
    [TestCase(0.995, 20, 2.845)]
    public void StudentTQuantile_MatchesThePublishedTable(double p, int df, double expected) =>
        Assert.That(UsabilityStatistics.StudentTQuantile(p, df), Is.EqualTo(expected).Within(0.0006));

    [Test]
    public void Mean_OneValue_HasNoInterval() =>
        Assert.That(UsabilityStatistics.Mean([5.0])!.Interval, Is.Null);

    [Test]
    public void GeometricMean_NoValues_IsNull() =>
        Assert.That(UsabilityStatistics.GeometricMean([]), Is.Null);
}

public class SusScoreTests
{
    // Brooke, "SUS: a 'quick and dirty' usability scale" (1996): odd items give answer - 1, even items 5 - answer,
    // the sum times 2.5. The extremes and the midpoint follow from that definition; Tullis & Albert (2008, fig. 6.8)
    // show contributions summing to 22 giving 55, which the last case reproduces (3+3+2+3+2+2+3+1+2+1 = 22).
    [TestCase(new[] { 5, 1, 5, 1, 5, 1, 5, 1, 5, 1 }, 100.0)]
    [TestCase(new[] { 1, 5, 1, 5, 1, 5, 1, 5, 1, 5 }, 0.0)]
    [TestCase(new[] { 3, 3, 3, 3, 3, 3, 3, 3, 3, 3 }, 50.0)]
    [TestCase(new[] { 4, 2, 3, 2, 3, 3, 4, 4, 3, 4 }, 55.0)]
    public void Score_FollowsBrookesScoring(int[] answers, double expected) =>
        Assert.That(SusScore.Score(answers), Is.EqualTo(expected));

    [Test]
    public void Score_NotTenAnswersFromOneToFive_IsRefused() =>
        Assert.Multiple(() =>
        {
            Assert.That(() => SusScore.Score([3, 3, 3]), Throws.ArgumentException);
            Assert.That(() => SusScore.Score([3, 3, 3, 3, 3, 3, 3, 3, 3, 6]), Throws.ArgumentException);
        });

    // Sauro & Lewis, "Quantifying the User Experience", 2nd ed. (2016), table 8.5, the curved grading scale:
    // 68, the average, is a C; A+ from 84.1, F below 51.7.
    [TestCase(68.0, "C")]
    [TestCase(84.1, "A+")]
    [TestCase(84.0, "A")]
    [TestCase(80.8, "A")]
    [TestCase(78.9, "A-")]
    [TestCase(77.2, "B+")]
    [TestCase(74.1, "B")]
    [TestCase(72.6, "B-")]
    [TestCase(71.1, "C+")]
    [TestCase(64.9, "C-")]
    [TestCase(62.6, "D")]
    [TestCase(51.6, "F")]
    public void Grade_FollowsTheCurvedGradingScale(double score, string grade) =>
        Assert.That(SusScore.Grade(score), Is.EqualTo(grade));
}
