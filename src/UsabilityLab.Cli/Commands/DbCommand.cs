using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using UsabilityLab.Data;

namespace UsabilityLab.Cli.Commands;

/// <summary>
/// <c>usabilitylab db migrate</c> brings a database (a file or a PostgreSQL server) up to the
/// current schema; <c>usabilitylab db copy --from FILE --to CONNECTION</c> moves a laptop's SQLite
/// history into an empty PostgreSQL database for a team.
/// </summary>
internal static class DbCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("db", "Databasen: opdatér dens skema, eller flyt en SQLite-fil over i PostgreSQL.");
        command.Subcommands.Add(Migrate(console));
        command.Subcommands.Add(Copy(console));
        return command;
    }

    private static Command Migrate(IAnsiConsole console)
    {
        var common = new CommonOptions();
        var command = new Command("migrate", "Opret databasen, hvis den ikke findes, og bring dens skema op til denne udgave af UsabilityLab. Sker også ved hver kørsel; nyttig, før flere workere starter.");
        common.AddTo(command, browser: false, reports: false);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var location = common.Paths(parse).Database;
            await using var db = await LabDatabase.OpenAsync(location, cancellationToken);
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
            console.MarkupLine($"[green]Databasen er opdateret:[/] {Markup.Escape(LabDatabase.Display(location))} · {applied.Count} migreringer, senest {Markup.Escape(applied.LastOrDefault() ?? "ingen")}");
            console.MarkupLine($"[grey]Filer (skærmbilleder, låse): {Markup.Escape(LabDatabase.FilesFolder(location))}[/]");
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command Copy(IAnsiConsole console)
    {
        var from = new Option<string>("--from")
        {
            Description = "SQLite-filen, der kopieres fra (den bringes først op til det nyeste skema).",
            HelpName = "fil",
            Required = true,
        };
        var to = new Option<string>("--to")
        {
            Description = $"PostgreSQL-databasen, der kopieres til: en forbindelse, fx \"Host=db;Database=usabilitylab;Username=lab;Password=...\". Den skal være tom eller ikke findes endnu. Skærmbillederne kopieres til mappen i {LabDatabase.FilesEnvironmentVariable} (ellers ./data).",
            HelpName = "forbindelse",
            Required = true,
        };
        var command = new Command("copy", "Kopiér hele en SQLite-database (gennemgange, fund, dialog, studier, konti) og dens skærmbilleder over i en ny PostgreSQL-database. Alt eller intet: fejler kopien, er målet tomt som før.");
        command.Options.Add(from);
        command.Options.Add(to);
        from.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } file && (LabDatabase.IsServer(file) || !File.Exists(file)))
            {
                result.AddError($"--from: {file} findes ikke; angiv SQLite-filen, fx {LabDatabase.DefaultPath}.");
            }
        });
        to.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } target && !LabDatabase.IsServer(target))
            {
                result.AddError($"--to: \"{target}\" er ikke en PostgreSQL-forbindelse. Skriv den som \"Host=vært;Database=usabilitylab;Username=bruger;Password=...\".");
            }
            else if (CommonOptions.CheckDatabase(result.GetValueOrDefault<string>()) is { } problem)
            {
                result.AddError(problem);
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = parse.GetValue(from)!;
            var target = parse.GetValue(to)!;
            console.MarkupLine($"Kopierer {Markup.Escape(source)} til {Markup.Escape(LabDatabase.Display(target))} ...");
            CopyResult result;
            try
            {
                result = await console.Progress()
                    .AutoClear(true)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async live => await DatabaseCopy.CopyAsync(source, target, new BarProgress(live.AddTask("Tabeller")), cancellationToken));
            }
            catch (InvalidOperationException ex) when (ex.Message.StartsWith(DatabaseCopy.NotEmpty, StringComparison.Ordinal))
            {
                console.MarkupLine($"[red]--to:[/] {Markup.Escape(ex.Message)}");
                console.MarkupLine("[grey]Intet er kopieret.[/]");
                return ExitCodes.BadInput;
            }

            var culture = CultureInfo.InvariantCulture;
            console.MarkupLine($"[green]Kopieret:[/] {result.TotalRows.ToString(culture)} rækker i {result.Rows.Count(r => r.Value > 0).ToString(culture)} tabeller, {result.Files.ToString(culture)} filer.");
            foreach (var (table, rows) in result.Rows.Where(r => r.Value > 0).OrderByDescending(r => r.Value).Take(8))
            {
                console.MarkupLine($"  [grey]{Markup.Escape(table)}: {rows.ToString(culture)}[/]");
            }

            console.MarkupLine($"Brug den nu: giv samme forbindelse med --db, eller sæt {LabDatabase.EnvironmentVariable} til den.");
            return ExitCodes.Done;
        });
        return command;
    }

    /// <summary>One bar over all rows; its text names the table being copied.</summary>
    private sealed class BarProgress(ProgressTask bar) : ICopyProgress
    {
        private long _planned;

        public void Table(string name, long rows)
        {
            _planned += rows;
            bar.MaxValue = Math.Max(1, _planned);
            bar.Description = "Tabel " + Markup.Escape(name);
        }

        public void Copied(long rows) => bar.Increment(rows);
    }
}
