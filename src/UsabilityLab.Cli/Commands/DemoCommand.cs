using System.CommandLine;
using Spectre.Console;
using UsabilityLab.Browser;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scripts;
using UsabilityLab.DemoSites;

namespace UsabilityLab.Cli.Commands;

/// <summary>
/// <c>usabilitylab demo</c>: starts the two demo vendors on 127.0.0.1, audits both with the default
/// checklist, stores the audits, writes both reports and prints a comparison.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var common = new CommonOptions();
        var checklistOption = new Option<string?>("--checklist", "-c")
        {
            Description = $"Tjeklisten (YAML). Standard: checklists/{LabPaths.DefaultChecklistName}; fx checklists/wcag21-aa.yaml.",
            HelpName = "fil",
        };
        var command = new Command("demo", "Gennemgå de to indbyggede demoleverandører af \"Anmeld flytning\" og skriv deres rapporter.");
        command.Options.Add(checklistOption);
        var parallel = ParallelOption.Create();
        command.Options.Add(parallel);
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var script = TaskScriptParser.Load(DemoServer.TaskScriptPath);
            var scriptText = await File.ReadAllTextAsync(DemoServer.TaskScriptPath, cancellationToken);
            var checklist = ChecklistParser.Load(parse.GetValue(checklistOption) ?? LabPaths.DefaultChecklist());

            await using var server = await DemoServer.StartAsync(cancellationToken: cancellationToken);
            console.MarkupLine($"[grey]Demoleverandørerne kører på {Markup.Escape(server.BaseUrl)}[/]");
            await using var session = await AuditSession.StartAsync(console, common.Paths(parse), common.BrowserOptionsFrom(parse), !parse.GetValue(common.NoPdf), cancellationToken);

            var requests = server.Solutions
                .Select(solution => new AuditRequest(script, scriptText, checklist, solution.Vendor.VendorName, solution.Vendor.SolutionName, solution.BaseUrl, TestData.For(script)))
                .ToList();
            var results = await session.AuditAllAsync(requests, parse.GetValue(parallel), cancellationToken);
            var audits = results.Select(r => r.Audit).OfType<Audit>().ToList();
            if (audits.Count > 0)
            {
                Summary.WriteComparison(console, audits);
            }

            return audits.Count == requests.Count ? ExitCodes.Done : ExitCodes.CouldNotRun;
        });
        return command;
    }
}
