using System.IO.Compression;
using System.Text;
using System.Text.Json;
using UsabilityLab.Core.Studies;

namespace UsabilityLab.Browser.Sessions;

/// <summary>What one attempt's recording came to.</summary>
public sealed record RecordingResult(long Bytes, int Events, IReadOnlyList<TimelineEntry> Timeline);

/// <summary>
/// The recording of one task attempt as it arrives from the citizen's window: rrweb events streamed
/// into a gzip JSON array (under a temporary name until it is complete), and the timeline kept in
/// memory for the facilitator's page.
/// </summary>
public sealed class AttemptRecording : IDisposable
{
    private readonly Lock _lock = new();
    private readonly string _path;
    private readonly string _temporary;
    private readonly FileStream _file;
    private readonly GZipStream _gzip;
    private readonly List<TimelineEntry> _timeline = [];
    private readonly long _startedAtMs;
    private int _events;
    private bool _closed;

    internal AttemptRecording(string path, DateTimeOffset startedAt)
    {
        _path = path;
        _startedAtMs = startedAt.ToUnixTimeMilliseconds();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
        _file = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
        _gzip = new GZipStream(_file, CompressionLevel.SmallestSize);
        _gzip.Write("["u8);
    }

    /// <summary>Raised, on the browser's thread, for each page, click and error shown.</summary>
    public event Action<TimelineEntry>? TimelineAdded;

    public int Events
    {
        get
        {
            lock (_lock)
            {
                return _events;
            }
        }
    }

    public IReadOnlyList<TimelineEntry> Timeline()
    {
        lock (_lock)
        {
            return [.. _timeline];
        }
    }

    /// <summary>Takes a batch from the page; false when the recording is closed (the page stops recording then).</summary>
    internal bool Receive(string json)
    {
        var added = new List<TimelineEntry>();
        lock (_lock)
        {
            if (_closed)
            {
                return false;
            }

            using var batch = JsonDocument.Parse(json);
            foreach (var item in batch.RootElement.EnumerateArray())
            {
                var kind = item.GetProperty("k").GetString();
                if (kind == "rr")
                {
                    if (_events > 0)
                    {
                        _gzip.Write(","u8);
                    }

                    _gzip.Write(Encoding.UTF8.GetBytes(item.GetProperty("e").GetRawText()));
                    _events++;
                    continue;
                }

                var timelineKind = kind switch
                {
                    "page" => TimelineKind.Page,
                    "click" => TimelineKind.Click,
                    "error" => TimelineKind.Error,
                    _ => (TimelineKind?)null,
                };
                if (timelineKind is null)
                {
                    continue;
                }

                var at = TimeSpan.FromMilliseconds(Math.Max(0, item.GetProperty("at").GetDouble() - _startedAtMs));
                var entry = new TimelineEntry { At = at, Kind = timelineKind.Value, Text = item.GetProperty("text").GetString() ?? "" };
                _timeline.Add(entry);
                added.Add(entry);
            }
        }

        foreach (var entry in added)
        {
            TimelineAdded?.Invoke(entry);
        }

        return true;
    }

    /// <summary>Adds a line the workbench itself saw (a page it did not let the window open).</summary>
    internal void Note(TimelineKind kind, string text)
    {
        var entry = new TimelineEntry { At = TimeSpan.FromMilliseconds(Math.Max(0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - _startedAtMs)), Kind = kind, Text = text };
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _timeline.Add(entry);
        }

        TimelineAdded?.Invoke(entry);
    }

    /// <summary>Closes the array, and moves the file to its name: a recording that exists is whole.</summary>
    internal RecordingResult Complete()
    {
        lock (_lock)
        {
            if (!_closed)
            {
                _closed = true;
                _gzip.Write("]"u8);
                _gzip.Dispose();
                _file.Dispose();
                File.Move(_temporary, _path, overwrite: true);
            }

            return new RecordingResult(new FileInfo(_path).Length, _events, [.. _timeline]);
        }
    }

    /// <summary>Drops an unfinished recording.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            _gzip.Dispose();
            _file.Dispose();
            File.Delete(_temporary);
        }
    }
}
