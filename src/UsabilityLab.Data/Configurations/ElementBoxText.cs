using System.Globalization;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Data.Configurations;

/// <summary>An <see cref="ElementBox"/> as "x,y,width,height" in invariant culture.</summary>
internal static class ElementBoxText
{
    public static string Format(ElementBox box) =>
        string.Create(CultureInfo.InvariantCulture, $"{box.X:0.#},{box.Y:0.#},{box.Width:0.#},{box.Height:0.#}");

    public static ElementBox? Parse(string text)
    {
        var parts = text.Split(',');
        return parts.Length == 4
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
            && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
            && double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var h)
            ? new ElementBox(x, y, w, h)
            : null;
    }
}
