namespace UsabilityLab.Web.Tests;

/// <summary>A fixture with its own workbench and seeded world (<see cref="SeededWorld"/>), started once for its tests.</summary>
public abstract class SeededWorkbenchFixture
{
    protected TestWorkbench Workbench { get; private set; } = null!;

    protected SeededWorld World { get; private set; } = null!;

    /// <summary>The text of the seeded findings and page titles.</summary>
    protected virtual string SeedText => "Billede uden alternativ tekst";

    [OneTimeSetUp]
    public async Task StartWorkbenchAsync()
    {
        Workbench = new TestWorkbench();
        World = await SeededWorld.CreateAsync(Workbench, SeedText);
    }

    [OneTimeTearDown]
    public async Task StopWorkbenchAsync() => await Workbench.DisposeAsync();
}
