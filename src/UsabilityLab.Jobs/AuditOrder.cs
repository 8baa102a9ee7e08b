using UsabilityLab.Browser;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Jobs;

/// <summary>
/// An audit as its job carries it: everything a worker on another machine needs, the task script's
/// and the checklist's own text included, so no worker depends on the queuing machine's files.
/// Stored by Hangfire as JSON.
/// </summary>
/// <param name="Data">The task's test data, the script's defaults with the plan's or reviewer's values.</param>
/// <param name="OrderedBy">Who or what queued it: a reviewer, a plan file, a schedule.</param>
public sealed record AuditOrder(
    string VendorName,
    string SolutionName,
    string BaseUrl,
    string ScriptFile,
    string ScriptText,
    string ChecklistFile,
    string ChecklistText,
    Dictionary<string, string> Data,
    string OrderedBy)
{
    public static AuditOrder From(AuditRequest request, string orderedBy)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new AuditOrder(request.VendorName, request.SolutionName, request.BaseUrl, request.Script.SourceFile, request.ScriptText,
            request.Checklist.SourceFile, request.Checklist.SourceText, new Dictionary<string, string>(request.Data.Values, StringComparer.Ordinal), orderedBy);
    }

    /// <summary>The audit again, read from the carried texts with the same parsers as a file.</summary>
    public AuditRequest ToRequest()
    {
        var script = TaskScriptParser.Parse(ScriptFile, ScriptText);
        var checklist = ChecklistParser.Parse(ChecklistFile, ChecklistText);
        return new AuditRequest(script, ScriptText, checklist, VendorName, SolutionName, BaseUrl, TestData.For(script, Data));
    }

    /// <summary>How the job is named in lists: vendor and solution.</summary>
    public override string ToString() => $"{VendorName} – {SolutionName}";
}
