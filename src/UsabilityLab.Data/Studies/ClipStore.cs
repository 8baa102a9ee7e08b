using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Studies;
using static UsabilityLab.Core.Studies.StudyRules;

namespace UsabilityLab.Data;

/// <summary>Clips of recordings attached to findings, so a vendor sees the stretch where a test citizen met the problem.</summary>
public sealed class ClipStore(LabDbContext db, SessionFiles files, TimeProvider clock)
{
    /// <summary>
    /// Attaches a stretch of an attempt's recording to a finding of the same solution, so the vendor
    /// can see it. The clip is a copy of the masked recording from the last full snapshot before
    /// <paramref name="from"/> to <paramref name="to"/> (times since the attempt started), stored as
    /// gzip JSON <c>{"start": ms into the clip, "events": [...]}</c>.
    /// </summary>
    public async Task<FindingClip> AttachClipAsync(int trackedFindingId, int attemptId, TimeSpan from, TimeSpan to, string createdBy, CancellationToken cancellationToken = default)
    {
        StudyRules.CheckClip(from, to);
        var attempt = await db.TaskAttempts.AsNoTracking()
            .Where(a => a.Id == attemptId)
            .Select(a => new { a.StartedAt, a.RecordingPath, a.Session.Participant.StudyId, a.Session.ParticipantId, a.Session.Participant.Study.SolutionId })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new StudyRuleException("Forsøget findes ikke.");
        Require(attempt.RecordingPath is not null && File.Exists(files.Absolute(attempt.RecordingPath)), "Forsøget har ingen optagelse (den er slettet efter opbevaringsperioden, eller den blev ikke gemt).");
        Require(await db.TrackedFindings.AnyAsync(f => f.Id == trackedFindingId && f.SolutionId == attempt.SolutionId, cancellationToken), "Fundet hører ikke til studiets løsning.");

        var events = await ReadRecordingAsync(files.Absolute(attempt.RecordingPath!), cancellationToken);
        var start = attempt.StartedAt.ToUnixTimeMilliseconds() + (long)from.TotalMilliseconds;
        var end = attempt.StartedAt.ToUnixTimeMilliseconds() + (long)to.TotalMilliseconds;
        var clip = RecordingClip.Cut(events, start, end);
        Require(clip is not null, "Optagelsen har intet billede af siden i det valgte tidsrum.");

        var path = SessionFiles.Clip(attempt.StudyId, attempt.ParticipantId, attemptId, Guid.NewGuid());
        var absolute = files.Absolute(path);
        Directory.CreateDirectory(Path.GetDirectoryName(absolute)!);
        using (var buffer = new MemoryStream())
        {
            await using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                await JsonSerializer.SerializeAsync(gzip, clip, JsonSerializerOptions.Web, cancellationToken);
            }

            await Core.AtomicFile.WriteAllBytesAsync(absolute, buffer.ToArray(), cancellationToken);
        }

        var row = new FindingClip { TrackedFindingId = trackedFindingId, AttemptId = attemptId, From = from, To = to, Path = path, CreatedBy = createdBy, CreatedAt = clock.GetUtcNow() };
        db.FindingClips.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            files.Delete(path);
            throw;
        }

        return row;
    }

    private static async Task<List<System.Text.Json.Nodes.JsonObject>> ReadRecordingAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        await using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        return await JsonSerializer.DeserializeAsync<List<System.Text.Json.Nodes.JsonObject>>(gzip, cancellationToken: cancellationToken) ?? [];
    }
}
