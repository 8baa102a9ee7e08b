using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using UsabilityLab.Core.Audits;
using UsabilityLab.Data;
using UsabilityLab.Reports;

namespace UsabilityLab.Cli.Commands;

/// <summary><c>usabilitylab audits</c>: lists the stored audits, newest first.</summary>
internal static class AuditsCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var common = new CommonOptions();
        var take = new Option<int>("--take")
        {
            Description = "Hvor mange der vises.",
            DefaultValueFactory = _ => 20,
        };
        var command = new Command("audits", "Vis de gemte gennemgange, nyeste først.");
        common.AddTo(command, browser: false, reports: false);
        command.Options.Add(take);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = common.Paths(parse);
            if (!LabDatabase.IsServer(paths.Database) && !File.Exists(paths.Database))
            {
                console.MarkupLine($"Ingen gennemgange endnu ({Markup.Escape(paths.Database)} findes ikke).");
                return ExitCodes.Done;
            }

            await using var db = await LabDatabase.OpenAsync(paths.Database, cancellationToken);
            var rows = await new AuditStore(db).ListAsync(Math.Max(1, parse.GetValue(take)), cancellationToken);
            var table = new Table().AddColumns("Id", "Dato", "Leverandør", "Løsning", "Opgave", "Resultat", "Fund");
            foreach (var row in rows)
            {
                table.AddRow(
                    row.Id.ToString("N")[..8],
                    Markup.Escape(ReportFormat.Date(row.StartedAt)),
                    Markup.Escape(row.Vendor),
                    Markup.Escape(row.Solution),
                    Markup.Escape(row.TaskTitle),
                    row.Status != AuditStatus.Completed ? "[yellow]ikke færdig[/]" : row.TaskCompleted ? "[green]gennemført[/]" : "[red]fejlede[/]",
                    row.FindingCount.ToString(CultureInfo.InvariantCulture));
            }

            console.Write(table);
            return ExitCodes.Done;
        });
        return command;
    }
}
