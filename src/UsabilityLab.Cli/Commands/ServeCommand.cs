using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using UsabilityLab.Core.Audits;
using UsabilityLab.Data;
using UsabilityLab.DemoSites;
using UsabilityLab.Web;
using UsabilityLab.Web.Services;

namespace UsabilityLab.Cli.Commands;

/// <summary>
/// <c>usabilitylab serve</c>: the web workbench on the same database as the other commands, on
/// 127.0.0.1 unless told otherwise. A fresh database gets an admin with a one-time password.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var common = new CommonOptions();
        var port = new Option<int>("--port")
        {
            Description = "Porten, workbenchen lytter på (1-65535).",
            DefaultValueFactory = _ => 5080,
            HelpName = "port",
        };
        var host = new Option<string>("--host")
        {
            Description = "Adressen, workbenchen lytter på. Standard er kun denne maskine (127.0.0.1); en anden adresse kræver HTTPS foran (login-cookien er kun for HTTPS og localhost).",
            DefaultValueFactory = _ => "127.0.0.1",
            HelpName = "adresse",
        };
        var demo = new Option<bool>("--demo")
        {
            Description = "Indlæs demodata ved start: de to demoleverandører, demobrugere (adgangskoderne skrives én gang) og en gennemgang af hver.",
        };
        var noWorker = new Option<bool>("--no-worker")
        {
            Description = "Kun med PostgreSQL: læg gennemgangene i køen uden selv at køre dem; workere ('usabilitylab worker') på andre maskiner kører dem. Ellers er workbenchen selv en af workerne.",
        };
        var command = new Command("serve", "Start workbenchen i browseren: gennemgange, fund og dialogen med leverandørerne.");
        common.AddTo(command, reports: false);
        command.Options.Add(port);
        command.Options.Add(host);
        command.Options.Add(demo);
        command.Options.Add(noWorker);
        common.RequireServer(command, "--no-worker lader workere på andre maskiner køre gennemgangene fra køen i en PostgreSQL-database", result => result.GetValue(noWorker));
        var parallel = ParallelOption.Create();
        command.Options.Add(parallel);
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 65535)
            {
                result.AddError("--port skal være mellem 1 og 65535.");
            }
        });
        host.Validators.Add(result =>
        {
            if (!IPAddress.TryParse(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError("--host skal være en IP-adresse, fx 127.0.0.1.");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = common.Paths(parse);
            var address = IPAddress.Parse(parse.GetValue(host)!);
            var url = $"http://{(address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString())}:{parse.GetValue(port)}";
            var checklists = Path.GetDirectoryName(Path.GetFullPath(LabPaths.DefaultChecklist()))!;
            var args = new List<string>
            {
                $"--urls={url}",
                $"--{WorkbenchOptions.Section}:{nameof(WorkbenchOptions.Database)}={LabDatabase.Normalize(paths.Database)}",
                $"--{WorkbenchOptions.Section}:{nameof(WorkbenchOptions.ChecklistsFolder)}={checklists}",
                $"--{WorkbenchOptions.Section}:{nameof(WorkbenchOptions.Parallel)}={parse.GetValue(parallel).ToString(CultureInfo.InvariantCulture)}",
                $"--{WorkbenchOptions.Section}:{nameof(WorkbenchOptions.Worker)}={(parse.GetValue(noWorker) ? "false" : "true")}",
            };
            if (parse.GetValue(common.Browser) is { } browser)
            {
                args.Add($"--{WorkbenchOptions.Section}:{nameof(WorkbenchOptions.BrowserPath)}={Path.GetFullPath(browser)}");
            }

            if (parse.GetValue(common.BrowserEndpoint) is { } endpoint)
            {
                args.Add($"--{WorkbenchOptions.Section}:{nameof(WorkbenchOptions.BrowserEndpoint)}={endpoint}");
            }

            if (parse.GetValue(common.ProxyAddress) is { } proxyAddress)
            {
                args.Add($"--{WorkbenchOptions.Section}:{nameof(WorkbenchOptions.ProxyAddress)}={proxyAddress}");
            }

            if (!IPAddress.IsLoopback(address))
            {
                console.MarkupLine("[yellow]Workbenchen lytter på en adresse, som andre maskiner kan nå. Sæt HTTPS foran (en reverse proxy); login-cookien sendes kun over HTTPS.[/]");
            }

            await using var app = Workbench.Create([.. args], services => services.AddSingleton<IDemoSolutions, DemoSolutions>());
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException ex) when (ex.InnerException is SocketException or null && ex.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
            {
                console.MarkupLine($"[red]Porten er optaget:[/] {Markup.Escape(url)} bruges allerede. Stop det andet program, eller vælg en anden med --port.");
                return ExitCodes.CouldNotRun;
            }

            console.MarkupLine($"[green]Workbenchen kører på[/] {Markup.Escape(url)} · database {Markup.Escape(LabDatabase.Display(paths.Database))} · Ctrl+C stopper den.");
            if (LabDatabase.IsServer(paths.Database))
            {
                console.MarkupLine(parse.GetValue(noWorker)
                    ? "Gennemgange lægges i jobkøen i databasen; workerne ('usabilitylab worker') kører dem."
                    : $"Gennemgange lægges i jobkøen i databasen; workbenchen kører selv {parse.GetValue(parallel)} ad gangen, og flere workere kan hjælpe ('usabilitylab worker').");
            }
            if (parse.GetValue(demo))
            {
                var loaded = await app.Services.GetRequiredService<DemoData>().LoadAsync(cancellationToken);
                foreach (var account in loaded.Accounts)
                {
                    console.MarkupLine($"Demobruger [bold]{Markup.Escape(account.UserName)}[/] ({Markup.Escape(LabRoles.Danish(account.Role))}{Markup.Escape(account.Vendor is null ? string.Empty : ", " + account.Vendor)}): engangskode {Markup.Escape(account.Password)}");
                }

                if (loaded.Accounts.Count > 0)
                {
                    console.MarkupLine($"Engangskoderne skal skiftes ved første login, senest {Markup.Escape(UsabilityLab.Reports.ReportFormat.Date(loaded.Accounts[0].ExpiresAt))}.");
                }

                console.MarkupLine($"Demodata indlæst; {loaded.Runs.Count} gennemgange kører. Følg dem på {Markup.Escape(url)}.");
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                console.MarkupLine("Workbenchen stopper ...");
            }

            await app.StopAsync(CancellationToken.None);
            return ExitCodes.Done;
        });
        return command;
    }
}
