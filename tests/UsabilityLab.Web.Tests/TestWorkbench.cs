using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UsabilityLab.Browser.Sessions;
using UsabilityLab.Web.Services;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using UsabilityLab.Data;
using UsabilityLab.Tests.Shared;

namespace UsabilityLab.Web.Tests;

/// <summary>
/// The real workbench on Kestrel at 127.0.0.1 (a free port), on its own database (an SQLite file,
/// or a database of its own on the PostgreSQL test server) and evidence folder, with the
/// repository's checklists.
/// </summary>
public sealed class TestWorkbench : WebApplicationFactory<Program>
{
    /// <summary>The password of every account the tests make.</summary>
    public const string Password = "test-adgangskode-2026";

    public TestWorkbench(string provider = TestDatabase.Sqlite)
    {
        Folder = Directory.CreateTempSubdirectory("usabilitylab-web-");
        Database = TestDatabase.Location(provider, Folder.FullName);
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    public DirectoryInfo Folder { get; }

    /// <summary>Who sits at the citizen's window in guided sessions; the tests use scripts (there is no display).</summary>
    public ICitizens? Citizens { get; init; }

    /// <summary>Limits on wrong passwords other than the workbench's own (a short window for a test that waits it out).</summary>
    public SignInLimits? SignIn { get; init; }

    /// <summary>On PostgreSQL: whether the workbench runs audit jobs itself, as it does unless told not to (Workbench:Worker).</summary>
    public bool RunsJobs { get; init; } = true;

    /// <summary>The workbench's database: the SQLite file's path or the PostgreSQL connection string.</summary>
    public string Database { get; }

    public string EvidenceFolder => LabDatabase.EvidenceFolder(Database);

    /// <summary>Where the server listens, e.g. http://127.0.0.1:43117.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "UsabilityLab.sln")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException("UsabilityLab.sln not found above the test binaries.");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting($"{WorkbenchOptions.Section}:{nameof(WorkbenchOptions.Database)}", Database);
        builder.UseSetting($"{WorkbenchOptions.Section}:{nameof(WorkbenchOptions.ChecklistsFolder)}", Path.Combine(RepositoryRoot, "checklists"));
        builder.UseSetting($"{WorkbenchOptions.Section}:{nameof(WorkbenchOptions.Worker)}", RunsJobs ? "true" : "false");
        builder.UseEnvironment("Production");
        if (SignIn is { } limits)
        {
            var section = $"{WorkbenchOptions.Section}:{nameof(WorkbenchOptions.SignIn)}";
            builder.UseSetting($"{section}:{nameof(SignInLimits.AttemptsPerClient)}", limits.AttemptsPerClient.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting($"{section}:{nameof(SignInLimits.AttemptsPerAccount)}", limits.AttemptsPerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting($"{section}:{nameof(SignInLimits.Window)}", limits.Window.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        }

        // As 'serve' does: the demo vendors are the host's to give, not the workbench's own.
        builder.ConfigureTestServices(services => services.AddSingleton<UsabilityLab.Core.Audits.IDemoSolutions, UsabilityLab.DemoSites.DemoSolutions>());
        if (Citizens is { } citizens)
        {
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(citizens)));
        }
    }

    /// <summary>Makes an account with <see cref="Password"/>; vendors belong to <paramref name="vendorId"/>.</summary>
    public async Task CreateUserAsync(string userName, string role, int? vendorId = null)
    {
        StartServer();
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LabUser>>();
        var user = new LabUser { UserName = userName, DisplayName = userName, VendorId = vendorId };
        var created = await users.CreateAsync(user, Password);
        Assert.That(created.Succeeded, Is.True, string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
    }

    /// <summary>Runs <paramref name="work"/> on a database context of the workbench.</summary>
    public async Task<T> WithDatabaseAsync<T>(Func<LabDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        StartServer();
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<LabDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await TestDatabase.DropAsync(Database);
        try
        {
            Folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing browser; the temp folder is cleaned by the system.
        }
    }
}
