using System.Globalization;
using UsabilityLab.Core;
using UsabilityLab.Core.Audits;
using UsabilityLab.Reports;

namespace UsabilityLab.Web.Components;

/// <summary>Danish dates, numbers and short ids as the pages show them; time zone and durations as in the reports.</summary>
public static class Format
{
    private static readonly CultureInfo _danish = DanishText.Culture;

    /// <summary>Shorter than the report's date, for tables.</summary>
    public static string Date(DateTimeOffset at) => ReportFormat.InDenmark(at).ToString("d. MMM yyyy HH:mm", _danish);

    public static string Day(DateTimeOffset at) => ReportFormat.InDenmark(at).ToString("d. MMM yyyy", _danish);

    public static string Seconds(long ms) => ReportFormat.Seconds(ms);

    /// <summary>A count with its noun in the right number: "1 løsning", "2 løsninger".</summary>
    public static string Count(int count, string one, string many) => ReportFormat.Count(count, one, many);

    public static string ShortId(Guid id) => id.ToString("N")[..8];

    public static string Status(Audit audit) => Status(audit.Status, audit.TaskCompleted);

    /// <summary>An audit's outcome in a few words: running, not finished, completed or not.</summary>
    public static string Status(AuditStatus status, bool taskCompleted) => status switch
    {
        AuditStatus.Running => "kører",
        AuditStatus.Aborted => "ikke færdig",
        _ => taskCompleted ? "gennemført" : "kunne ikke gennemføres",
    };
}
