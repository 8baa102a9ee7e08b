using System.CommandLine;
using Spectre.Console;
using UsabilityLab.Browser;
using UsabilityLab.Cli.Commands;
using UsabilityLab.Core;
using UsabilityLab.Data;

namespace UsabilityLab.Cli;

/// <summary>Builds the usabilitylab command tree and runs it, mapping failures to the documented exit codes.</summary>
public static class LabCommandLine
{
    public static RootCommand Build(IAnsiConsole console)
    {
        var root = new RootCommand(
            """
            UsabilityLab gennemgår kommunale selvbetjeningsløsninger: kører en borgers opgave i Chromium,
            tjekker hvert trin med axe-core og tjeklisten, gemmer fundene og skriver en rapport på dansk.

            Exitkoder: 0 færdig (også når opgaven fejlede; det er et fund), 1 kunne ikke køre
            (ingen browser, database eller mappe), 2 forkert input (opgave, tjekliste eller tilvalg; intet er skrevet).
            """);
        root.Subcommands.Add(AuditCommand.Create(console));
        root.Subcommands.Add(RunCommand.Create(console));
        root.Subcommands.Add(ScanCommand.Create(console));
        root.Subcommands.Add(ReportCommand.Create(console));
        root.Subcommands.Add(AuditsCommand.Create(console));
        root.Subcommands.Add(AssessCommand.Create(console));
        root.Subcommands.Add(DemoCommand.Create(console));
        root.Subcommands.Add(ServeCommand.Create(console));
        root.Subcommands.Add(BenchCommand.Create(console));
        root.Subcommands.Add(ActCommand.Create(console));
        root.Subcommands.Add(DbCommand.Create(console));
        root.Subcommands.Add(WorkerCommand.Create(console));
        root.Subcommands.Add(SchedulesCommand.Create(console));
        root.Subcommands.Add(BrowserServerCommand.Create(console));
        return root;
    }

    /// <summary>Parses and runs; returns the exit code. Help text goes to <paramref name="helpOutput"/> (standard output by default).</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter? helpOutput = null, CancellationToken cancellationToken = default)
    {
        var root = Build(console);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.MarkupLine($"[red]Fejl:[/] {Markup.Escape(Danish(error.Message))}");
            }

            console.MarkupLine("Se [bold]usabilitylab --help[/] eller [bold]usabilitylab <kommando> --help[/].");
            return ExitCodes.BadInput;
        }

        try
        {
            var invocation = new InvocationConfiguration { Output = helpOutput ?? Console.Out, EnableDefaultExceptionHandler = false };
            return await parse.InvokeAsync(invocation, cancellationToken);
        }
        catch (InputException ex)
        {
            WriteInputErrors(console, ex);
            return ExitCodes.BadInput;
        }
        catch (StorageFailedException ex)
        {
            console.MarkupLine($"[red]Kunne ikke gemme:[/] {Markup.Escape(ex.Message)}");
            return ExitCodes.CouldNotRun;
        }
        catch (BrowserUnavailableException ex)
        {
            console.MarkupLine($"[red]Kunne ikke køre:[/] {Markup.Escape(ex.Message)}");
            return ExitCodes.CouldNotRun;
        }
        catch (Npgsql.NpgsqlException ex)
        {
            // A PostgreSQL server that cannot be reached or refuses the login: what to check, not a stack trace.
            console.MarkupLine($"[red]Kunne ikke bruge PostgreSQL-databasen:[/] {Markup.Escape(ex.Message)}{Markup.Escape(ex.InnerException is { } inner ? " (" + inner.Message + ")" : string.Empty)}");
            console.MarkupLine("[grey]Tjek værten, porten, brugeren og adgangskoden i --db (eller USABILITYLAB_DB), og at serveren kører.[/]");
            return ExitCodes.CouldNotRun;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            console.MarkupLine($"[red]Kunne ikke køre:[/] {Markup.Escape(ex.Message)}");
            return ExitCodes.CouldNotRun;
        }
    }

    /// <summary>System.CommandLine's own messages that reviewers meet most, in Danish; others pass as they are.</summary>
    internal static string Danish(string message)
    {
        var parse = System.Text.RegularExpressions.Regex.Match(message, @"^Cannot parse argument '(.*)' for option '(.*)' as expected type 'System\.Int32'\.$");
        if (parse.Success)
        {
            return $"{parse.Groups[2].Value} skal være et helt tal, ikke '{parse.Groups[1].Value}'.";
        }

        var required = System.Text.RegularExpressions.Regex.Match(message, @"^Option '(.*)' is required\.$");
        if (required.Success)
        {
            return $"{required.Groups[1].Value} skal angives.";
        }

        var unknown = System.Text.RegularExpressions.Regex.Match(message, @"^Unrecognized command or argument '(.*)'\.$");
        return unknown.Success ? $"'{unknown.Groups[1].Value}' er ikke en kendt kommando eller et kendt tilvalg." : message;
    }

    internal static void WriteInputErrors(IAnsiConsole console, InputException ex)
    {
        foreach (var error in ex.Errors)
        {
            console.MarkupLine($"[red]{Markup.Escape(error.Position.ToString())}:[/] {Markup.Escape(error.Message)}");
        }

        console.MarkupLine("[grey]Intet er skrevet til databasen. Ret filen og prøv igen.[/]");
    }
}
