namespace UsabilityLab.Browser.Sessions;

/// <summary>rrweb for the workbench's replay pages: the same build that records the citizen's window.</summary>
public static class ReplayAssets
{
    public static string Script => EmbeddedScripts.Rrweb;

    public static string Style => EmbeddedScripts.RrwebStyle;
}
