using Microsoft.AspNetCore.Components;
using UsabilityLab.Data;
using UsabilityLab.Web.Services;

namespace UsabilityLab.Web.Components;

/// <summary>
/// A workbench page: the request, what the person may see, and the database. An id the person may
/// not see answers 404 "not found", the same as an id that does not exist.
/// </summary>
public abstract class LabPage : ComponentBase
{
    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    [Inject]
    public LabAccess Access { get; set; } = null!;

    [Inject]
    public LabDbContext Db { get; set; } = null!;

    /// <summary>Audits as the CLI stores and loads them, over the same <see cref="Db"/>.</summary>
    [Inject]
    public AuditStore Audits { get; set; } = null!;

    /// <summary>The form this request refused, if any: its reason and what the person typed.</summary>
    [Inject]
    public RefusedForm Refused { get; set; } = null!;

    /// <summary>True when the page's subject does not exist or is not this person's to see.</summary>
    protected bool Missing { get; private set; }

    protected CancellationToken Aborted => HttpContext?.RequestAborted ?? CancellationToken.None;

    protected void NotFound()
    {
        Missing = true;
        if (HttpContext is { Response.HasStarted: false } context)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
