using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Core.Audits;

/// <summary>A vendor organisation that sells self-service solutions to municipalities.</summary>
public sealed class Vendor
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public List<Solution> Solutions { get; set; } = [];
}

/// <summary>A vendor's self-service solution under review ("Anmeld flytning" by vendor X).</summary>
public sealed class Solution
{
    public int Id { get; set; }

    public int VendorId { get; set; }

    public Vendor Vendor { get; set; } = null!;

    public required string Name { get; set; }

    public required string BaseUrl { get; set; }

    /// <summary>The task scripts this solution is audited with, so an audit can be started again from the workbench.</summary>
    public List<SolutionTask> Tasks { get; set; } = [];
}

/// <summary>A task script kept with its solution: the newest text per task id, from the last audit or the workbench.</summary>
public sealed class SolutionTask
{
    public int Id { get; set; }

    public int SolutionId { get; set; }

    public required string TaskId { get; set; }

    public required string Title { get; set; }

    public required string Script { get; set; }

    /// <summary>The checklist of its last audit, by checklist id, the default for the next one.</summary>
    public required string ChecklistId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The exact checklist text an audit used, kept so old audits stay readable when the checklist changes.</summary>
public sealed class ChecklistVersion
{
    public int Id { get; set; }

    public required string ChecklistId { get; set; }

    public required string Version { get; set; }

    public required string Title { get; set; }

    /// <summary>SHA-256 of <see cref="Content"/>; two audits with the same hash used the same checklist.</summary>
    public required string ContentSha256 { get; set; }

    public required string Content { get; set; }

    /// <summary>
    /// The checklist as the audit ran with it, parsed from the stored text: the one way every
    /// reader of a stored audit (report, statement, dialogue, exports, assessment) gets it.
    /// </summary>
    /// <exception cref="InputException">The stored text no longer parses (it did when the audit ran).</exception>
    public Checklist Parse() => ChecklistParser.Parse($"{ChecklistId} {Version}", Content);

    /// <summary>The version an audit keeps of the checklist it runs against: its exact text and that text's hash.</summary>
    public static ChecklistVersion Of(Checklist checklist)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        return new ChecklistVersion
        {
            ChecklistId = checklist.Id,
            Version = checklist.Version,
            Title = checklist.Title,
            Content = checklist.SourceText,
            ContentSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(checklist.SourceText))),
        };
    }
}

/// <summary>Where an audit stands. Only <see cref="Completed"/> audits are reported as finished.</summary>
public enum AuditStatus
{
    Running = 0,
    Completed = 1,

    /// <summary>
    /// The audit did not finish: its process stopped (see <see cref="FailureReason.Interrupted"/>) or
    /// its results could not be stored. What was stored before is kept, and never shown as complete.
    /// </summary>
    Aborted = 2,
}

/// <summary>Why a task step failed.</summary>
public enum FailureReason
{
    None = 0,
    ElementNotFound = 1,
    Timeout = 2,
    NavigationError = 3,
    ExpectationNotMet = 4,
    ActionFailed = 5,

    /// <summary>The element cannot be reached or operated with the keyboard alone.</summary>
    NotReachableByKeyboard = 6,

    /// <summary>The server answered the page with an error status (4xx or 5xx).</summary>
    HttpError = 7,

    /// <summary>The page's renderer crashed (out of memory, a crash URL); the page is gone.</summary>
    PageCrashed = 8,

    /// <summary>The step did not finish within the step time limit; its page was closed.</summary>
    StepTimeout = 9,

    /// <summary>The audit did not finish within the audit time limit; the rest was not run.</summary>
    AuditTimeout = 10,

    /// <summary>The audit's process stopped (killed, power cut) before it finished.</summary>
    Interrupted = 11,

    /// <summary>Another element (a cookie banner, an overlay) covers the element, so it cannot be clicked.</summary>
    ElementCovered = 12,

    /// <summary>Evidence or the audit could not be written (disk full, folder not writable).</summary>
    StorageFailed = 13,
}

/// <summary>Danish wording of <see cref="FailureReason"/>.</summary>
public static class FailureReasonNames
{
    public static string Danish(this FailureReason reason) => reason switch
    {
        FailureReason.ElementNotFound => "elementet blev ikke fundet",
        FailureReason.Timeout => "tidsgrænsen blev overskredet",
        FailureReason.NavigationError => "siden kunne ikke indlæses",
        FailureReason.ExpectationNotMet => "forventningen blev ikke opfyldt",
        FailureReason.ActionFailed => "handlingen kunne ikke udføres",
        FailureReason.NotReachableByKeyboard => "elementet kan ikke nås eller betjenes med tastaturet",
        FailureReason.HttpError => "serveren svarede med en fejl",
        FailureReason.PageCrashed => "siden gik ned i browseren",
        FailureReason.StepTimeout => "trinnet blev ikke færdigt inden for tidsgrænsen",
        FailureReason.AuditTimeout => "auditten blev ikke færdig inden for tidsgrænsen",
        FailureReason.Interrupted => "auditten blev afbrudt, før den var færdig",
        FailureReason.ElementCovered => "elementet er dækket af et andet element",
        FailureReason.StorageFailed => "resultatet kunne ikke gemmes",
        _ => "ingen fejl",
    };
}

/// <summary>One audit: one task script run through one solution with one checklist.</summary>
public sealed class Audit
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The scan this one-page audit belongs to; null for a task audit.</summary>
    public Guid? ScanId { get; set; }

    public int SolutionId { get; set; }

    public Solution Solution { get; set; } = null!;

    public int ChecklistVersionId { get; set; }

    public ChecklistVersion ChecklistVersion { get; set; } = null!;

    public required string TaskId { get; set; }

    public required string TaskTitle { get; set; }

    /// <summary>The task script as run, so the audit can be repeated and understood later.</summary>
    public required string TaskScript { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public AuditStatus Status { get; set; }

    /// <summary>True when the citizen's task could be completed from start to end.</summary>
    public bool TaskCompleted { get; set; }

    /// <summary>0-based index of the step that failed, when the task was not completed.</summary>
    public int? FailedStepIndex { get; set; }

    public FailureReason FailureReason { get; set; }

    public string? FailureMessage { get; set; }

    /// <summary>Time on task: from the first navigation to the last step's checks, excluding the checks themselves.</summary>
    public long TimeOnTaskMs { get; set; }

    /// <summary>Total wall time of the audit, checks included.</summary>
    public long WallTimeMs { get; set; }

    /// <summary>Actions performed (expectations included).</summary>
    public int ActionCount { get; set; }

    /// <summary>Whether the task could be completed with the keyboard alone; null when that was not checked.</summary>
    public bool? KeyboardCompleted { get; set; }

    /// <summary>0-based step where the keyboard-only pass stopped.</summary>
    public int? KeyboardFailedStepIndex { get; set; }

    /// <summary>Wall time of the keyboard-only pass.</summary>
    public long KeyboardMs { get; set; }

    /// <summary>Wall time of the pass that submits each form incomplete.</summary>
    public long ErrorHandlingMs { get; set; }

    public string BrowserVersion { get; set; } = string.Empty;

    public string AxeVersion { get; set; } = string.Empty;

    /// <summary>
    /// What happened during the audit that is not tied to one step: a side pass that was stopped by
    /// the time limit, the browser that had to be restarted. Kept as facts; <see cref="AuditEventText"/> says them in Danish.
    /// </summary>
    public List<AuditEvent> Events { get; set; } = [];

    /// <summary>
    /// True once this completed audit's findings have been matched to the solution's tracked
    /// findings (new ones opened, gone ones verified, returning ones reopened).
    /// </summary>
    public bool FindingsTracked { get; set; }

    public List<StepResult> Steps { get; set; } = [];

    public List<Finding> Findings { get; set; } = [];

    /// <summary>Recommendations and results to judge: reported apart from the findings, never scored.</summary>
    public List<Advisory> Advisories { get; set; } = [];

    public List<Evidence> Evidence { get; set; } = [];

    /// <summary>The reviewer's assessments of criteria a machine cannot judge (or judge alone).</summary>
    public List<Assessments.Assessment> Assessments { get; set; } = [];
}

/// <summary>Outcome of one step.</summary>
public enum StepOutcome
{
    Passed = 0,
    Failed = 1,

    /// <summary>Not reached, because an earlier step failed.</summary>
    NotRun = 2,
}

/// <summary>What was seen at one step: the page, its timings, and the evidence screenshot.</summary>
public sealed class StepResult
{
    public int Id { get; set; }

    public Guid AuditId { get; set; }

    public int Index { get; set; }

    public required string Name { get; set; }

    public StepOutcome Outcome { get; set; }

    public string? Url { get; set; }

    public string? PageTitle { get; set; }

    public int ActionCount { get; set; }

    /// <summary>Time for the step's actions (the citizen's part), as the audit's own clock saw it.</summary>
    public long ActionsMs { get; set; }

    /// <summary>
    /// How long the citizen waited for the solution after the step's actions, as the browser
    /// measured it: for the page the actions led to, from its request until the document had
    /// arrived (navigation timing); without a new page, the longest data request (fetch,
    /// XMLHttpRequest) the actions set off. Unlike <see cref="ActionsMs"/> it includes neither the
    /// audit's own work nor this machine's CPU, which checks and other audits share, so it is the
    /// same on a busy machine. Null when the actions asked the solution for nothing, or the step was the last.
    /// </summary>
    public long? WaitMs { get; set; }

    /// <summary>Time for axe-core on this step.</summary>
    public long AxeMs { get; set; }

    /// <summary>Time for the screenshot of this step.</summary>
    public long ScreenshotMs { get; set; }

    /// <summary>Time for UsabilityLab's own page checks on this step (page facts, reflow).</summary>
    public long ChecksMs { get; set; }

    public string? Error { get; set; }

    /// <summary>
    /// What the page did at this step besides the script: dialogs and how they were answered,
    /// pop-ups, downloads, a page that moved on by itself, error statuses, a crash, and what the
    /// error-handling pass tested. Kept as facts; <see cref="AuditEventText"/> says them in Danish.
    /// </summary>
    public List<AuditEvent> Events { get; set; } = [];

    public int? ScreenshotId { get; set; }

    public Evidence? Screenshot { get; set; }
}

/// <summary>Where a finding came from.</summary>
public enum FindingSource
{
    Axe = 0,
    TaskVerdict = 1,
    Locator = 2,

    /// <summary>One of UsabilityLab's own checks (page titles, LIX, reflow ...).</summary>
    Check = 3,

    /// <summary>A reviewer judged a criterion not passed (<see cref="Assessments.ReviewerFindings"/>); never stored as an audit's finding.</summary>
    Reviewer = 4,
}

/// <summary>An element's box in page (document) coordinates, for marking it on the step's screenshot.</summary>
public readonly record struct ElementBox(double X, double Y, double Width, double Height)
{
    /// <summary>The one reading of a box as the page scripts give it: [x, y, width, height], or null for anything else.</summary>
    public static ElementBox? From(IReadOnlyList<double>? values) =>
        values is [var x, var y, var width, var height] ? new ElementBox(x, y, width, height) : null;
}

/// <summary>One problem found in an audit, under the checklist criterion it breaks.</summary>
public sealed class Finding
{
    public int Id { get; set; }

    public Guid AuditId { get; set; }

    public required string CriterionId { get; set; }

    public FindingSource Source { get; set; }

    /// <summary>axe rule id, or the check name for findings not from axe.</summary>
    public required string RuleId { get; set; }

    public Severity Severity { get; set; }

    /// <summary>Short Danish or axe title of the problem.</summary>
    public required string Title { get; set; }

    public required string Description { get; set; }

    public string? HelpUrl { get; set; }

    /// <summary>What was measured, in Danish with the limit, e.g. "LIX 58 (grænse 45)".</summary>
    public string? Measurement { get; set; }

    /// <summary>0-based step index, or null for findings about the whole task.</summary>
    public int? StepIndex { get; set; }

    public string? Selector { get; set; }

    /// <summary>The element's HTML as the audited page had it; reports encode it, never render it.</summary>
    public string? Html { get; set; }

    /// <summary>WCAG success criteria, e.g. "1.1.1".</summary>
    public List<string> Wcag { get; set; } = [];

    /// <summary>Stable hash that recognises the same problem in a later audit of the same solution.</summary>
    public required string Fingerprint { get; set; }

    /// <summary>
    /// The rule of UsabilityLab's own check that saw the same problem as this axe-core finding
    /// (e.g. "zoom-language/zoom"), when both did: one problem is one finding, found by both.
    /// </summary>
    public string? AlsoFoundBy { get; set; }

    public ElementBox? Box { get; set; }

    /// <summary>The screenshot to show with the finding (the step's, with <see cref="Box"/> marked on it).</summary>
    public int? EvidenceId { get; set; }

    public Evidence? Evidence { get; set; }
}

/// <summary>A file kept as evidence (screenshot), stored under the evidence folder and referenced here.</summary>
public sealed class Evidence
{
    public int Id { get; set; }

    public Guid AuditId { get; set; }

    /// <summary>Path relative to the evidence root, with forward slashes.</summary>
    public required string RelativePath { get; set; }

    public required string ContentType { get; set; }

    public long Bytes { get; set; }

    public required string Sha256 { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }
}
