using Microsoft.Playwright;
using Microsoft.Playwright.NUnit;

namespace UsabilityLab.Web.Tests;

/// <summary>
/// A fixture of browser journeys against the real workbench with the seeded world (two vendors,
/// their audits, findings and a study, and an account for every role): one server per fixture.
/// </summary>
/// <param name="provider">The database the workbench runs on (<see cref="UsabilityLab.Tests.Shared.TestDatabase.Providers"/>).</param>
public abstract class SeededBrowserTest(string provider = UsabilityLab.Tests.Shared.TestDatabase.Sqlite) : PageTest
{
    protected TestWorkbench Workbench { get; private set; } = null!;

    protected SeededWorld World { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartWorkbenchAsync()
    {
        Workbench = new TestWorkbench(provider);
        World = await SeededWorld.CreateAsync(Workbench);
    }

    [OneTimeTearDown]
    public async Task StopWorkbenchAsync() => await Workbench.DisposeAsync();

    /// <summary>An address on the workbench.</summary>
    protected string Url(string path) => new Uri(Workbench.BaseAddress, path).ToString();

    /// <summary>A person of the seeded world, logged in in a fresh context and on the overview.</summary>
    protected Task<IPage> LoginAsync(string user) => WorkbenchLogin.LoginAsync(Browser, Workbench.BaseAddress, user, TestWorkbench.Password);
}
