namespace UsabilityLab.Browser.Tests;

/// <summary>
/// The sandbox keeps a renderer exploit on the vendor's page inside the renderer: it stays on
/// unless Chromium cannot run it (root), and a window shown to a person never runs without it.
/// </summary>
public class ChromiumSandboxTests
{
    [Test]
    public void StartWithSandbox_NotRoot_IsOnHeadlessAndVisible()
    {
        Assert.That(ChromiumSandbox.StartWithSandbox(headless: true, runningAsRoot: false), Is.True);
        Assert.That(ChromiumSandbox.StartWithSandbox(headless: false, runningAsRoot: false), Is.True);
    }

    [Test]
    public void StartWithSandbox_RootHeadless_IsOffAndSaid()
    {
        Assert.That(ChromiumSandbox.StartWithSandbox(headless: true, runningAsRoot: true), Is.False);
        Assert.That(ChromiumSandbox.OffAsRoot, Does.Contain("root").And.Contain("almindelig bruger"));
    }

    [Test]
    public void StartWithSandbox_RootVisible_IsRefusedWithWhatToDo()
    {
        var error = Assert.Throws<BrowserUnavailableException>(() => ChromiumSandbox.StartWithSandbox(headless: false, runningAsRoot: true))!;

        Assert.That(error.Message, Does.Contain("aldrig uden sandkasse").And.Contain("almindelig bruger"));
    }

    [Test]
    public void BrowserOptions_NeverAskForNoSandbox_TheLaunchDecidesIt()
    {
        Assert.That(BrowserOptions.Arguments(sandbox: true), Has.None.EqualTo("--no-sandbox"));
        Assert.That(BrowserOptions.Arguments(sandbox: false), Has.Some.EqualTo("--no-sandbox"));
    }

    [Test]
    public void CitizenWindow_Visible_StartsInKioskMode_HeadlessDoesNot()
    {
        Assert.That(new BrowserOptions { Headless = false, Kiosk = true }.LaunchArguments(sandbox: true), Has.Some.EqualTo("--kiosk").And.None.EqualTo("--no-sandbox"));
        Assert.That(new BrowserOptions { Headless = true, Kiosk = true }.LaunchArguments(sandbox: true), Has.None.EqualTo("--kiosk"));
        Assert.That(new BrowserOptions { Headless = false }.LaunchArguments(sandbox: true), Has.None.EqualTo("--kiosk"));
    }

    [Test]
    public async Task Launch_OnThisMachine_SaysWhyTheSandboxIsOffWhenItIs()
    {
        await using var host = await BrowserHost.StartAsync(new BrowserOptions());

        if (ChromiumSandbox.RunningAsRoot)
        {
            Assert.That(host.SandboxOff, Is.EqualTo(ChromiumSandbox.OffAsRoot));
        }
        else
        {
            Assert.That(host.SandboxOff, Is.Null.Or.EqualTo(ChromiumSandbox.OffUnusable));
        }

        var page = await host.Browser.NewPageAsync();
        Assert.That(await page.EvaluateAsync<int>("1 + 1"), Is.EqualTo(2), "the browser runs");
    }
}
