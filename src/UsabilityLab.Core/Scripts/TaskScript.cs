namespace UsabilityLab.Core.Scripts;

/// <summary>A citizen's task in a self-service solution, as a reviewer wrote it in YAML.</summary>
/// <param name="Id">Stable id, used to compare audits of the same task over time.</param>
/// <param name="Title">Danish title, e.g. "Anmeld flytning".</param>
/// <param name="Start">Start path or URL, relative to the solution's base URL.</param>
/// <param name="Data">Test data with default values, referenced as <c>${name}</c> and overridable at run time.</param>
/// <param name="Steps">The steps, each one page or state of the flow as the citizen meets it.</param>
/// <param name="SourceFile">The file as the reviewer named it, for messages.</param>
public sealed record TaskScript(
    string Id,
    string Title,
    string Start,
    string? Description,
    IReadOnlyDictionary<string, string> Data,
    IReadOnlyList<TaskStep> Steps,
    string SourceFile)
{
    /// <summary>Number of actions (expectations included) over all steps.</summary>
    public int ActionCount => Steps.Sum(s => s.Actions.Count);

    /// <summary>How the audit answers what the solution does besides its pages (the script's <c>handle:</c>).</summary>
    public ScriptHandling Handling { get; init; } = ScriptHandling.Default;
}

/// <summary>How to answer a JavaScript dialog (alert, confirm, prompt).</summary>
public enum DialogAnswer
{
    /// <summary>Cancel (the default, as a cautious citizen would, and as Playwright does).</summary>
    Dismiss,

    /// <summary>OK.</summary>
    Accept,
}

/// <summary>
/// What the script expects the solution to do besides its pages, and how to answer it.
/// A "leave this page?" dialog is always answered "leave", since the script means to go on.
/// </summary>
/// <param name="Dialogs">Answer to alert, confirm and prompt dialogs.</param>
/// <param name="CookieBanner">The button that closes a cookie banner, clicked whenever the banner is in the way.</param>
public sealed record ScriptHandling(DialogAnswer Dialogs, ElementTarget? CookieBanner)
{
    public static ScriptHandling Default { get; } = new(DialogAnswer.Dismiss, null);
}

/// <summary>One step of the task.</summary>
/// <param name="Name">Danish name of the step, shown in reports ("Log ind", "Ny adresse").</param>
/// <param name="Actions">What the citizen does on this step, then what must hold, in order.</param>
public sealed record TaskStep(string Name, IReadOnlyList<ScriptAction> Actions, SourcePosition Position);

/// <summary>How an element is found, the way a citizen perceives the page.</summary>
public enum LocatorKind
{
    /// <summary>ARIA role with an accessible name: <c>{ role: button, name: "Næste" }</c>.</summary>
    Role,

    /// <summary>The label of a form field: <c>{ label: "Vejnavn" }</c>.</summary>
    Label,

    /// <summary>Visible text: <c>{ text: "Fortsæt" }</c>.</summary>
    Text,

    /// <summary>Placeholder of a field: <c>{ placeholder: "dd-mm-åååå" }</c>.</summary>
    Placeholder,

    /// <summary>The title attribute: <c>{ title: "Hjælp" }</c>.</summary>
    Title,

    /// <summary>
    /// A CSS selector. The last resort: when a step must use one, the element has no usable
    /// role, name or label, and that is recorded as a finding.
    /// </summary>
    Css,
}

/// <summary>One way to find an element.</summary>
public sealed record ElementLocator(LocatorKind Kind, string Value, string? Name, bool Exact, SourcePosition Position)
{
    /// <summary>True for the locators a citizen's assistive technology could also use.</summary>
    public bool IsSemantic => Kind != LocatorKind.Css;

    public override string ToString() => Kind switch
    {
        LocatorKind.Role => Name is null ? $"rolle {Value}" : $"rolle {Value} \"{Name}\"",
        LocatorKind.Label => $"label \"{Value}\"",
        LocatorKind.Text => $"tekst \"{Value}\"",
        LocatorKind.Placeholder => $"pladsholder \"{Value}\"",
        LocatorKind.Title => $"titel \"{Value}\"",
        _ => $"CSS \"{Value}\"",
    };
}

/// <summary>An element target: the first locator, then the <c>or:</c> alternatives tried in order.</summary>
public sealed record ElementTarget(IReadOnlyList<ElementLocator> Alternatives)
{
    public ElementLocator Primary => Alternatives[0];

    public override string ToString() => string.Join(" eller ", Alternatives);
}

/// <summary>Base of everything a step does or checks.</summary>
public abstract record ScriptAction(SourcePosition Position)
{
    /// <summary>The YAML key of the action, as the reviewer wrote it.</summary>
    public abstract string Verb { get; }
}

public sealed record GotoAction(string Url, SourcePosition Position) : ScriptAction(Position)
{
    public override string Verb => "goto";
}

public sealed record ClickAction(ElementTarget Target, SourcePosition Position) : ScriptAction(Position)
{
    public override string Verb => "click";
}

public sealed record FillAction(ElementTarget Target, string Value, SourcePosition Position) : ScriptAction(Position)
{
    public override string Verb => "fill";
}

public sealed record SelectAction(ElementTarget Target, string Option, SourcePosition Position) : ScriptAction(Position)
{
    public override string Verb => "select";
}

public sealed record CheckAction(ElementTarget Target, bool Checked, SourcePosition Position) : ScriptAction(Position)
{
    public override string Verb => "check";
}

/// <summary>
/// Chooses a file in a file field. The file is a small test document UsabilityLab makes itself
/// (<see cref="TestFiles"/>), named as the script says: a script never reaches into the disk of the
/// machine it runs on, and a citizen's real documents are never used.
/// </summary>
public sealed record UploadAction(ElementTarget Target, string FileName, SourcePosition Position) : ScriptAction(Position)
{
    public override string Verb => "upload";
}

/// <summary>Presses a key, on an element when one is named, otherwise wherever focus is.</summary>
public sealed record PressAction(string Key, ElementTarget? Target, SourcePosition Position) : ScriptAction(Position)
{
    public override string Verb => "press";
}

/// <summary>Which window the next actions work in.</summary>
public enum FollowTarget
{
    /// <summary>The newest pop-up window or tab the solution opened (waits for one).</summary>
    Popup,

    /// <summary>Back to the window the task started in.</summary>
    Opener,
}

/// <summary>Moves the task to another window: a pop-up or tab the solution opened, or back.</summary>
public sealed record FollowAction(FollowTarget Target, SourcePosition Position) : ScriptAction(Position)
{
    public override string Verb => "follow";
}

/// <summary>Waits for an element to be visible, a text to appear, or the URL to match.</summary>
public sealed record WaitForAction(ElementTarget? Target, string? Text, string? Url, SourcePosition Position) : ScriptAction(Position)
{
    public override string Verb => "waitFor";
}

/// <summary>What must hold on the page; when it does not, the task fails with "expectation not met".</summary>
public enum ExpectationKind
{
    Text,
    Url,
    Visible,
    Title,
}

public sealed record ExpectAction(ExpectationKind Kind, string? Value, ElementTarget? Target, SourcePosition Position) : ScriptAction(Position)
{
    public override string Verb => "expect";

    public override string ToString() => Kind switch
    {
        ExpectationKind.Text => $"teksten \"{Value}\" vises",
        ExpectationKind.Url => $"adressen matcher \"{Value}\"",
        ExpectationKind.Title => $"sidens titel indeholder \"{Value}\"",
        _ => $"{Target} er synlig",
    };
}
