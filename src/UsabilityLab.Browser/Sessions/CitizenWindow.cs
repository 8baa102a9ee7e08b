using System.Text.Json;
using Microsoft.Playwright;
using UsabilityLab.Browser.Egress;
using UsabilityLab.Core.Studies;

namespace UsabilityLab.Browser.Sessions;

/// <summary>
/// The citizen's browser window for one session: its own context, recorded attempt by attempt
/// (rrweb with inputs and editable text masked, plus a Playwright trace without snapshots or
/// screenshots), and the questionnaires
/// shown in the same window between tasks.
/// </summary>
public sealed class CitizenWindow : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly EgressProxy _egress;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AttemptRecording? _recording;
    private string? _tracePath;
    private TaskCompletionSource<string>? _answers;

    private CitizenWindow(IBrowserContext context, EgressProxy egress, IPage page)
    {
        _context = context;
        _egress = egress;
        Page = page;
        page.Close += (_, _) => _closed.TrySetResult();
    }

    public IPage Page { get; }

    /// <summary>Completes when the citizen's window is closed (by the person, or because the browser went).</summary>
    public Task Closed => _closed.Task;

    /// <summary>The attempt being recorded now, or null between attempts.</summary>
    public AttemptRecording? Recording => _recording;

    /// <summary>
    /// Opens the window. A visible window takes the size of the screen's window; a headless one the
    /// audit's viewport.
    /// </summary>
    /// <param name="egress">What the window may reach; each attempt's start address is allowed as it starts.</param>
    public static async Task<CitizenWindow> OpenAsync(IBrowser browser, bool visible, EgressPolicy egress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(browser);
        cancellationToken.ThrowIfCancellationRequested();
        var (context, proxy) = await EgressContexts.NewAsync(browser, new BrowserNewContextOptions
        {
            Locale = "da-DK",
            TimezoneId = "Europe/Copenhagen",
            ViewportSize = visible ? ViewportSize.NoViewport : new ViewportSize { Width = 1280, Height = 900 },
        }, egress);
        try
        {
            CitizenWindow? window = null;
            await context.ExposeBindingAsync<string, bool>("__ulSession", (source, json) =>
                window is not null && source.Frame == source.Page.MainFrame && window._recording?.Receive(json) == true);
            await context.ExposeBindingAsync<string>("__ulAnswers", (_, json) => window?._answers?.TrySetResult(json));
            await context.AddInitScriptAsync(EmbeddedScripts.Rrweb + "\n;\n" + EmbeddedScripts.SessionRecorder);

            // The window is the solution: a page outside its origins (and the admin's list) is not
            // opened, in the window or in a new one, and the keys and menu that open the developer
            // tools do nothing. Kiosk mode (BrowserOptions.Kiosk) takes the address bar and tabs.
            await context.AddInitScriptAsync(LockScript);
            await context.RouteAsync("**/*", async route =>
            {
                var request = route.Request;
                if (request.IsNavigationRequest && window is not null && !window._egress.Policy.AllowsPage(request.Url))
                {
                    // Aborted, Chromium shows no error page: the window stays on the page it shows, as
                    // if the link did nothing; a new window for it is closed.
                    window._recording?.Note(TimelineKind.Page, $"Spærret: {OriginOf(request.Url)} hører ikke til løsningen");
                    await route.AbortAsync("aborted");
                    if (request.Frame.Page != window.Page)
                    {
                        await request.Frame.Page.CloseAsync();
                    }

                    return;
                }

                await route.FallbackAsync();
            });
            var page = await context.NewPageAsync();
            window = new CitizenWindow(context, proxy, page);
            return window;
        }
        catch
        {
            await context.CloseAsync();
            throw;
        }
    }

    /// <summary>Keeps the developer tools shut from the page: F12, Ctrl+Shift+I/J/C, Ctrl+U and the context menu.</summary>
    private const string LockScript = """
        (() => {
          const blocked = e => e.key === 'F12'
            || ((e.ctrlKey || e.metaKey) && e.shiftKey && ['i', 'j', 'c'].includes((e.key || '').toLowerCase()))
            || ((e.ctrlKey || e.metaKey) && (e.key || '').toLowerCase() === 'u');
          addEventListener('keydown', e => { if (blocked(e)) { e.preventDefault(); e.stopImmediatePropagation(); } }, true);
          addEventListener('contextmenu', e => e.preventDefault(), true);
        })();
        """;

    private static string OriginOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : url;

    /// <summary>Starts recording an attempt and opens the task's first page.</summary>
    public async Task<AttemptRecording> StartAttemptAsync(string url, string recordingFile, string traceFile, DateTimeOffset startedAt, string title)
    {
        if (_recording is not null)
        {
            throw new InvalidOperationException("An attempt is already being recorded in this window.");
        }

        _egress.Policy = _egress.Policy.With(url);
        _recording = new AttemptRecording(recordingFile, startedAt);
        _tracePath = traceFile;
        // No DOM snapshots (they keep every field's value and, with them, every form body Playwright
        // records) and no screenshots (a picture of a field shows what was typed): the trace keeps
        // the workbench's own calls, the pages, console messages and page errors. The masked rrweb
        // recording is what shows the pages.
        await _context.Tracing.StartAsync(new TracingStartOptions { Screenshots = false, Snapshots = false, Title = title });
        try
        {
            await Page.GotoAsync(url);
        }
        catch (PlaywrightException)
        {
            // The citizen sees the browser's error page, and the timeline and trace show it; the
            // facilitator decides what it means for the task.
        }

        return _recording;
    }

    /// <summary>Stops the attempt's recording and writes its trace.</summary>
    public async Task<RecordingResult> StopAttemptAsync()
    {
        var recording = _recording ?? throw new InvalidOperationException("No attempt is being recorded.");
        if (!Page.IsClosed)
        {
            try
            {
                await Page.EvaluateAsync("() => window.__ulRecorder && window.__ulRecorder.flush()");
            }
            catch (PlaywrightException)
            {
                // Mid-navigation the page may be gone; what arrived so far is kept.
            }
        }

        var result = recording.Complete();
        _recording = null;
        var trace = _tracePath!;
        _tracePath = null;
        Directory.CreateDirectory(Path.GetDirectoryName(trace)!);
        await _context.Tracing.StopAsync(new TracingStopOptions { Path = trace });
        return result;
    }

    /// <summary>A screenshot of what the citizen sees now, with every field's content covered.</summary>
    public Task<byte[]> ScreenshotAsync() =>
        Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Type = ScreenshotType.Png,
            Mask = [Page.Locator("input:not([type=radio]):not([type=checkbox]):not([type=submit]):not([type=button]), textarea, select, [contenteditable=true]")],
            MaskColor = "#6b6b6b",
            Timeout = 10_000,
        });

    /// <summary>
    /// Shows a questionnaire in the window and waits for the answers (question id to value); empty
    /// when the citizen skipped it, null when the window closed first.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>?> AskAsync(
        string heading,
        string introduction,
        IReadOnlyList<ScaleQuestion> questions,
        ICitizen citizen,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(citizen);
        var answers = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _answers = answers;
        await ShowAsync(QuestionnairePage.Html(heading, introduction, questions));
        var answering = citizen.AnswerAsync(Page, questions, cancellationToken);
        var waitingForAnswers = Task.WhenAny(answers.Task, _closed.Task, Task.Delay(Timeout.Infinite, cancellationToken));

        // A script that fails to answer surfaces its error here instead of leaving the wait open.
        if (await Task.WhenAny(answering, waitingForAnswers) == answering)
        {
            await answering;
        }

        var first = await waitingForAnswers;
        await first;
        await answering;
        if (first != answers.Task)
        {
            return null;
        }

        using var json = JsonDocument.Parse(answers.Task.Result);
        return json.RootElement.EnumerateObject()
            .Where(p => questions.Any(q => q.Id == p.Name && p.Value.TryGetInt32(out var v) && v >= q.Min && v <= q.Max))
            .ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal);
    }

    /// <summary>Shows a plain message in the window (between tasks, at the end).</summary>
    public Task ShowMessageAsync(string heading, string text) =>
        ShowAsync(
            $"""<!doctype html><html lang="da"><head><meta charset="utf-8"><title>{System.Net.WebUtility.HtmlEncode(heading)}</title></head><body style="font: 1.5rem/1.5 system-ui, sans-serif; max-width: 40rem; margin: 4rem auto"><main><h1>{System.Net.WebUtility.HtmlEncode(heading)}</h1><p>{System.Net.WebUtility.HtmlEncode(text)}</p></main></body></html>""");

    /// <summary>
    /// Shows UsabilityLab's own page in a fresh blank document: never in the vendor's document,
    /// whose scripts, globals and content security policy would be in the way.
    /// </summary>
    private async Task ShowAsync(string html)
    {
        await Page.GotoAsync("about:blank");
        await Page.SetContentAsync(html);
    }

    public async ValueTask DisposeAsync()
    {
        _recording?.Dispose();
        _recording = null;
        _answers?.TrySetCanceled();
        try
        {
            await _context.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // The browser is already gone.
        }
    }
}
