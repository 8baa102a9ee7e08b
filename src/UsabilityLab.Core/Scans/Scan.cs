using UsabilityLab.Core.Audits;

namespace UsabilityLab.Core.Scans;

/// <summary>
/// A scan: many pages of a site, each audited on its own as a one-page audit (<see cref="Audit.ScanId"/>),
/// kept together so they are reported as one, with template problems seen once.
/// </summary>
public sealed class Scan
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The site, as the reviewer knows it (its host by default).</summary>
    public required string Name { get; set; }

    /// <summary>How the pages were chosen, in Danish ("3 adresser", "sitemap https://…", "gennemgang fra https://… (højst 50 sider)").</summary>
    public required string Source { get; set; }

    public required string ChecklistId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Running while pages are audited; completed when every page was; aborted when the scan stopped before.</summary>
    public AuditStatus Status { get; set; }

    /// <summary>The pages, each a one-page audit.</summary>
    public List<Audit> Pages { get; set; } = [];
}
