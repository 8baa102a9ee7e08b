using Spectre.Console;
using UsabilityLab.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await LabCommandLine.RunAsync(args, AnsiConsole.Console, cancellationToken: cancellation.Token);
