using System.Globalization;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Web.Components;

/// <summary>Danish dates, numbers and short ids as the pages show them.</summary>
public static class Format
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");
    private static readonly TimeZoneInfo Copenhagen = FindCopenhagen();

    public static string Date(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Copenhagen).ToString("d. MMM yyyy HH:mm", Danish);

    public static string Day(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Copenhagen).ToString("d. MMM yyyy", Danish);

    public static string Seconds(long ms) => (ms / 1000.0).ToString("0.0", Danish) + " s";

    public static string ShortId(Guid id) => id.ToString("N")[..8];

    public static string Status(Audit audit) => Status(audit.Status, audit.TaskCompleted);

    /// <summary>An audit's outcome in a few words: running, not finished, completed or not.</summary>
    public static string Status(AuditStatus status, bool taskCompleted) => status switch
    {
        AuditStatus.Running => "kører",
        AuditStatus.Aborted => "ikke færdig",
        _ => taskCompleted ? "gennemført" : "kunne ikke gennemføres",
    };

    private static TimeZoneInfo FindCopenhagen()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
