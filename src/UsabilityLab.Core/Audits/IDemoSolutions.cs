namespace UsabilityLab.Core.Audits;

/// <summary>A built-in demo vendor's solution, as it is served now.</summary>
public sealed record DemoSolutionSite(string VendorName, string SolutionName, string BaseUrl);

/// <summary>
/// The built-in demo vendors' solutions, which the workbench loads as demo data. The host that
/// wants a demo provides it (the CLI's <c>serve</c>, the tests); a workbench started without it
/// has no demo data, and no demo sites listening beside it.
/// </summary>
public interface IDemoSolutions : IAsyncDisposable
{
    /// <summary>The demo vendors' names, in a fixed order (the well-made one first).</summary>
    IReadOnlyList<string> VendorNames { get; }

    /// <summary>The demo task script's file.</summary>
    string TaskScriptPath { get; }

    /// <summary>Starts the demo sites on loopback (once; later calls give the same) and tells where each solution is.</summary>
    Task<IReadOnlyList<DemoSolutionSite>> StartAsync(CancellationToken cancellationToken = default);
}
