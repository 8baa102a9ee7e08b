using UsabilityLab.Browser.Scan;

namespace UsabilityLab.Jobs;

/// <summary>
/// A scan as its job carries it: how its pages are found (read again by the worker when it runs, so a
/// scheduled scan follows the site's sitemap as it is that day) and the checklist's own text, so no
/// worker depends on the queuing machine's files. Stored by Hangfire as JSON.
/// </summary>
/// <param name="Addresses">The pages (for <see cref="ScanSourceKind.Addresses"/>), the sitemap, or the crawl's start; checked addresses.</param>
/// <param name="DescribedAs">How the addresses were given when not on the command line (e.g. "12 adresser fra sider.txt").</param>
/// <param name="NotifyEmail">Who hears of a run that flags something (a scheduled scan); null for no mail.</param>
/// <param name="OrderedBy">Who or what queued it: a reviewer, a schedule.</param>
public sealed record ScanOrder(
    ScanSourceKind Kind,
    List<string> Addresses,
    int MaxPages,
    string? DescribedAs,
    string VendorName,
    string SiteName,
    string ChecklistFile,
    string ChecklistText,
    int Parallel,
    string? NotifyEmail,
    string OrderedBy)
{
    /// <summary>How the job is named in lists: the site and where its pages come from.</summary>
    public override string ToString() => Kind switch
    {
        ScanSourceKind.Sitemap => $"scanning af {SiteName} (sitemap)",
        ScanSourceKind.Crawl => $"scanning af {SiteName} (links, højst {MaxPages} sider)",
        _ => $"scanning af {SiteName} ({Addresses.Count} sider)",
    };
}
