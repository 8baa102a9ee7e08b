namespace UsabilityLab.Tests.Shared;

/// <summary>
/// A checklist of the task's completion and axe-core alone, for tests of what lies around an audit
/// (queues, workers, kills, locks), not of its checks. Its audits skip the keyboard and 320 px passes
/// and take about half the time of the shipped checklist's (demo vendor Nordlys: 3.9 s against 8.2 s).
/// </summary>
internal static class LeanChecklist
{
    public const string Text = """
        schema: 1
        id: test-kun-axe
        version: "1"
        title: Opgavens gennemførelse og axe-core
        areas:
          - id: a
            title: Tilgængelighed
        criteria:
          - id: A1
            title: Opgaven kan gennemføres
            description: Borgeren kommer igennem opgaven.
            area: a
            severity: kritisk
            evaluation: { checks: [task-completion] }
            fix: Ret det trin, opgaven stopper på.
          - id: A2
            title: axe-core
            description: Alle axe-core's regler.
            area: a
            severity: alvorlig
            evaluation: { axe: ['*'] }
            fix: Ret det, axe-core finder.
        """;

    /// <summary>Writes the checklist into <paramref name="folder"/>; returns its path.</summary>
    public static string WriteTo(string folder)
    {
        var path = Path.Combine(folder, "test-kun-axe.yaml");
        File.WriteAllText(path, Text);
        return path;
    }
}
