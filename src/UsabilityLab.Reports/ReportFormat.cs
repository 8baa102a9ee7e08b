using System.Globalization;
using System.Text;
using UsabilityLab.Core;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Reports;

/// <summary>Formatting for the Danish report: dates, durations, and the CSS that crops screenshots.</summary>
public static class ReportFormat
{
    private static readonly CultureInfo _danish = DanishText.Culture;
    private static readonly Lazy<TimeZoneInfo> _copenhagen = new(() =>
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    });

    public static string Date(DateTimeOffset time) =>
        InDenmark(time).ToString("d. MMMM yyyy 'kl.' HH.mm", _danish);

    /// <summary>The time as a clock in Denmark shows it (UTC where the machine has no time zone data).</summary>
    public static DateTime InDenmark(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, _copenhagen.Value).DateTime;

    /// <summary>The day in Denmark, for file names and exports (2026-11-01): the day the workbench's pages show.</summary>
    public static string IsoDay(DateTimeOffset time) => InDenmark(time).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The moment in Danish time with its offset, ISO 8601 (2026-11-01T10:00:00+01:00): the same instant as UTC, the clock the pages show.</summary>
    public static string IsoMoment(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, _copenhagen.Value).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Seconds(long milliseconds) =>
        (milliseconds / 1000.0).ToString("0.0", _danish) + " s";

    public static string Count(int count, string one, string many) =>
        count.ToString(_danish) + " " + (count == 1 ? one : many);

    public static string SeverityClass(Severity severity) => "alvor-" + severity.ToString().ToLowerInvariant();

    public static string SeverityTitle(Severity severity) => severity switch
    {
        Severity.Critical => "Kritisk",
        Severity.Serious => "Alvorlig",
        Severity.Moderate => "Moderat",
        _ => "Mindre",
    };

    /// <summary>Who found it, with the rule: "axe-core (meta-viewport) og UsabilityLabs kontrol (zoom-language/zoom)" when both did.</summary>
    public static string FoundBy(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var first = $"{SourceName(finding.Source)} ({finding.RuleId})";
        return finding.AlsoFoundBy is { } check ? $"{first} og {SourceName(FindingSource.Check)} ({check})" : first;
    }

    public static string SourceName(FindingSource source) => source switch
    {
        FindingSource.Axe => "axe-core",
        FindingSource.TaskVerdict => "opgavens gennemførelse",
        FindingSource.Check => "UsabilityLabs kontrol",
        FindingSource.Reviewer => "gennemgangsenhedens vurdering",
        _ => "elementsøgning i opgaven",
    };

    public static string Status(CriterionStatus status) => status switch
    {
        CriterionStatus.Passed => "Opfyldt",
        CriterionStatus.Failed => "Ikke opfyldt",
        CriterionStatus.NotApplicable => "Ikke relevant",
        CriterionStatus.NotEvaluated => "Ikke vurderet (ingen side at tjekke)",
        _ => "Afventer vurdering",
    };

    /// <summary>
    /// One CSS rule per screenshot, so each image is embedded once however many findings show it.
    /// The content is generated here from image bytes (base64) and numeric ids, never from page content.
    /// </summary>
    public static string ImageStyles(IEnumerable<ReportImage> images)
    {
        var css = new StringBuilder();
        foreach (var image in images)
        {
            css.Append('.').Append(image.CssClass).Append("{background-image:url(").Append(image.DataUri).Append(");}\n");
        }

        return css.ToString();
    }

    /// <summary>Style of a window onto a screenshot, scaled to <paramref name="viewWidth"/> and scrolled so the box is in view.</summary>
    public static Crop CropFor(ReportImage image, ElementBox? box, int viewWidth, int viewHeight)
    {
        ArgumentNullException.ThrowIfNull(image);
        var scale = Math.Min(1.0, viewWidth / (double)Math.Max(1, image.Width));
        var fullHeight = image.Height * scale;
        var height = Math.Min(viewHeight, fullHeight);
        var top = 0.0;
        string? marker = null;
        if (box is { } b)
        {
            var centre = (b.Y + (b.Height / 2)) * scale;
            top = Math.Clamp(centre - (height / 2), 0, Math.Max(0, fullHeight - height));
            marker = Css($"left:{(b.X * scale) - 3:0.#}px;top:{(b.Y * scale) - top - 3:0.#}px;width:{Math.Max(6, (b.Width * scale) + 6):0.#}px;height:{Math.Max(6, (b.Height * scale) + 6):0.#}px;");
        }

        var frame = Css($"width:{image.Width * scale:0.#}px;height:{height:0.#}px;background-size:{image.Width * scale:0.#}px auto;background-position:0 -{top:0.#}px;");
        return new Crop(frame, marker);
    }

    private static string Css(FormattableString style) => style.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Inline styles for a screenshot window and the optional marker around the element.</summary>
public sealed record Crop(string FrameStyle, string? MarkerStyle);
