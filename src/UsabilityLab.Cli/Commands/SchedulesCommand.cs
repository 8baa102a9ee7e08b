using System.CommandLine;
using Spectre.Console;
using UsabilityLab.Core;
using UsabilityLab.Data;
using UsabilityLab.Jobs;

namespace UsabilityLab.Cli.Commands;

/// <summary>
/// <c>usabilitylab schedules</c>: the planned runs in the job engine, tasks' (made on a solution's
/// page in the workbench) and scans' (<c>scan --schedule</c>); run one now or delete it.
/// </summary>
internal static class SchedulesCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var common = new CommonOptions();
        var remove = new Option<string?>("--remove") { Description = "Slet planen med dette id (som listen viser det).", HelpName = "id" };
        var runNow = new Option<string?>("--run-now") { Description = "Læg planens kørsel i køen nu, ud over dens tider.", HelpName = "id" };
        var command = new Command("schedules", "Vis de planlagte kørsler (overvågning af opgaver og planlagte scanninger) i PostgreSQL-databasen: hvornår, hvornår næste gang, og hvordan den sidste gik. Slet eller kør en nu.");
        command.Options.Add(remove);
        command.Options.Add(runNow);
        common.AddTo(command, reports: false, browser: false);
        common.RequireServer(command, "Planerne ligger i jobkøen i en PostgreSQL-database");
        command.Validators.Add(result =>
        {
            if (result.GetValue(remove) is not null && result.GetValue(runNow) is not null)
            {
                result.AddError("Angiv enten --remove eller --run-now, ikke begge.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var location = LabDatabase.Normalize(parse.GetValue(common.Database)!);
            await LabDatabase.PrepareAsync(location, cancellationToken);
            var storage = LabJobs.Storage(location);
            var schedules = Schedules.All(storage);
            if ((parse.GetValue(remove) ?? parse.GetValue(runNow)) is { } id)
            {
                if (!schedules.Any(s => s.Id == id))
                {
                    console.MarkupLine($"[red]Der er ingen plan med id'et {Markup.Escape(id)}.[/] Kør 'usabilitylab schedules' for at se dem.");
                    return ExitCodes.BadInput;
                }

                if (parse.GetValue(remove) is not null)
                {
                    Schedules.Remove(storage, id);
                    console.MarkupLine($"Planen {Markup.Escape(id)} er slettet. Kørsler, der allerede er i køen, kører færdig.");
                }
                else
                {
                    Schedules.RunNow(storage, id);
                    console.MarkupLine($"Planen {Markup.Escape(id)} er lagt i køen nu; en worker tager den.");
                }

                return ExitCodes.Done;
            }

            if (schedules.Count == 0)
            {
                console.MarkupLine("Ingen planer. Planlæg en opgave på løsningens side i workbenchen (Overvågning) eller en scanning med 'usabilitylab scan ... --schedule \"0 6 * * 1\"'.");
                return ExitCodes.Done;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("Id", "Hvad", "Cron (dansk tid)", "Næste gang", "Sidste kørsel");
            foreach (var entry in schedules)
            {
                var what = entry.Scan?.ToString() ?? entry.Order?.ToString() ?? "(kan ikke læses)";
                var last = entry.LastJobId is null ? "endnu ikke kørt" : $"job {entry.LastJobId}: {Danish(entry.LastState)}";
                table.AddRow(Markup.Escape(entry.Id), Markup.Escape(what), Markup.Escape(entry.Cron), Markup.Escape(When(entry.Next) ?? entry.Error ?? "ukendt"), Markup.Escape(last));
            }

            console.Write(table);
            return ExitCodes.Done;
        });
        return command;
    }

    private static string? When(DateTimeOffset? at) =>
        at is { } time ? TimeZoneInfo.ConvertTime(time, Schedules.Denmark).ToString("d. MMM yyyy HH:mm", DanishText.Culture) : null;

    private static string Danish(string? state) => state switch
    {
        "Succeeded" => "færdig",
        "Failed" => "fejlede",
        "Processing" => "kører",
        "Enqueued" => "i kø",
        "Scheduled" => "venter på nyt forsøg",
        null => "ukendt",
        _ => state,
    };
}
