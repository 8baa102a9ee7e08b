using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using UsabilityLab.Core;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Reports;

/// <summary>The files written for one audit's report.</summary>
public sealed record ReportFiles(string HtmlPath, string? PdfPath);

/// <summary>Writes an audit's report as HTML and, when a printer is given, PDF, under the reports folder.</summary>
public sealed partial class ReportWriter(ReportModelBuilder builder, ReportRenderer renderer, IPdfPrinter? printer)
{
    public async Task<ReportFiles> WriteAsync(Audit audit, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var model = await builder.BuildAsync(audit, cancellationToken);
        var html = await renderer.RenderAsync(model);
        Directory.CreateDirectory(folder);
        var baseName = FileName(audit);
        var htmlPath = Path.Combine(folder, baseName + ".html");
        await AtomicFile.WriteAllBytesAsync(htmlPath, Encoding.UTF8.GetBytes(html), cancellationToken);

        string? pdfPath = null;
        if (printer is not null)
        {
            pdfPath = Path.Combine(folder, baseName + ".pdf");
            await AtomicFile.WriteAllBytesAsync(pdfPath, await printer.PrintAsync(html, cancellationToken), cancellationToken);
        }

        return new ReportFiles(htmlPath, pdfPath);
    }

    /// <summary>e.g. "blokform-aps_anmeld-flytning_2026-11-23_3f2a9c1b".</summary>
    public static string FileName(Audit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var date = ReportFormat.IsoDay(audit.StartedAt);
        return $"{Slug(audit.Solution.Vendor.Name)}_{Slug(audit.TaskId)}_{date}_{audit.Id.ToString("N")[..8]}";
    }

    private static string Slug(string text)
    {
        var lowered = text.ToLowerInvariant().Replace("æ", "ae", StringComparison.Ordinal).Replace("ø", "oe", StringComparison.Ordinal).Replace("å", "aa", StringComparison.Ordinal);
        var slug = NonSlug().Replace(lowered, "-").Trim('-');
        return slug.Length == 0 ? "rapport" : slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();
}
