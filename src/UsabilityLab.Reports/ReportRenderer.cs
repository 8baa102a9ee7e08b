using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using UsabilityLab.Reports.Components;

namespace UsabilityLab.Reports;

/// <summary>
/// Renders the report's Razor components to an HTML string with ASP.NET Core's own
/// <see cref="HtmlRenderer"/>: part of the shared framework, HTML-encoding by default, no extra package.
/// </summary>
public sealed class ReportRenderer : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly HtmlRenderer _renderer;

    public ReportRenderer()
    {
        // Danish letters stay readable in the file; markup characters (< > & " ') are still always encoded.
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(HtmlEncoder.Create(UnicodeRanges.All))
            .BuildServiceProvider();
        _renderer = new HtmlRenderer(_services, NullLoggerFactory.Instance);
    }

    public Task<string> RenderAsync(ReportModel model) => RenderAsync<AuditReport>(model);

    /// <summary>A study's report: figures, notes and optionally the latest audit.</summary>
    public Task<string> RenderAsync(StudyReportModel model) => RenderAsync<StudyReport>(model);

    /// <summary>A scan's summary: pages, problems per rule and WCAG criterion, template problems once, the worst pages.</summary>
    public Task<string> RenderAsync(ScanReportModel model) => RenderAsync<ScanReport>(model);

    private Task<string> RenderAsync<TReport>(object model)
        where TReport : IComponent =>
        _renderer.Dispatcher.InvokeAsync(async () =>
        {
            // Every report takes its model as "Model".
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { ["Model"] = model });
            var output = await _renderer.RenderComponentAsync<TReport>(parameters);
            return output.ToHtmlString();
        });

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _services.DisposeAsync();
    }
}
