using System.Globalization;
using Spectre.Console;
using UsabilityLab.Browser;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checks;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scripts;
using UsabilityLab.DemoSites;

namespace UsabilityLab.Cli;

/// <summary>
/// <c>usabilitylab bench --only findings</c>: audits every flow built from the real design-system
/// packages (DKFDS, GOV.UK Frontend) with the default checklist and prints, per flow, the
/// findings on the well-made version (the goal is 0: each is a false finding) and how many of the
/// planted problems the flawed version's audit found (the goal is all).
/// </summary>
internal static class DesignSystemBench
{
    public static async Task RunAsync(IAnsiConsole console, string? browser, CancellationToken cancellationToken)
    {
        var checklist = ChecklistParser.Load(LabPaths.DefaultChecklist());
        await using var server = await DemoServer.StartAsync(cancellationToken: cancellationToken);
        await using var host = await BrowserHost.StartAsync(new BrowserOptions { ExecutablePath = browser }, cancellationToken);
        var evidenceFolder = Directory.CreateTempSubdirectory("usabilitylab-bench-");
        try
        {
            var runner = new AuditRunner(host, new AxeRunner(), new FileEvidenceStore(evidenceFolder.FullName));
            var table = new Table().Title("Fund på flows bygget med de rigtige designsystemer (kl-selvbetjening)")
                .AddColumns("Flow", "Designsystem", "Opgaven", "Tastatur", "Fund (mål: 0 på de velbyggede)", "Plantede fejl fundet (mål: alle)");
            var falseFindings = 0;
            var planted = 0;
            var plantedFound = 0;
            var details = new List<string>();
            foreach (var flow in DemoServer.DesignSystemFlows)
            {
                var audit = await AuditAsync(runner, server, flow, checklist, cancellationToken);
                var rules = audit.Findings.SelectMany(SameProblem.Rules).ToHashSet(StringComparer.Ordinal);
                var missed = flow.PlantedProblems.Where(p => !rules.Contains(p)).ToList();
                var counted = audit.Findings.Count;
                if (!flow.Flawed)
                {
                    falseFindings += counted;
                    details.AddRange(audit.Findings.Select(f => $"{flow.Id}: {f.RuleId} på trin {(f.StepIndex ?? -1) + 1}: {f.Title} {f.Selector}"));
                }
                else
                {
                    planted += flow.PlantedProblems.Count;
                    plantedFound += flow.PlantedProblems.Count - missed.Count;
                    details.AddRange(missed.Select(m => $"{flow.Id}: ikke fundet: {m}"));
                }

                table.AddRow(
                    Markup.Escape(flow.Id),
                    Markup.Escape(flow.DesignSystem),
                    audit.TaskCompleted ? "gennemført" : $"[red]ikke gennemført ({Markup.Escape(audit.FailureMessage ?? string.Empty)})[/]",
                    audit.KeyboardCompleted == true ? "gennemført" : "ikke gennemført",
                    flow.Flawed ? counted.ToString(CultureInfo.InvariantCulture) : counted == 0 ? "[green]0[/]" : $"[red]{counted}[/]",
                    flow.Flawed ? $"{flow.PlantedProblems.Count - missed.Count} af {flow.PlantedProblems.Count}" : "–");
            }

            console.Write(table);
            foreach (var line in details)
            {
                console.WriteLine("  " + line);
            }

            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench: design_system_false_findings={falseFindings} design_system_planted_found={plantedFound} design_system_planted={planted}"));
        }
        finally
        {
            evidenceFolder.Delete(recursive: true);
        }
    }

    /// <summary>One audit of a design-system flow with its own task script.</summary>
    public static Task<Audit> AuditAsync(AuditRunner runner, DemoServer server, DesignSystemFlow flow, Checklist checklist, CancellationToken cancellationToken)
    {
        var script = TaskScriptParser.Load(Path.Combine(DemoServer.ScriptFolder, flow.Script));
        var request = new AuditRequest(script, string.Empty, checklist, flow.VendorName, flow.SolutionName, server.BaseUrl + flow.Path, TestData.For(script));
        return runner.RunAsync(request, cancellationToken: cancellationToken);
    }
}
