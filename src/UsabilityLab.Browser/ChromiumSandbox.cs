namespace UsabilityLab.Browser;

/// <summary>
/// Whether Chromium's sandbox is on, and why not when it is off. The audited pages are the
/// vendor's: the sandbox is what keeps a renderer exploit inside the renderer. It stays on
/// wherever it can run; Chromium refuses it to root, so a workbench running as root audits
/// headless without it and says so, and never shows a window to a person without it.
/// </summary>
public static class ChromiumSandbox
{
    /// <summary>True on Linux when this process runs as root (user id 0).</summary>
    public static bool RunningAsRoot => OperatingSystem.IsLinux() && GetEffectiveUserId() == 0;

    /// <summary>
    /// The sandbox setting to start with: on, except for a headless browser of a root process
    /// (Chromium will not start a sandbox for root). A visible window as root is refused.
    /// </summary>
    /// <exception cref="BrowserUnavailableException">A visible window was asked for by a root process.</exception>
    public static bool StartWithSandbox(bool headless, bool runningAsRoot)
    {
        if (!runningAsRoot)
        {
            return true;
        }

        if (!headless)
        {
            throw new BrowserUnavailableException(VisibleAsRoot);
        }

        return false;
    }

    /// <summary>Why a visible window is not opened as root, and what to do.</summary>
    public const string VisibleAsRoot =
        "Et synligt Chromium-vindue åbnes aldrig uden sandkasse, og Chromium kan ikke køre sandkassen som root. " +
        "Start workbenchen som en almindelig bruger for at vise borgerens vindue.";

    /// <summary>Said at start-up when the sandbox is off because the process is root.</summary>
    public const string OffAsRoot =
        "Chromiums sandkasse er slået fra: processen kører som root, og Chromium kan ikke køre sandkassen som root. " +
        "Kør som en almindelig bruger for at få den (de reviderede sider er leverandørens).";

    /// <summary>Said at start-up when the sandbox could not start on this machine (no user namespaces, no setuid helper).</summary>
    public const string OffUnusable =
        "Chromiums sandkasse kunne ikke starte på denne maskine (kernen tillader ikke de navnerum, den bruger); Chromium kører uden, kun headless. " +
        "Tillad uprivilegerede brugernavnerum (sysctl kernel.unprivileged_userns_clone=1) for at få den.";

    /// <summary>True when Chromium's start failed because its sandbox could not run.</summary>
    public static bool IsSandboxFailure(string message) =>
        message is not null && (message.Contains("sandbox", StringComparison.OrdinalIgnoreCase) || message.Contains("namespace", StringComparison.OrdinalIgnoreCase));

    /// <summary>The effective user id from /proc/self/status ("Uid: real effective saved fs"); -1 when unreadable.</summary>
    private static long GetEffectiveUserId()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("Uid:", StringComparison.Ordinal))
                {
                    continue;
                }

                var fields = line[4..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 1 && long.TryParse(fields[1], System.Globalization.CultureInfo.InvariantCulture, out var uid) ? uid : -1;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return -1;
    }
}
