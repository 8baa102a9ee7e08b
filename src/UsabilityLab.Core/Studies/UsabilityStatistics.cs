namespace UsabilityLab.Core.Studies;

/// <summary>A two-sided confidence interval.</summary>
public readonly record struct Interval(double Low, double High);

/// <summary>An observed proportion with its adjusted-Wald 95 % interval.</summary>
public sealed record ProportionEstimate(int Successes, int Total, double Observed, Interval Interval);

/// <summary>A mean with its 95 % interval (t-based, on the log scale for a geometric mean); no interval under two values.</summary>
public sealed record MeanEstimate(int Count, double Mean, Interval? Interval);

/// <summary>
/// The statistics of small-sample usability tests, as Sauro &amp; Lewis recommend them in
/// "Quantifying the User Experience": adjusted-Wald intervals for completion rates, geometric
/// means for task times, t-intervals for rating scales.
/// </summary>
public static class UsabilityStatistics
{
    /// <summary>The two-sided 95 % critical value of the standard normal distribution.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// Adjusted-Wald interval (Agresti &amp; Coull 1998): add z²/2 successes and z²/2 failures, then
    /// the Wald interval; clipped to 0-1.
    /// </summary>
    public static ProportionEstimate AdjustedWald(int successes, int total, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfLessThan(total, successes);
        if (total == 0)
        {
            return new ProportionEstimate(0, 0, 0, new Interval(0, 1));
        }

        var zz = z * z;
        var adjustedTotal = total + zz;
        var adjusted = (successes + zz / 2) / adjustedTotal;
        var margin = z * Math.Sqrt(adjusted * (1 - adjusted) / adjustedTotal);
        return new ProportionEstimate(
            successes,
            total,
            (double)successes / total,
            new Interval(Math.Max(0, adjusted - margin), Math.Min(1, adjusted + margin)));
    }

    /// <summary>Arithmetic mean with a 95 % t-interval.</summary>
    public static MeanEstimate? Mean(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var (mean, interval) = MeanAndInterval(values);
        return new MeanEstimate(values.Count, mean, interval);
    }

    /// <summary>
    /// Geometric mean with a 95 % interval: the t-interval of the natural logs, transformed back, so
    /// it is not symmetric around the mean. Values must be positive.
    /// </summary>
    public static MeanEstimate? GeometricMean(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Any(value => value <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(values), "A geometric mean needs positive values.");
        }

        var (logMean, logInterval) = MeanAndInterval(values.Select(value => Math.Log(value)).ToList());
        Interval? interval = logInterval is { } i ? new Interval(Math.Exp(i.Low), Math.Exp(i.High)) : null;
        return new MeanEstimate(values.Count, Math.Exp(logMean), interval);
    }

    /// <summary>The p-quantile of Student's t distribution with the given degrees of freedom.</summary>
    public static double StudentTQuantile(double p, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (p is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), "p must lie strictly between 0 and 1.");
        }

        if (p < 0.5)
        {
            return -StudentTQuantile(1 - p, degreesOfFreedom);
        }

        // Bisection on the CDF: monotone, and 200 halvings are far below double precision.
        double low = 0, high = 1;
        while (StudentTCdf(high, degreesOfFreedom) < p)
        {
            high *= 2;
        }

        for (var i = 0; i < 200 && high - low > 1e-12; i++)
        {
            var middle = (low + high) / 2;
            if (StudentTCdf(middle, degreesOfFreedom) < p)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }

    /// <summary>P(T ≤ t) for Student's t with the given degrees of freedom.</summary>
    public static double StudentTCdf(double t, int degreesOfFreedom)
    {
        double v = degreesOfFreedom;
        var tail = 0.5 * RegularizedIncompleteBeta(v / 2, 0.5, v / (v + t * t));
        return t >= 0 ? 1 - tail : tail;
    }

    private static (double Mean, Interval? Interval) MeanAndInterval(IReadOnlyCollection<double> values)
    {
        var mean = values.Average();
        if (values.Count < 2)
        {
            return (mean, null);
        }

        var variance = values.Sum(value => (value - mean) * (value - mean)) / (values.Count - 1);
        var margin = StudentTQuantile(0.975, values.Count - 1) * Math.Sqrt(variance / values.Count);
        return (mean, new Interval(mean - margin, mean + margin));
    }

    /// <summary>I_x(a, b) by the continued fraction of Numerical Recipes (Press et al., 3rd ed., 6.4).</summary>
    private static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2)
            ? front * BetaContinuedFraction(a, b, x) / a
            : 1 - front * BetaContinuedFraction(b, a, 1 - x) / b;
    }

    private static double BetaContinuedFraction(double a, double b, double x)
    {
        const double Tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
        var h = d;
        for (var m = 1; m <= 300; m++)
        {
            var m2 = 2 * m;
            var step = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 / NonZero(1 + step * d);
            c = NonZero(1 + step / c);
            h *= d * c;
            step = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 / NonZero(1 + step * d);
            c = NonZero(1 + step / c);
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-15)
            {
                break;
            }
        }

        return h;

        static double NonZero(double value) => Math.Abs(value) < Tiny ? Tiny : value;
    }

    /// <summary>ln Γ(x) by the Lanczos approximation (g = 7, n = 9), good to about 15 digits.</summary>
    private static double LogGamma(double x)
    {
        ReadOnlySpan<double> coefficients =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7,
        ];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = coefficients[0];
        for (var i = 1; i < coefficients.Length; i++)
        {
            sum += coefficients[i] / (x + i);
        }

        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
