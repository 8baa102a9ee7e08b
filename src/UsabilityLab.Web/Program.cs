namespace UsabilityLab.Web;

/// <summary>The workbench on its own: <c>dotnet UsabilityLab.Web.dll [--db FILE] [--urls URL]</c>. The CLI's <c>serve</c> runs the same.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        await using var app = Workbench.Create(args);
        await app.RunAsync();
        return 0;
    }
}
