using UsabilityLab.Core.Dialogue;

namespace UsabilityLab.Core.Tests;

public class FindingLifecycleTests
{
    private static readonly object[] _allowed =
    [
        new object[] { FindingState.Open, FindingAction.Send, FindingActor.ReviewUnit, FindingState.Sent },
        new object[] { FindingState.Reopened, FindingAction.Send, FindingActor.ReviewUnit, FindingState.Sent },
        new object[] { FindingState.Sent, FindingAction.Accept, FindingActor.Vendor, FindingState.Accepted },
        new object[] { FindingState.Sent, FindingAction.Dispute, FindingActor.Vendor, FindingState.Disputed },
        new object[] { FindingState.Sent, FindingAction.Plan, FindingActor.Vendor, FindingState.Planned },
        new object[] { FindingState.Planned, FindingAction.MarkFixed, FindingActor.Vendor, FindingState.Fixed },
        new object[] { FindingState.Disputed, FindingAction.Accept, FindingActor.Vendor, FindingState.Accepted },
        new object[] { FindingState.Disputed, FindingAction.Reopen, FindingActor.ReviewUnit, FindingState.Reopened },
        new object[] { FindingState.Fixed, FindingAction.Reopen, FindingActor.ReviewUnit, FindingState.Reopened },
        new object[] { FindingState.Verified, FindingAction.Reopen, FindingActor.ReviewUnit, FindingState.Reopened },
        new object[] { FindingState.Disputed, FindingAction.Withdraw, FindingActor.ReviewUnit, FindingState.Withdrawn },
        new object[] { FindingState.Open, FindingAction.Withdraw, FindingActor.ReviewUnit, FindingState.Withdrawn },
        new object[] { FindingState.Disputed, FindingAction.Close, FindingActor.ReviewUnit, FindingState.Closed },
        new object[] { FindingState.Accepted, FindingAction.Close, FindingActor.ReviewUnit, FindingState.Closed },
        new object[] { FindingState.Withdrawn, FindingAction.Reopen, FindingActor.ReviewUnit, FindingState.Reopened },
        new object[] { FindingState.Closed, FindingAction.Reopen, FindingActor.ReviewUnit, FindingState.Reopened },
    ];

    private static readonly object[] _refused =
    [
        new object[] { FindingState.Open, FindingAction.Accept, FindingActor.Vendor },
        new object[] { FindingState.Open, FindingAction.MarkFixed, FindingActor.Vendor },
        new object[] { FindingState.Sent, FindingAction.Send, FindingActor.ReviewUnit },
        new object[] { FindingState.Sent, FindingAction.Accept, FindingActor.ReviewUnit },
        new object[] { FindingState.Sent, FindingAction.Send, FindingActor.Vendor },
        new object[] { FindingState.Fixed, FindingAction.Dispute, FindingActor.Vendor },
        new object[] { FindingState.Verified, FindingAction.MarkFixed, FindingActor.Vendor },
        new object[] { FindingState.Accepted, FindingAction.Accept, FindingActor.Vendor },
        new object[] { FindingState.Disputed, FindingAction.Withdraw, FindingActor.Vendor },
        new object[] { FindingState.Sent, FindingAction.Close, FindingActor.Vendor },
        new object[] { FindingState.Verified, FindingAction.Withdraw, FindingActor.ReviewUnit },
        new object[] { FindingState.Withdrawn, FindingAction.Close, FindingActor.ReviewUnit },
        new object[] { FindingState.Open, FindingAction.Close, FindingActor.ReviewUnit },
        new object[] { FindingState.Withdrawn, FindingAction.Dispute, FindingActor.Vendor },
    ];

    [TestCaseSource(nameof(_allowed))]
    public void Next_AllowedAction_LeadsToItsState(FindingState from, FindingAction action, FindingActor actor, FindingState to) =>
        Assert.That(FindingLifecycle.Next(from, action, actor), Is.EqualTo(to));

    [TestCaseSource(nameof(_refused))]
    public void Next_ActionNotForThisActorOrState_IsRefused(FindingState from, FindingAction action, FindingActor actor) =>
        Assert.That(FindingLifecycle.Next(from, action, actor), Is.Null);

    [Test]
    public void AfterReaudit_GoneIsVerified_FoundAgainAfterAFixIsReopened_OtherwiseUnchanged()
    {
        Assert.Multiple(() =>
        {
            Assert.That(FindingLifecycle.AfterReaudit(FindingState.Fixed, foundAgain: false), Is.EqualTo(FindingState.Verified));
            Assert.That(FindingLifecycle.AfterReaudit(FindingState.Disputed, foundAgain: false), Is.EqualTo(FindingState.Verified));
            Assert.That(FindingLifecycle.AfterReaudit(FindingState.Verified, foundAgain: false), Is.Null);
            Assert.That(FindingLifecycle.AfterReaudit(FindingState.Fixed, foundAgain: true), Is.EqualTo(FindingState.Reopened));
            Assert.That(FindingLifecycle.AfterReaudit(FindingState.Verified, foundAgain: true), Is.EqualTo(FindingState.Reopened));
            Assert.That(FindingLifecycle.AfterReaudit(FindingState.Disputed, foundAgain: true), Is.Null);
            Assert.That(FindingLifecycle.AfterReaudit(FindingState.Withdrawn, foundAgain: true), Is.Null, "a withdrawn finding is not raised again by the machine");
            Assert.That(FindingLifecycle.AfterReaudit(FindingState.Withdrawn, foundAgain: false), Is.Null);
            Assert.That(FindingLifecycle.AfterReaudit(FindingState.Closed, foundAgain: true), Is.Null);
        });
    }

    [Test]
    public void Allowed_ForTheReviewUnitOnADisputedFinding_IsReopenWithdrawOrClose() =>
        Assert.That(FindingLifecycle.Allowed(FindingState.Disputed, FindingActor.ReviewUnit),
            Is.EqualTo(new[] { FindingAction.Reopen, FindingAction.Withdraw, FindingAction.Close }));

    [Test]
    public void Withdraw_AndClose_NeedAReason() =>
        Assert.That(new[] { FindingAction.Withdraw, FindingAction.Close }.Select(FindingLifecycle.NeedsNote), Is.All.True);

    [Test]
    public void Allowed_ForVendorOnASentFinding_IsTheFourAnswers() =>
        Assert.That(FindingLifecycle.Allowed(FindingState.Sent, FindingActor.Vendor),
            Is.EqualTo(new[] { FindingAction.Accept, FindingAction.Dispute, FindingAction.Plan, FindingAction.MarkFixed }));
}
