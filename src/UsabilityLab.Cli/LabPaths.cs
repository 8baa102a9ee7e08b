using UsabilityLab.Data;

namespace UsabilityLab.Cli;

/// <summary>Where the CLI keeps its database, evidence and reports, and where it finds the shipped checklists.</summary>
public sealed record LabPaths(string Database, string ReportsFolder)
{
    /// <summary>The default checklist's file name under checklists/.</summary>
    public const string DefaultChecklistName = "kl-selvbetjening.yaml";

    /// <summary>Evidence (screenshots) lives beside the database file it belongs to (for PostgreSQL, in USABILITYLAB_FILES).</summary>
    public string EvidenceFolder => LabDatabase.EvidenceFolder(Database);

    public static LabPaths From(string? database, string? reports) =>
        new(database ?? LabDatabase.DefaultLocation, reports ?? "reports");

    /// <summary>
    /// The default checklist: checklists/ in the working folder (a clone of the repository), else the
    /// copy shipped beside the binary.
    /// </summary>
    public static string DefaultChecklist()
    {
        var local = Path.Combine("checklists", DefaultChecklistName);
        return File.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, "checklists", DefaultChecklistName);
    }
}
