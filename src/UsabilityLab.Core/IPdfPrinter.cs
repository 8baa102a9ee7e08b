namespace UsabilityLab.Core;

/// <summary>
/// Prints a self-contained HTML document to PDF. Reports are rendered without knowing who prints
/// them; the browser layer's Chromium does it (<c>UsabilityLab.Browser.PdfPrinter</c>).
/// </summary>
public interface IPdfPrinter
{
    Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken = default);
}
