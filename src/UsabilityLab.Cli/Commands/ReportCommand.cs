using System.CommandLine;
using Spectre.Console;
using UsabilityLab.Browser;
using UsabilityLab.Core;
using UsabilityLab.Core.Audits;
using UsabilityLab.Data;
using UsabilityLab.Reports;

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
        var command = new Command("report", "Skriv rapporten (HTML og PDF) for en gemt gennemgang.");
        command.Arguments.Add(audit);
        common.AddTo(command, browser: false);
        command.Options.Add(common.Browser);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = common.Paths(parse);
            if (!File.Exists(paths.Database))
            {
                throw new InputException(new SourcePosition(paths.Database, 1, 1), "databasen findes ikke. Kør først 'usabilitylab audit' eller 'usabilitylab demo', eller angiv --db.");
            }

            await using var db = await LabDatabase.OpenAsync(paths.Database, cancellationToken);
            var store = new AuditStore(db);
            var wanted = parse.GetValue(audit)!;
            Guid? id;
            if (wanted == "latest")
            {
                var newest = await store.ListAsync(1, cancellationToken);
                id = newest.Count > 0 ? newest[0].Id : null;
            }
            else
            {
                id = await store.ResolveIdAsync(wanted, cancellationToken);
            }
            if (id is null)
            {
                throw new InputException(new SourcePosition(paths.Database, 1, 1), $"fandt ingen gennemgang '{wanted}'. Se 'usabilitylab audits' for de gemte.");
            }

            var stored = (await store.LoadAsync(id.Value, cancellationToken))!;
            var evidence = new FileEvidenceStore(paths.EvidenceFolder);
            await using var renderer = new ReportRenderer();
            ReportFiles files;
            if (parse.GetValue(common.NoPdf))
            {
                files = await new ReportWriter(new ReportModelBuilder(evidence), renderer, null).WriteAsync(stored, paths.ReportsFolder, cancellationToken);
            }
            else
            {
                await using var host = await BrowserHost.StartAsync(new BrowserOptions { ExecutablePath = parse.GetValue(common.Browser) }, cancellationToken);
                files = await new ReportWriter(new ReportModelBuilder(evidence), renderer, new PdfPrinter(host)).WriteAsync(stored, paths.ReportsFolder, cancellationToken);
            }

            console.MarkupLine($"Rapport: [link]{Markup.Escape(Path.GetFullPath(files.HtmlPath))}[/]");
            if (files.PdfPath is { } pdf)
            {
                console.MarkupLine($"PDF:     [link]{Markup.Escape(Path.GetFullPath(pdf))}[/]");
            }

            return ExitCodes.Done;
        });
        return command;
    }
}
