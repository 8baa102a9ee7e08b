using System.Runtime.CompilerServices;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace UsabilityLab.Browser;

/// <summary>
/// Runs axe-core on a page the fast way: the script is injected once per document and only
/// <c>axe.run</c> is called after that. Results are Deque's own <see cref="AxeResult"/> type,
/// so they compare one-to-one with the stock <c>page.RunAxe()</c> of Deque.AxeCore.Playwright,
/// which injects the 650 kB script into every frame on every call.
/// </summary>
/// <remarks>
/// Each call to the page costs a round trip through the Playwright driver (about 20 ms on the
/// 2-core machines here), so the runner makes one per check: on a new document the script and
/// the run travel together; on a document that already has axe, only the run does. A main-frame
/// navigation marks the page as needing the script again; if the mark is ever wrong (axe absent
/// though no navigation was seen), the run reports it and the script is sent after all.
/// </remarks>
public sealed class AxeRunner
{
    private readonly Lazy<string> _script;
    private readonly ConditionalWeakTable<IPage, PageState> _pages = [];

    public AxeRunner(IAxeScriptProvider? scriptProvider = null)
    {
        var provider = scriptProvider ?? new BundledAxeScriptProvider();
        _script = new Lazy<string>(provider.GetScript);
    }

    /// <summary>WCAG 2.0/2.1 A and AA rules plus axe's best practices; only violations are returned in full.</summary>
    public static AxeRunOptions DefaultOptions() => new()
    {
        RunOnly = RunOnlyOptions.Tags("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"),
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>Runs axe on the page as it is now.</summary>
    /// <remarks>
    /// A navigation that lands while axe runs destroys the document it ran in; the run is then
    /// repeated on the new document once it has loaded, a few times at most.
    /// </remarks>
    public async Task<AxeResult> RunAsync(IPage page, AxeRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        var state = _pages.GetValue(page, Track);
        var optionsJson = JsonConvert.SerializeObject(options ?? DefaultOptions(), AxeJsonSerializerSettings.Default);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                string? json = null;
                if (!state.NeedsScript)
                {
                    json = await page.EvaluateAsync<string?>(EmbeddedScripts.AxeRun, optionsJson);
                }

                if (json is null)
                {
                    // Script and run as one expression: one round trip for a new document.
                    state.NeedsScript = false;
                    json = await page.EvaluateAsync<string>(_script.Value + ";\n(" + EmbeddedScripts.AxeRun + ")(" + JsonConvert.ToString(optionsJson) + ")");
                }

                return new AxeResult(JObject.Parse(json));
            }
            catch (PlaywrightException ex) when (attempt < 4 && IsDocumentGone(ex))
            {
                state.NeedsScript = true;
                await page.WaitForLoadStateAsync(LoadState.Load);
            }
        }
    }

    internal static bool IsDocumentGone(PlaywrightException ex) =>
        ex.Message.Contains("Execution context was destroyed", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("Cannot find context", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("navigat", StringComparison.OrdinalIgnoreCase);

    private static PageState Track(IPage page)
    {
        var state = new PageState();
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                state.NeedsScript = true;
            }
        };
        return state;
    }

    private sealed class PageState
    {
        public volatile bool NeedsScript = true;
    }
}
