using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Assessments;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Web.Services;

/// <summary>Which criteria of an audit a reviewer judges: the same ones as the CLI's <c>assess</c>.</summary>
public static class AssessmentRules
{
    /// <summary>An audit with what judging its criteria needs (checklist version, findings, assessments), or null.</summary>
    public static Task<Audit?> LoadAsync(IQueryable<Audit> audits, Guid id, CancellationToken cancellationToken) =>
        audits.AsNoTracking()
            .Include(a => a.Solution).Include(a => a.ChecklistVersion).Include(a => a.Findings).Include(a => a.Assessments)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    /// <summary>The audit's own checklist (the version it ran with), parsed.</summary>
    public static Checklist ChecklistOf(Audit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return audit.ChecklistVersion.Parse();
    }

    /// <summary>Criteria marked manual or not machine-checked, with their status now.</summary>
    public static IEnumerable<CriterionResult> NeedingPerson(Audit audit) =>
        AuditScore.Compute(ChecklistOf(audit), audit)
            .SelectMany(area => area.Criteria)
            .Where(c => c.Criterion.Evaluation.Manual || !c.Criterion.Evaluation.IsAutomated);

    public static AssessmentVerdict? Verdict(string? form) => form switch
    {
        "bestaaet" => AssessmentVerdict.Passed,
        "ikke-bestaaet" => AssessmentVerdict.Failed,
        "ikke-relevant" => AssessmentVerdict.NotApplicable,
        _ => null,
    };
}
