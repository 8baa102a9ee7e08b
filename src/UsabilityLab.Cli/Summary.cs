using System.Globalization;
using Spectre.Console;
using UsabilityLab.Core;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Reports;

namespace UsabilityLab.Cli;

/// <summary>What the terminal shows after audits: the verdict, findings by severity, and where the reports are.</summary>
internal static class Summary
{
    private static readonly CultureInfo _danish = DanishText.Culture;

    public static void WriteAudit(IAnsiConsole console, Audit audit, ReportFiles files)
    {
        var verdict = audit.TaskCompleted
            ? "[green]opgaven blev gennemført[/]"
            : $"[red]opgaven fejlede på trin {audit.FailedStepIndex + 1}[/] ({Markup.Escape(audit.FailureReason.Danish())})";
        console.MarkupLine($"  {verdict} · {audit.Findings.Count} fund · {Seconds(audit.WallTimeMs)} · gennemgang [bold]{audit.Id.ToString("N")[..8]}[/]");

        // Every check has ended now: the count per step includes the page checks and the side passes.
        var perStep = audit.Steps
            .Where(s => s.Outcome != StepOutcome.NotRun)
            .Select(s => $"{s.Index + 1} {Markup.Escape(s.Name)}: {audit.Findings.Count(f => f.StepIndex == s.Index).ToString(_danish)}")
            .ToList();
        var wholeTask = audit.Findings.Count(f => f.StepIndex is null);
        var recommendations = audit.Advisories.Count(a => a.Kind == AdvisoryKind.Recommendation);
        var toJudge = audit.Advisories.Count(a => a.Kind == AdvisoryKind.NeedsReview);
        if (recommendations + toJudge > 0)
        {
            console.MarkupLine($"  [grey]desuden, ikke fund: {recommendations.ToString(_danish)} anbefalinger (bedste praksis) · {toJudge.ToString(_danish)} til vurdering (axe-core kunne ikke afgøre dem)[/]");
        }

        console.MarkupLine($"  [grey]fund pr. trin, alle kontroller: {string.Join(" · ", perStep)}{(wholeTask > 0 ? $" · hele opgaven: {wholeTask.ToString(_danish)}" : string.Empty)}[/]");
        WriteFiles(console, files, "  ");
    }

    /// <summary>Where a report was written.</summary>
    public static void WriteFiles(IAnsiConsole console, ReportFiles files, string indent = "")
    {
        console.MarkupLine($"{indent}Rapport: {Markup.Escape(files.HtmlPath)}");
        if (files.PdfPath is { } pdf)
        {
            console.MarkupLine($"{indent}PDF:     {Markup.Escape(pdf)}");
        }
    }

    public static void WriteComparison(IAnsiConsole console, IReadOnlyList<Audit> audits)
    {
        var table = new Table().Title("Sammenligning").AddColumns("Leverandør", "Opgaven", "Krit.", "Alv.", "Mod.", "Min.", "Tid");
        foreach (var audit in audits)
        {
            table.AddRow(
                Markup.Escape(audit.Solution.Vendor.Name),
                audit.TaskCompleted ? "[green]gennemført[/]" : $"[red]fejlede på trin {audit.FailedStepIndex + 1}[/]",
                Count(audit, Severity.Critical),
                Count(audit, Severity.Serious),
                Count(audit, Severity.Moderate),
                Count(audit, Severity.Minor),
                Seconds(audit.TimeOnTaskMs));
        }

        console.Write(table);
    }

    private static string Count(Audit audit, Severity severity) =>
        audit.Findings.Count(f => f.Severity == severity).ToString(_danish);

    private static string Seconds(long ms) => (ms / 1000.0).ToString("0.0", _danish) + " s";
}
