using Spectre.Console;
using UsabilityLab.Core.Act;

namespace UsabilityLab.Cli;

/// <summary>The ACT report on the terminal: rule by rule beside the published tools, then the counts.</summary>
internal static class ActTable
{
    /// <summary>The published reports shown as columns (the fully automated ones first, then those with a person answering).</summary>
    private static readonly (string File, string Column)[] _columns =
    [
        ("qualweb", "QualWeb"),
        ("total-validator-browser", "TotalV"),
        ("axe-devtools-pro", "axe Pro"),
        ("sortsite", "SortSite"),
        ("axe-core", "axe"),
        ("alfa", "Alfa"),
        ("usablenet-aqa-semi-auto", "UsableNet½"),
        ("alfa-assisted", "Alfa½"),
        ("webmate-accessibility-workbench", "Webmate½"),
    ];

    public static void Write(IAnsiConsole console, ActImplementationReport report, IReadOnlyList<PublishedImplementation> published)
    {
        var shown = _columns.Select(c => (c.Column, Report: published.FirstOrDefault(p => p.File == c.File))).Where(c => c.Report is not null).ToList();
        var table = new Table().Border(TableBorder.Simple).Title("ACT-regler: C complete, P partial, ? kun \"kan ikke afgøre\" på de fejlede eksempler (W3C tæller det som partial), – ikke konsistent, × fejl på et bestået eksempel (½: med en persons svar)");
        table.AddColumn("Regel");
        table.AddColumn("UsabilityLab");
        foreach (var (column, _) in shown)
        {
            table.AddColumn(column);
        }

        foreach (var verdict in report.Verdicts)
        {
            var cells = new List<string> { $"{verdict.Rule.Id} {Markup.Escape(Short(verdict.Rule.Name))}", Mark(verdict.Consistency) };
            cells.AddRange(shown.Select(c => Published(c.Report!.On(verdict.Rule.Id))));
            table.AddRow([.. cells]);
        }

        var ruleIds = report.Verdicts.Select(v => v.Rule.Id).ToHashSet(StringComparer.Ordinal);
        var totals = new List<string> { "Konsistente (heraf complete)", $"{report.Consistent} ({report.Complete}); som W3C tæller: {report.ConsistentAsW3C}" };
        totals.AddRange(shown.Select(c =>
        {
            var (consistent, complete) = c.Report!.CountOn(ruleIds);
            return $"{consistent} ({complete})";
        }));
        table.AddRow([.. totals]);
        console.Write(table);

        foreach (var ((procedure, rule), why) in UsabilityLab.Browser.Act.ActRunner.AlsoImplements)
        {
            console.MarkupLine($"{rule}: {Markup.Escape(procedure)} regnes med, skønt axe-core ikke selv nævner reglen: {Markup.Escape(why)}");
        }

        foreach (var wrong in report.Inconsistent)
        {
            console.MarkupLine($"[yellow]{wrong.Rule.Id}[/] ({Markup.Escape(string.Join(", ", wrong.Procedures))}): fejl på {string.Join(", ", wrong.FalseFailures.Select(f => Markup.Escape(f.Case.Title)))}; reglen regnes ikke som konsistent.");
        }
    }

    private static string Mark(ActConsistency consistency) => consistency switch
    {
        ActConsistency.Complete => "C",
        ActConsistency.Partial => "P",
        ActConsistency.Undecided => "?",
        ActConsistency.Inconsistent => "×",
        _ => "–",
    };

    /// <summary>A published verdict: W3C says complete, partial, or nothing (not why).</summary>
    private static string Published(ActConsistency consistency) => consistency switch
    {
        ActConsistency.Complete => "C",
        ActConsistency.Partial => "P",
        _ => "–",
    };

    private static string Short(string name) => name.Length <= 38 ? name : name[..37] + "…";
}
