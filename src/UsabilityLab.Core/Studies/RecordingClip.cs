using System.Text.Json.Nodes;

namespace UsabilityLab.Core.Studies;

/// <summary>
/// A stretch of an rrweb recording that replays on its own and holds nothing from before it: a full
/// snapshot of the page as it stood at the start (<see cref="SnapshotAt"/>: the last real one with
/// the changes after it applied), then every event up to the end. A vendor who gets the clip gets
/// from–to, not the session before it. <see cref="Start"/> is where the stretch begins, in
/// milliseconds after the clip's first event: 0, unless the page's first snapshot comes after the
/// chosen start.
/// </summary>
public sealed record RecordingClip(long Start, IReadOnlyList<JsonObject> Events)
{
    private const int FullSnapshot = 2;
    private const int Meta = 4;

    /// <summary>Cuts the events between two Unix times (ms); null when no full snapshot comes before the end.</summary>
    public static RecordingClip? Cut(IReadOnlyList<JsonObject> events, long start, long end)
    {
        ArgumentNullException.ThrowIfNull(events);
        // The latest full snapshot at or before the start; failing that, the first one before the end.
        var snapshot = -1;
        for (var i = 0; i < events.Count; i++)
        {
            if (TypeOf(events[i]) != FullSnapshot)
            {
                continue;
            }

            var at = TimestampOf(events[i]);
            if (at <= start)
            {
                snapshot = i;
            }
            else
            {
                if (snapshot < 0 && at <= end)
                {
                    snapshot = i;
                }

                break;
            }
        }

        if (snapshot < 0)
        {
            return null;
        }

        var meta = snapshot > 0 && TypeOf(events[snapshot - 1]) == Meta ? events[snapshot - 1] : null;
        if (TimestampOf(events[snapshot]) > start)
        {
            // The page's first picture comes after the chosen start: the clip begins there.
            var first = meta is null ? snapshot : snapshot - 1;
            var whole = events.Skip(first).TakeWhile(e => TimestampOf(e) <= end).Select(e => (JsonObject)e.DeepClone()).ToList();
            return new RecordingClip(0, whole);
        }

        var before = events.Skip(snapshot + 1).TakeWhile(e => TimestampOf(e) <= start);
        var cut = new List<JsonObject>();
        if (meta is not null)
        {
            var stamped = (JsonObject)meta.DeepClone();
            stamped["timestamp"] = start;
            cut.Add(stamped);
        }

        cut.AddRange(SnapshotAt.Build(events[snapshot], before, start));
        cut.AddRange(events.SkipWhile(e => TimestampOf(e) <= start).TakeWhile(e => TimestampOf(e) <= end).Select(e => (JsonObject)e.DeepClone()));
        return new RecordingClip(0, cut);
    }

    private static int TypeOf(JsonObject e) => e["type"]?.GetValue<int>() ?? -1;

    private static long TimestampOf(JsonObject e) => e["timestamp"]?.GetValue<long>() ?? 0;
}
