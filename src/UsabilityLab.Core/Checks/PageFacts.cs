using System.Text.Json.Serialization;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Core.Checks;

/// <summary>A form field as the page presents it, for the input-purpose check.</summary>
public sealed record FieldFacts(
    [property: JsonPropertyName("selector")] string Selector,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("autocomplete")] string? Autocomplete,
    [property: JsonPropertyName("html")] string Html,
    [property: JsonPropertyName("box")] double[]? Box,
    [property: JsonPropertyName("type")] string? Type = null)
{
    public ElementBox? ElementBox => Audits.ElementBox.From(Box);
}

/// <summary>What one step's page shows, collected in one call by <c>Resources/page-facts.js</c>.</summary>
/// <param name="ContentType">The document's content type as the browser has it.</param>
public sealed record PageFacts(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("lang")] string? Lang,
    [property: JsonPropertyName("viewport")] string? Viewport,
    [property: JsonPropertyName("blocks")] IReadOnlyList<string> Blocks,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("currentStep")] bool HasCurrentStepMarker,
    [property: JsonPropertyName("fields")] IReadOnlyList<FieldFacts> Fields,
    [property: JsonPropertyName("contentType")] string ContentType = "text/html")
{
    /// <summary>An HTML page; an SVG or XML document (or the browser's viewer of one) is not judged by the page checks.</summary>
    public bool IsHtml => ContentType.Length == 0 || ContentType.Contains("html", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The 320 px measurement of one step.</summary>
/// <param name="ScrollWidth">The document's width at the narrow viewport; wider than the viewport means horizontal scrolling.</param>
/// <param name="Culprits">The elements that stick out furthest, with their right edge.</param>
/// <param name="Clipped">Elements that hide overflowing text (for them, <see cref="ReflowCulprit.Right"/> is how many px are cut off).</param>
public sealed record ReflowFacts(int ViewportWidth, int ScrollWidth, IReadOnlyList<ReflowCulprit> Culprits, Evidence? Screenshot, IReadOnlyList<ReflowCulprit>? Clipped = null);

/// <param name="Ellipsis">For cut-off text: the element ends it with an ellipsis on purpose (text-overflow), so the full text may be elsewhere.</param>
public sealed record ReflowCulprit(
    [property: JsonPropertyName("selector")] string Selector,
    [property: JsonPropertyName("right")] double Right,
    [property: JsonPropertyName("html")] string Html,
    [property: JsonPropertyName("ellipsis")] bool Ellipsis = false);

/// <summary>Everything the page checks need about one reached step.</summary>
public sealed record StepObservation(StepResult Step, PageFacts Facts, ReflowFacts? Reflow);
