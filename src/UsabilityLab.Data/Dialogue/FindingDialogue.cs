using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Dialogue;

namespace UsabilityLab.Data;

/// <summary>Who is acting on a finding: their name and account for the history, and their side.</summary>
public sealed record FindingAuthor(string Name, string? UserId, FindingActor Actor);

/// <summary>The outcome of an action on a tracked finding.</summary>
public enum DialogueResult
{
    Done,
    NotFound,

    /// <summary>The action is not allowed for this person in the finding's state.</summary>
    NotAllowed,

    /// <summary>A dispute without a reason, a plan without a release or date, an empty comment.</summary>
    NoteMissing,
}

/// <summary>
/// The dialogue on tracked findings: state changes by the review unit and the vendor, each recorded
/// with who and when, and the comment thread. Callers decide who may see a finding; this decides
/// what they may do to it (<see cref="FindingLifecycle"/>).
/// </summary>
public sealed class FindingDialogue(LabDbContext db, TimeProvider clock)
{
    public const int MaxTextLength = 8000;

    public async Task<DialogueResult> ActAsync(int findingId, FindingAction action, FindingAuthor author, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(author);
        var finding = await db.TrackedFindings.FirstOrDefaultAsync(t => t.Id == findingId, cancellationToken);
        if (finding is null)
        {
            return DialogueResult.NotFound;
        }

        note = Clean(note);
        if (FindingLifecycle.NeedsNote(action) && note is null)
        {
            return DialogueResult.NoteMissing;
        }

        if (!Apply(finding, action, author, note))
        {
            return DialogueResult.NotAllowed;
        }

        await db.SaveChangesAsync(cancellationToken);
        return DialogueResult.Done;
    }

    /// <summary>
    /// Sends the chosen findings to the vendor, in one transaction: of <paramref name="findingIds"/>,
    /// those the audit saw last that are open or reopened; the others are left as they are.
    /// </summary>
    /// <returns>How many were sent.</returns>
    public async Task<int> SendAsync(Guid auditId, IReadOnlyCollection<int> findingIds, FindingAuthor author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(findingIds);
        var open = await db.TrackedFindings
            .Where(t => t.LastSeenAuditId == auditId && (t.State == FindingState.Open || t.State == FindingState.Reopened) && findingIds.Contains(t.Id))
            .ToListAsync(cancellationToken);
        var sent = open.Count(finding => Apply(finding, FindingAction.Send, author, null));
        await db.SaveChangesAsync(cancellationToken);
        return sent;
    }

    public async Task<DialogueResult> CommentAsync(int findingId, FindingAuthor author, string? text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(author);
        text = Clean(text);
        if (text is null)
        {
            return DialogueResult.NoteMissing;
        }

        if (!await db.TrackedFindings.AnyAsync(t => t.Id == findingId, cancellationToken))
        {
            return DialogueResult.NotFound;
        }

        db.FindingComments.Add(new FindingComment
        {
            TrackedFindingId = findingId,
            By = author.Name,
            UserId = author.UserId,
            FromVendor = author.Actor == FindingActor.Vendor,
            At = clock.GetUtcNow(),
            Text = text,
        });
        await db.SaveChangesAsync(cancellationToken);
        return DialogueResult.Done;
    }

    private bool Apply(TrackedFinding finding, FindingAction action, FindingAuthor author, string? note)
    {
        if (FindingLifecycle.Next(finding.State, action, author.Actor) is not { } next)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        finding.Changes.Add(new FindingChange { From = finding.State, To = next, By = author.Name, UserId = author.UserId, At = now, Note = note });
        finding.State = next;
        finding.UpdatedAt = now;
        finding.DisputeReason = action == FindingAction.Dispute ? note : finding.DisputeReason;
        finding.PlannedFor = action == FindingAction.Plan ? note : finding.PlannedFor;
        return true;
    }

    private static string? Clean(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return text.Length > MaxTextLength ? text[..MaxTextLength] : text;
    }
}
