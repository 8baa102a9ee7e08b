using UsabilityLab.Core.Audits;

namespace UsabilityLab.DemoSites;

/// <summary>
/// The demo vendors for a host that offers demo data (the workbench under <c>serve</c>): the demo
/// server is started the first time it is asked for, without the fault pages the tests use, and
/// runs until the host stops.
/// </summary>
public sealed class DemoSolutions : IDemoSolutions
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DemoServer? _server;

    public IReadOnlyList<string> VendorNames { get; } = [.. DemoServer.Vendors.Select(v => v.VendorName)];

    public string TaskScriptPath => DemoServer.TaskScriptPath;

    public async Task<IReadOnlyList<DemoSolutionSite>> StartAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _server ??= await DemoServer.StartAsync(cancellationToken: cancellationToken);
            return [.. _server.Solutions.Select(s => new DemoSolutionSite(s.Vendor.VendorName, s.Vendor.SolutionName, s.BaseUrl))];
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _gate.Dispose();
    }
}
