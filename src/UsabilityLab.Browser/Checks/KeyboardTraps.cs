using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace UsabilityLab.Browser.Checks;

/// <summary>An element focus cannot leave with Tab or Shift+Tab.</summary>
/// <param name="Element">A short description: tag and name.</param>
/// <param name="InModalDialog">Whether an open modal dialog holds it: a dialog may keep focus by design while it is open.</param>
public sealed record KeyboardTrap(string Element, bool InModalDialog);

/// <summary>What a page-wide walk with Tab and Shift+Tab found.</summary>
/// <param name="Tabbables">Elements in the sequential focus order.</param>
/// <param name="Walked">Elements the walk started from: all of them, unless the page had more than the walk's limit or its time ran out.</param>
public sealed record KeyboardWalk(int Tabbables, int Walked, IReadOnlyList<KeyboardTrap> Traps);

/// <summary>
/// Walks the whole page with the keyboard, as a keyboard user would: from an element in the focus
/// order, Tab is pressed until focus leaves the page or has been on every element, and Shift+Tab
/// likewise. An element from which neither walk gets out is a keyboard trap (focus kept by scripts,
/// on blur or on key presses). A walk that got out frees every element it passed, so a page
/// without traps costs one walk each way.
/// </summary>
public static class KeyboardTraps
{
    /// <summary>How long a page gets after a key press to move focus by script (a handler on blur with a short timer).</summary>
    private const int SettleMs = 30;

    /// <summary>Walks the page; at most <paramref name="maxElements"/> starts and about <paramref name="budget"/> (default 15 s) of walking.</summary>
    public static async Task<KeyboardWalk> WalkAsync(IPage page, int maxElements = 60, TimeSpan? budget = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        var clock = Stopwatch.StartNew();
        var limit = budget ?? TimeSpan.FromSeconds(15);
        var count = await page.EvaluateAsync<int>(EmbeddedScripts.KeyboardWalk, new object[] { "mark" });
        var forwardFree = new bool[count];
        var backwardFree = new bool[count];
        var traps = new List<KeyboardTrap>();
        var walked = 0;
        for (var start = 0; start < Math.Min(count, maxElements) && clock.Elapsed < limit; start++, walked++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!forwardFree[start])
            {
                await FreeAsync(page, start, "Tab", count, forwardFree);
            }

            if (!forwardFree[start] && !backwardFree[start])
            {
                await FreeAsync(page, start, "Shift+Tab", count, backwardFree);
            }

            if (!forwardFree[start] && !backwardFree[start])
            {
                var json = await page.EvaluateAsync<string?>(EmbeddedScripts.KeyboardWalk, new object[] { "describe", start });
                if (json is not null)
                {
                    using var described = JsonDocument.Parse(json);
                    var root = described.RootElement;
                    traps.Add(new KeyboardTrap($"<{root.GetProperty("tag").GetString()}> {root.GetProperty("name").GetString()}".TrimEnd(), root.GetProperty("inModal").GetBoolean()));
                }
            }
        }

        await page.EvaluateAsync(EmbeddedScripts.KeyboardWalk, new object[] { "focus", -1 });
        return new KeyboardWalk(count, walked, traps);
    }

    /// <summary>One walk from <paramref name="start"/>; when it gets out, every element it passed is free in that direction.</summary>
    private static async Task FreeAsync(IPage page, int start, string key, int count, bool[] free)
    {
        await page.EvaluateAsync(EmbeddedScripts.KeyboardWalk, new object[] { "focus", start });
        await page.WaitForTimeoutAsync(SettleMs);
        var passed = new List<int> { start };
        var seen = new HashSet<int> { start };
        for (var press = 0; press <= count + 1; press++)
        {
            await page.Keyboard.PressAsync(key);
            await page.WaitForTimeoutAsync(SettleMs);
            var at = await page.EvaluateAsync<int>(EmbeddedScripts.KeyboardWalk, new object[] { "where" });
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

                return;
            }
        }
    }
}
