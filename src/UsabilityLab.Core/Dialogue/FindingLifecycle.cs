namespace UsabilityLab.Core.Dialogue;

/// <summary>What a person can do to a tracked finding.</summary>
public enum FindingAction
{
    /// <summary>The review unit sends it to the vendor.</summary>
    Send,

    /// <summary>The review unit reopens it (a fix that does not hold, a dispute it does not accept).</summary>
    Reopen,

    /// <summary>The vendor accepts it.</summary>
    Accept,

    /// <summary>The vendor disputes it, with a reason.</summary>
    Dispute,

    /// <summary>The vendor plans a fix, with a release or date.</summary>
    Plan,

    /// <summary>The vendor reports it fixed.</summary>
    MarkFixed,

    /// <summary>The review unit takes it back (accepts the vendor's dispute), with its reason.</summary>
    Withdraw,

    /// <summary>The review unit ends the dialogue without a fix to verify, with its reason.</summary>
    Close,
}

/// <summary>Who acts on a finding; vendors answer, the review unit sends and reopens.</summary>
public enum FindingActor
{
    ReviewUnit,
    Vendor,
}

/// <summary>
/// The rules of a finding's life: open → sent → accepted / disputed / planned → fixed → verified by
/// a re-audit, or reopened. One place, so the pages, the endpoints and the re-audit agree.
/// </summary>
public static class FindingLifecycle
{
    /// <summary>The state <paramref name="action"/> leads to from <paramref name="current"/>, or null when it is not allowed.</summary>
    public static FindingState? Next(FindingState current, FindingAction action, FindingActor actor) => (actor, action) switch
    {
        (FindingActor.ReviewUnit, FindingAction.Send) when current is FindingState.Open or FindingState.Reopened => FindingState.Sent,
        (FindingActor.ReviewUnit, FindingAction.Reopen) when current is FindingState.Fixed or FindingState.Verified or FindingState.Disputed or FindingState.Withdrawn or FindingState.Closed => FindingState.Reopened,
        (FindingActor.ReviewUnit, FindingAction.Withdraw) when current.IsOutstanding() => FindingState.Withdrawn,
        (FindingActor.ReviewUnit, FindingAction.Close) when current.IsOutstanding() && current != FindingState.Open => FindingState.Closed,
        (FindingActor.Vendor, FindingAction.Accept) when IsAnswerable(current) && current != FindingState.Accepted => FindingState.Accepted,
        (FindingActor.Vendor, FindingAction.Dispute) when IsAnswerable(current) => FindingState.Disputed,
        (FindingActor.Vendor, FindingAction.Plan) when IsAnswerable(current) => FindingState.Planned,
        (FindingActor.Vendor, FindingAction.MarkFixed) when IsAnswerable(current) => FindingState.Fixed,
        _ => null,
    };

    /// <summary>The actions <paramref name="actor"/> can take now, in the order a page offers them.</summary>
    public static IReadOnlyList<FindingAction> Allowed(FindingState current, FindingActor actor) =>
        Enum.GetValues<FindingAction>().Where(a => Next(current, a, actor) is not null).ToList();

    /// <summary>Whether the action needs a text: a dispute, a withdrawal and a closing their reason, a plan its release or date.</summary>
    public static bool NeedsNote(FindingAction action) => action is FindingAction.Dispute or FindingAction.Plan or FindingAction.Withdraw or FindingAction.Close;

    /// <summary>Danish label of an action, for buttons and the history.</summary>
    public static string Danish(this FindingAction action) => action switch
    {
        FindingAction.Send => "Send til leverandør",
        FindingAction.Reopen => "Genåbn",
        FindingAction.Accept => "Accepter",
        FindingAction.Dispute => "Bestrid",
        FindingAction.Plan => "Planlæg rettelse",
        FindingAction.MarkFixed => "Meld rettet",
        FindingAction.Withdraw => "Træk fundet tilbage",
        FindingAction.Close => "Luk fundet",
        _ => action.ToString(),
    };

    /// <summary>
    /// What a completed re-audit means for a finding: gone means verified (whatever the vendor said),
    /// found again after a fix means reopened, otherwise the state stands. A finding the review unit
    /// withdrew or closed stays so: its dialogue is over, and only a reviewer reopens it.
    /// </summary>
    public static FindingState? AfterReaudit(FindingState current, bool foundAgain) => (foundAgain, current) switch
    {
        (_, FindingState.Withdrawn or FindingState.Closed) => null,
        (false, not FindingState.Verified) => FindingState.Verified,
        (true, FindingState.Fixed or FindingState.Verified) => FindingState.Reopened,
        _ => null,
    };

    private static bool IsAnswerable(FindingState state) =>
        state is FindingState.Sent or FindingState.Accepted or FindingState.Disputed or FindingState.Planned;
}
