using UsabilityLab.Core;
using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Web.Services;

/// <summary>The checklists an audit can be started with: the YAML files in the checklists folder.</summary>
public static class Checklists
{
    /// <summary>File name and title of each readable checklist, by file name.</summary>
    public static IReadOnlyList<(string File, string Title, string Id)> List(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var found = new List<(string, string, string)>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            try
            {
                var checklist = ChecklistParser.Load(path);
                found.Add((Path.GetFileName(path), checklist.Title, checklist.Id));
            }
            catch (InputException)
            {
                // A broken checklist is not offered; the CLI says what is wrong with it.
            }
        }

        return found;
    }

    /// <summary>The full path of a checklist by its plain file name, or null (no paths from a form are followed).</summary>
    public static string? Find(string folder, string? fileName)
    {
        if (string.IsNullOrEmpty(fileName) || fileName != Path.GetFileName(fileName) || !fileName.EndsWith(".yaml", StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.Combine(folder, fileName);
        return File.Exists(path) ? path : null;
    }
}
