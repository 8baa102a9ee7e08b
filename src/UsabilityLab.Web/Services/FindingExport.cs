using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Assessments;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Dialogue;
using UsabilityLab.Reports;

namespace UsabilityLab.Web.Services;

/// <summary>
/// One finding as vendors' own trackers import it. The field names and their meaning are stable
/// (docs/eksport.md); new fields may be added at the end, none is renamed or removed.
/// </summary>
public sealed record FindingExportRow(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("fingerprint")] string Fingerprint,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("state_da")] string StateDanish,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("criterion")] string Criterion,
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("wcag")] string Wcag,
    [property: JsonPropertyName("en")] string En,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("vendor")] string Vendor,
    [property: JsonPropertyName("solution")] string Solution,
    [property: JsonPropertyName("task")] string Task,
    [property: JsonPropertyName("step")] string? Step,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("selector")] string? Selector,
    [property: JsonPropertyName("audit_id")] string AuditId,
    [property: JsonPropertyName("audited_at")] string AuditedAt,
    [property: JsonPropertyName("first_seen")] string FirstSeen,
    [property: JsonPropertyName("planned_for")] string? PlannedFor,
    [property: JsonPropertyName("dispute_reason")] string? DisputeReason,
    [property: JsonPropertyName("help_url")] string? HelpUrl)
{
    /// <summary>The field names in order, the CSV header.</summary>
    public static IReadOnlyList<string> Fields { get; } = typeof(FindingExportRow).GetConstructors()[0].GetParameters()
        .Select(p => typeof(FindingExportRow).GetProperty(p.Name!)!.GetCustomAttributes(typeof(JsonPropertyNameAttribute), false).Cast<JsonPropertyNameAttribute>().Single().Name)
        .ToList();

    public IEnumerable<string?> Values() =>
        [Id, Fingerprint, State, StateDanish, Severity, Criterion, Rule, Wcag, En, Title, Description, Vendor, Solution, Task, Step, Url, Selector, AuditId, AuditedAt, FirstSeen, PlannedFor, DisputeReason, HelpUrl];
}

/// <summary>Findings of one audit or one solution as CSV (RFC 4180, UTF-8 with BOM for spreadsheets) or JSON.</summary>
public static class FindingExport
{
    /// <summary>The stable id of a tracked finding, the same in every audit that finds it.</summary>
    public static string StableId(int trackedId) => $"UL-{trackedId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>One row per finding occurrence of the audit, with the tracked finding's state.</summary>
    public static async Task<List<FindingExportRow>> ForAuditAsync(IQueryable<Audit> audits, IQueryable<TrackedFinding> tracked, Guid auditId, CancellationToken cancellationToken)
    {
        var audit = await audits.AsNoTracking().Include(a => a.Solution).ThenInclude(s => s.Vendor).Include(a => a.Steps)
            .Include(a => a.Assessments).Include(a => a.ChecklistVersion).AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == auditId, cancellationToken);
        if (audit is null)
        {
            return [];
        }

        var findings = await audits.Where(a => a.Id == auditId).SelectMany(a => a.Findings).AsNoTracking().OrderBy(f => f.Id).ToListAsync(cancellationToken);
        findings.AddRange(Judged(audit));
        var states = await tracked.AsNoTracking().Where(t => t.SolutionId == audit.SolutionId && t.TaskId == audit.TaskId).ToDictionaryAsync(t => t.Fingerprint, StringComparer.Ordinal, cancellationToken);
        return findings.Select(f => Row(audit, f, states.GetValueOrDefault(f.Fingerprint))).ToList();
    }

    /// <summary>One row per tracked finding of the solution, with what its latest audit saw.</summary>
    public static async Task<List<FindingExportRow>> ForSolutionAsync(IQueryable<Audit> audits, IQueryable<TrackedFinding> tracked, int solutionId, CancellationToken cancellationToken)
    {
        var items = await tracked.AsNoTracking().Where(t => t.SolutionId == solutionId).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var auditIds = items.Select(t => t.LastSeenAuditId).Distinct().ToList();
        var seen = await audits.AsNoTracking().Where(a => auditIds.Contains(a.Id))
            .Include(a => a.Solution).ThenInclude(s => s.Vendor).Include(a => a.Steps).Include(a => a.Findings)
            .Include(a => a.Assessments).Include(a => a.ChecklistVersion).AsSplitQuery()
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        var rows = new List<FindingExportRow>();

        // A reviewer's findings are derived from the audit's checklist: once per audit, not per row.
        var judged = new Dictionary<Guid, IReadOnlyList<Finding>>();
        foreach (var item in items)
        {
            if (seen.TryGetValue(item.LastSeenAuditId, out var audit)
                && (item.RuleId == ReviewerFindings.Rule ? JudgedOnce(audit) : audit.Findings).FirstOrDefault(f => f.Fingerprint == item.Fingerprint) is { } finding)
            {
                rows.Add(Row(audit, finding, item));
            }
        }

        return rows;

        IReadOnlyList<Finding> JudgedOnce(Audit audit)
        {
            if (!judged.TryGetValue(audit.Id, out var findings))
            {
                judged[audit.Id] = findings = Judged(audit);
            }

            return findings;
        }
    }

    /// <summary>The reviewer's "not passed" judgements of the audit, as findings.</summary>
    private static IReadOnlyList<Finding> Judged(Audit audit) =>
        audit.Assessments.Count == 0 ? [] : ReviewerFindings.For(audit, audit.ChecklistVersion.Parse());

    /// <param name="separator">',' (RFC 4180), or ';', which Danish spreadsheet programs split on.</param>
    public static byte[] Csv(IEnumerable<FindingExportRow> rows, char separator = ',')
    {
        var text = new StringBuilder();
        text.Append(string.Join(separator, FindingExportRow.Fields)).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(string.Join(separator, row.Values().Select(Cell))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Json(IEnumerable<FindingExportRow> rows) =>
        JsonSerializer.SerializeToUtf8Bytes(new { fields_version = 1, findings = rows }, _jsonOptions);

    private static readonly JsonSerializerOptions _jsonOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static FindingExportRow Row(Audit audit, Finding finding, TrackedFinding? tracked)
    {
        var step = finding.StepIndex is { } index ? audit.Steps.FirstOrDefault(s => s.Index == index) : null;
        var state = tracked?.State ?? FindingState.Open;
        return new FindingExportRow(
            tracked is null ? string.Empty : StableId(tracked.Id),
            finding.Fingerprint,
            state.ToString(),
            state.Danish(),
            finding.Severity.ToString(),
            finding.CriterionId,
            finding.RuleId,
            string.Join(' ', finding.Wcag),
            string.Join(' ', En301549.WebClauses(finding.Wcag)),
            finding.Title,
            finding.Description,
            audit.Solution.Vendor.Name,
            audit.Solution.Name,
            audit.TaskTitle,
            step?.Name,
            step?.Url,
            finding.Selector,
            audit.Id.ToString(),
            ReportFormat.IsoMoment(audit.StartedAt),
            ReportFormat.IsoDay(tracked?.FirstSeenAt ?? audit.StartedAt),
            tracked?.PlannedFor,
            tracked?.DisputeReason,
            finding.HelpUrl);
    }

    /// <summary>
    /// Quotes a CSV cell; a cell a spreadsheet would read as a formula (=, +, -, @, tab, CR) gets a
    /// leading apostrophe, since texts come from audited pages and vendors.
    /// </summary>
    private static string Cell(string? value)
    {
        value ??= string.Empty;
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
