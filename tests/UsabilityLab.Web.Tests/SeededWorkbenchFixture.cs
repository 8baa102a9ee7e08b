namespace UsabilityLab.Web.Tests;

/// <summary>A fixture with its own workbench and seeded world (<see cref="SeededWorld"/>), started once for its tests.</summary>
/// <param name="provider">The database the workbench runs on (<see cref="UsabilityLab.Tests.Shared.TestDatabase.Providers"/>).</param>
public abstract class SeededWorkbenchFixture(string provider = UsabilityLab.Tests.Shared.TestDatabase.Sqlite)
{
    protected TestWorkbench Workbench { get; private set; } = null!;

    protected SeededWorld World { get; private set; } = null!;

    /// <summary>The text of the seeded findings and page titles.</summary>
    protected virtual string SeedText => "Billede uden alternativ tekst";

    [OneTimeSetUp]
    public async Task StartWorkbenchAsync()
    {
        Workbench = new TestWorkbench(provider);
        World = await SeededWorld.CreateAsync(Workbench, SeedText);
    }

    [OneTimeTearDown]
    public async Task StopWorkbenchAsync() => await Workbench.DisposeAsync();
}
