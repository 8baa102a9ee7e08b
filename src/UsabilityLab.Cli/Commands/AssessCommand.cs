using System.CommandLine;
using Spectre.Console;
using UsabilityLab.Core.Assessments;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Data;
using UsabilityLab.Reports;

namespace UsabilityLab.Cli.Commands;

/// <summary>
/// <c>usabilitylab assess</c>: the reviewer's assessment of the criteria a machine cannot judge,
/// from a YAML/JSON file or by answering prompts, stored with the audit; the report is rewritten.
/// </summary>
internal static class AssessCommand
{
    private const string Skip = "spring over";

    public static Command Create(IAnsiConsole console)
    {
        var common = new CommonOptions();
        var audit = new Argument<string>("gennemgang")
        {
            Description = "Gennemgangens id (de første tegn er nok) eller 'latest'.",
            DefaultValueFactory = _ => "latest",
        };
        var file = new Option<string?>("--file", "-f")
        {
            Description = "Vurderingerne som YAML eller JSON (se README). Uden --file spørges der i terminalen.",
            HelpName = "fil",
        };
        var reviewer = new Option<string?>("--reviewer")
        {
            Description = "Navnet på den, der vurderer (ved spørgsmål i terminalen). Standard: brugernavnet.",
            HelpName = "navn",
        };
        var list = new Option<bool>("--list")
        {
            Description = "Vis kun kriterierne, der skal vurderes, med skærmbillederne at vurdere ud fra.",
        };
        var noReport = new Option<bool>("--no-report")
        {
            Description = "Skriv ikke rapporten igen bagefter.",
        };

        var command = new Command("assess", "Vurdér de kriterier, en maskine ikke kan afgøre: bestået, ikke bestået eller ikke relevant, med kommentar.");
        command.Arguments.Add(audit);
        command.Options.Add(file);
        command.Options.Add(reviewer);
        command.Options.Add(list);
        command.Options.Add(noReport);
        common.AddTo(command, browser: false);
        command.Options.Add(common.Browser);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = common.Paths(parse);
            await using var db = await StoredAudits.OpenExistingAsync(paths, cancellationToken);
            var store = new AuditStore(db);
            var stored = await StoredAudits.LoadAsync(store, paths, parse.GetValue(audit)!, cancellationToken);
            var checklist = stored.ChecklistVersion.Parse();
            var toAssess = AuditScore.Compute(checklist, stored)
                .SelectMany(a => a.Criteria)
                .Where(c => c.Criterion.Evaluation.Manual || !c.Criterion.Evaluation.IsAutomated)
                .OrderBy(c => checklist.Criteria.ToList().IndexOf(c.Criterion))
                .ToList();

            WriteEvidence(console, stored, paths, toAssess);
            if (parse.GetValue(list))
            {
                return ExitCodes.Done;
            }

            IReadOnlyList<Assessment> assessments;
            if (parse.GetValue(file) is { } path)
            {
                // The whole file is checked against the audit's checklist before anything is stored.
                assessments = AssessmentFileParser.Load(path, checklist, TimeProvider.System.GetUtcNow()).Assessments;
            }
            else if (console.Profile.Capabilities.Interactive)
            {
                assessments = Ask(console, toAssess, parse.GetValue(reviewer) ?? Environment.UserName);
            }
            else
            {
                console.MarkupLine("Terminalen er ikke interaktiv: angiv vurderingerne med [bold]--file[/] (se README).");
                return ExitCodes.BadInput;
            }

            await store.AddAssessmentsAsync(stored.Id, assessments, cancellationToken);
            console.MarkupLine($"[green]{assessments.Count} vurderinger gemt[/] med gennemgang {stored.Id.ToString("N")[..8]}.");

            if (!parse.GetValue(noReport))
            {
                var updated = (await store.LoadAsync(stored.Id, cancellationToken))!;
                var files = await StoredAudits.WriteReportAsync(updated, paths, !parse.GetValue(common.NoPdf), parse.GetValue(common.Browser), cancellationToken);
                Summary.WriteFiles(console, files);
            }

            return ExitCodes.Done;
        });
        return command;
    }

    private static void WriteEvidence(IAnsiConsole console, Audit audit, LabPaths paths, IReadOnlyList<CriterionResult> toAssess)
    {
        console.MarkupLine($"[bold]{Markup.Escape(audit.Solution.Vendor.Name)}[/] – {Markup.Escape(audit.Solution.Name)}, {Markup.Escape(ReportFormat.Date(audit.StartedAt))}");
        var table = new Table().AddColumns("Kriterium", "Status", "Seneste vurdering");
        foreach (var result in toAssess)
        {
            table.AddRow(
                Markup.Escape($"{result.Criterion.Id} {result.Criterion.Title}"),
                Markup.Escape(ReportFormat.Status(result.Status)),
                result.Assessment is { } a ? Markup.Escape($"{a.Verdict.Danish()} ({a.Reviewer})") : "[grey]ingen[/]");
        }

        console.Write(table);
        console.MarkupLine("Skærmbilleder at vurdere ud fra:");
        foreach (var step in audit.Steps.Where(s => s.Screenshot is not null))
        {
            var file = Path.Combine(paths.EvidenceFolder, step.Screenshot!.RelativePath);
            console.MarkupLine($"  Trin {step.Index + 1} {Markup.Escape(step.Name)}: {Markup.Escape(file)}");
        }
    }

    private static List<Assessment> Ask(IAnsiConsole console, IReadOnlyList<CriterionResult> toAssess, string reviewer)
    {
        var answers = new List<Assessment>();
        foreach (var result in toAssess)
        {
            var criterion = result.Criterion;
            console.WriteLine();
            console.MarkupLine($"[bold]{Markup.Escape(criterion.Id)} {Markup.Escape(criterion.Title)}[/] ({Markup.Escape(ReportFormat.Status(result.Status))})");
            console.MarkupLine(Markup.Escape(criterion.Description));
            var choice = console.Prompt(new SelectionPrompt<string>()
                .Title("Vurdering:")
                .AddChoices("bestået", "ikke bestået", "ikke relevant", Skip));
            if (choice == Skip)
            {
                continue;
            }

            var verdict = AssessmentVerdictNames.Parse(choice)!.Value;
            Severity? severity = null;
            string comment;
            if (verdict == AssessmentVerdict.Failed)
            {
                severity = console.Prompt(new SelectionPrompt<Severity>()
                    .Title("Alvorlighed:")
                    .UseConverter(s => s.Danish())
                    .AddChoices(Enum.GetValues<Severity>().OrderBy(s => s == criterion.Severity ? 0 : 1)));
                comment = console.Prompt(new TextPrompt<string>("Hvad er galt (til leverandøren)?").Validate(text =>
                    string.IsNullOrWhiteSpace(text) ? ValidationResult.Error("Skriv en kommentar.") : ValidationResult.Success()));
            }
            else
            {
                comment = console.Prompt(new TextPrompt<string>("Kommentar (valgfri):").AllowEmpty());
            }

            answers.Add(new Assessment
            {
                CriterionId = criterion.Id,
                Verdict = verdict,
                Severity = severity,
                Comment = comment.Trim(),
                Reviewer = reviewer,
                AssessedAt = TimeProvider.System.GetUtcNow(),
            });
        }

        return answers;
    }
}
