using System.Text.Json;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Browser;

/// <summary>Reading what the page scripts (Resources/*.js) return: one reading of each shape.</summary>
internal static class PageJson
{
    /// <summary>A box as the scripts give it, [x, y, width, height] (see <see cref="ElementBox.From"/>).</summary>
    public static ElementBox? Box(JsonElement box) =>
        box.ValueKind == JsonValueKind.Array ? ElementBox.From([.. box.EnumerateArray().Select(v => v.GetDouble())]) : null;

    /// <summary>The box of element-info.js, which names its parts.</summary>
    public static ElementBox ElementInfoBox(JsonElement info) =>
        new(info.GetProperty("x").GetDouble(), info.GetProperty("y").GetDouble(), info.GetProperty("width").GetDouble(), info.GetProperty("height").GetDouble());
}
