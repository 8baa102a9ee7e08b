using Microsoft.Extensions.Primitives;

namespace UsabilityLab.Web.Services;

/// <summary>
/// A form the workbench refused in this request: what the person typed, why it was refused, and
/// which fields are wrong. The page that offers the form is then rendered at once as the answer (no
/// redirect): it fills its fields from here, shows the reason as an alert, marks each wrong field
/// (aria-invalid, its error text tied with aria-describedby) and puts focus on the first, as the
/// GOV.UK and DKFDS patterns do. Passwords are never filled in again (WCAG 3.3.7 exempts them).
/// </summary>
public sealed class RefusedForm
{
    private IFormCollection? _form;
    private IReadOnlyList<string> _fields = [];

    /// <summary>Why the form was refused, in Danish; null when no form was refused in this request.</summary>
    public string? Reason { get; private set; }

    /// <summary>What the person typed in the field, or null.</summary>
    public string? this[string field] => _form is not null && _form.TryGetValue(field, out var value) && !StringValues.IsNullOrEmpty(value) ? value.ToString() : null;

    /// <summary>The first wrong field, which gets focus.</summary>
    public string? FirstField => _fields.Count > 0 ? _fields[0] : null;

    public void Refuse(IFormCollection form, string reason, IReadOnlyList<string> fields)
    {
        _form = form;
        Reason = reason;
        _fields = fields;
    }

    public bool IsWrong(string field) => _fields.Contains(field, StringComparer.Ordinal);

    /// <summary>For <c>aria-invalid</c>: "true" on a wrong field, else no attribute.</summary>
    public string? Invalid(string field) => IsWrong(field) ? "true" : null;

    /// <summary>For <c>aria-describedby</c>: the id of the field's error text, else no attribute.</summary>
    public string? DescribedBy(string field) => IsWrong(field) ? ErrorId(field) : null;

    /// <summary>Whether the field gets focus on arrival: the first wrong one.</summary>
    public bool Focus(string field) => FirstField == field;

    public static string ErrorId(string field) => "fejl-" + field;
}
