using System.Text.Json.Nodes;
using UsabilityLab.Core.Studies;

namespace UsabilityLab.Core.Tests;

public class RecordingClipTests
{
    // Two pages: meta + full snapshot at 1000 and at 5000, incremental events between and after.
    private static readonly List<JsonObject> _events =
    [
        Event(4, 1000), Event(2, 1001), Event(3, 2000), Event(3, 3000),
        Event(4, 5000), Event(2, 5001), Event(3, 6000), Event(3, 9000),
    ];

    [Test]
    public void Cut_FromTheMiddleOfAPage_StartsWithASnapshotAtTheStart_AndHoldsNothingFromBefore()
    {
        var clip = RecordingClip.Cut(_events, start: 2500, end: 6000)!;

        Assert.Multiple(() =>
        {
            Assert.That(clip.Events.Select(Timestamp), Is.EqualTo(new long[] { 2500, 2500, 3000, 5000, 5001, 6000 }));
            Assert.That(clip.Events.Take(2).Select(e => e["type"]!.GetValue<int>()), Is.EqualTo(new[] { 4, 2 }), "meta and full snapshot, made at the start");
            Assert.That(clip.Start, Is.Zero, "playback begins at the clip's first event");
        });
    }

    [Test]
    public void Cut_AfterTheSecondSnapshot_LeavesTheFirstPageOut()
    {
        var clip = RecordingClip.Cut(_events, start: 5500, end: 20_000)!;

        Assert.That(clip.Events.Select(Timestamp), Is.EqualTo(new long[] { 5500, 5500, 6000, 9000 }));
    }

    [Test]
    public void Cut_BeforeTheFirstSnapshot_StartsAtTheFirstSnapshot()
    {
        var clip = RecordingClip.Cut(_events, start: 0, end: 2000)!;

        Assert.Multiple(() =>
        {
            Assert.That(clip.Events.Select(Timestamp), Is.EqualTo(new long[] { 1000, 1001, 2000 }));
            Assert.That(clip.Start, Is.Zero);
        });
    }

    [Test]
    public void Cut_EndingBeforeAnySnapshot_IsNull() =>
        Assert.That(RecordingClip.Cut(_events, start: 0, end: 500), Is.Null);

    [Test]
    public void Cut_CopiesTheEvents_TheRecordingIsUntouched()
    {
        var clip = RecordingClip.Cut(_events, start: 0, end: 2000)!;
        clip.Events[0]["timestamp"] = 1;

        Assert.That(Timestamp(_events[0]), Is.EqualTo(1000));
    }

    /// <summary>
    /// A single-page application: one snapshot, then the page changes under it. The clip's own
    /// snapshot shows the page as it stood at the start, and no text it showed before is in the clip.
    /// </summary>
    [Test]
    public void Cut_OnASinglePageApplication_AppliesTheChangesBeforeTheStart_AndLeavesTheEarlierTextOut()
    {
        var events = new List<JsonObject>
        {
            Event(4, 1000),
            Snapshot(1001, """
                {"type":0,"id":1,"childNodes":[{"type":2,"id":2,"tagName":"html","attributes":{},"childNodes":[
                  {"type":2,"id":3,"tagName":"body","attributes":{},"childNodes":[
                    {"type":2,"id":5,"tagName":"p","attributes":{},"childNodes":[{"type":3,"id":6,"textContent":"Før: CPR 010190-1234"}]},
                    {"type":2,"id":9,"tagName":"input","attributes":{"type":"text","value":""},"childNodes":[]},
                    {"type":2,"id":10,"tagName":"input","attributes":{"type":"checkbox"},"childNodes":[]}]}]}]}
                """),
            Incremental(2000, """
                {"source":0,"removes":[{"parentId":3,"id":5}],
                 "adds":[{"parentId":7,"nextId":null,"node":{"type":3,"id":8,"textContent":"Efter"}},
                         {"parentId":3,"nextId":9,"node":{"type":2,"id":7,"tagName":"h2","attributes":{"style":"color: red; margin: 0; "},"childNodes":[]}}],
                 "texts":[],"attributes":[]}
                """),
            Incremental(2200, """{"source":5,"id":9,"text":"*****","isChecked":false}"""),
            Incremental(2250, """{"source":5,"id":10,"text":"","isChecked":true}"""),
            Incremental(2300, """{"source":0,"removes":[],"adds":[],"texts":[{"id":8,"value":"Efter igen"}],"attributes":[{"id":7,"attributes":{"class":"ny","style":{"color":false,"font-size":["12px","important"]}}}]}"""),
            Incremental(2400, """{"source":1,"positions":[{"x":1,"y":2,"id":3,"timeOffset":0}]}"""),
            Incremental(2450, """{"source":3,"id":1,"x":0,"y":340}"""),
            Incremental(4000, """{"source":0,"removes":[],"adds":[],"texts":[{"id":8,"value":"Senere"}],"attributes":[]}"""),
        };

        var clip = RecordingClip.Cut(events, start: 3000, end: 5000)!;

        var text = string.Join('\n', clip.Events.Select(e => e.ToJsonString()));
        var snapshot = clip.Events[1]["data"]!;
        var body = snapshot["node"]!["childNodes"]![0]!["childNodes"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("010190-1234"), "what the page showed before the start is not in the clip");
            Assert.That(clip.Events.Select(Timestamp), Is.EqualTo(new long[] { 3000, 3000, 4000 }));
            Assert.That(body["childNodes"]!.AsArray().Select(n => (int)n!["id"]!), Is.EqualTo(new[] { 7, 9, 10 }), "the heading added before the field, the paragraph removed");
            Assert.That(body["childNodes"]![0]!["childNodes"]![0]!["textContent"]!.GetValue<string>(), Is.EqualTo("Efter igen"));
            Assert.That(body["childNodes"]![0]!["attributes"]!["class"]!.GetValue<string>(), Is.EqualTo("ny"));
            Assert.That(body["childNodes"]![0]!["attributes"]!["style"]!.GetValue<string>(), Is.EqualTo("margin: 0; font-size: 12px !important; "));
            Assert.That(body["childNodes"]![1]!["attributes"]!["value"]!.GetValue<string>(), Is.EqualTo("*****"), "the masked value typed before the start");
            Assert.That(body["childNodes"]![2]!["attributes"]!["checked"]!.GetValue<bool>(), Is.True);
            Assert.That(snapshot["initialOffset"]!["top"]!.GetValue<int>(), Is.EqualTo(340), "scrolled where the page was");
            Assert.That(events[1].ToJsonString(), Does.Contain("010190-1234"), "the recording itself is untouched");
        });
    }

    private static JsonObject Snapshot(long timestamp, string node) =>
        new() { ["type"] = 2, ["data"] = new JsonObject { ["node"] = JsonNode.Parse(node), ["initialOffset"] = new JsonObject { ["top"] = 0, ["left"] = 0 } }, ["timestamp"] = timestamp };

    private static JsonObject Incremental(long timestamp, string data) => new() { ["type"] = 3, ["data"] = JsonNode.Parse(data), ["timestamp"] = timestamp };

    private static JsonObject Event(int type, long timestamp) => new() { ["type"] = type, ["data"] = new JsonObject(), ["timestamp"] = timestamp };

    private static long Timestamp(JsonObject e) => e["timestamp"]!.GetValue<long>();
}
