using System.CommandLine;
using Spectre.Console;
using UsabilityLab.Browser;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Plans;
using UsabilityLab.Core.Scripts;
using UsabilityLab.Core;
using UsabilityLab.Data;
using UsabilityLab.Jobs;

namespace UsabilityLab.Cli.Commands;

/// <summary>
/// <c>usabilitylab run PLAN</c>: several solutions in one run, one browser. A solution that
/// breaks in a way no finding can describe does not stop the others.
/// </summary>
internal static class RunCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var common = new CommonOptions();
        var plan = new Argument<string>("plan")
        {
            Description = "Planen (YAML): en liste af gennemgange med vendor, url, script og evt. solution, checklist og set.",
            HelpName = "fil",
        };
        var command = new Command("run", "Gennemgå flere løsninger i én kørsel efter en plan; en løsning, der bryder sammen, stopper ikke de andre.");
        command.Arguments.Add(plan);
        var parallel = ParallelOption.Create();
        command.Options.Add(parallel);
        var queue = new Option<bool>("--queue")
        {
            Description = "Læg gennemgangene i køen i PostgreSQL-databasen i stedet for at køre dem her; workerne ('usabilitylab worker') tager dem. Kræver --db med en PostgreSQL-forbindelse.",
        };
        command.Options.Add(queue);
        common.AddTo(command);
        common.RequireServer(command, "--queue lægger gennemgangene i køen i en PostgreSQL-database, som workerne deler", result => result.GetValue(queue));
        command.SetAction(async (parse, cancellationToken) =>
        {
            var requests = await ReadAsync(parse.GetValue(plan)!, cancellationToken);
            if (parse.GetValue(queue))
            {
                return await QueueAsync(console, requests, common.Paths(parse).Database, Path.GetFileName(parse.GetValue(plan)!), cancellationToken);
            }

            await using var session = await AuditSession.StartAsync(console, common.Paths(parse), common.BrowserOptionsFrom(parse), !parse.GetValue(common.NoPdf), cancellationToken);
            var results = await session.AuditAllAsync(requests, parse.GetValue(parallel), cancellationToken);
            var audits = results.Select(r => r.Audit).OfType<Audit>().ToList();
            var couldNotRun = results.Count(r => r.Audit is null);
            if (audits.Count > 0)
            {
                Summary.WriteComparison(console, audits);
            }

            return couldNotRun == 0 ? ExitCodes.Done : ExitCodes.CouldNotRun;
        });
        return command;
    }

    /// <summary>Puts every audit of the plan in the job queue, in the plan's order, and says which job is which.</summary>
    private static async Task<int> QueueAsync(IAnsiConsole console, List<AuditRequest> requests, string database, string planName, CancellationToken cancellationToken)
    {
        var location = LabDatabase.Normalize(database);
        await LabDatabase.PrepareAsync(location, cancellationToken);

        var storage = LabJobs.Storage(location);
        foreach (var request in requests)
        {
            var jobId = LabJobs.Enqueue(storage, AuditOrder.From(request, $"plan {planName}"));
            console.MarkupLine($"job {Markup.Escape(jobId)} i kø: {Markup.Escape(request.VendorName)} – {Markup.Escape(request.SolutionName)}");
        }

        console.MarkupLine($"{requests.Count} gennemgange lagt i køen i {Markup.Escape(LabDatabase.Display(location))}. Workerne ('usabilitylab worker') tager dem; resultaterne gemmes i databasen.");
        return ExitCodes.Done;
    }

    /// <summary>Reads the plan and every script and checklist it names; all errors are reported at once.</summary>
    private static async Task<List<AuditRequest>> ReadAsync(string planPath, CancellationToken cancellationToken)
    {
        var planned = AuditPlanParser.Load(planPath);
        var errors = new List<InputError>();
        var checklists = new Dictionary<string, Checklist>(StringComparer.Ordinal);
        var requests = new List<AuditRequest>();
        foreach (var audit in planned)
        {
            try
            {
                var script = TaskScriptParser.Load(audit.ScriptPath);
                var checklistPath = audit.ChecklistPath ?? Path.GetFullPath(LabPaths.DefaultChecklist());
                if (!checklists.TryGetValue(checklistPath, out var checklist))
                {
                    checklist = ChecklistParser.Load(checklistPath);
                    checklists[checklistPath] = checklist;
                }

                TestData data;
                try
                {
                    data = TestData.For(script, audit.Set);
                }
                catch (InputException ex)
                {
                    throw new InputException(audit.Position, ex.Errors[0].Message.Replace("--set ", "set: ", StringComparison.Ordinal));
                }

                requests.Add(new AuditRequest(script, await File.ReadAllTextAsync(audit.ScriptPath, cancellationToken), checklist,
                    audit.Vendor, audit.Solution ?? script.Title, audit.Url, data));
            }
            catch (InputException ex)
            {
                errors.AddRange(ex.Errors.Where(e => !errors.Contains(e)));
            }
        }

        return errors.Count > 0 ? throw new InputException(errors) : requests;
    }
}
