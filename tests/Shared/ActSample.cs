namespace UsabilityLab.Tests.Shared;

/// <summary>The sample of the W3C ACT suite in <c>tests/act-sample</c> (see its README).</summary>
public static class ActSample
{
    public static string Folder
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "UsabilityLab.sln")))
                {
                    return Path.Combine(folder.FullName, "tests", "act-sample");
                }
            }

            throw new InvalidOperationException("UsabilityLab.sln not found above the test binaries.");
        }
    }
}
