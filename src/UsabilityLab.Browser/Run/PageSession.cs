using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Playwright;
using UsabilityLab.Browser.Egress;
using UsabilityLab.Core;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Browser;

/// <summary>
/// The browser context one pass of an audit works in, and the window the task is in now. It
/// answers what the solution does besides its pages (dialogs, pop-ups, downloads, a cookie banner,
/// a crash) the way the script says, and writes each of those down as an event of the step where
/// it happened. Closing it closes the context: whatever still waits on the page is released.
/// </summary>
internal sealed class PageSession : IAsyncDisposable
{
    /// <summary>Downloads larger than this are recorded but not kept as evidence.</summary>
    private const long DownloadLimitBytes = 10 * 1024 * 1024;

    private readonly ConcurrentQueue<AuditEvent> _events = new();
    private readonly ConcurrentQueue<IPage> _popups = new();
    private readonly List<Task> _downloads = [];
    private readonly ConcurrentQueue<Evidence> _kept = new();
    private readonly AuditRequest _request;
    private readonly IEvidenceStore? _evidence;
    private readonly Guid _auditId;
    private readonly IPage _first;
    private int _closed;
    private int _downloadCount;

    private PageSession(IBrowserContext context, IPage first, AuditRequest request, IEvidenceStore? evidence, Guid auditId)
    {
        Context = context;
        _first = first;
        Page = first;
        _request = request;
        _evidence = evidence;
        _auditId = auditId;
    }

    public IBrowserContext Context { get; }

    /// <summary>The window the task works in now.</summary>
    public IPage Page { get; private set; }

    /// <summary>True once the current page's renderer has crashed; nothing more can be done on it.</summary>
    public bool Crashed { get; private set; }

    /// <summary>Status of the last document the current window loaded (0 before any).</summary>
    public int LastDocumentStatus { get; private set; }

    /// <summary>True while the script itself acts; a navigation outside that is the page's own doing.</summary>
    public bool Acting { get; set; }

    /// <param name="evidence">Where downloads are kept; null for passes that only replay the task.</param>
    public static async Task<PageSession> OpenAsync(BrowserHost host, AuditRequest request, IEvidenceStore? evidence, Guid auditId, Func<IBrowserContext, Task>? prepare = null)
    {
        PageSession? session = null;
        var context = await host.NewContextAsync(
            host.Options.EgressFor(request.BaseUrl, request.StartUrl),
            refused => session?.Record(AuditEvent.EgressRefused(refused.Target, refused.Verdict == EgressVerdict.Closed ? "closed" : "internal")));
        try
        {
            if (prepare is not null)
            {
                await prepare(context);
            }

            var page = await context.NewPageAsync();
            session = new PageSession(context, page, request, evidence, auditId);
            await session.WatchAsync(page);
            context.Page += (_, popup) => session.OnNewPage(popup);
            return session;
        }
        catch
        {
            await context.CloseAsync();
            throw;
        }
    }

    /// <summary>The events since the last call, in the order they happened.</summary>
    public List<AuditEvent> TakeEvents() => Drain(_events);

    /// <summary>Downloads kept as evidence since the last call.</summary>
    public List<Evidence> TakeKept() => Drain(_kept);

    /// <summary>Waits for the downloads started so far to be stored (at most <paramref name="timeoutMs"/>).</summary>
    public async Task FlushDownloadsAsync(int timeoutMs)
    {
        Task[] pending;
        lock (_downloads)
        {
            pending = [.. _downloads];
            _downloads.Clear();
        }

        if (pending.Length > 0)
        {
            try
            {
                await Task.WhenAll(pending).WaitAsync(TimeSpan.FromMilliseconds(timeoutMs));
            }
            catch (TimeoutException)
            {
                Record(AuditEvent.DownloadUnfinished());
            }
        }
    }

    /// <summary>Switches the task to a pop-up (waiting for one up to <paramref name="timeoutMs"/>) or back to the first window.</summary>
    public async Task FollowAsync(FollowTarget target, int timeoutMs)
    {
        if (target == FollowTarget.Opener)
        {
            Page = _first;
            await Page.BringToFrontAsync();
            return;
        }

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            while (_popups.TryDequeue(out var popup))
            {
                if (!popup.IsClosed)
                {
                    Page = popup;
                    LastDocumentStatus = 0;
                    try
                    {
                        await popup.WaitForLoadStateAsync(LoadState.Load);
                    }
                    catch (TimeoutException)
                    {
                        // Checked as it is, like any page that does not finish loading.
                    }

                    Record(AuditEvent.FollowedWindow(popup.Url));
                    return;
                }
            }

            if (waited.ElapsedMilliseconds >= timeoutMs)
            {
                var seconds = DanishText.Seconds(timeoutMs);
                throw new StepFailedException(FailureReason.ActionFailed, $"follow popup: løsningen åbnede intet nyt vindue inden for {seconds} s.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Closes the context. Whatever waits on one of its pages (an evaluation on a page that never
    /// answers, a screenshot of a page stuck in a loop) fails at once instead of hanging.
    /// </summary>
    public async Task AbandonAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            try
            {
                await Context.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                // The browser is gone or stuck; BrowserHost starts a new one for the next audit.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await AbandonAsync();
    }

    private static List<T> Drain<T>(ConcurrentQueue<T> queue)
    {
        var taken = new List<T>();
        while (queue.TryDequeue(out var item))
        {
            taken.Add(item);
        }

        return taken;
    }

    private void Record(AuditEvent auditEvent) => _events.Enqueue(auditEvent);

    private void OnNewPage(IPage page)
    {
        Record(AuditEvent.WindowOpened(page.Url ?? string.Empty));
        _ = WatchAsync(page);
        _popups.Enqueue(page);
    }

    private async Task WatchAsync(IPage page)
    {
        page.Dialog += async (_, dialog) => await AnswerAsync(dialog);
        page.Crash += (_, crashed) =>
        {
            if (crashed == Page)
            {
                Crashed = true;
            }

            Record(AuditEvent.PageCrashed(crashed.Url));
        };
        page.Download += (_, download) => OnDownload(download);
        page.Response += (_, response) =>
        {
            if (response.Request.IsNavigationRequest && response.Frame == page.MainFrame && page == Page)
            {
                LastDocumentStatus = response.Status;
                if (response.Status >= 400)
                {
                    Record(AuditEvent.ErrorStatus(response.Status, response.StatusText, response.Url));
                }
            }
        };
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame && page == Page && !Acting)
            {
                Record(AuditEvent.MovedByItself(frame.Url));
            }
        };
        page.Close += (_, closed) =>
        {
            if (closed == Page && closed != _first && Volatile.Read(ref _closed) == 0)
            {
                Record(AuditEvent.WindowClosed(closed.Url));
                Page = _first;
            }
        };

        if (_request.Script.Handling.CookieBanner is { } banner)
        {
            var locator = LocatorBuilder.Build(page, banner.Primary, _request.Data);
            var button = banner.Alternatives.Skip(1).Aggregate(locator, (all, next) => all.Or(LocatorBuilder.Build(page, next, _request.Data)));
            await page.AddLocatorHandlerAsync(button.First, async found =>
            {
                Record(AuditEvent.CookieBannerClosed(banner.ToString()));
                await found.ClickAsync();
            });
        }
    }

    private async Task AnswerAsync(IDialog dialog)
    {
        var accept = dialog.Type == DialogType.BeforeUnload || _request.Script.Handling.Dialogs == DialogAnswer.Accept;
        var kind = dialog.Type switch
        {
            DialogType.Alert => AuditEvent.Dialogs.Alert,
            DialogType.Confirm => AuditEvent.Dialogs.Confirm,
            DialogType.Prompt => AuditEvent.Dialogs.Prompt,
            _ => AuditEvent.Dialogs.BeforeUnload,
        };
        Record(AuditEvent.DialogAnswered(kind, string.IsNullOrWhiteSpace(dialog.Message) ? string.Empty : dialog.Message, accept));
        try
        {
            if (accept)
            {
                await dialog.AcceptAsync();
            }
            else
            {
                await dialog.DismissAsync();
            }
        }
        catch (PlaywrightException)
        {
            // The page closed with its dialog open.
        }
    }

    private void OnDownload(IDownload download)
    {
        Record(AuditEvent.DownloadStarted(download.SuggestedFilename));
        var number = Interlocked.Increment(ref _downloadCount);
        var keep = KeepAsync(download, number);
        lock (_downloads)
        {
            _downloads.Add(keep);
        }
    }

    private async Task KeepAsync(IDownload download, int number)
    {
        try
        {
            var path = await download.PathAsync();
            if (_evidence is null || path is null)
            {
                return;
            }

            var size = new FileInfo(path).Length;
            if (size > DownloadLimitBytes)
            {
                Record(AuditEvent.DownloadTooLarge(download.SuggestedFilename, size));
                return;
            }

            var name = $"download-{number:00}{Path.GetExtension(download.SuggestedFilename)}";
            _kept.Enqueue(await _evidence.SaveAsync(_auditId, name, await File.ReadAllBytesAsync(path), "application/octet-stream", 0, 0));
            Record(AuditEvent.DownloadKept(download.SuggestedFilename, size, name));
        }
        catch (PlaywrightException ex)
        {
            Record(AuditEvent.DownloadFailed(download.SuggestedFilename, BrowserMessages.Danish(ex.Message)));
        }
    }
}
