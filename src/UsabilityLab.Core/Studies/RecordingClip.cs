using System.Text.Json.Nodes;

namespace UsabilityLab.Core.Studies;

/// <summary>
/// A stretch of an rrweb recording that replays on its own: the page's last full snapshot (with the
/// meta event before it) at or before the start, then every event up to the end. <see cref="Start"/>
/// is where the stretch begins, in milliseconds after the clip's first event.
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

        var first = snapshot > 0 && TypeOf(events[snapshot - 1]) == Meta ? snapshot - 1 : snapshot;
        var cut = events.Skip(first).TakeWhile(e => TimestampOf(e) <= end).Select(e => (JsonObject)e.DeepClone()).ToList();
        var clipStart = TimestampOf(cut[0]);
        return new RecordingClip(Math.Max(0, start - clipStart), cut);
    }

    private static int TypeOf(JsonObject e) => e["type"]?.GetValue<int>() ?? -1;

    private static long TimestampOf(JsonObject e) => e["timestamp"]?.GetValue<long>() ?? 0;
}
