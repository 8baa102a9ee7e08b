namespace UsabilityLab.Core.Studies;

/// <summary>
/// Where a study's recordings, traces, note screenshots and clips live in the evidence folder:
/// everything of one participant under one folder, so deleting the participant's data is deleting
/// that folder.
/// </summary>
public sealed class SessionFiles(string evidenceRoot)
{
    public const string Folder = "sessions";

    public string Root { get; } = Path.GetFullPath(evidenceRoot);

    /// <summary>The participant's folder, relative to the evidence root.</summary>
    public static string ParticipantFolder(int studyId, int participantId) => $"{Folder}/{studyId}/{participantId}";

    public static string Recording(int studyId, int participantId, int attemptId) => $"{ParticipantFolder(studyId, participantId)}/{attemptId}/recording.json.gz";

    public static string Trace(int studyId, int participantId, int attemptId) => $"{ParticipantFolder(studyId, participantId)}/{attemptId}/trace.zip";

    public static string NoteScreenshot(int studyId, int participantId, int attemptId, Guid name) => $"{ParticipantFolder(studyId, participantId)}/{attemptId}/note-{name:N}.png";

    public static string Clip(int studyId, int participantId, int attemptId, Guid name) => $"{ParticipantFolder(studyId, participantId)}/{attemptId}/clip-{name:N}.json.gz";

    /// <summary>The absolute path of a relative one, refusing anything that leaves the sessions folder.</summary>
    public string Absolute(string relative)
    {
        ArgumentException.ThrowIfNullOrEmpty(relative);
        var sessions = Path.Combine(Root, Folder) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(Root, relative));
        if (!path.StartsWith(sessions, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Session file '{relative}' points outside the sessions folder.");
        }

        return path;
    }

    /// <summary>Deletes a file if it is there.</summary>
    public void Delete(string? relative)
    {
        if (relative is not null)
        {
            File.Delete(Absolute(relative));
        }
    }

    /// <summary>Deletes a study's whole folder: every participant's recordings, traces, screenshots and clips, named by a row or not.</summary>
    public void DeleteStudy(int studyId) => DeleteFolder($"{Folder}/{studyId}");

    /// <summary>Deletes a participant's whole folder.</summary>
    public void DeleteParticipant(int studyId, int participantId) => DeleteFolder(ParticipantFolder(studyId, participantId));

    private void DeleteFolder(string relative)
    {
        var folder = Absolute(relative);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
