using Microsoft.Playwright;
using UsabilityLab.Core;

namespace UsabilityLab.Browser;

/// <summary>Prints a report's HTML to PDF with Chromium, so the PDF is the same document the HTML shows.</summary>
public sealed class PdfPrinter(BrowserHost host) : IPdfPrinter
{
    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var context = await host.NewContextAsync(Egress.EgressPolicy.Closed);

        // The report is self-contained; nothing it references may be fetched while printing.
        await context.RouteAsync("**/*", route => route.AbortAsync());
        var page = await context.NewPageAsync();
        await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load });
        return await page.PdfAsync(new PagePdfOptions
        {
            Format = "A4",
            PrintBackground = true,

            // The report a vendor receives is itself accessible: a tagged PDF (headings, tables and
            // text in reading order for screen readers) with an outline from its headings.
            Tagged = true,
            Outline = true,
            Margin = new Margin { Top = "15mm", Bottom = "15mm", Left = "12mm", Right = "12mm" },
            DisplayHeaderFooter = true,
            HeaderTemplate = "<span></span>",
            FooterTemplate = "<div style=\"font-size:8px;width:100%;text-align:center;\">Side <span class=\"pageNumber\"></span> af <span class=\"totalPages\"></span></div>",
        });
    }
}
