namespace UsabilityLab.Browser.Tests;

public class ChromiumLocatorTests
{
    [Test]
    public void Candidates_ExplicitPath_IsTheOnlyCandidate()
    {
        var candidates = ChromiumLocator.Candidates(new BrowserOptions { ExecutablePath = "/opt/min/chromium" });

        Assert.That(candidates.Select(c => c.ExecutablePath), Is.EqualTo(new[] { "/opt/min/chromium" }));
    }

    [Test]
    public void Candidates_NothingSet_IncludesTheSystemChromiumWhenInstalled()
    {
        Assume.That(File.Exists("/usr/bin/chromium"), "needs Debian's chromium");
        Assume.That(Environment.GetEnvironmentVariable(BrowserOptions.ExecutableEnvironmentVariable), Is.Null.Or.Empty);

        var candidates = ChromiumLocator.Candidates(new BrowserOptions());

        Assert.That(candidates.Select(c => c.ExecutablePath), Does.Contain("/usr/bin/chromium"));
    }

    [Test]
    public void StartAsync_ExplicitPathThatDoesNotExist_SaysWhatToDo()
    {
        var error = Assert.ThrowsAsync<BrowserUnavailableException>(() => BrowserHost.StartAsync(new BrowserOptions { ExecutablePath = "/findes/ikke/chromium" }));

        Assert.That(error!.Message, Does.Contain("/findes/ikke/chromium"));
    }
}
