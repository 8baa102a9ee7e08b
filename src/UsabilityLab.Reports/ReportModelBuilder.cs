using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Reports;

/// <summary>Turns a stored audit into a <see cref="ReportModel"/>: scores, grouped findings and embedded screenshots.</summary>
/// <param name="clock">The clock the report's date comes from (the system's unless told).</param>
public sealed class ReportModelBuilder(IEvidenceStore evidence, TimeProvider? clock = null)
{
    public async Task<ReportModel> BuildAsync(Audit audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);

        // The report judges the audit by the checklist it was run with, not today's file.
        var checklist = audit.ChecklistVersion.Parse();
        var areas = AuditScore.Compute(checklist, audit);

        var groups = audit.Findings
            .GroupBy(f => (f.CriterionId, f.RuleId))
            .Select(g =>
            {
                var ordered = g.OrderBy(f => f.StepIndex ?? -1).ThenBy(f => f.Selector, StringComparer.Ordinal).ToList();
                var first = ordered[0];
                var criterion = checklist.Criteria.FirstOrDefault(c => c.Id == first.CriterionId) ?? checklist.ForAxeRule(first.RuleId);
                return new FindingGroup(criterion, first.RuleId, ordered.Min(f => f.Severity), first.Title, first.HelpUrl, ordered);
            })
            .OrderBy(g => g.Severity)

            // Within a severity, a task that cannot be completed comes first: it blocks every citizen.
            .ThenBy(g => g.Findings[0].Source != FindingSource.TaskVerdict)
            .ThenBy(g => g.Criterion.Id, StringComparer.Ordinal)
            .ThenBy(g => g.RuleId, StringComparer.Ordinal)
            .ToList();

        var images = new Dictionary<int, ReportImage>();
        var used = audit.Steps.Select(s => s.Screenshot).Concat(audit.Findings.Select(f => f.Evidence)).OfType<Evidence>().DistinctBy(e => e.Id);
        foreach (var item in used)
        {
            byte[] bytes;
            try
            {
                bytes = await evidence.ReadAsync(item, cancellationToken);
            }
            catch (IOException)
            {
                // A missing screenshot leaves a gap in the report, not a failed report.
                continue;
            }

            images[item.Id] = new ReportImage($"skaermbillede-{item.Id}", $"data:{item.ContentType};base64,{Convert.ToBase64String(bytes)}", item.Width, item.Height);
        }

        return new ReportModel(audit, checklist, areas, groups, images, (clock ?? TimeProvider.System).GetUtcNow());
    }
}
