using System.Text.Json;
using Microsoft.Playwright;
using UsabilityLab.Browser.Checks;
using UsabilityLab.Core.Act;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Browser.Act;

/// <summary>
/// Runs the ACT test cases through UsabilityLab's engine in one browser: each page is opened as
/// the suite serves it, and axe-core (every rule it maps to an ACT rule, also those off by
/// default) and UsabilityLab's own page rules (<c>Resources/own-rules.js</c>) are run on it,
/// giving each procedure's outcome. Scoring is <see cref="ActScoring"/>'s.
/// </summary>
public sealed class ActRunner(BrowserHost host, AxeRunner axe)
{
    /// <summary>
    /// ACT rules an axe-core rule implements though axe does not name them: the same test, read
    /// from both rules' texts (and shown consistent on the suite, never the other way round).
    /// </summary>
    public static readonly IReadOnlyDictionary<(string Procedure, string Rule), string> AlsoImplements = new Dictionary<(string, string), string>
    {
        [("axe-core:summary-name", "2t702h")] =
            "summary-name kræver, at et summary-element, der kan åbne og lukke sine detaljer, har et tilgængeligt navn; det er ACT-reglen \"Summary element has non-empty accessible name\" (4.1.2).",
    };

    private const string AxeEngine = "axe-core";

    private const string OwnEngine = "usabilitylab";

    /// <summary>
    /// The page-wide keyboard walk (<see cref="KeyboardTraps"/>) as procedures: a trap with Tab and
    /// Shift+Tab fails the rule on standard navigation (but in an open modal dialog, which may keep
    /// focus by design); whether a trap can be left some other way, with instructions, is for a person
    /// to tell, so the rules that allow that say "can't tell".
    /// </summary>
    private static readonly ActProcedure[] _keyboardProcedures =
    [
        new(OwnEngine, OwnEngine + ":keyboard-trap", ["80af7b"], ["2.1.2"]),
        new(OwnEngine, OwnEngine + ":keyboard-trap-standard", ["a1b64e"], []),
        new(OwnEngine, OwnEngine + ":keyboard-trap-nonstandard", ["ebe86a"], []),
    ];

    /// <summary>The rules each engine runs on every page, by the engine's own names.</summary>
    private sealed record EngineRules(string[] Axe, string[] Own);

    /// <summary>How long one test case's page may take to load.</summary>
    private const int PageTimeoutMs = 15_000;

    /// <param name="suiteUrl">Where the suite is served, ending in <see cref="ActSuite.ServedPath"/>.</param>
    public async Task<(IReadOnlyList<ActProcedure> Procedures, IReadOnlyList<ActPageResult> Pages)> RunAsync(
        string suiteUrl,
        IReadOnlyList<ActTestCase> cases,
        IProgress<ActPageResult>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var context = await host.NewContextAsync(host.Options.EgressFor(suiteUrl));
        try
        {
            await axe.PrepareAsync(context);
            var page = await context.NewPageAsync();
            await page.GotoAsync("about:blank");
            var procedures = await ProceduresAsync(page);
            var names = new EngineRules(
                [.. procedures.Where(p => p.Engine == AxeEngine).Select(p => p.Name[(AxeEngine.Length + 1)..])],
                [.. procedures.Where(p => p.Engine == OwnEngine && !_keyboardProcedures.Contains(p)).Select(p => p.Name[(OwnEngine.Length + 1)..])]);
            var results = new List<ActPageResult>(cases.Count);
            foreach (var testCase in cases)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = await RunCaseAsync(page, suiteUrl + testCase.RelativePath, testCase, names);
                if (result.Error is not null)
                {
                    // A page that broke the tab (a crash, a dialog left open) does not take the next case with it.
                    await page.CloseAsync();
                    page = await context.NewPageAsync();
                }

                results.Add(result);
                progress?.Report(result);
            }

            return (procedures, results);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private static async Task<IReadOnlyList<ActProcedure>> ProceduresAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string?>(EmbeddedScripts.ActAxe, Array.Empty<string>())
            ?? await page.EvaluateAsync<string>("() => JSON.stringify([])");
        using var document = JsonDocument.Parse(json);
        var procedures = new List<ActProcedure>();
        foreach (var rule in document.RootElement.EnumerateArray())
        {
            var name = AxeEngine + ":" + rule.GetProperty("id").GetString();
            var actIds = rule.GetProperty("actIds").EnumerateArray().Select(a => a.GetString()!)
                .Concat(AlsoImplements.Keys.Where(k => k.Procedure == name).Select(k => k.Rule))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (actIds.Count > 0)
            {
                procedures.Add(new ActProcedure(AxeEngine, name, actIds, WcagTags.SuccessCriteria([.. rule.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)])));
            }
        }

        var own = await page.EvaluateAsync<string>(EmbeddedScripts.OwnRules, Array.Empty<string>());
        using var ownDocument = JsonDocument.Parse(own);
        foreach (var rule in ownDocument.RootElement.EnumerateArray())
        {
            procedures.Add(new ActProcedure(
                OwnEngine,
                OwnEngine + ":" + rule.GetProperty("id").GetString(),
                [.. rule.GetProperty("actIds").EnumerateArray().Select(a => a.GetString()!)],
                [.. rule.GetProperty("wcag").EnumerateArray().Select(a => a.GetString()!)]));
        }

        procedures.AddRange(_keyboardProcedures);
        return procedures;
    }

    /// <summary>
    /// One test case: open the page, run axe, read the outcomes. A page that moves on by itself
    /// while it is checked (a meta refresh) is opened again with its later navigations held back,
    /// since the test case is the page as it was loaded.
    /// </summary>
    private static async Task<ActPageResult> RunCaseAsync(IPage page, string url, ActTestCase testCase, EngineRules rules)
    {
        try
        {
            try
            {
                return await CheckAsync(page, url, testCase, rules);
            }
            catch (PlaywrightException ex) when (AxeRunner.IsDocumentGone(ex))
            {
                // Again in a tab of its own: the first may be on the page it moved on to.
                var held = await page.Context.NewPageAsync();
                try
                {
                    var opened = false;
                    await held.RouteAsync("**/*", async route =>
                    {
                        // The test case's own page is let through once; every later navigation of the tab is held back
                        // ("204 No Content" to a navigation keeps the page where it is; an abort would show an error page).
                        var navigation = route.Request.IsNavigationRequest && route.Request.Frame == held.MainFrame;
                        var leaving = navigation && (opened || route.Request.Url != url);
                        opened |= navigation;
                        if (leaving)
                        {
                            await route.FulfillAsync(new RouteFulfillOptions { Status = 204 });
                        }
                        else
                        {
                            await route.ContinueAsync();
                        }
                    });
                    return await CheckAsync(held, url, testCase, rules);
                }
                finally
                {
                    await held.CloseAsync();
                }
            }
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return new ActPageResult(testCase, new Dictionary<string, ActOutcome>(), BrowserMessages.Of(ex));
        }
    }

    // A dialog a test case opens is dismissed by Playwright itself (no handler is attached).
    private static async Task<ActPageResult> CheckAsync(IPage page, string url, ActTestCase testCase, EngineRules rules)
    {
        await page.GotoAsync(url, new PageGotoOptions { Timeout = PageTimeoutMs, WaitUntil = WaitUntilState.Load });
        var axe = await page.EvaluateAsync<string?>(EmbeddedScripts.ActAxe, rules.Axe).WaitAsync(TimeSpan.FromMilliseconds(PageTimeoutMs * 2));
        if (axe is null)
        {
            return new ActPageResult(testCase, new Dictionary<string, ActOutcome>(), "axe-core blev ikke indlæst i siden.");
        }

        var own = await page.EvaluateAsync<string?>(EmbeddedScripts.OwnRules, rules.Own).WaitAsync(TimeSpan.FromMilliseconds(PageTimeoutMs * 2));
        var outcomes = new Dictionary<string, ActOutcome>(StringComparer.Ordinal);
        Read(AxeEngine, axe);
        Read(OwnEngine, own ?? "{}");
        var walk = await KeyboardTraps.WalkAsync(page);
        var trapped = walk.Traps.Count > 0;
        var trappedOutsideDialog = walk.Traps.Any(t => !t.InModalDialog);

        // A walk cut short by its limits passes nothing it did not reach.
        var unsure = trapped || !walk.Whole;
        outcomes[_keyboardProcedures[0].Name] = walk.Tabbables == 0 ? ActOutcome.Inapplicable : unsure ? ActOutcome.CantTell : ActOutcome.Passed;
        outcomes[_keyboardProcedures[1].Name] = walk.Tabbables == 0 ? ActOutcome.Inapplicable : trappedOutsideDialog ? ActOutcome.Failed : unsure ? ActOutcome.CantTell : ActOutcome.Passed;
        outcomes[_keyboardProcedures[2].Name] = trapped ? ActOutcome.CantTell : ActOutcome.Inapplicable;
        return new ActPageResult(testCase, outcomes, null);

        void Read(string engine, string json)
        {
            using var document = JsonDocument.Parse(json);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                outcomes[engine + ":" + property.Name] = ActSuite.OutcomeOf(property.Value.GetString());
            }
        }
    }
}
