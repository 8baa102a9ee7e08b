using System.Collections.Concurrent;

namespace UsabilityLab.Browser;

/// <summary>JavaScript that UsabilityLab evaluates in pages, kept in <c>Resources/*.js</c>.</summary>
internal static class EmbeddedScripts
{
    private static readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);

    public static string AxeRun => Get("axe-run.js");

    /// <summary>axe-core's ACT rules, or their outcomes on the page, for the ACT implementation report.</summary>
    public static string ActAxe => Get("act-axe.js");

    /// <summary>UsabilityLab's own page rules for ACT rules axe-core does not cover, or their outcomes on the page.</summary>
    public static string OwnRules => Get("own-rules.js");

    /// <summary>The steps of <see cref="Checks.KeyboardTraps"/>'s page-wide walk with Tab and Shift+Tab.</summary>
    public static string KeyboardWalk => Get("keyboard-walk.js");

    /// <summary>Elements that act on the mouse but that Tab never reaches, for the keyboard pass.</summary>
    public static string MouseOnly => Get("mouse-only.js");

    /// <summary>Put into the keyboard pass's documents: remembers which elements the page listens to for clicks.</summary>
    public static string ClickListeners => Get("click-listeners.js");

    /// <summary>Whether pressing an element lost focus to the page: marks the element before, tells after.</summary>
    public static string FocusLost => Get("focus-lost.js");

    public static string ElementBoxes => Get("element-boxes.js");

    /// <summary>A scan's look at a page in one call: title, whether it is HTML, its links on its own origin.</summary>
    public static string ScanPage => Get("scan-page.js");

    public static string ElementInfo => Get("element-info.js");

    public static string PageSize => Get("page-size.js");

    public static string PageFacts => Get("page-facts.js");

    public static string NextFrame => Get("next-frame.js");

    /// <summary>The current document's time origin and how long the solution took to answer its request.</summary>
    public static string NavigationTiming => Get("navigation-timing.js");

    /// <summary>The longest data request (fetch, XMLHttpRequest) since a step's actions began ("mark", then "read").</summary>
    public static string RequestTiming => Get("request-timing.js");

    public static string FocusSnapshot => Get("focus-snapshot.js");

    public static string FocusStop => Get("focus-stop.js");

    /// <summary>The arrow key that moves focus toward the target inside its composite widget (radio group, tabs, listbox, menu), or null.</summary>
    public static string CompositeKey => Get("composite-key.js");

    public static string FieldErrors => Get("field-errors.js");

    /// <summary>Whether a form field must be filled in (marked required, or not marked optional where no field is marked).</summary>
    public static string FieldRequired => Get("field-required.js");

    /// <summary>Shared helpers (selector, HTML snippet) for the scripts above; every context gets them once.</summary>
    public static string PageHelpers => Get("page-helpers.js");

    /// <summary>rrweb (record and replay), from the npm package the build installs.</summary>
    public static string Rrweb => Get("rrweb.js");

    /// <summary>rrweb's replayer stylesheet, from the same package.</summary>
    public static string RrwebStyle => Get("rrweb.css");

    /// <summary>Records a citizen's window: rrweb with inputs masked, and the timeline.</summary>
    public static string SessionRecorder => Get("session-recorder.js");

    /// <summary>axe-core's Danish locale (JSON), from the axe-core npm package of the same version.</summary>
    public static string DanishLocale => Get("axe-locale-da.json");

    private static string Get(string name) => _cache.GetOrAdd(name, static n =>
    {
        using var stream = typeof(EmbeddedScripts).Assembly.GetManifestResourceStream($"UsabilityLab.Browser.Resources.{n}")
            ?? throw new InvalidOperationException($"Embedded script {n} is missing from the build.");
        using var reader = new StreamReader(stream);

        // Leading comment lines document the script; Playwright wants the function expression itself.
        var lines = reader.ReadToEnd().Split('\n').SkipWhile(l => l.TrimStart().StartsWith("//", StringComparison.Ordinal));
        return string.Join('\n', lines).Trim();
    });
}
