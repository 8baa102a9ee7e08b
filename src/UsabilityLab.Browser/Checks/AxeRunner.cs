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
/// which injects the 650 kB script into every frame on every call. Messages are in Danish: the
/// script is configured with axe-core's own Danish locale.
/// </summary>
/// <remarks>
/// Moving the 650 kB script through the Playwright driver costs about 60 ms on the 2-core machines
/// here, every time. So <see cref="PrepareAsync"/> registers it once per browser context as an init
/// script: Chromium then evaluates it in each new document from its own code cache, before the
/// page's scripts, in every frame (as the stock path injects into every frame), and a check costs
/// one round trip for <c>axe.run</c>. For pages in a context that was not prepared, the script and
/// the run travel together in one call, once per document.
/// </remarks>
public sealed class AxeRunner
{
    private readonly Lazy<string> _script;
    private readonly ConditionalWeakTable<IBrowserContext, object> _preparedContexts = [];
    private readonly ConditionalWeakTable<IPage, PageState> _pages = [];

    public AxeRunner(IAxeScriptProvider? scriptProvider = null)
    {
        var provider = scriptProvider ?? new BundledAxeScriptProvider();

        // axe-core then speaks Danish in every document it is put into; rules the locale lacks stay English.
        // Frames from other origins (a payment or login provider) are checked like the page's own:
        // axe reaches them by postMessage, which it otherwise allows within one origin only.
        _script = new Lazy<string>(() => provider.GetScript() + ";\n" + $"window.axe.configure({{ locale: {EmbeddedScripts.DanishLocale}, allowedOrigins: ['<unsafe_all_origins>'] }});");
    }

    /// <summary>Registers axe-core in every document the context creates from now on.</summary>
    public Task PrepareAsync(IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _preparedContexts.AddOrUpdate(context, new object());
        return context.AddInitScriptAsync(_script.Value);
    }

    /// <summary>WCAG 2.0/2.1 A and AA rules plus axe's best practices; only violations are returned in full.</summary>
    public static AxeRunOptions DefaultOptions() => new()
    {
        RunOnly = RunOnlyOptions.Tags("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"),
        // Full nodes for violations and for what axe could not decide (shown to the reviewer as "til vurdering").
        ResultTypes = [ResultType.Violations, ResultType.Incomplete],

        // A frame that never answers (a stalled payment or login frame) holds axe at most this long.
        FrameWaitTime = 5_000,
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
        var prepared = _preparedContexts.TryGetValue(page.Context, out _);
        var optionsJson = JsonConvert.SerializeObject(options ?? DefaultOptions(), AxeJsonSerializerSettings.Default);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                // The run alone returns null when the document has no axe after all (a page opened
                // before the context was prepared, about:blank): then the script goes along.
                string? json = null;
                if (prepared || state.Injected)
                {
                    json = await page.EvaluateAsync<string?>(EmbeddedScripts.AxeRun, optionsJson);
                }

                if (json is null)
                {
                    json = await page.EvaluateAsync<string>(_script.Value + ";\n(" + EmbeddedScripts.AxeRun + ")(" + JsonConvert.ToString(optionsJson) + ")");
                    state.Injected = true;
                }

                return new AxeResult(JObject.Parse(json));
            }
            catch (PlaywrightException ex) when (attempt < 4 && IsDocumentGone(ex))
            {
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
                state.Injected = false;
            }
        };
        return state;
    }

    /// <summary>Whether this runner has put axe into the page's current document itself.</summary>
    private sealed class PageState
    {
        public volatile bool Injected;
    }
}
