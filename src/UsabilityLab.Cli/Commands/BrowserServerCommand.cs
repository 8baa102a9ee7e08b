using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Spectre.Console;
using UsabilityLab.Browser;

namespace UsabilityLab.Cli.Commands;

/// <summary>
/// <c>usabilitylab browser-server</c>: one Chromium on this machine, served to workers elsewhere by
/// the Playwright driver that ships with Microsoft.Playwright (its <c>launch-server</c>). Prints the
/// address (with a secret path) that <c>--browser-endpoint</c> takes.
/// </summary>
internal static class BrowserServerCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var host = new Option<string>("--host")
        {
            Description = "Adressen, browserserveren lytter på. Standard er kun denne maskine (127.0.0.1); workere på andre maskiner kræver maskinens adresse på netværket, fx 0.0.0.0.",
            DefaultValueFactory = _ => "127.0.0.1",
            HelpName = "adresse",
        };
        var port = new Option<int>("--port")
        {
            Description = "Porten (0-65535; 0 vælger en ledig).",
            DefaultValueFactory = _ => 3000,
            HelpName = "port",
        };
        var browser = new Option<string?>("--browser")
        {
            Description = $"Sti til Chromium. Ellers bruges miljøvariablen {BrowserOptions.ExecutableEnvironmentVariable}, Playwrights egne browsere eller /usr/bin/chromium.",
            HelpName = "sti",
        };
        host.Validators.Add(result =>
        {
            if (!IPAddress.TryParse(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError("--host skal være en IP-adresse, fx 127.0.0.1 eller 0.0.0.0.");
            }
        });
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError("--port skal være mellem 0 og 65535.");
            }
        });
        var command = new Command("browser-server", "Kør en Chromium, som workere på andre maskiner bruger med --browser-endpoint, til den stoppes (Ctrl+C).");
        command.Options.Add(host);
        command.Options.Add(port);
        command.Options.Add(browser);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new BrowserOptions { ExecutablePath = parse.GetValue(browser) };
            var candidates = ChromiumLocator.Candidates(options);
            var candidate = candidates.Count == 0 ? null : candidates[0];
            if (candidate is null)
            {
                console.MarkupLine("[red]Fandt ingen Chromium.[/] Installer den ('sudo apt-get install chromium'), eller angiv stien med --browser.");
                return ExitCodes.CouldNotRun;
            }

            if (Driver() is not { } driver)
            {
                console.MarkupLine("[red]Playwrights driver mangler ved siden af programmet (.playwright/node og .playwright/package).[/] Byg UsabilityLab igen.");
                return ExitCodes.CouldNotRun;
            }

            var sandbox = ChromiumSandbox.StartWithSandbox(headless: true, ChromiumSandbox.RunningAsRoot);
            var config = Path.Combine(Path.GetTempPath(), $"usabilitylab-browser-server-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.json");
            await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["executablePath"] = candidate.ExecutablePath,
                ["args"] = options.LaunchArguments(sandbox),
                ["chromiumSandbox"] = sandbox,
                ["headless"] = true,
                ["host"] = parse.GetValue(host),
                ["port"] = parse.GetValue(port),

                // The path is the server's password: whoever knows the address can drive the browser.
                ["wsPath"] = "/" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(),
            }), cancellationToken);
            try
            {
                return await ServeAsync(console, driver, config, candidate, sandbox, cancellationToken);
            }
            finally
            {
                File.Delete(config);
            }
        });
        return command;
    }

    private static async Task<int> ServeAsync(IAnsiConsole console, (string Node, string Cli) driver, string config, ChromiumCandidate candidate, bool sandbox, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(driver.Node) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { driver.Cli, "launch-server", "--browser", "chromium", "--config", config })
        {
            start.ArgumentList.Add(argument);
        }

        using var server = Process.Start(start) ?? throw new InvalidOperationException("The Playwright driver did not start.");
        var errors = server.StandardError.ReadToEndAsync(CancellationToken.None);
        var endpoint = await server.StandardOutput.ReadLineAsync(cancellationToken);
        if (endpoint is null || !endpoint.StartsWith("ws", StringComparison.Ordinal))
        {
            await server.WaitForExitAsync(CancellationToken.None);
            console.MarkupLine($"[red]Browserserveren kunne ikke starte:[/] {Markup.Escape((await errors).Trim().Split('\n')[0])}");
            return ExitCodes.CouldNotRun;
        }

        console.MarkupLine($"Browserserveren kører med {Markup.Escape(candidate.ToString())}{(sandbox ? string.Empty : " (uden Chromiums sandkasse)")}. Ctrl+C stopper den.");
        console.MarkupLine("Workere bruger den med (adressen er hemmelig: den, der kender den, kan styre browseren):");
        console.WriteLine($"  --browser-endpoint {endpoint}");
        try
        {
            await server.WaitForExitAsync(cancellationToken);
            console.MarkupLine($"[red]Browserserveren stoppede:[/] {Markup.Escape((await errors).Trim().Split('\n')[0])}");
            return ExitCodes.CouldNotRun;
        }
        catch (OperationCanceledException)
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(CancellationToken.None);
            console.MarkupLine("Browserserveren er stoppet.");
            return ExitCodes.Done;
        }
    }

    /// <summary>The node and the driver script Microsoft.Playwright puts beside the program.</summary>
    private static (string Node, string Cli)? Driver()
    {
        var root = Path.Combine(AppContext.BaseDirectory, ".playwright");
        var cli = Path.Combine(root, "package", "cli.js");
        var nodes = Path.Combine(root, "node");
        if (!File.Exists(cli) || !Directory.Exists(nodes))
        {
            return null;
        }

        var node = Directory.EnumerateFiles(nodes, OperatingSystem.IsWindows() ? "node.exe" : "node", SearchOption.AllDirectories)
            .FirstOrDefault(path => Path.GetFileName(Path.GetDirectoryName(path)!).Contains(RuntimeName(), StringComparison.OrdinalIgnoreCase));
        return node is null ? null : (node, cli);
    }

    private static string RuntimeName() =>
        (OperatingSystem.IsWindows() ? "win32_" : OperatingSystem.IsMacOS() ? "darwin-" : "linux-")
        + (System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "x64");
}
