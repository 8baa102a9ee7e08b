using System.IO.Compression;
using System.Text.Json;
using Microsoft.Playwright;
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
        await using var window = await CitizenWindow.OpenAsync(BrowserFixture.Host.Browser, visible: false);
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
            Assert.That(trace.Entries.Select(e => e.FullName), Has.Some.EndsWith(".jpeg"), "the trace has screenshots");
        });
    }

    [Test]
    public async Task AskAsync_ScriptedCitizen_AnswersInTheSameWindow_AndNothingMoreIsRecorded()
    {
        var recordingFile = Path.Combine(_folder.FullName, "2", "recording.json.gz");
        await using var window = await CitizenWindow.OpenAsync(BrowserFixture.Host.Browser, visible: false);
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
        await using var window = await CitizenWindow.OpenAsync(BrowserFixture.Host.Browser, visible: false);
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

    private static string NordlysUrl => BrowserFixture.Server.Solutions.Single(s => s.Vendor.Slug == "nordlys").BaseUrl + "/flytning/";

    /// <summary>A citizen who forgets the address once, gets the error, and then finishes.</summary>
    private static List<JsonElement> ReadEvents(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var document = JsonDocument.Parse(gzip);
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
