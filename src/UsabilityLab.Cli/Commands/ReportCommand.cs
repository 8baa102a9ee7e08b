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
        var command = new Command("report", "Skriv rapporten (HTML og PDF) for en gemt gennemgang.");
        command.Arguments.Add(audit);
        common.AddTo(command, browser: false);
        command.Options.Add(common.Browser);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = common.Paths(parse);
            await using var db = await StoredAudits.OpenExistingAsync(paths, cancellationToken);
            var stored = await StoredAudits.LoadAsync(new AuditStore(db), paths, parse.GetValue(audit)!, cancellationToken);
            var files = await StoredAudits.WriteReportAsync(stored, paths, !parse.GetValue(common.NoPdf), parse.GetValue(common.Browser), cancellationToken);
            Summary.WriteFiles(console, files);

            return ExitCodes.Done;
        });
        return command;
    }
}
