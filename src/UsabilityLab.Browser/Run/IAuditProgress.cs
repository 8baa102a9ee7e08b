using UsabilityLab.Core.Audits;

namespace UsabilityLab.Browser;

/// <summary>Receives progress while an audit runs (which solution, which step), e.g. for the terminal.</summary>
public interface IAuditProgress
{
    void StepStarted(int index, int count, string stepName);

    /// <summary>A check of the current step begins, by its Danish name ("axe-core", "skærmbillede" ...).</summary>
    void CheckStarted(int index, string check)
    {
    }

    void StepFinished(StepResult step, int findingCount);
}

/// <summary>Progress that goes nowhere.</summary>
public sealed class NoProgress : IAuditProgress
{
    public static readonly NoProgress Instance = new();

    public void StepStarted(int index, int count, string stepName)
    {
    }

    public void StepFinished(StepResult step, int findingCount)
    {
    }
}
