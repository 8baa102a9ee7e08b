namespace UsabilityLab.Core.Audits;

/// <summary>What an advisory is. Neither kind is a failure: neither is scored, tracked in the vendor dialogue or listed as a barrier.</summary>
public enum AdvisoryKind
{
    /// <summary>An axe-core best practice that no WCAG success criterion requires ("anbefaling").</summary>
    Recommendation = 0,

    /// <summary>A result a machine could not decide (axe's "needs review"), for a reviewer to judge ("til vurdering").</summary>
    NeedsReview = 1,
}

/// <summary>One element an advisory points at, with why, when the tool said why.</summary>
public sealed record AdvisoryElement(string Selector, string? Html, string? Reason);

/// <summary>
/// Something an audit reports beside its findings and never as one: a recommendation (an axe
/// best practice), or a result a machine could not decide and a reviewer must judge. One per rule
/// and step, with the elements listed, so a rule that matches every stray element of a page is one
/// line, not dozens.
/// </summary>
public sealed class Advisory
{
    public int Id { get; set; }

    public Guid AuditId { get; set; }

    public AdvisoryKind Kind { get; set; }

    public FindingSource Source { get; set; }

    /// <summary>axe rule id.</summary>
    public required string RuleId { get; set; }

    /// <summary>0-based step index, or null when it concerns the whole task.</summary>
    public int? StepIndex { get; set; }

    /// <summary>axe's help text for the rule (Danish where axe-core's locale has it).</summary>
    public required string Title { get; set; }

    public required string Description { get; set; }

    public string? HelpUrl { get; set; }

    /// <summary>WCAG success criteria the rule relates to; none for a best practice.</summary>
    public List<string> Wcag { get; set; } = [];

    public List<AdvisoryElement> Elements { get; set; } = [];
}
