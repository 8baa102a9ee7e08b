using Microsoft.Extensions.Options;
using UsabilityLab.Data;

namespace UsabilityLab.Web.Services;

/// <summary>
/// Before the server takes a request: opens the database (migrations, interrupted audits, tracking
/// of findings), makes the roles and, on a database without accounts, the first admin, and points
/// loaded demo solutions at their sites again (they get a new port each start).
/// </summary>
public sealed class WorkbenchStartup(IServiceProvider services, IOptions<WorkbenchOptions> options, FirstAdmin firstAdmin, DemoData demo) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using (var opened = await LabDatabase.OpenAsync(options.Value.Database, cancellationToken))
        {
            // Opening migrates and recovers; the requests use their own contexts.
        }

        await using var scope = services.CreateAsyncScope();
        await firstAdmin.EnsureAsync(scope.ServiceProvider, Console.Out);
        await demo.ResumeAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
