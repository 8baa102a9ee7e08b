using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Browser.Checks;

/// <summary>An element of the focus order as a finding names it.</summary>
/// <param name="Detail">What else matters about it: the content that covers it, its tabindex.</param>
public sealed record FocusElement(string Selector, string? Html, ElementBox? Box, string Name, string? Detail = null)
{
    internal static FocusElement Read(JsonElement json, string? detail = null) => new(
        json.GetProperty("selector").GetString() ?? string.Empty,
        json.GetProperty("html").GetString(),
        PageJson.Box(json.GetProperty("box")),
        json.GetProperty("name").GetString() ?? string.Empty,
        detail);
}

/// <summary>An element focus cannot leave with Tab or Shift+Tab.</summary>
/// <param name="Element">A short description: tag and name.</param>
/// <param name="InModalDialog">Whether an open modal dialog holds it: a dialog may keep focus by design while it is open.</param>
/// <param name="Place">The element, for a finding.</param>
public sealed record KeyboardTrap(string Element, bool InModalDialog, FocusElement? Place = null);

/// <summary>What a page-wide walk with Tab and Shift+Tab found.</summary>
/// <param name="Tabbables">Elements in the sequential focus order.</param>
/// <param name="Walked">Elements judged: started from, or passed by a walk that got out. All of them, unless the page had more than the walk's limits (elements, key presses, its safety net in time).</param>
/// <param name="Hidden">Elements that, focused with Tab, were entirely behind fixed or sticky content (asked for with <see cref="KeyboardWalkOptions.WatchHidden"/>).</param>
public sealed record KeyboardWalk(int Tabbables, int Walked, IReadOnlyList<KeyboardTrap> Traps, IReadOnlyList<FocusElement> Hidden)
{
    /// <summary>Whether the walk started from every element in the focus order.</summary>
    public bool Whole => Walked >= Tabbables;
}

/// <summary>How a walk goes.</summary>
/// <param name="MaxElements">At most this many elements to start from.</param>
/// <param name="MaxPresses">At most this many key presses in all: a bound in work, so that a walk finds the same on a busy machine as on an idle one.</param>
/// <param name="Budget">A safety net in time far above a normal walk (default 2 minutes): a page that answers key presses very slowly.</param>
/// <param name="SettleMs">How long a page gets after a key press to move focus by script (a handler on blur with a short timer).</param>
/// <param name="WatchHidden">At every stop forward, whether the focused element is entirely hidden behind fixed or sticky content (WCAG 2.4.11).</param>
/// <param name="OnHidden">Called while a hidden element has focus, the first time each is found (to photograph it as the citizen sees it).</param>
public sealed record KeyboardWalkOptions(int MaxElements = 60, int MaxPresses = 2_000, TimeSpan? Budget = null, int SettleMs = 30, bool WatchHidden = false, Func<FocusElement, Task>? OnHidden = null);

/// <summary>
/// Walks the whole page with the keyboard, as a keyboard user would: from an element in the focus
/// order, Tab is pressed until focus leaves the page or has been on every element, and Shift+Tab
/// likewise. An element from which neither walk gets out is a keyboard trap (focus kept by scripts,
/// on blur or on key presses). A walk that got out frees every element it passed, so a page
/// without traps costs one walk each way.
/// </summary>
public static class KeyboardTraps
{
    /// <summary>Smooth scrolling may still carry a focused element into view when it first looks hidden.</summary>
    private const int ScrollSettleMs = 350;

    /// <summary>Walks the page; see <see cref="KeyboardWalkOptions"/> for the limits.</summary>
    public static async Task<KeyboardWalk> WalkAsync(IPage page, KeyboardWalkOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        options ??= new KeyboardWalkOptions();
        var count = await page.EvaluateAsync<int>(EmbeddedScripts.KeyboardWalk, new object[] { "mark" });
        var walk = new Walk(page, options, count, cancellationToken);
        var traps = new List<KeyboardTrap>();
        var walked = 0;
        for (var start = 0; start < Math.Min(count, options.MaxElements); start++, walked++)
        {
            // A start whose walk ran out of presses or time is not judged: it is not a trap for that.
            if (!walk.ForwardFree[start] && !await walk.FreeAsync(start, "Tab", walk.ForwardFree))
            {
                break;
            }

            if (!walk.ForwardFree[start] && !walk.BackwardFree[start] && !await walk.FreeAsync(start, "Shift+Tab", walk.BackwardFree))
            {
                break;
            }

            if (!walk.ForwardFree[start] && !walk.BackwardFree[start])
            {
                var json = await page.EvaluateAsync<string?>(EmbeddedScripts.KeyboardWalk, new object[] { "describe", start });
                if (json is not null)
                {
                    using var described = JsonDocument.Parse(json);
                    var root = described.RootElement;
                    var place = FocusElement.Read(root);
                    traps.Add(new KeyboardTrap($"<{root.GetProperty("tag").GetString()}> {place.Name}".TrimEnd(), root.GetProperty("inModal").GetBoolean(), place));
                }
            }
        }

        await page.EvaluateAsync(EmbeddedScripts.KeyboardWalk, new object[] { "unmark" });
        var judged = Enumerable.Range(0, count).Count(i => i < walked || walk.ForwardFree[i] || walk.BackwardFree[i]);
        return new KeyboardWalk(count, judged, traps, [.. walk.Hidden.Values]);
    }

    private sealed class Walk(IPage page, KeyboardWalkOptions options, int count, CancellationToken cancellationToken)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly TimeSpan _limit = options.Budget ?? TimeSpan.FromMinutes(2);
        private int _presses;

        public bool[] ForwardFree { get; } = new bool[count];

        public bool[] BackwardFree { get; } = new bool[count];

        /// <summary>Hidden elements by their index in the focus order, each once.</summary>
        public SortedDictionary<int, FocusElement> Hidden { get; } = [];

        /// <summary>
        /// One walk from <paramref name="start"/>; when it gets out, every element it passed is free in that direction.
        /// False when the walk's presses or time ran out first: nothing is known about the start then.
        /// </summary>
        public async Task<bool> FreeAsync(int start, string key, bool[] free)
        {
            await page.EvaluateAsync(EmbeddedScripts.KeyboardWalk, new object[] { "focus", start });
            await Task.Delay(options.SettleMs, cancellationToken);
            var passed = new List<int> { start };
            var seen = new HashSet<int> { start };
            var watch = options.WatchHidden && key == "Tab";
            if (watch)
            {
                // An element reached only as a start (after a trap) is judged too: focus scrolls it into view as Tab does.
                await VisitAsync();
            }
            for (var press = 0; press <= count + 1; press++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_presses++ >= options.MaxPresses || _clock.Elapsed > _limit)
                {
                    return false;
                }

                await page.Keyboard.PressAsync(key);
                await Task.Delay(options.SettleMs, cancellationToken);
                var at = watch ? await VisitAsync() : await page.EvaluateAsync<int>(EmbeddedScripts.KeyboardWalk, new object[] { "where" });
                if (at >= 0)
                {
                    passed.Add(at);
                    seen.Add(at);
                }

                if (at < 0 || seen.Count == count)
                {
                    foreach (var index in passed)
                    {
                        free[index] = true;
                    }

                    return true;
                }
            }

            // Focus stayed inside the page for more presses than it has elements: the walk did not get out.
            return true;
        }

        /// <summary>Where focus is, noting the focused element when it is entirely hidden and stays so once scrolling settled.</summary>
        private async Task<int> VisitAsync()
        {
            using var visit = JsonDocument.Parse(await page.EvaluateAsync<string>(EmbeddedScripts.KeyboardWalk, new object[] { "visit" }));
            var at = visit.RootElement.GetProperty("at").GetInt32();
            if (at < 0 || Hidden.ContainsKey(at) || visit.RootElement.GetProperty("hidden").ValueKind != JsonValueKind.Object)
            {
                return at;
            }

            await Task.Delay(ScrollSettleMs, cancellationToken);
            var again = await page.EvaluateAsync<string?>(EmbeddedScripts.KeyboardWalk, new object[] { "hidden", at });
            if (again is not null and not "null")
            {
                using var hidden = JsonDocument.Parse(again);
                Hidden[at] = FocusElement.Read(hidden.RootElement, hidden.RootElement.GetProperty("by").GetString());
                if (options.OnHidden is { } onHidden)
                {
                    await onHidden(Hidden[at]);
                }
            }

            return at;
        }
    }
}
