using System.Text.RegularExpressions;

namespace UsabilityLab.Core.Checklists;

/// <summary>Page titles: every step has one, they differ, and each is long enough to name the step.</summary>
public sealed record PageTitleSettings(int MinLength);

/// <summary>Progress: flows with at least <paramref name="MinSteps"/> steps show a step indicator on their middle steps.</summary>
/// <param name="TextPattern">Text that counts as an indicator, e.g. "Trin 2 af 5".</param>
public sealed record ProgressSettings(int MinSteps, Regex TextPattern);

/// <summary>Receipt: the last step shows a case or reference number and says what happens next.</summary>
public sealed record ReceiptSettings(Regex ReferencePattern, Regex NextStepsPattern);

/// <summary>Plain language: LIX of each step's main text, and phrasing citizens should not meet.</summary>
/// <param name="MinWords">Texts shorter than this are not scored: LIX is unstable on a few words.</param>
/// <param name="ForbiddenPattern">E.g. paragraph references ("§", "jf.").</param>
public sealed record PlainLanguageSettings(double MaxLix, int MinWords, Regex? ForbiddenPattern);

/// <summary>One kind of personal-data field: how to recognise it, and the autocomplete tokens that are right for it.</summary>
public sealed record InputPurposeField(string Purpose, Regex Match, IReadOnlyList<string> Tokens);

/// <param name="OtherPersonPattern">A label that asks about someone else ("Barnets navn", "Friend's first name"): not the citizen's own data, which WCAG 1.3.5 is about.</param>
public sealed record InputPurposeSettings(IReadOnlyList<InputPurposeField> Fields, Regex? OtherPersonPattern = null);

/// <summary>Zoom and language: the page's language and the scale the viewport allows.</summary>
/// <param name="Language">The expected language code prefix, e.g. "da".</param>
/// <param name="LanguageWords">Common words of that language; a text where they are frequent is in it.</param>
/// <param name="MinShare">Share of words that must be among <paramref name="LanguageWords"/> to call a text that language.</param>
/// <param name="MinMaximumScale">A viewport maximum-scale below this disables zoom.</param>
/// <param name="MinWords">A text with fewer words cannot tell its language; the language is then not judged.</param>
public sealed record ZoomLanguageSettings(string Language, IReadOnlySet<string> LanguageWords, double MinShare, double MinMaximumScale, int MinWords = 1);

/// <summary>Effort: steps, actions and time the task may take at most.</summary>
public sealed record EffortSettings(int MaxSteps, int MaxActions, double MaxSeconds, double MaxStepSeconds);

/// <summary>Reflow: the viewport the page must fit without horizontal scrolling (WCAG 1.4.10: 320 CSS px).</summary>
public sealed record ReflowSettings(int Width, int Height);

/// <summary>Keyboard: how many Tab presses may it take to reach one element before it counts as unreachable.</summary>
public sealed record KeyboardSettings(int MaxTabStops);

/// <summary>Consistent help: what on a page is a help or contact mechanism.</summary>
/// <param name="HelpPattern">The text of a link or button that leads to help or contact ("Hjælp", "Kontakt os").</param>
/// <param name="PhonePattern">A phone number in the text, with the word that says it is one ("tlf. 70 10 20 30").</param>
public sealed record ConsistentHelpSettings(Regex HelpPattern, Regex PhonePattern);

/// <summary>
/// The thresholds and patterns of a checklist's checks. They live in the checklist YAML, never in
/// code; a check a criterion names must have its settings there.
/// </summary>
public sealed record CheckSettings(
    PageTitleSettings? PageTitles = null,
    ProgressSettings? Progress = null,
    ReceiptSettings? Receipt = null,
    PlainLanguageSettings? PlainLanguage = null,
    InputPurposeSettings? InputPurpose = null,
    ZoomLanguageSettings? ZoomLanguage = null,
    EffortSettings? Effort = null,
    ReflowSettings? Reflow = null,
    KeyboardSettings? Keyboard = null,
    ConsistentHelpSettings? ConsistentHelp = null)
{
    public static readonly CheckSettings None = new();
}
