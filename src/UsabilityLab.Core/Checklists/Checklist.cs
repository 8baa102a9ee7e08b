namespace UsabilityLab.Core.Checklists;

/// <summary>Severity of a criterion or finding, ordered from the most to the least severe.</summary>
public enum Severity
{
    Critical = 0,
    Serious = 1,
    Moderate = 2,
    Minor = 3,
}

/// <summary>Danish names and axe-core's impact words for <see cref="Severity"/>.</summary>
public static class SeverityNames
{
    public static string Danish(this Severity severity) => severity switch
    {
        Severity.Critical => "kritisk",
        Severity.Serious => "alvorlig",
        Severity.Moderate => "moderat",
        _ => "mindre",
    };

    public static Severity? FromDanish(string text) => text.Trim().ToLowerInvariant() switch
    {
        "kritisk" => Severity.Critical,
        "alvorlig" => Severity.Serious,
        "moderat" => Severity.Moderate,
        "mindre" => Severity.Minor,
        _ => null,
    };

    /// <summary>axe-core's impact (critical, serious, moderate, minor); null or unknown maps to moderate.</summary>
    public static Severity FromAxeImpact(string? impact) => impact switch
    {
        "critical" => Severity.Critical,
        "serious" => Severity.Serious,
        "minor" => Severity.Minor,
        _ => Severity.Moderate,
    };
}

/// <summary>Named checks a criterion can be evaluated by, besides axe rules and a reviewer.</summary>
public static class CheckNames
{
    /// <summary>The task can be completed: a failed step becomes a finding.</summary>
    public const string TaskCompletion = "task-completion";

    /// <summary>Every element the script names is found by role, label, text or placeholder, not CSS.</summary>
    public const string SemanticLocators = "semantic-locators";

    /// <summary>Each step has a title; titles differ between steps and name the step.</summary>
    public const string PageTitles = "page-titles";

    /// <summary>Multi-step flows show a step indicator.</summary>
    public const string Progress = "progress";

    /// <summary>The last step shows a receipt with a reference number and what happens next.</summary>
    public const string Receipt = "receipt";

    /// <summary>LIX of each step's main text, and no paragraph references.</summary>
    public const string PlainLanguage = "plain-language";

    /// <summary>Personal-data fields carry the right autocomplete token (WCAG 1.3.5).</summary>
    public const string InputPurpose = "input-purpose";

    /// <summary>The page language is set and right, and zoom is not disabled.</summary>
    public const string ZoomLanguage = "zoom-language";

    /// <summary>Steps, actions and time on task within the checklist's limits.</summary>
    public const string Effort = "effort";

    /// <summary>No horizontal scrolling at 320 CSS px (WCAG 1.4.10).</summary>
    public const string Reflow = "reflow";

    /// <summary>The task can be completed with the keyboard alone (WCAG 2.1.1).</summary>
    public const string Keyboard = "keyboard";

    /// <summary>Every element that takes focus shows it (WCAG 2.4.7).</summary>
    public const string FocusVisible = "focus-visible";

    /// <summary>Forms submitted incomplete stay, tie specific errors to their fields, summarise them and keep what was typed.</summary>
    public const string ErrorHandling = "error-handling";

    /// <summary>A later step asks again for what the citizen gave on an earlier one, neither pre-filled nor offered (WCAG 3.3.7).</summary>
    public const string RedundantEntry = "redundant-entry";

    /// <summary>Help and contact (phone, e-mail, help links) stay in the same place relative to the content on every step (WCAG 3.2.6).</summary>
    public const string ConsistentHelp = "consistent-help";

    /// <summary>Focus cannot leave an element with Tab or Shift+Tab, found by walking the whole page at every step (WCAG 2.1.2).</summary>
    public const string KeyboardTrap = "keyboard-trap";

    /// <summary>An element focused with Tab is entirely hidden behind fixed or sticky content (WCAG 2.4.11).</summary>
    public const string FocusNotObscured = "focus-not-obscured";

    /// <summary>The focus order: a tabindex above 0 for a reviewer to judge, focus lost to the page after an action (WCAG 2.4.3).</summary>
    public const string FocusOrder = "focus-order";

    /// <summary>Sign-in fields that block pasting or password managers, and puzzles for a reviewer to judge (WCAG 3.3.8).</summary>
    public const string AccessibleAuthentication = "accessible-authentication";

    public static readonly IReadOnlyList<string> All =
    [
        TaskCompletion, SemanticLocators, PageTitles, Progress, Receipt, PlainLanguage, InputPurpose, ZoomLanguage, Effort, Reflow, Keyboard, FocusVisible, ErrorHandling,
        RedundantEntry, ConsistentHelp, KeyboardTrap, FocusNotObscured, FocusOrder, AccessibleAuthentication,
    ];

    /// <summary>Checks the keyboard-only pass makes: it runs when the checklist uses one of them.</summary>
    public static readonly IReadOnlyList<string> InKeyboardPass = [Keyboard, FocusVisible, KeyboardTrap, FocusNotObscured, FocusOrder];

    /// <summary>
    /// Checks that judge one page on its own, as a scan audits it: whether it opens, and what the
    /// page itself shows and how its keyboard behaves. Not those of a task (progress, receipt,
    /// effort, redundant entry, help in the same place on every step), of the script (semantic
    /// locators, focus shown on the elements it names), nor the one that submits forms.
    /// </summary>
    public static readonly IReadOnlyList<string> OnOnePage =
    [
        TaskCompletion, PageTitles, PlainLanguage, InputPurpose, ZoomLanguage, Reflow, Keyboard, KeyboardTrap, FocusNotObscured, FocusOrder, AccessibleAuthentication,
    ];

    /// <summary>Checks whose thresholds must be given under <c>checks:</c> in the checklist.</summary>
    public static readonly IReadOnlyList<string> WithSettings =
    [
        PageTitles, Progress, Receipt, PlainLanguage, InputPurpose, ZoomLanguage, Effort, Reflow, Keyboard, ConsistentHelp,
    ];
}

/// <summary>A checklist area, used to group criteria and score them in reports.</summary>
public sealed record ChecklistArea(string Id, string Title);

/// <summary>How a criterion is evaluated: by axe rules, by named checks, and/or by a reviewer.</summary>
/// <param name="AxeRules">axe-core rule ids mapped to the criterion.</param>
/// <param name="CatchAllAxe">True on the one criterion that receives axe rules no other criterion maps.</param>
/// <param name="Checks">Named checks (<see cref="CheckNames"/>).</param>
/// <param name="Manual">True when a reviewer must judge the criterion.</param>
public sealed record Evaluation(IReadOnlyList<string> AxeRules, bool CatchAllAxe, IReadOnlyList<string> Checks, bool Manual)
{
    public bool IsAutomated => AxeRules.Count > 0 || CatchAllAxe || Checks.Count > 0;
}

/// <summary>One criterion of a checklist.</summary>
/// <param name="En">The EN 301 549 clauses the checklist names for it; without, those of its WCAG references (<see cref="En301549"/>).</param>
public sealed record Criterion(
    string Id,
    string Title,
    string Description,
    string Area,
    Severity Severity,
    IReadOnlyList<string> Wcag,
    Evaluation Evaluation,
    string? HowToFix,
    IReadOnlyList<string>? En = null)
{
    /// <summary>The EN 301 549 clauses of the criterion.</summary>
    public IReadOnlyList<string> EnClauses => En ?? En301549.WebClauses(Wcag);
}

/// <summary>A checklist: the criteria a review checks, in Danish, versioned so audits stay comparable.</summary>
public sealed record Checklist(
    string Id,
    string Version,
    string Title,
    IReadOnlyList<ChecklistArea> Areas,
    IReadOnlyList<Criterion> Criteria,
    string SourceFile,
    string SourceText)
{
    /// <summary>Thresholds and patterns of the checks the criteria name.</summary>
    public CheckSettings Settings { get; init; } = CheckSettings.None;

    /// <summary>True when a criterion of this checklist is evaluated by <paramref name="check"/>.</summary>
    public bool Uses(string check) => ForCheck(check) is not null;

    /// <summary>The schema version this build reads.</summary>
    public const int SchemaVersion = 1;

    public Criterion Get(string id) => Criteria.First(c => c.Id == id);

    /// <summary>The criterion an axe rule's violations belong to: the one that maps it, else the catch-all.</summary>
    public Criterion ForAxeRule(string ruleId) =>
        Criteria.FirstOrDefault(c => c.Evaluation.AxeRules.Contains(ruleId, StringComparer.Ordinal))
        ?? Criteria.First(c => c.Evaluation.CatchAllAxe);

    /// <summary>The criterion that evaluates a named check, or null when the checklist does not use it.</summary>
    public Criterion? ForCheck(string check) =>
        Criteria.FirstOrDefault(c => c.Evaluation.Checks.Contains(check, StringComparer.Ordinal));

    public string AreaTitle(string areaId) => Areas.FirstOrDefault(a => a.Id == areaId)?.Title ?? areaId;

    /// <summary>
    /// The checklist as a scan uses it on one page: every criterion keeps its axe-core rules and
    /// its reviewer, and of its checks only those of <see cref="CheckNames.OnOnePage"/>. A criterion
    /// left with nothing a machine or a reviewer judges is left out.
    /// </summary>
    public Checklist ForOnePage() => this with
    {
        Criteria =
        [
            .. Criteria
                .Select(c => c with { Evaluation = c.Evaluation with { Checks = [.. c.Evaluation.Checks.Where(CheckNames.OnOnePage.Contains)] } })
                .Where(c => c.Evaluation.IsAutomated || c.Evaluation.Manual),
        ],
    };
}
