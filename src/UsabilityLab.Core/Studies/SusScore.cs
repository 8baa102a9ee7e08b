namespace UsabilityLab.Core.Studies;

/// <summary>Scoring and grading of the System Usability Scale.</summary>
public static class SusScore
{
    /// <summary>
    /// Brooke (1996): odd items contribute the answer minus 1, even items 5 minus the answer; the sum
    /// (0-40) times 2.5 gives 0-100.
    /// </summary>
    public static double Score(IReadOnlyList<int> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count != 10 || answers.Any(answer => answer is < 1 or > 5))
        {
            throw new ArgumentException("SUS needs ten answers from 1 to 5.", nameof(answers));
        }

        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            sum += i % 2 == 0 ? answers[i] - 1 : 5 - answers[i];
        }

        return sum * 2.5;
    }

    /// <summary>
    /// The Sauro-Lewis curved grading scale (Quantifying the User Experience, 2nd ed., 2016,
    /// table 8.5), whose C is the average of about 68.
    /// </summary>
    public static string Grade(double score) => score switch
    {
        >= 84.1 => "A+",
        >= 80.8 => "A",
        >= 78.9 => "A-",
        >= 77.2 => "B+",
        >= 74.1 => "B",
        >= 72.6 => "B-",
        >= 71.1 => "C+",
        >= 65.0 => "C",
        >= 62.7 => "C-",
        >= 51.7 => "D",
        _ => "F",
    };
}
