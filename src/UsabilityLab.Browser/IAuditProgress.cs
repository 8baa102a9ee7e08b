using UsabilityLab.Core.Audits;

namespace UsabilityLab.Browser;

/// <summary>Receives progress while an audit runs (which solution, which step), e.g. for the terminal.</summary>
public interface IAuditProgress
{
    void StepStarted(int index, int count, string stepName);

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
