using System.Globalization;

namespace UsabilityLab.Core.Audits;

/// <summary>What kind of thing happened during an audit besides the script.</summary>
public enum AuditEventKind
{
    /// <summary>A sentence stored before events were kept as facts; shown as it was written.</summary>
    Said = 0,
    BrowserRestarted = 1,
    PassStopped = 2,
    NotHtml = 3,
    WindowOpened = 4,
    FollowedWindow = 5,
    WindowClosed = 6,
    PageCrashed = 7,
    ErrorStatus = 8,
    MovedByItself = 9,
    CookieBannerClosed = 10,
    DialogAnswered = 11,
    DownloadStarted = 12,
    DownloadUnfinished = 13,
    DownloadTooLarge = 14,
    DownloadKept = 15,
    DownloadFailed = 16,
    FormTested = 17,
    FormNotTested = 18,
    EgressRefused = 19,
}

/// <summary>
/// Something that happened during an audit besides the script (a dialog answered, a pop-up, an
/// error status, a side pass stopped by its time limit ...), kept as facts: its kind and its
/// values, never as a finished sentence. The pages and reports say it in Danish
/// (<see cref="AuditEventText"/>); other tools can read the facts.
/// </summary>
public sealed record AuditEvent(AuditEventKind Kind, IReadOnlyDictionary<string, string> Facts)
{
    /// <summary>The fact of that name, or "" when the event has none.</summary>
    public string this[string name] => Facts.TryGetValue(name, out var value) ? value : string.Empty;

    /// <summary>A sentence from before events were facts.</summary>
    public static AuditEvent Said(string text) => New(AuditEventKind.Said, ("text", text));

    /// <summary>The browser had to be started again before the audit.</summary>
    public static AuditEvent BrowserRestarted(int times) => New(AuditEventKind.BrowserRestarted, ("times", Text(times)));

    /// <summary>A side pass (<see cref="Passes"/>) was stopped by a time limit; its findings are not in the audit.</summary>
    public static AuditEvent PassStopped(string pass, int auditTimeoutMs, int stepTimeoutMs) =>
        New(AuditEventKind.PassStopped, ("pass", pass), ("auditTimeoutMs", Text(auditTimeoutMs)), ("stepTimeoutMs", Text(stepTimeoutMs)));

    /// <summary>The step's document is not an HTML page, so the page checks did not run on it.</summary>
    public static AuditEvent NotHtml(string contentType) => New(AuditEventKind.NotHtml, ("contentType", contentType));

    /// <summary>The solution opened a window (empty <paramref name="url"/>: a blank one).</summary>
    public static AuditEvent WindowOpened(string url) => New(AuditEventKind.WindowOpened, ("url", url));

    /// <summary>The task went on in a window the solution opened.</summary>
    public static AuditEvent FollowedWindow(string url) => New(AuditEventKind.FollowedWindow, ("url", url));

    /// <summary>The window the task was in closed; the task went on in the first one.</summary>
    public static AuditEvent WindowClosed(string url) => New(AuditEventKind.WindowClosed, ("url", url));

    /// <summary>The page's renderer process stopped.</summary>
    public static AuditEvent PageCrashed(string url) => New(AuditEventKind.PageCrashed, ("url", url));

    /// <summary>
    /// The solution's page asked for an address on the inside of the network (<paramref name="reason"/>:
    /// "internal" or "closed"); the connection was refused, so nothing from there was fetched, checked or kept.
    /// </summary>
    public static AuditEvent EgressRefused(string target, string reason) => New(AuditEventKind.EgressRefused, ("target", target), ("reason", reason));

    /// <summary>The server answered a page with an error status (400 or more).</summary>
    public static AuditEvent ErrorStatus(int status, string statusText, string url) =>
        New(AuditEventKind.ErrorStatus, ("status", Text(status)), ("statusText", statusText), ("url", url));

    /// <summary>The page went to another address without the citizen doing anything.</summary>
    public static AuditEvent MovedByItself(string url) => New(AuditEventKind.MovedByItself, ("url", url));

    /// <summary>The script's cookie-banner button was clicked.</summary>
    public static AuditEvent CookieBannerClosed(string button) => New(AuditEventKind.CookieBannerClosed, ("button", button));

    /// <summary>A dialog (<see cref="Dialogs"/>) was answered as the script says.</summary>
    public static AuditEvent DialogAnswered(string dialog, string message, bool accepted) =>
        New(AuditEventKind.DialogAnswered, ("dialog", dialog), ("message", message), ("accepted", accepted ? "true" : "false"));

    public static AuditEvent DownloadStarted(string file) => New(AuditEventKind.DownloadStarted, ("file", file));

    public static AuditEvent DownloadUnfinished() => New(AuditEventKind.DownloadUnfinished);

    public static AuditEvent DownloadTooLarge(string file, long bytes) => New(AuditEventKind.DownloadTooLarge, ("file", file), ("bytes", Text(bytes)));

    /// <summary>A download kept as evidence under the name <paramref name="evidence"/>.</summary>
    public static AuditEvent DownloadKept(string file, long bytes, string evidence) =>
        New(AuditEventKind.DownloadKept, ("file", file), ("bytes", Text(bytes)), ("evidence", evidence));

    public static AuditEvent DownloadFailed(string file, string error) => New(AuditEventKind.DownloadFailed, ("file", file), ("error", error));

    /// <summary>
    /// A form was sent with its required fields empty (<paramref name="emptied"/>, the first one
    /// kept filled when there were two or more): whether it was sent anyway or stayed, and, when it
    /// stayed, how many of the empty fields were still there (<paramref name="present"/>), how many of
    /// those got an error text tied to them, and whether the error was announced.
    /// </summary>
    public static AuditEvent FormTested(IReadOnlyList<string> emptied, string? kept, bool stayed, int present = 0, int tied = 0, bool announced = false) =>
        New(AuditEventKind.FormTested,
            ("emptied", string.Join(FieldSeparator, emptied)),
            ("kept", kept ?? string.Empty),
            ("stayed", stayed ? "true" : "false"),
            ("present", Text(present)),
            ("tied", Text(tied)),
            ("announced", announced ? "true" : "false"));

    /// <summary>The form could not be tested: none of the <paramref name="optional"/> fields the script fills is required.</summary>
    public static AuditEvent FormNothingRequired(int optional) =>
        New(AuditEventKind.FormNotTested, ("reason", "nothing-required"), ("optional", Text(optional)));

    /// <summary>The form could not be tested: the pass stopped at step <paramref name="stepNumber"/> (1-based) on <paramref name="error"/>.</summary>
    public static AuditEvent FormPassStopped(int stepNumber, string error) =>
        New(AuditEventKind.FormNotTested, ("reason", "stopped"), ("step", Text(stepNumber)), ("error", error));

    /// <summary>The names a side pass is stopped under.</summary>
    public static class Passes
    {
        public const string Keyboard = "keyboard";
        public const string ErrorHandling = "error-handling";
    }

    /// <summary>The dialogs a page can open.</summary>
    public static class Dialogs
    {
        public const string Alert = "alert";
        public const string Confirm = "confirm";
        public const string Prompt = "prompt";
        public const string BeforeUnload = "beforeunload";
    }

    /// <summary>Between the fields of <c>emptied</c>: a character no locator text holds.</summary>
    public const string FieldSeparator = "\u001F";

    /// <summary>A fact as a number.</summary>
    public long Number(string name) => long.TryParse(this[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    /// <summary>A fact as a yes or no.</summary>
    public bool Flag(string name) => this[name] == "true";

    public bool Equals(AuditEvent? other) =>
        other is not null && Kind == other.Kind && Facts.Count == other.Facts.Count
        && Facts.All(f => other.Facts.TryGetValue(f.Key, out var value) && value == f.Value);

    public override int GetHashCode() =>
        Facts.OrderBy(f => f.Key, StringComparer.Ordinal).Aggregate(Kind.GetHashCode(), (hash, f) => HashCode.Combine(hash, f.Key, f.Value));

    /// <summary>The kind and facts, for logs and test messages (people read <see cref="AuditEventText"/>).</summary>
    public override string ToString() => $"{Kind}({string.Join(", ", Facts.Select(f => $"{f.Key}={f.Value}"))})";

    private static AuditEvent New(AuditEventKind kind, params (string Name, string Value)[] facts) =>
        new(kind, facts.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal));

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
