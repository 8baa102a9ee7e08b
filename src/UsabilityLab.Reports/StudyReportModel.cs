using UsabilityLab.Core.Studies;

namespace UsabilityLab.Reports;

/// <summary>A facilitator's note as the study report shows it, with the masked screenshot taken at the note.</summary>
public sealed record StudyReportNote(
    int TaskId,
    string Participant,
    NoteTag Tag,
    TimeSpan At,
    string Text,
    ReportImage? Screenshot,
    string? ReplayUrl);

/// <summary>
/// Everything a study report shows: the study, its figures, the notes, and optionally the solution's
/// latest audit. Replay links are set only in the review unit's copy; a vendor's copy has none.
/// </summary>
public sealed record StudyReportModel(
    Study Study,
    string VendorName,
    string SolutionName,
    int Sessions,
    DateTimeOffset? FirstSession,
    DateTimeOffset? LastSession,
    StudyFigureSet Figures,
    IReadOnlyList<StudyReportNote> Notes,
    ReportModel? LatestAudit,
    DateTimeOffset GeneratedAt)
{
    /// <summary>The file name without extension: studie-{solution}-{date}.</summary>
    public string FileName => $"studie-{Slug(SolutionName)}-{ReportFormat.InDenmark(GeneratedAt):yyyy-MM-dd}";

    private static string Slug(string text)
    {
        var slug = new string(text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return slug.Length == 0 ? "loesning" : slug;
    }
}
