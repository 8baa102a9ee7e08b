using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using UsabilityLab.Browser;
using UsabilityLab.Browser.Scan;
using UsabilityLab.Core;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scans;
using UsabilityLab.Data;
using UsabilityLab.Data.Scans;
using UsabilityLab.Reports;

namespace UsabilityLab.Cli;

/// <summary>The files a scan's summary is written to.</summary>
internal sealed record ScanFiles(string HtmlPath, string JsonPath, string? PdfPath);

/// <summary>A finished scan: its summary, its files, and how long it took.</summary>
internal sealed record ScanOutcome(Scan Scan, ScanSummary Summary, ScanFiles Files, TimeSpan Elapsed, ScanFrontier Frontier);

/// <summary>
/// One scan from the CLI: the pages audited by <see cref="PageScanner"/> on one Chromium and kept
/// by <see cref="ScanJournal"/> as they finish, then the summary report (HTML, and PDF unless the
/// reviewer asks for none) and its export (JSON).
/// </summary>
internal static class ScanRun
{
    private static readonly JsonSerializerOptions _json = new() { WriteIndented = true };

    public static async Task<ScanOutcome> RunAsync(
        IAnsiConsole console,
        LabPaths paths,
        BrowserHost host,
        ScanFrontier frontier,
        ScanSettings settings,
        string source,
        bool pdf,
        CancellationToken cancellationToken)
    {
        AuditJournal.EnsureWritable(paths.EvidenceFolder);
        var database = LabDatabase.Normalize(paths.Database);
        var scanner = new PageScanner(host, new AxeRunner(), new FileEvidenceStore(paths.EvidenceFolder));
        var watch = Stopwatch.StartNew();
        var scan = new Scan
        {
            Id = settings.ScanId,
            Name = settings.SiteName,
            Source = source,
            ChecklistId = settings.Checklist.Id,
            StartedAt = DateTimeOffset.UtcNow,
        };
        await ScanJournal.RecordAsync(database, scan, (store, token) => console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async live =>
            {
                var bar = live.AddTask("Sider", maxValue: Math.Max(1, frontier.Planned));
                await scanner.RunAsync(frontier, settings, store, new BarProgress(bar, frontier), token);
            }), cancellationToken: cancellationToken);

        var elapsed = watch.Elapsed;
        await using var reader = new LabDbContext(LabDatabase.Options(database));
        scan = await new ScanStore(reader).LoadAsync(settings.ScanId, cancellationToken)
            ?? throw new InvalidOperationException($"Scan {settings.ScanId} was saved but cannot be read back.");
        var summary = ScanSummary.Of(scan.Pages);
        var files = await WriteAsync(scan, summary, settings.Checklist, paths.ReportsFolder, pdf ? new PdfPrinter(host) : null, cancellationToken);
        return new ScanOutcome(scan, summary, files, elapsed, frontier);
    }

    /// <summary>The summary report (HTML, and PDF when a printer is given) and its JSON export, under <c>scans/</c> in the reports folder.</summary>
    public static async Task<ScanFiles> WriteAsync(Scan scan, ScanSummary summary, Checklist checklist, string reportsFolder, IPdfPrinter? printer, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(reportsFolder, "scans");
        Directory.CreateDirectory(folder);
        var baseName = $"scanning_{ReportFormat.IsoDay(scan.StartedAt)}_{scan.Id.ToString("N")[..8]}";
        var checks = CheckNames.OnOnePage.Where(checklist.ForOnePage().Uses).ToList();
        await using var renderer = new ReportRenderer();
        var html = await renderer.RenderAsync(new ScanReportModel(scan, summary, checklist.Title, checks, DateTimeOffset.UtcNow));
        var htmlPath = Path.GetFullPath(Path.Combine(folder, baseName + ".html"));
        await AtomicFile.WriteAllBytesAsync(htmlPath, Encoding.UTF8.GetBytes(html), cancellationToken);
        var jsonPath = Path.GetFullPath(Path.Combine(folder, baseName + ".json"));
        await AtomicFile.WriteAllBytesAsync(jsonPath, JsonSerializer.SerializeToUtf8Bytes(Export(scan, summary), _json), cancellationToken);
        string? pdfPath = null;
        if (printer is not null)
        {
            pdfPath = Path.GetFullPath(Path.Combine(folder, baseName + ".pdf"));
            await AtomicFile.WriteAllBytesAsync(pdfPath, await printer.PrintAsync(html, cancellationToken), cancellationToken);
        }

        return new ScanFiles(htmlPath, jsonPath, pdfPath);
    }

    /// <summary>The scan as data: its pages and its problems, a template problem once with all its pages.</summary>
    private static object Export(Scan scan, ScanSummary summary) => new
    {
        fields_version = 1,
        scan = new
        {
            id = scan.Id,
            name = scan.Name,
            source = scan.Source,
            started_at = ReportFormat.IsoMoment(scan.StartedAt),
            status = scan.Status.ToString(),
            pages = summary.Pages.Count,
            pages_opened = summary.PagesOpened,
            pages_with_findings = summary.PagesWithFindings,
            problems = summary.Problems.Count,
            template_problems = summary.TemplateProblems.Count(),
        },
        pages = summary.Pages.Select(p => new
        {
            url = p.Url,
            title = p.Title,
            audit_id = p.Audit.Id,
            opened = p.Opened,
            failure = p.Audit.FailureMessage,
            findings = p.Audit.Findings.Count,
        }),
        problems = summary.Problems.Select(p => new
        {
            fingerprint = p.Example.Fingerprint,
            rule = p.Example.RuleId,
            severity = p.Example.Severity.ToString(),
            criterion = p.Example.CriterionId,
            wcag = string.Join(' ', p.Example.Wcag),
            title = p.Example.Title,
            selector = p.Example.Selector,
            template = p.IsTemplate,
            pages = p.Pages.Select(page => page.Url),
        }),
    };

    /// <summary>The summary on the terminal: pages, problems, template problems, top rules, worst pages, files.</summary>
    public static void Write(IAnsiConsole console, ScanOutcome outcome)
    {
        var summary = outcome.Summary;
        var culture = DanishText.Culture;
        var seconds = outcome.Elapsed.TotalSeconds;
        console.MarkupLine($"[bold]{summary.Pages.Count}[/] sider på {seconds.ToString("0.0", culture)} s ({(summary.Pages.Count / Math.Max(seconds, 0.001)).ToString("0.0", culture)} sider/s) · {summary.PagesOpened} kunne åbnes · {summary.PagesWithFindings} med fund");
        console.MarkupLine($"{summary.Problems.Count} problemer ({summary.Findings} fund på siderne), heraf {summary.TemplateProblems.Count()} fælles for flere sider · scanning [bold]{outcome.Scan.Id.ToString("N")[..8]}[/]");
        if (outcome.Frontier.OverLimit > 0)
        {
            console.MarkupLine($"[yellow]{outcome.Frontier.OverLimit} adresser mere blev fundet, men ikke undersøgt: grænsen er {outcome.Frontier.MaxPages} sider (--max-pages).[/]");
        }

        if (outcome.Frontier.RefusedByRobots.Count > 0)
        {
            console.MarkupLine($"[grey]{outcome.Frontier.RefusedByRobots.Count} adresser blev sprunget over, fordi robots.txt beder om det.[/]");
        }

        if (summary.ByRule.Count > 0)
        {
            var rules = new Table().Border(TableBorder.Simple).AddColumns("Regel", "Problemer", "Sider", "Værst");
            foreach (var rule in summary.ByRule.Take(10))
            {
                rules.AddRow(Markup.Escape(rule.Key), rule.Problems.ToString(culture), rule.Pages.ToString(culture), rule.Worst.Danish());
            }

            console.Write(rules);
        }

        foreach (var score in summary.WorstPages.Take(5))
        {
            console.MarkupLine($"  [grey]{score.Problems.ToString(culture)} problemer ({score.Critical} kritiske) ·[/] {Markup.Escape(score.Page.Url)}");
        }

        console.MarkupLine($"Rapport: [link]{Markup.Escape(outcome.Files.HtmlPath)}[/]");
        if (outcome.Files.PdfPath is { } pdfPath)
        {
            console.MarkupLine($"PDF:     {Markup.Escape(pdfPath)}");
        }

        console.MarkupLine($"Data:    {Markup.Escape(outcome.Files.JsonPath)}");
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench: scan_pages={summary.Pages.Count} scan_seconds={seconds:0.0} scan_pages_per_second={summary.Pages.Count / Math.Max(seconds, 0.001):0.00} scan_flagged={summary.PagesWithFindings} scan_problems={summary.Problems.Count} scan_template_problems={summary.TemplateProblems.Count()}"));
    }

    /// <summary>The bar over the pages planned so far (a crawl finds more as it goes) and the page being read.</summary>
    private sealed class BarProgress(ProgressTask bar, ScanFrontier frontier) : IScanProgress
    {
        public void PageStarted(string url)
        {
            bar.MaxValue = Math.Max(bar.MaxValue, frontier.Planned);
            bar.Description = "Sider · " + Markup.Escape(url.Length > 60 ? "…" + url[^59..] : url);
        }

        public void PageFinished(Audit page)
        {
            bar.MaxValue = Math.Max(bar.MaxValue, frontier.Planned);
            bar.Increment(1);
        }
    }
}
