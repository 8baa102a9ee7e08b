using Spectre.Console;

namespace UsabilityLab.Cli.Tests;

/// <summary>Runs the real command line in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Output)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 240;
        var code = await LabCommandLine.RunAsync(args, console, helpOutput: writer);
        return new CliRun(code, writer.ToString());
    }
}
