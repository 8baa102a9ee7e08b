using System.Xml;
using System.Xml.Linq;

namespace UsabilityLab.Core.Scans;

/// <summary>The addresses of a sitemap (sitemaps.org): its pages, or, for a sitemap index, its sitemaps.</summary>
/// <param name="IsIndex">True for a <c>sitemapindex</c>: <see cref="Locations"/> are sitemaps to read in turn.</param>
public sealed record Sitemap(bool IsIndex, IReadOnlyList<string> Locations)
{
    /// <summary>Reads a sitemap's XML. No DTD is read (a sitemap has none, and an entity bomb is refused).</summary>
    /// <exception cref="InputException">The text is no sitemap; the message says where.</exception>
    public static Sitemap Parse(string source, string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new InputException(new SourcePosition(source, ex.LineNumber, ex.LinePosition), $"Sitemappet er ikke gyldig XML: {ex.Message}");
        }

        var root = document.Root!;
        var isIndex = root.Name.LocalName == "sitemapindex";
        if (!isIndex && root.Name.LocalName != "urlset")
        {
            var line = ((IXmlLineInfo)root).LineNumber;
            throw new InputException(new SourcePosition(source, line, 0), $"Et sitemap begynder med <urlset> eller <sitemapindex>, ikke <{root.Name.LocalName}>.");
        }

        var locations = root.Elements()
            .Where(e => e.Name.LocalName is "url" or "sitemap")
            .Select(e => e.Elements().FirstOrDefault(c => c.Name.LocalName == "loc")?.Value.Trim())
            .OfType<string>()
            .Where(l => l.Length > 0)
            .ToList();
        return new Sitemap(isIndex, locations);
    }
}
