using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Core.Dialogue;

/// <summary>Where a finding stands in the dialogue with its vendor.</summary>
public enum FindingState
{
    /// <summary>Found by an audit; the review unit has not sent it yet.</summary>
    Open = 0,

    /// <summary>Sent to the vendor, awaiting an answer.</summary>
    Sent = 1,

    /// <summary>The vendor agrees it is a problem.</summary>
    Accepted = 2,

    /// <summary>The vendor disagrees, with a reason.</summary>
    Disputed = 3,

    /// <summary>The vendor plans a fix in a release or by a date.</summary>
    Planned = 4,

    /// <summary>The vendor says it is fixed; a re-audit verifies it.</summary>
    Fixed = 5,

    /// <summary>A later audit no longer finds it.</summary>
    Verified = 6,

    /// <summary>Found again after it was reported fixed or verified, or reopened by a reviewer.</summary>
    Reopened = 7,

    /// <summary>The review unit took it back: the vendor's dispute was right, or the finding was not a problem.</summary>
    Withdrawn = 8,

    /// <summary>The review unit ended the dialogue without a fix to verify, with its reason.</summary>
    Closed = 9,
}

/// <summary>Danish names of <see cref="FindingState"/>, as the workbench shows them.</summary>
public static class FindingStateNames
{
    public static string Danish(this FindingState state) => state switch
    {
        FindingState.Open => "Åben",
        FindingState.Sent => "Sendt til leverandør",
        FindingState.Accepted => "Accepteret",
        FindingState.Disputed => "Bestridt",
        FindingState.Planned => "Planlagt",
        FindingState.Fixed => "Rettet af leverandør",
        FindingState.Verified => "Verificeret",
        FindingState.Reopened => "Genåbnet",
        FindingState.Withdrawn => "Trukket tilbage",
        FindingState.Closed => "Lukket",
        _ => state.ToString(),
    };

    /// <summary>States in which the dialogue is over: verified gone, withdrawn or closed by the review unit.</summary>
    public static IReadOnlyList<FindingState> Settled { get; } = [FindingState.Verified, FindingState.Withdrawn, FindingState.Closed];

    /// <summary>States in which the problem still stands and the dialogue goes on.</summary>
    public static bool IsOutstanding(this FindingState state) => !Settled.Contains(state);
}

/// <summary>
/// One problem of one solution followed across audits: the findings with the same fingerprint in
/// audits of the same solution and task are the same problem. It carries the dialogue with the
/// vendor (state, history, comments); the audits keep what each of them saw.
/// </summary>
public sealed class TrackedFinding
{
    public int Id { get; set; }

    public int SolutionId { get; set; }

    public Solution Solution { get; set; } = null!;

    /// <summary>The task script's id: only audits of the same task can verify or reopen it.</summary>
    public required string TaskId { get; set; }

    public required string Fingerprint { get; set; }

    public required string CriterionId { get; set; }

    public required string RuleId { get; set; }

    public required string Title { get; set; }

    public Severity Severity { get; set; }

    /// <summary>The step the problem is on, by name; null for the task as a whole.</summary>
    public string? StepName { get; set; }

    public FindingState State { get; set; }

    /// <summary>The vendor's reason, while disputed.</summary>
    public string? DisputeReason { get; set; }

    /// <summary>The vendor's release or date, while planned.</summary>
    public string? PlannedFor { get; set; }

    public Guid FirstAuditId { get; set; }

    /// <summary>The latest completed audit that found it.</summary>
    public Guid LastSeenAuditId { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<FindingChange> Changes { get; set; } = [];

    public List<FindingComment> Comments { get; set; } = [];
}

/// <summary>One change of a tracked finding's state: who, when, from what to what, and why.</summary>
public sealed class FindingChange
{
    public int Id { get; set; }

    public int TrackedFindingId { get; set; }

    public FindingState From { get; set; }

    public FindingState To { get; set; }

    /// <summary>The person's name, or "UsabilityLab" for a change made by a re-audit.</summary>
    public required string By { get; set; }

    public string? UserId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The reason, the planned release, or the audit that verified or reopened it.</summary>
    public string? Note { get; set; }

    public Guid? AuditId { get; set; }
}

/// <summary>A comment in the thread on a tracked finding, from the review unit or the vendor.</summary>
public sealed class FindingComment
{
    public int Id { get; set; }

    public int TrackedFindingId { get; set; }

    public required string By { get; set; }

    public string? UserId { get; set; }

    /// <summary>True when written by the vendor's people, false for the review unit.</summary>
    public bool FromVendor { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Text { get; set; }
}
