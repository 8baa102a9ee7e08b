using System.Text.Json;
using Microsoft.Playwright;
using UsabilityLab.Core.Act;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Browser.Act;

/// <summary>
/// Runs the ACT test cases through UsabilityLab's engine in one browser: each page is opened as
/// the suite serves it and axe-core (every rule it maps to an ACT rule, also those off by
/// default) is run on it, giving each procedure's outcome. Scoring is <see cref="ActScoring"/>'s.
/// </summary>
public sealed class ActRunner(BrowserHost host, AxeRunner axe)
{
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
        var context = await host.NewContextAsync();
        try
        {
            await axe.PrepareAsync(context);
            var page = await context.NewPageAsync();
            await page.GotoAsync("about:blank");
            var procedures = await ProceduresAsync(page);
            var names = procedures.Select(p => p.Name["axe-core:".Length..]).ToArray();
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
        return [.. document.RootElement.EnumerateArray().Select(rule => new ActProcedure(
            "axe-core",
            "axe-core:" + rule.GetProperty("id").GetString(),
            [.. rule.GetProperty("actIds").EnumerateArray().Select(a => a.GetString()!)],
            WcagTags.SuccessCriteria([.. rule.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)])))];
    }

    /// <summary>
    /// One test case: open the page, run axe, read the outcomes. A page that moves on by itself
    /// while it is checked (a meta refresh) is opened again with its later navigations held back,
    /// since the test case is the page as it was loaded.
    /// </summary>
    private static async Task<ActPageResult> RunCaseAsync(IPage page, string url, ActTestCase testCase, string[] rules)
    {
        try
        {
            try
            {
                return await CheckAsync(page, url, testCase, rules);
            }
            catch (PlaywrightException ex) when (AxeRunner.IsDocumentGone(ex))
            {
                var loaded = false;
                await page.RouteAsync("**/*", async route =>
                {
                    if (loaded && route.Request.IsNavigationRequest && route.Request.Frame == page.MainFrame)
                    {
                        await route.AbortAsync();
                    }
                    else
                    {
                        await route.ContinueAsync();
                    }
                });
                try
                {
                    return await CheckAsync(page, url, testCase, rules, () => loaded = true);
                }
                finally
                {
                    await page.UnrouteAllAsync(new PageUnrouteAllOptions { Behavior = UnrouteBehavior.IgnoreErrors });
                }
            }
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return new ActPageResult(testCase, new Dictionary<string, ActOutcome>(), BrowserMessages.Of(ex));
        }
    }

    // A dialog a test case opens is dismissed by Playwright itself (no handler is attached).
    private static async Task<ActPageResult> CheckAsync(IPage page, string url, ActTestCase testCase, string[] rules, Action? loaded = null)
    {
        await page.GotoAsync(url, new PageGotoOptions { Timeout = PageTimeoutMs, WaitUntil = WaitUntilState.Load });
        loaded?.Invoke();
        var json = await page.EvaluateAsync<string?>(EmbeddedScripts.ActAxe, rules).WaitAsync(TimeSpan.FromMilliseconds(PageTimeoutMs * 2));
        if (json is null)
        {
            return new ActPageResult(testCase, new Dictionary<string, ActOutcome>(), "axe-core blev ikke indlæst i siden.");
        }

        using var document = JsonDocument.Parse(json);
        var outcomes = document.RootElement.EnumerateObject()
            .ToDictionary(p => "axe-core:" + p.Name, p => ActSuite.OutcomeOf(p.Value.GetString()), StringComparer.Ordinal);
        return new ActPageResult(testCase, outcomes, null);
    }
}
