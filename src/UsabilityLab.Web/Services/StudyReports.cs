using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UsabilityLab.Browser;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Studies;
using UsabilityLab.Data;
using UsabilityLab.Reports;

namespace UsabilityLab.Web.Services;

/// <summary>
/// A study's report for the vendor, rendered with the same renderer and printer as the audit reports:
/// figures, notes with their masked screenshots and, if asked, the solution's latest audit. Only the
/// review unit's copy links into the replays.
/// </summary>
public sealed class StudyReports(LabDbContext db, AuditStore audits, StudyFigureSource figures, SessionFiles files, ReportRenderer renderer, WorkbenchBrowser browser, IOptions<WorkbenchOptions> options, TimeProvider clock)
{
    public async Task<StudyReportModel?> BuildAsync(int studyId, bool forReviewUnit, bool withLatestAudit, CancellationToken cancellationToken = default)
    {
        var study = await db.Studies.AsNoTracking().Include(s => s.Tasks).Include(s => s.Solution).ThenInclude(s => s.Vendor)
            .FirstOrDefaultAsync(s => s.Id == studyId, cancellationToken);
        if (study is null)
        {
            return null;
        }

        var sessions = await db.StudySessions.AsNoTracking().Where(s => s.Participant.StudyId == studyId).Select(s => s.StartedAt).ToListAsync(cancellationToken);
        var notes = await db.SessionNotes.AsNoTracking()
            .Where(n => n.Attempt.Session.Participant.StudyId == studyId)
            .OrderBy(n => n.AttemptId).ThenBy(n => n.At)
            .Select(n => new { n.AttemptId, n.Attempt.StudyTaskId, n.Attempt.Session.Participant.Code, n.Tag, n.At, n.Text, n.ScreenshotPath, HasRecording = n.Attempt.RecordingPath != null })
            .ToListAsync(cancellationToken);
        var reportNotes = new List<StudyReportNote>();
        foreach (var note in notes)
        {
            reportNotes.Add(new StudyReportNote(
                note.StudyTaskId,
                note.Code,
                note.Tag,
                note.At,
                note.Text,
                await ScreenshotAsync(note.ScreenshotPath, reportNotes.Count, cancellationToken),
                forReviewUnit && note.HasRecording ? $"/forsoeg/{note.AttemptId}/afspil?t={(long)note.At.TotalMilliseconds}" : null));
        }

        return new StudyReportModel(
            study,
            study.Solution.Vendor.Name,
            study.Solution.Name,
            sessions.Count,
            sessions.Count == 0 ? null : sessions.Min(),
            sessions.Count == 0 ? null : sessions.Max(),
            await figures.FiguresAsync(studyId, cancellationToken),
            reportNotes,
            withLatestAudit ? await LatestAuditAsync(study.SolutionId, cancellationToken) : null,
            clock.GetUtcNow());
    }

    public async Task<string?> RenderAsync(int studyId, bool forReviewUnit, bool withLatestAudit, CancellationToken cancellationToken = default) =>
        await BuildAsync(studyId, forReviewUnit, withLatestAudit, cancellationToken) is { } model ? await renderer.RenderAsync(model) : null;

    public async Task<(byte[] Bytes, string FileName)?> PrintAsync(int studyId, bool forReviewUnit, bool withLatestAudit, CancellationToken cancellationToken = default)
    {
        var model = await BuildAsync(studyId, forReviewUnit, withLatestAudit, cancellationToken);
        if (model is null)
        {
            return null;
        }

        var html = await renderer.RenderAsync(model);
        var bytes = await new PdfPrinter(await browser.GetAsync(cancellationToken)).PrintAsync(html, cancellationToken);
        return (bytes, model.FileName + ".pdf");
    }

    private async Task<ReportModel?> LatestAuditAsync(int solutionId, CancellationToken cancellationToken)
    {
        var latest = await db.Audits.AsNoTracking()
            .Where(a => a.SolutionId == solutionId && a.Status == AuditStatus.Completed)
            .OrderByDescending(a => a.StartedAt)
            .Select(a => (Guid?)a.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var audit = latest is { } id ? await audits.LoadAsync(id, cancellationToken) : null;
        return audit is null ? null : await new ReportModelBuilder(new FileEvidenceStore(options.Value.EvidenceFolder), clock).BuildAsync(audit, cancellationToken);
    }

    private async Task<ReportImage?> ScreenshotAsync(string? relativePath, int index, CancellationToken cancellationToken)
    {
        var path = relativePath is null ? null : files.Absolute(relativePath);
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        var png = await File.ReadAllBytesAsync(path, cancellationToken);

        // A PNG's width and height are the big-endian integers at bytes 16 and 20 of its header.
        var (width, height) = png.Length >= 24
            ? (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)))
            : (0, 0);
        return new ReportImage($"note-{index}", "data:image/png;base64," + Convert.ToBase64String(png), width, height);
    }
}
