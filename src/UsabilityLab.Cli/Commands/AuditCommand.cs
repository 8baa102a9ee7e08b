using System.CommandLine;
using Spectre.Console;
using UsabilityLab.Browser;
using UsabilityLab.Core;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Cli.Commands;

/// <summary><c>usabilitylab audit</c>: runs one task script through one vendor's solution.</summary>
internal static class AuditCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var common = new CommonOptions();
        var script = new Option<string>("--script", "-s")
        {
            Description = "Opgavebeskrivelsen (YAML), fx anmeld-flytning.yaml.",
            Required = true,
            HelpName = "fil",
        };
        var baseUrl = new Option<string>("--url", "-u")
        {
            Description = "Løsningens grundadresse; opgavens start-sti lægges til den.",
            Required = true,
            HelpName = "adresse",
        };
        var vendor = new Option<string>("--vendor")
        {
            Description = "Leverandørens navn, fx \"Nordlys Digital A/S\".",
            Required = true,
            HelpName = "navn",
        };
        var solution = new Option<string?>("--solution")
        {
            Description = "Løsningens navn. Standard: opgavens titel.",
            HelpName = "navn",
        };
        var checklist = new Option<string?>("--checklist", "-c")
        {
            Description = $"Tjeklisten (YAML). Standard: checklists/{LabPaths.DefaultChecklistName}.",
            HelpName = "fil",
        };
        var set = new Option<string[]>("--set")
        {
            Description = "Erstat testdata fra opgavens data:, fx --set bruger-id=testborger2. Kan gentages.",
            HelpName = "navn=værdi",
            AllowMultipleArgumentsPerToken = false,
        };

        var command = new Command("audit", "Gennemgå én løsning: kør opgaven i Chromium, tjek hvert trin, gem fundene og skriv rapporten.");
        command.Options.Add(script);
        command.Options.Add(baseUrl);
        command.Options.Add(vendor);
        command.Options.Add(solution);
        command.Options.Add(checklist);
        command.Options.Add(set);
        common.AddTo(command);
        baseUrl.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                result.AddError($"--url skal være en fuld http- eller https-adresse, ikke '{value}'.");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            // Everything the reviewer wrote is checked before a browser or the database is touched.
            var scriptPath = parse.GetValue(script)!;
            var taskScript = TaskScriptParser.Load(scriptPath);
            var checklistData = ChecklistParser.Load(parse.GetValue(checklist) ?? LabPaths.DefaultChecklist());
            var data = TestData.For(taskScript, ParseOverrides(parse.GetValue(set) ?? []));
            var request = new AuditRequest(
                taskScript,
                await File.ReadAllTextAsync(scriptPath, cancellationToken),
                checklistData,
                parse.GetValue(vendor)!,
                parse.GetValue(solution) ?? taskScript.Title,
                parse.GetValue(baseUrl)!,
                data);

            await using var session = await AuditSession.StartAsync(console, common.Paths(parse), common.BrowserOptionsFrom(parse), !parse.GetValue(common.NoPdf), cancellationToken);
            var (audit, files) = await session.AuditAsync(request, cancellationToken);
            Summary.WriteAudit(console, audit, files);
            return ExitCodes.Done;
        });
        return command;
    }

    internal static Dictionary<string, string> ParseOverrides(IEnumerable<string> pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InputException(new SourcePosition("--set", 1, 1), $"'{pair}' skal have formen navn=værdi.");
            }

            values[pair[..equals]] = pair[(equals + 1)..];
        }

        return values;
    }
}
