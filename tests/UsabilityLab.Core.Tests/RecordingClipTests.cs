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
    public void Cut_FromTheMiddleOfAPage_StartsAtThatPagesSnapshotAndEndsAtTheEnd()
    {
        var clip = RecordingClip.Cut(_events, start: 2500, end: 6000)!;

        Assert.Multiple(() =>
        {
            Assert.That(clip.Events.Select(Timestamp), Is.EqualTo(new long[] { 1000, 1001, 2000, 3000, 5000, 5001, 6000 }));
            Assert.That(clip.Start, Is.EqualTo(1500), "playback begins 1.5 s after the clip's first event");
        });
    }

    [Test]
    public void Cut_AfterTheSecondSnapshot_LeavesTheFirstPageOut()
    {
        var clip = RecordingClip.Cut(_events, start: 5500, end: 20_000)!;

        Assert.That(clip.Events.Select(Timestamp), Is.EqualTo(new long[] { 5000, 5001, 6000, 9000 }));
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

    private static JsonObject Event(int type, long timestamp) => new() { ["type"] = type, ["data"] = new JsonObject(), ["timestamp"] = timestamp };

    private static long Timestamp(JsonObject e) => e["timestamp"]!.GetValue<long>();
}
