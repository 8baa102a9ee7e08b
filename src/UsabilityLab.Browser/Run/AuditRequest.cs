using UsabilityLab.Core;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Browser;

/// <summary>What to audit: a task script through one vendor's solution, against a checklist.</summary>
public sealed record AuditRequest(
    TaskScript Script,
    string ScriptText,
    Checklist Checklist,
    string VendorName,
    string SolutionName,
    string BaseUrl,
    TestData Data)
{
    /// <summary>Where the task starts: the script's start, its data filled in, in the solution.</summary>
    public string StartUrl => Url(Script.Start);

    /// <summary>A path of the script (its data filled in) as an address in the solution.</summary>
    public string Url(string path) => SolutionUrl.Join(BaseUrl, Data.Resolve(path));
}
