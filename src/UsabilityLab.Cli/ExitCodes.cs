namespace UsabilityLab.Cli;

/// <summary>Exit codes of the usabilitylab command (documented in README and --help).</summary>
public static class ExitCodes
{
    /// <summary>Done. An audit whose task failed is still done: the failure is a finding in the report.</summary>
    public const int Done = 0;

    /// <summary>Could not run: no browser, the database or report folder not writable, the demo server would not start.</summary>
    public const int CouldNotRun = 1;

    /// <summary>Bad input: a broken task script or checklist, a bad option or argument. Nothing was written.</summary>
    public const int BadInput = 2;
}
