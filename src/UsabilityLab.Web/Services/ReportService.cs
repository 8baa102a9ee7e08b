using Microsoft.Extensions.Options;
using UsabilityLab.Browser;
using UsabilityLab.Core.Audits;
using UsabilityLab.Data;
using UsabilityLab.Reports;

namespace UsabilityLab.Web.Services;

/// <summary>An audit's report rendered for the browser.</summary>
public sealed record RenderedReport(Audit Audit, string Html);

/// <summary>The same report the CLI writes, rendered on request: HTML to view, PDF to download.</summary>
public sealed class ReportService(AuditStore audits, ReportRenderer renderer, WorkbenchBrowser browser, IOptions<WorkbenchOptions> options, TimeProvider clock)
{
    public async Task<RenderedReport?> RenderAsync(Guid auditId, CancellationToken cancellationToken = default)
    {
        var audit = await audits.LoadAsync(auditId, cancellationToken);
        if (audit is null)
        {
            return null;
        }

        var model = await new ReportModelBuilder(new FileEvidenceStore(options.Value.EvidenceFolder), clock).BuildAsync(audit, cancellationToken);
        return new RenderedReport(audit, await renderer.RenderAsync(model));
    }

    public async Task<(byte[] Bytes, string FileName)?> PrintAsync(Guid auditId, CancellationToken cancellationToken = default)
    {
        var report = await RenderAsync(auditId, cancellationToken);
        if (report is null)
        {
            return null;
        }

        var host = await browser.GetAsync(cancellationToken);
        var bytes = await new PdfPrinter(host).PrintAsync(report.Html, cancellationToken);
        return (bytes, ReportWriter.FileName(report.Audit) + ".pdf");
    }
}
