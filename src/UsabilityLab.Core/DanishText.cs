using System.Globalization;

namespace UsabilityLab.Core;

/// <summary>
/// Numbers and durations as a Danish reader writes them ("1,5 s", "1.249"): the one culture every
/// text a person reads is formatted with, in the findings, the reports, the workbench and the terminal.
/// </summary>
public static class DanishText
{
    public static CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>Milliseconds as seconds with at most one decimal: 1500 → "1,5".</summary>
    public static string Seconds(double milliseconds) => (milliseconds / 1000.0).ToString("0.#", Culture);
}
