namespace UsabilityLab.Browser;

/// <summary>A way to start Chromium: an executable, or Playwright's own managed build (<see cref="ExecutablePath"/> null).</summary>
public sealed record ChromiumCandidate(string? ExecutablePath, string Source)
{
    public override string ToString() => ExecutablePath is null ? Source : $"{ExecutablePath} ({Source})";
}

/// <summary>
/// Finds Chromium in this order: the setting, the <c>USABILITYLAB_CHROMIUM</c> environment
/// variable, Playwright's own installed browsers, then the system's Chromium under the usual names.
/// </summary>
public static class ChromiumLocator
{
    private static readonly string[] _systemNames =
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
        "/usr/bin/google-chrome-stable",
        "/snap/bin/chromium",
    ];

    public static IReadOnlyList<ChromiumCandidate> Candidates(BrowserOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var candidates = new List<ChromiumCandidate>();
        if (!string.IsNullOrWhiteSpace(options.ExecutablePath))
        {
            // An explicit choice is the only candidate: silently using another browser would hide a typo.
            return [new ChromiumCandidate(options.ExecutablePath, "indstilling --browser")];
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(BrowserOptions.ExecutableEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return [new ChromiumCandidate(fromEnvironment, BrowserOptions.ExecutableEnvironmentVariable)];
        }

        if (HasPlaywrightManagedChromium())
        {
            candidates.Add(new ChromiumCandidate(null, "Playwrights egen Chromium"));
        }

        candidates.AddRange(_systemNames.Where(File.Exists).Select(path => new ChromiumCandidate(path, "systemets Chromium")));
        return candidates;
    }

    private static bool HasPlaywrightManagedChromium()
    {
        var root = Environment.GetEnvironmentVariable("PLAYWRIGHT_BROWSERS_PATH");
        if (string.IsNullOrEmpty(root) || root == "0")
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            root = OperatingSystem.IsWindows()
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "ms-playwright")
                : OperatingSystem.IsMacOS()
                    ? Path.Combine(home, "Library", "Caches", "ms-playwright")
                    : Path.Combine(home, ".cache", "ms-playwright");
        }

        return Directory.Exists(root)
            && Directory.EnumerateDirectories(root, "chromium*").Any();
    }
}
