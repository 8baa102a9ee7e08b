using Microsoft.Extensions.Primitives;

namespace UsabilityLab.Web.Services;

/// <summary>
/// A form the workbench refused in this request: what the person typed, and why it was refused.
/// The page that offers the form is then rendered at once as the answer (no redirect), fills its
/// fields from here and shows the reason, so nothing typed is lost. Passwords are never filled in
/// again (WCAG 3.3.7 exempts them): the page leaves them empty.
/// </summary>
public sealed class RefusedForm
{
    private IFormCollection? _form;

    /// <summary>Why the form was refused, in Danish; null when no form was refused in this request.</summary>
    public string? Reason { get; private set; }

    /// <summary>What the person typed in the field, or null.</summary>
    public string? this[string field] => _form is not null && _form.TryGetValue(field, out var value) && !StringValues.IsNullOrEmpty(value) ? value.ToString() : null;

    public void Refuse(IFormCollection form, string reason)
    {
        _form = form;
        Reason = reason;
    }
}
