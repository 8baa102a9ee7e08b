using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Dialogue;
using UsabilityLab.Data;

namespace UsabilityLab.Web.Services;

/// <summary>
/// What the person behind the request may see. Every query of vendors' data goes through here, so
/// a vendor's person gets only the own organisation's rows, and an id from another vendor reads as
/// "not found" rather than "forbidden" (it does not even confirm that the id exists).
/// </summary>
public sealed class LabAccess(IHttpContextAccessor accessor, LabDbContext db)
{
    private ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsSignedIn => User.Identity?.IsAuthenticated == true;

    public string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

    /// <summary>The signed-in person's user name, for logs (the display name can change).</summary>
    public string UserName => User.Identity?.Name ?? "?";

    /// <summary>The person's name as shown in histories and comments.</summary>
    public string Name => User.FindFirstValue(LabClaimsFactory.DisplayNameClaim) is { Length: > 0 } name ? name : User.Identity?.Name ?? "?";

    public bool IsAdmin => User.IsInRole(LabRoles.Admin);

    /// <summary>Reviewers and admins: audit, assess, send and reopen findings.</summary>
    public bool IsReviewer => User.IsInRole(LabRoles.Reviewer) || IsAdmin;

    /// <summary>Anyone in the review unit, facilitators included: reads every vendor.</summary>
    public bool IsReviewUnit => IsReviewer || User.IsInRole(LabRoles.Facilitator);

    /// <summary>The vendor organisation of a vendor's person; a vendor's person without one sees nothing.</summary>
    public int? VendorId => int.TryParse(User.FindFirstValue(LabClaimsFactory.VendorClaim), out var id) ? id : null;

    public bool IsVendor => !IsReviewUnit && User.IsInRole(LabRoles.Vendor);

    /// <summary>Who answers for this person in a finding's life.</summary>
    public FindingActor? Actor => IsReviewer ? FindingActor.ReviewUnit : IsVendor ? FindingActor.Vendor : null;

    public IQueryable<Vendor> Vendors => IsReviewUnit ? db.Vendors : db.Vendors.Where(v => v.Id == VendorId);

    public IQueryable<Solution> Solutions => IsReviewUnit ? db.Solutions : db.Solutions.Where(s => s.VendorId == VendorId);

    public IQueryable<Audit> Audits => IsReviewUnit ? db.Audits : db.Audits.Where(a => a.Solution.VendorId == VendorId);

    public IQueryable<TrackedFinding> TrackedFindings => IsReviewUnit ? db.TrackedFindings : db.TrackedFindings.Where(t => t.Solution.VendorId == VendorId);

    /// <summary>Studies: all for the review unit; a vendor's own solutions' studies, for their reports only.</summary>
    public IQueryable<Core.Studies.Study> Studies => IsReviewUnit ? db.Studies : db.Studies.Where(s => s.Solution.VendorId == VendorId);

    /// <summary>Clips attached to findings: the review unit's, and a vendor's own findings' clips.</summary>
    public IQueryable<Core.Studies.FindingClip> Clips => db.FindingClips.Where(c => TrackedFindings.Any(t => t.Id == c.TrackedFindingId));

    public Task<bool> CanSeeAuditAsync(Guid id, CancellationToken cancellationToken = default) => Audits.AnyAsync(a => a.Id == id, cancellationToken);

    public Task<bool> CanSeeSolutionAsync(int id, CancellationToken cancellationToken = default) => Solutions.AnyAsync(s => s.Id == id, cancellationToken);

    public Task<bool> CanSeeFindingAsync(int id, CancellationToken cancellationToken = default) => TrackedFindings.AnyAsync(t => t.Id == id, cancellationToken);

    /// <summary>This person as the author of a change or comment; only for someone with an <see cref="Actor"/>.</summary>
    public FindingAuthor Author() =>
        new(Name, UserId, Actor ?? throw new InvalidOperationException("Only reviewers and vendors act on findings."));
}
