using System.CommandLine;
using Spectre.Console;
using UsabilityLab.Data;

namespace UsabilityLab.Cli.Commands;

/// <summary><c>usabilitylab report</c>: writes (again) the report of a stored audit.</summary>
internal static class ReportCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var common = new CommonOptions();
        var audit = new Argument<string>("gennemgang")
        {
            Description = "Gennemgangens id (de første tegn er nok, som 'audits' viser dem) eller 'latest' for den nyeste.",
            DefaultValueFactory = _ => "latest",
        };
        var scan = new Option<bool>("--scan")
        {
            Description = "Skriv en scannings samlede rapport (HTML, PDF og JSON under scans/) i stedet; id'et er scanningens, som 'scan' og workeren skriver det, eller 'latest'.",
        };
        var command = new Command("report", "Skriv rapporten (HTML og PDF) for en gemt gennemgang eller, med --scan, en gemt scanning.");
        command.Arguments.Add(audit);
        command.Options.Add(scan);
        common.AddTo(command, browser: false);
        command.Options.Add(common.Browser);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = common.Paths(parse);
            await using var db = await StoredAudits.OpenExistingAsync(paths, cancellationToken);
            if (parse.GetValue(scan))
            {
                var outcome = await StoredAudits.WriteScanReportAsync(db, paths, parse.GetValue(audit)!, !parse.GetValue(common.NoPdf), parse.GetValue(common.Browser), cancellationToken);
                console.MarkupLine($"Scanning [bold]{outcome.Scan.Id.ToString("N")[..8]}[/] af {Markup.Escape(outcome.Scan.Name)}: {outcome.Summary.Pages.Count} sider, {outcome.Summary.Problems.Count} problemer.");
                console.MarkupLine($"Rapport: [link]{Markup.Escape(outcome.Files.HtmlPath)}[/]");
                if (outcome.Files.PdfPath is { } pdfPath)
                {
                    console.MarkupLine($"PDF:     {Markup.Escape(pdfPath)}");
                }

                console.MarkupLine($"Data:    {Markup.Escape(outcome.Files.JsonPath)}");
                return ExitCodes.Done;
            }

            var stored = await StoredAudits.LoadAsync(new AuditStore(db), paths, parse.GetValue(audit)!, cancellationToken);
            var files = await StoredAudits.WriteReportAsync(stored, paths, !parse.GetValue(common.NoPdf), parse.GetValue(common.Browser), cancellationToken);
            Summary.WriteFiles(console, files);

            return ExitCodes.Done;
        });
        return command;
    }
}
