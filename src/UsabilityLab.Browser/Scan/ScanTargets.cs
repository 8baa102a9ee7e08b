using System.Net;
using UsabilityLab.Core;
using UsabilityLab.Core.Scans;

namespace UsabilityLab.Browser.Scan;

/// <summary>How a scan finds its pages.</summary>
public enum ScanSourceKind
{
    /// <summary>The addresses given (on the command line or in a file).</summary>
    Addresses,

    /// <summary>A site's sitemap.xml or sitemap index.</summary>
    Sitemap,

    /// <summary>One address to start from, following links on the same origin.</summary>
    Crawl,
}

/// <summary>The pages a scan starts from, how they were found (for reports), and what the scan left out.</summary>
/// <param name="Frontier">The pages to audit, and for a crawl those it finds on the way.</param>
/// <param name="Source">How the pages were found, in Danish, as the report says it.</param>
/// <param name="OtherOrigins">Addresses in a sitemap on another origin, not scanned.</param>
public sealed record ScanPages(ScanFrontier Frontier, string Source, int OtherOrigins);

/// <summary>
/// The pages a scan starts from: addresses given on the command line or in a file, a site's
/// sitemap, or one address to crawl from; and each origin's robots.txt. Fetched with redirects
/// not followed, so the scan reads only from the origins it was given (a redirect elsewhere is
/// reported, not taken).
/// </summary>
public sealed class ScanTargets : IDisposable
{
    /// <summary>How many sitemaps of a sitemap index are read at most.</summary>
    private const int MaxSitemaps = 50;

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.All })
    {
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { { "User-Agent", RobotsTxt.UserAgent + " (KL og KOMBIT)" } },
    };

    /// <summary>An address given by the reviewer, checked: a full http(s) address.</summary>
    public static string Checked(string url, SourcePosition where)
    {
        var trimmed = url.Trim();
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InputException(where, $"'{trimmed}' er ikke en fuld http- eller https-adresse (fx https://kommune.dk/flytning/).");
        }

        return uri.AbsoluteUri;
    }

    /// <summary>The addresses of a file, one per line; blank lines and lines starting with # are skipped. Every bad line is reported at once.</summary>
    public static List<string> ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException(new SourcePosition(path, 0, 0), $"Filen {path} findes ikke. Angiv en tekstfil med én adresse pr. linje.");
        }

        var urls = new List<string>();
        var errors = new List<InputError>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            try
            {
                urls.Add(Checked(line, new SourcePosition(path, i + 1, 1)));
            }
            catch (InputException ex)
            {
                errors.AddRange(ex.Errors);
            }
        }

        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }

        return urls.Count > 0 ? urls : throw new InputException(new SourcePosition(path, 1, 1), "Filen har ingen adresser. Skriv én adresse pr. linje.");
    }

    /// <summary>The pages of a sitemap (or of the sitemaps of a sitemap index) on the sitemap's own origin, at most <paramref name="limit"/>.</summary>
    public async Task<(List<string> Pages, int OtherOrigins)> SitemapAsync(string sitemapUrl, int limit, CancellationToken cancellationToken)
    {
        var origin = ScanFrontier.Origin(new Uri(sitemapUrl));
        var pages = new List<string>();
        var otherOrigins = 0;
        var queue = new Queue<string>([sitemapUrl]);
        var read = 0;
        while (queue.TryDequeue(out var next) && pages.Count < limit && read++ < MaxSitemaps)
        {
            var text = await GetAsync(next, cancellationToken)
                ?? throw new InputException(new SourcePosition(next, 0, 0), "Sitemappet kunne ikke hentes (ingen side med status 200). Tjek adressen.");
            var sitemap = Sitemap.Parse(next, text);
            foreach (var location in sitemap.Locations)
            {
                if (!Uri.TryCreate(location, UriKind.Absolute, out var uri) || ScanFrontier.Origin(uri) != origin)
                {
                    otherOrigins++;
                }
                else if (sitemap.IsIndex)
                {
                    queue.Enqueue(uri.AbsoluteUri);
                }
                else if (pages.Count < limit)
                {
                    pages.Add(uri.AbsoluteUri);
                }
            }
        }

        return (pages, otherOrigins);
    }

    /// <summary>
    /// The pages to scan: the addresses as given, a sitemap's pages, or a crawl's start. robots.txt is
    /// read for what the scan finds by itself (a crawl, a sitemap); addresses the reviewer names are theirs to choose.
    /// </summary>
    /// <param name="addresses">Checked addresses (<see cref="Checked"/>): the pages, the sitemap, or the crawl's start.</param>
    /// <param name="describedAs">How the addresses were given when not on the command line (e.g. "12 adresser fra sider.txt").</param>
    public async Task<ScanPages> PlanAsync(ScanSourceKind kind, IReadOnlyList<string> addresses, int maxPages, string? describedAs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        List<string> start;
        string source;
        var otherOrigins = 0;
        switch (kind)
        {
            case ScanSourceKind.Crawl:
                start = [addresses[0]];
                source = $"gennemgang af links fra {start[0]} (højst {maxPages} sider)";
                break;
            case ScanSourceKind.Sitemap:
                (start, otherOrigins) = await SitemapAsync(addresses[0], maxPages, cancellationToken);
                if (start.Count == 0)
                {
                    throw new InputException(new SourcePosition(addresses[0], 1, 1), "Sitemappet har ingen sider på sin egen oprindelse.");
                }

                source = $"sitemap {addresses[0]} ({start.Count} sider)";
                break;
            default:
                start = [.. addresses];
                source = describedAs ?? (start.Count == 1 ? start[0] : $"{start.Count} adresser");
                break;
        }

        var robots = new Dictionary<string, RobotsTxt>(StringComparer.OrdinalIgnoreCase);
        if (kind != ScanSourceKind.Addresses)
        {
            foreach (var origin in start.Select(u => ScanFrontier.Origin(new Uri(u))).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                robots[origin] = await RobotsAsync(origin, cancellationToken);
            }
        }

        var frontier = new ScanFrontier(start, maxPages, uri => !robots.TryGetValue(ScanFrontier.Origin(uri), out var rules) || rules.Allows(uri.PathAndQuery));
        return new ScanPages(frontier, source, otherOrigins);
    }

    /// <summary>The origin's robots.txt; everything allowed when it has none.</summary>
    public async Task<RobotsTxt> RobotsAsync(string origin, CancellationToken cancellationToken) =>
        await GetAsync(origin + "/robots.txt", cancellationToken) is { } text ? RobotsTxt.Parse(text) : RobotsTxt.AllowAll;

    /// <summary>The body of a 200 answer, or null for any other status (a redirect is not followed).</summary>
    private async Task<string?> GetAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(url, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync(cancellationToken) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}
