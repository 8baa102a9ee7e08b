using System.Globalization;
using UsabilityLab.Core;
using UsabilityLab.Core.Studies;

namespace UsabilityLab.Reports;

/// <summary>Danish wording of the study figures, the same in the workbench and in the report.</summary>
public static class StudyFormat
{
    private static readonly CultureInfo _danish = DanishText.Culture;

    public static string Percent(double share) => (share * 100).ToString("0", _danish) + " %";

    /// <summary>"2 af 3 (67 %; 95 %-interval 21–94 %)"; a dash when there is nothing to count.</summary>
    public static string Proportion(ProportionEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        return estimate.Total == 0
            ? "–"
            : $"{estimate.Successes} af {estimate.Total} ({Percent(estimate.Observed)}; 95 %-interval {Percent(estimate.Interval.Low)}–{Percent(estimate.Interval.High)})";
    }

    /// <summary>"68 s (46–101)", "4,3 (3,1–5,5)"; the interval only when there are two values or more.</summary>
    public static string Mean(MeanEstimate? estimate, string format = "0.0", string unit = "")
    {
        if (estimate is null)
        {
            return "–";
        }

        var mean = estimate.Mean.ToString(format, _danish) + unit;
        return estimate.Interval is { } interval
            ? $"{mean} (95 %-interval {interval.Low.ToString(format, _danish)}–{interval.High.ToString(format, _danish)}{unit}; n = {estimate.Count})"
            : $"{mean} (n = {estimate.Count})";
    }

    public static string Number(double value) => value.ToString("0.0#", _danish);

    /// <summary>Minutes and seconds into an attempt: "2:05".</summary>
    public static string Clock(TimeSpan at) => $"{(int)at.TotalMinutes}:{at.Seconds:00}";
}
