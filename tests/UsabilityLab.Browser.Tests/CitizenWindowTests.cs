using System.IO.Compression;
using System.Text.Json;
using Microsoft.Playwright;
using UsabilityLab.Browser.Egress;
using UsabilityLab.Browser.Sessions;
using UsabilityLab.Core.Studies;
using UsabilityLab.DemoSites;

namespace UsabilityLab.Browser.Tests;

public class CitizenWindowTests
{
    private const string SecretAddress = DemoCitizen.Address;

    private DirectoryInfo _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("usabilitylab-citizen-");

    [TearDown]
    public void DeleteFolder() => _folder.Delete(recursive: true);

    [Test]
    public async Task StartAttemptAsync_ScriptedCitizen_RecordsMaskedDomTimelineAndTrace()
    {
        var recordingFile = Path.Combine(_folder.FullName, "1", "recording.json.gz");
        var traceFile = Path.Combine(_folder.FullName, "1", "trace.zip");
        await using var window = await CitizenWindow.OpenAsync(BrowserFixture.Host.Browser, visible: false, BrowserFixture.Egress);
        var started = DateTimeOffset.UtcNow;

        var recording = await window.StartAttemptAsync(NordlysUrl, recordingFile, traceFile, started, "P01 – Meld flytning");
        await DemoCitizen.MoveAsync(window.Page);
        var screenshot = await window.ScreenshotAsync();
        var result = await window.StopAttemptAsync();

        var events = ReadEvents(recordingFile);
        var recorded = string.Join('\n', events.Select(e => e.GetRawText()));
        var inputs = events
            .Where(e => e.GetProperty("type").GetInt32() == 3 && e.GetProperty("data").GetProperty("source").GetInt32() == 5)
            .Select(e => e.GetProperty("data").GetProperty("text").GetString())
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(recordingFile), Is.True);
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(recordingFile)!, "*.tmp-*"), Is.Empty, "no temporary file is left");
            Assert.That(result.Events, Is.EqualTo(events.Count));
            Assert.That(result.Bytes, Is.EqualTo(new FileInfo(recordingFile).Length));
            Assert.That(events.Count(e => e.GetProperty("type").GetInt32() == 2), Is.GreaterThanOrEqualTo(4), "a full snapshot per page");
            Assert.That(recorded, Does.Contain("Din flytning er anmeldt"));
            // What the citizen types is masked; the summary page shows the address back as page text, and that is kept.
            Assert.That(inputs, Is.Not.Empty);
            Assert.That(inputs, Is.All.Match("^\\**$"), "typed values are masked");
            Assert.That(recorded, Does.Not.Contain($"\"value\":\"{SecretAddress}"), "no field's value attribute holds it");
            Assert.That(recorded, Does.Not.Contain("testborger"));
            Assert.That(result.Timeline.Where(t => t.Kind == TimelineKind.Page).Select(t => t.Text), Has.Some.Contains("(/nordlys/flytning/"));
            Assert.That(result.Timeline.Where(t => t.Kind == TimelineKind.Click).Select(t => t.Text), Does.Contain("knap \"Log ind\""));
            Assert.That(result.Timeline.Where(t => t.Kind == TimelineKind.Error).Select(t => t.Text), Has.Some.Contains("Udfyld"));
            Assert.That(result.Timeline.Select(t => t.At), Is.Ordered, "offsets from the attempt's start");
            Assert.That(recording.Timeline(), Is.EqualTo(result.Timeline));
            Assert.That(screenshot.Take(4), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
            using var trace = ZipFile.OpenRead(traceFile);
            Assert.That(trace.Entries.Select(e => e.FullName), Has.Some.EndsWith(".trace"));
            Assert.That(trace.Entries.Select(e => e.FullName), Has.None.EndsWith(".jpeg").And.None.EndsWith(".png"), "no pictures of the fields");
            Assert.That(trace.Entries.Where(e => e.FullName.EndsWith(".network", StringComparison.Ordinal)).Sum(e => e.Length), Is.Zero, "no network log with form bodies");
        });
    }

    [Test]
    public async Task AskAsync_ScriptedCitizen_AnswersInTheSameWindow_AndNothingMoreIsRecorded()
    {
        var recordingFile = Path.Combine(_folder.FullName, "2", "recording.json.gz");
        await using var window = await CitizenWindow.OpenAsync(BrowserFixture.Host.Browser, visible: false, BrowserFixture.Egress);
        await window.StartAttemptAsync(NordlysUrl, recordingFile, Path.Combine(_folder.FullName, "2", "trace.zip"), DateTimeOffset.UtcNow, "P02");
        await window.StopAttemptAsync();
        var size = new FileInfo(recordingFile).Length;
        var citizen = new ScriptedCitizen((_, _) => Task.CompletedTask, q => q.Id == "seq" ? 6 : q.Id.StartsWith("sus", StringComparison.Ordinal) ? 4 : 5);

        var seq = await window.AskAsync("Hvordan gik det?", "Svar på spørgsmålet.", [Questionnaires.Seq], citizen);
        var sus = await window.AskAsync("Om løsningen", "Svar på alle ti udsagn.", [.. Questionnaires.Sus, Questionnaires.Satisfaction], citizen);

        Assert.Multiple(() =>
        {
            Assert.That(seq, Is.EqualTo(new Dictionary<string, int> { ["seq"] = 6 }));
            Assert.That(sus!.Count, Is.EqualTo(11));
            Assert.That(sus["sus10"], Is.EqualTo(4));
            Assert.That(sus["tilfredshed"], Is.EqualTo(5));
            Assert.That(new FileInfo(recordingFile).Length, Is.EqualTo(size));
        });
    }

    [Test]
    public async Task AskAsync_MissingAnswer_IsAskedForAgain_AndSkippingGivesNoAnswers()
    {
        await using var window = await CitizenWindow.OpenAsync(BrowserFixture.Host.Browser, visible: false, BrowserFixture.Egress);
        var skipper = new ScriptedCitizen((_, _) => Task.CompletedTask, _ => null);
        var asking = window.AskAsync("SEQ", "Svar.", [Questionnaires.Seq, Questionnaires.Satisfaction], new PersonAtTheWindow());

        await window.Page.GetByRole(AriaRole.Radio, new() { Name = "6" }).First.CheckAsync();
        await window.Page.GetByRole(AriaRole.Button, new() { Name = "Send svar" }).ClickAsync();
        await Assertions.Expect(window.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Svar venligst på alle spørgsmål (1 mangler).");
        Assert.That(asking.IsCompleted, Is.False);
        await window.Page.GetByRole(AriaRole.Button, new() { Name = "Spring over" }).ClickAsync();

        Assert.That(await asking, Is.Empty);
        Assert.That(await window.AskAsync("SEQ", "Svar.", [Questionnaires.Seq], skipper), Is.Empty);
    }

    /// <summary>
    /// What a citizen types reaches no stored byte: not the recording, not the trace (no DOM
    /// snapshots, no network bodies, no pictures of the fields), not the note's screenshot. The
    /// citizen types the way a person does, through the browser's input and not through a
    /// Playwright call on the window (which a trace would keep as the call's argument).
    /// </summary>
    [Test]
    public async Task TypedValues_ReachNoStoredByte_RecordingTraceOrScreenshot()
    {
        string[] secrets = ["Navnet7391qx", "Kodeord5521zv", "Beskeden4410kw", "Noten8830jy"];
        var folder = Path.Combine(_folder.FullName, "3");
        await using var window = await CitizenWindow.OpenAsync(BrowserFixture.Host.Browser, visible: false, BrowserFixture.Egress);
        await window.StartAttemptAsync(BrowserFixture.Server.BaseUrl + "/fixtures/maskering/", Path.Combine(folder, "recording.json.gz"), Path.Combine(folder, "trace.zip"), DateTimeOffset.UtcNow, "P03");

        await using (var keyboard = await CitizensKeyboard.AttachAsync(BrowserFixture.Host.Browser, window.Page))
        {
            foreach (var (field, secret) in new[] { "#navn", "#kode", "#besked", "#noter" }.Zip(secrets))
            {
                await window.Page.Locator(field).ClickAsync();
                await keyboard.TypeAsync(secret);
            }
        }

        // Checked by length, on the page and not through a locator: an expectation would put the
        // text into the trace as its argument, and a locator's call log shows the element with its text.
        Assert.That(await window.Page.EvaluateAsync<int>("() => document.getElementById('navn').value.length"), Is.EqualTo(secrets[0].Length));
        Assert.That(await window.Page.EvaluateAsync<int>("() => document.getElementById('noter').textContent.length"), Is.EqualTo(secrets[3].Length));
        File.WriteAllBytes(Path.Combine(folder, "note.png"), await window.ScreenshotAsync());
        await window.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(window.Page.GetByText("Vi har modtaget din ansøgning")).ToBeVisibleAsync();
        var result = await window.StopAttemptAsync();

        var stored = StoredBytes(folder).ToList();
        Assert.That(stored.Select(s => s.Name), Has.Some.EndsWith("recording.json.gz").And.Some.EndsWith(".trace"), "the recording and the trace were read");
        Assert.Multiple(() =>
        {
            foreach (var secret in secrets)
            {
                foreach (var (name, bytes) in stored)
                {
                    Assert.That(Contains(bytes, secret), Is.False, $"'{secret}' is in {name}");
                }

                Assert.That(result.Timeline.Select(t => t.Text), Has.None.Contains(secret), "nor in the timeline");
            }
        });
    }

    /// <summary>
    /// A clip of a single-page application holds the page as it stood at the clip's start and
    /// nothing it showed before, and rrweb's own replayer plays it from that picture.
    /// </summary>
    [Test]
    public async Task Clip_OfASinglePageApplication_StartsAtItsStart_AndReplays()
    {
        var recordingFile = Path.Combine(_folder.FullName, "4", "recording.json.gz");
        await using (var window = await CitizenWindow.OpenAsync(BrowserFixture.Host.Browser, visible: false, BrowserFixture.Egress))
        {
            await window.StartAttemptAsync(BrowserFixture.Server.BaseUrl + "/fixtures/enkeltside/", recordingFile, Path.Combine(_folder.FullName, "4", "trace.zip"), DateTimeOffset.UtcNow, "P04");
            await Assertions.Expect(window.Page.GetByText("Tidligere-tekst-7781")).ToBeVisibleAsync();
            await window.Page.GetByRole(AriaRole.Button, new() { Name = "Videre" }).ClickAsync();
            await Assertions.Expect(window.Page.GetByText("Senere-tekst-4420")).ToBeVisibleAsync();
            await window.Page.WaitForTimeoutAsync(600);
            await window.StopAttemptAsync();
        }

        var events = ReadEvents(recordingFile).Select(e => System.Text.Json.Nodes.JsonNode.Parse(e.GetRawText())!.AsObject()).ToList();
        Assert.That(events.Count(e => (int)e["type"]! == 2), Is.EqualTo(1), "one page, one full snapshot");
        var changed = events.First(e => (int)e["type"]! == 3 && e.ToJsonString().Contains("Senere-tekst-4420", StringComparison.Ordinal));
        var start = (long)changed["timestamp"]! + 100;
        var clip = RecordingClip.Cut(events, start, start + 60_000)!;

        var json = JsonSerializer.Serialize(clip.Events);
        Assert.Multiple(() =>
        {
            Assert.That(string.Join('\n', events.Select(e => e.ToJsonString())), Does.Contain("Tidligere-tekst-7781"), "the recording has the earlier text");
            Assert.That(json, Does.Not.Contain("Tidligere-tekst-7781"), "the clip does not");
            Assert.That(json, Does.Contain("Senere-tekst-4420"));
        });

        var player = await BrowserFixture.Host.Browser.NewPageAsync();
        try
        {
            await player.SetContentAsync("<!DOCTYPE html><html lang=\"da\"><body><div id=\"stage\"></div></body></html>");
            await player.AddScriptTagAsync(new() { Content = ReplayAssets.Script });
            var shown = await player.EvaluateAsync<string>("""
                async json => {
                  const events = JSON.parse(json);
                  const replayer = new rrweb.Replayer(events, { root: document.getElementById('stage'), showWarning: false });
                  replayer.pause(0);
                  await new Promise(r => setTimeout(r, 300));
                  return replayer.iframe.contentDocument.body.innerText;
                }
                """, json);
            Assert.That(shown, Does.Contain("Senere-tekst-4420").And.Not.Contain("Tidligere"), "rrweb replays the clip from the page at its start");
        }
        finally
        {
            await player.CloseAsync();
        }
    }

    /// <summary>
    /// The citizen's window is the solution: a link to another origin, a new window there or a
    /// local file is not opened (the timeline says so), and the keys that open the developer tools
    /// do nothing. (Kiosk mode itself needs a display; its flags are checked in ChromiumSandboxTests.)
    /// </summary>
    [Test]
    public async Task Window_IsLockedToTheSolution()
    {
        var policy = EgressPolicy.For([BrowserFixture.Server.BaseUrl]);
        var folder = Path.Combine(_folder.FullName, "5");
        await using var window = await CitizenWindow.OpenAsync(BrowserFixture.Host.Browser, visible: false, policy);
        var start = BrowserFixture.Server.BaseUrl + "/fixtures/laast/?til=" + Uri.EscapeDataString(BrowserFixture.Server.OtherOrigin + "/fixtures/uden-knap/");
        var recording = await window.StartAttemptAsync(start, Path.Combine(folder, "recording.json.gz"), Path.Combine(folder, "trace.zip"), DateTimeOffset.UtcNow, "P05");

        await window.Page.GetByRole(AriaRole.Link, new() { Name = "Andet sted" }).ClickAsync();
        await WaitForAsync(() => recording.Timeline().Any(t => t.Text.StartsWith("Spærret: " + BrowserFixture.Server.OtherOrigin, StringComparison.Ordinal)));
        await window.Page.GetByRole(AriaRole.Link, new() { Name = "En fil" }).ClickAsync();
        await window.Page.EvaluateAsync("url => window.open(url)", BrowserFixture.Server.OtherOrigin + "/fixtures/uden-knap/");
        await WaitForAsync(() => recording.Timeline().Count(t => t.Text.StartsWith("Spærret", StringComparison.Ordinal)) == 2 && window.Page.Context.Pages.Count == 1);
        var devtoolsKeysStopped = await window.Page.EvaluateAsync<bool>("""
            () => ['F12', 'I'].every(key => {
              const e = new KeyboardEvent('keydown', { key, ctrlKey: key !== 'F12', shiftKey: key !== 'F12', cancelable: true });
              dispatchEvent(e);
              return e.defaultPrevented;
            })
            """);

        Assert.Multiple(async () =>
        {
            Assert.That(window.Page.Url, Is.EqualTo(start), "the window still shows the solution's page");
            Assert.That(await window.Page.TitleAsync(), Does.StartWith("Låst vindue"));
            Assert.That(window.Page.Context.Pages, Has.Count.EqualTo(1), "the new window for another origin was closed");
            Assert.That(devtoolsKeysStopped, Is.True, "F12 and Ctrl+Shift+I do nothing");
        });
        await window.StopAttemptAsync();
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 50)
        {
            Assert.That(waited, Is.LessThan(60_000), "waited a minute");
            await Task.Delay(50);
        }
    }

    private static string NordlysUrl => BrowserFixture.Server.Solutions.Single(s => s.Vendor.Slug == "nordlys").BaseUrl + "/flytning/";

    /// <summary>Every file under <paramref name="folder"/>, with gzip files and zip entries unpacked.</summary>
    private static IEnumerable<(string Name, byte[] Bytes)> StoredBytes(string folder)
    {
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            yield return (file, bytes);
            if (file.EndsWith(".gz", StringComparison.Ordinal))
            {
                using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var unpacked = new MemoryStream();
                gzip.CopyTo(unpacked);
                yield return (file + " (unpacked)", unpacked.ToArray());
            }
            else if (file.EndsWith(".zip", StringComparison.Ordinal))
            {
                using var zip = new ZipArchive(new MemoryStream(bytes));
                foreach (var entry in zip.Entries)
                {
                    using var entryStream = entry.Open();
                    using var unpacked = new MemoryStream();
                    entryStream.CopyTo(unpacked);
                    yield return (file + "!" + entry.FullName, unpacked.ToArray());
                }
            }
        }
    }

    /// <summary>The text as typed, as a form sends it, as JSON escapes it, or as UTF-16.</summary>
    private static bool Contains(byte[] bytes, string secret) =>
        bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(secret)) >= 0
        || bytes.AsSpan().IndexOf(System.Text.Encoding.Unicode.GetBytes(secret)) >= 0
        || bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret))[..12])) >= 0;

    /// <summary>A citizen who forgets the address once, gets the error, and then finishes.</summary>
    private static List<JsonElement> ReadEvents(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var document = JsonDocument.Parse(gzip);
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }
}

/// <summary>
/// Types into the focused element of a page the way a keyboard does, through a browser-level
/// DevTools session: Playwright traces a call on the page's context with its arguments, but a
/// person's keys are no call, and neither is this.
/// </summary>
internal sealed class CitizensKeyboard : IAsyncDisposable
{
    private readonly ICDPSession _browser;
    private readonly string _session;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, TaskCompletionSource> _answers = new();
    private int _message;

    private CitizensKeyboard(ICDPSession browser, string session)
    {
        _browser = browser;
        _session = session;
        _browser.Event("Target.receivedMessageFromTarget").OnEvent += (_, received) =>
        {
            using var answer = JsonDocument.Parse(received!.Value.GetProperty("message").GetString()!);
            if (answer.RootElement.TryGetProperty("id", out var id) && _answers.TryRemove(id.GetInt32(), out var waiting))
            {
                waiting.TrySetResult();
            }
        };
    }

    public static async Task<CitizensKeyboard> AttachAsync(IBrowser browser, IPage page)
    {
        var session = await browser.NewBrowserCDPSessionAsync();
        var targets = await session.SendAsync("Target.getTargets");
        var target = targets!.Value.GetProperty("targetInfos").EnumerateArray()
            .Single(t => t.GetProperty("type").GetString() == "page" && t.GetProperty("url").GetString() == page.Url);
        var attached = await session.SendAsync("Target.attachToTarget", new() { ["targetId"] = target.GetProperty("targetId").GetString()!, ["flatten"] = false });
        return new CitizensKeyboard(session, attached!.Value.GetProperty("sessionId").GetString()!);
    }

    public async Task TypeAsync(string text)
    {
        var id = ++_message;
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _answers[id] = answered;
        var message = JsonSerializer.Serialize(new { id, method = "Input.insertText", @params = new { text } });
        await _browser.SendAsync("Target.sendMessageToTarget", new() { ["sessionId"] = _session, ["message"] = message });
        await answered.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.SendAsync("Target.detachFromTarget", new() { ["sessionId"] = _session });
        await _browser.DetachAsync();
    }
}
