using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Core.Assessments;

/// <summary>A reviewer's judgement of one criterion.</summary>
public enum AssessmentVerdict
{
    Passed = 0,
    Failed = 1,
    NotApplicable = 2,
}

/// <summary>Danish words for verdicts, as reviewers write and read them.</summary>
public static class AssessmentVerdictNames
{
    public static string Danish(this AssessmentVerdict verdict) => verdict switch
    {
        AssessmentVerdict.Passed => "bestået",
        AssessmentVerdict.Failed => "ikke bestået",
        _ => "ikke relevant",
    };

    /// <summary>Danish or English words: bestået/passed, ikke-bestået/failed, ikke-relevant/not-applicable.</summary>
    public static AssessmentVerdict? Parse(string text) => text.Trim().ToLowerInvariant().Replace(' ', '-') switch
    {
        "bestået" or "bestaaet" or "passed" or "pass" => AssessmentVerdict.Passed,
        "ikke-bestået" or "ikke-bestaaet" or "failed" or "fail" => AssessmentVerdict.Failed,
        "ikke-relevant" or "not-applicable" or "na" => AssessmentVerdict.NotApplicable,
        _ => null,
    };
}

/// <summary>A reviewer's assessment of one criterion in one audit; the newest per criterion counts.</summary>
public sealed class Assessment
{
    public int Id { get; set; }

    public Guid AuditId { get; set; }

    public required string CriterionId { get; set; }

    public AssessmentVerdict Verdict { get; set; }

    /// <summary>How serious a failed criterion is; null uses the criterion's own severity.</summary>
    public Severity? Severity { get; set; }

    public string Comment { get; set; } = string.Empty;

    public required string Reviewer { get; set; }

    public DateTimeOffset AssessedAt { get; set; }
}
