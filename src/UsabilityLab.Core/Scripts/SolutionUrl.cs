namespace UsabilityLab.Core.Scripts;

/// <summary>Addresses in a vendor's solution, as task scripts and studies name them.</summary>
public static class SolutionUrl
{
    /// <summary>
    /// A path joined to the solution's base URL, keeping the base URL's own path (Playwright's
    /// BaseURL would drop it); a full http(s) address stands as it is.
    /// </summary>
    public static string Join(string baseUrl, string path)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(path);
        if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return path;
        }

        return baseUrl.TrimEnd('/') + "/" + path.TrimStart('/');
    }
}
