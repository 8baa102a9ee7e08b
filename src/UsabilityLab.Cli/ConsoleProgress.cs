using System.Globalization;
using Spectre.Console;
using UsabilityLab.Browser;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Cli;

/// <summary>Prints which step of which solution runs, one line per step, as the audit goes.</summary>
internal sealed class ConsoleProgress(IAnsiConsole console) : IAuditProgress
{
    private static readonly CultureInfo _danish = CultureInfo.GetCultureInfo("da-DK");
    private int _count;

    public void StepStarted(int index, int count, string stepName) => _count = count;

    public void StepFinished(StepResult step, int findingCount)
    {
        var mark = step.Outcome == StepOutcome.Passed ? "[green]✓[/]" : "[red]✗[/]";
        var seconds = ((step.ActionsMs + step.AxeMs + step.ScreenshotMs) / 1000.0).ToString("0.0", _danish);
        var findings = findingCount == 0 ? "[grey]ingen fund[/]" : $"[yellow]{findingCount} fund[/]";
        console.MarkupLine($"  {mark} Trin {step.Index + 1}/{_count} {Markup.Escape(step.Name)} · {findings} · {seconds} s");
        if (step.Outcome == StepOutcome.Failed && step.Error is { } error)
        {
            console.MarkupLine($"    [red]{Markup.Escape(error)}[/]");
        }
    }
}
