using System.Text.Json.Serialization;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Core.Checks;

/// <summary>A form field as the page presents it, for the input-purpose and redundant-entry checks.</summary>
/// <param name="Filled">The field holds a value when the step's page is reached (pre-filled).</param>
/// <param name="Legend">The legend of the fieldset around it: whose or which data the field asks for.</param>
public sealed record FieldFacts(
    [property: JsonPropertyName("selector")] string Selector,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("autocomplete")] string? Autocomplete,
    [property: JsonPropertyName("html")] string Html,
    [property: JsonPropertyName("box")] double[]? Box,
    [property: JsonPropertyName("type")] string? Type = null,
    [property: JsonPropertyName("filled")] bool Filled = false,
    [property: JsonPropertyName("legend")] string? Legend = null)
{
    public ElementBox? ElementBox => Audits.ElementBox.From(Box);
}

/// <summary>A help or contact mechanism on a page (WCAG 3.2.6).</summary>
/// <param name="Kind">phone (a tel: link or a phone number in the text), mail (a mailto: link) or help (a link or button to help or contact).</param>
/// <param name="Region">Where it is relative to the page's content: before, main (inside it) or after.</param>
public sealed record HelpFacts(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("selector")] string Selector,
    [property: JsonPropertyName("html")] string Html);

/// <summary>A sign-in field (WCAG 3.3.8): a user name, a password or a one-time code.</summary>
/// <param name="Kind">username, password or code.</param>
/// <param name="AutocompleteOff">autocomplete="off" on the field, or on its form with none on the field: browsers and password managers are asked not to fill it.</param>
/// <param name="PasteBlocked">The page cancels a paste into the field and puts nothing in any field itself.</param>
public sealed record AuthFieldFacts(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("selector")] string Selector,
    [property: JsonPropertyName("html")] string Html,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("box")] double[]? Box,
    [property: JsonPropertyName("autocompleteOff")] bool AutocompleteOff,
    [property: JsonPropertyName("pasteBlocked")] bool PasteBlocked)
{
    public ElementBox? ElementBox => Audits.ElementBox.From(Box);
}

/// <summary>Something that looks like a puzzle to prove one is a person (a CAPTCHA), by its source, name or class.</summary>
public sealed record PuzzleFacts(
    [property: JsonPropertyName("selector")] string Selector,
    [property: JsonPropertyName("html")] string Html);

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
    [property: JsonPropertyName("contentType")] string ContentType = "text/html",
    [property: JsonPropertyName("help")] IReadOnlyList<HelpFacts>? Help = null,
    [property: JsonPropertyName("auth")] IReadOnlyList<AuthFieldFacts>? Auth = null,
    [property: JsonPropertyName("puzzles")] IReadOnlyList<PuzzleFacts>? Puzzles = null)
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
/// <param name="Entered">What the task script typed into fields on the step: the label, name or placeholder it named each field by.</param>
public sealed record StepObservation(StepResult Step, PageFacts Facts, ReflowFacts? Reflow, IReadOnlyList<string>? Entered = null);
