namespace UsabilityLab.Web;

/// <summary>The workbench on its own: <c>dotnet UsabilityLab.Web.dll [--db FILE] [--urls URL]</c>. The CLI's <c>serve</c> runs the same.</summary>
public sealed class Program
{
    // Not static: WebApplicationFactory<Program> in the tests names it as the entry point.
    private Program()
    {
    }

    public static async Task<int> Main(string[] args)
    {
        await using var app = Workbench.Create(args);
        await app.RunAsync();
        return 0;
    }
}
