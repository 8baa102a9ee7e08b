using System.Globalization;
using Spectre.Console;
using UsabilityLab.Browser;
using UsabilityLab.Core;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Cli;

/// <summary>
/// Prints which step of which solution runs, one line per step, as the audit goes. A step's line
/// counts what was found while the step ran (axe-core, locators, the task's verdict); the checks
/// that compare steps and the keyboard and error passes end with the audit, so the summary after
/// it counts every finding per step (<see cref="Summary.WriteAudit"/>).
/// </summary>
internal sealed class ConsoleProgress(IAnsiConsole console) : IAuditProgress
{
    private static readonly CultureInfo _danish = DanishText.Culture;
    private int _count;

    public void StepStarted(int index, int count, string stepName) => _count = count;

    public void StepFinished(StepResult step, int findingCount)
    {
        var mark = step.Outcome == StepOutcome.Passed ? "[green]✓[/]" : "[red]✗[/]";
        var seconds = ((step.ActionsMs + step.AxeMs + step.ScreenshotMs) / 1000.0).ToString("0.0", _danish);
        var findings = findingCount == 0 ? "[grey]ingen fund fra axe-core[/]" : $"[yellow]{findingCount} fund under trinnet[/]";
        console.MarkupLine($"  {mark} Trin {step.Index + 1}/{_count} {Markup.Escape(step.Name)} · {findings} · {seconds} s");
        if (step.Outcome == StepOutcome.Failed && step.Error is { } error)
        {
            console.MarkupLine($"    [red]{Markup.Escape(error)}[/]");
        }
    }
}
