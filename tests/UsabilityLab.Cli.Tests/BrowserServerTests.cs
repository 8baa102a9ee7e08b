using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Data;
using UsabilityLab.DemoSites;

namespace UsabilityLab.Cli.Tests;

/// <summary>
/// A browser on its own "machine": <c>usabilitylab browser-server</c> (Playwright's driver serving
/// Chromium) in a process of its own, and an audit that connects to it with <c>--browser-endpoint</c>
/// instead of starting Chromium. The result is the same as with a Chromium of its own.
/// </summary>
public partial class BrowserServerTests
{
    private DirectoryInfo _work = null!;

    [SetUp]
    public void CreateFolder() => _work = Directory.CreateTempSubdirectory("usabilitylab-browserserver-");

    [TearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        _work.Delete(recursive: true);
    }

    [Test]
    public async Task Audit_OnABrowserServer_FindsWhatALocalChromiumFinds()
    {
        await using var site = await DemoServer.StartAsync();
        var solution = site.Solutions[1];
        using var server = LabProcess.Start(_work.FullName, "browser-server", "--port", "0");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (Endpoint().Match(server.Output) is { Success: false } && !server.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var endpoint = Endpoint().Match(server.Output);
        Assert.That(endpoint.Success, Is.True, server.Output);

        var remoteDb = Path.Combine(_work.FullName, "remote.db");
        var localDb = Path.Combine(_work.FullName, "local.db");
        string[] audit = ["audit", "-s", DemoServer.TaskScriptPath, "-u", solution.BaseUrl, "--vendor", solution.Vendor.VendorName, "--no-pdf", "--reports", Path.Combine(_work.FullName, "reports")];
        var remote = await CliRun.RunAsync([.. audit, "--db", remoteDb, "--browser-endpoint", endpoint.Groups[1].Value]);
        var local = await CliRun.RunAsync([.. audit, "--db", localDb]);

        Assert.Multiple(() =>
        {
            Assert.That(remote.ExitCode, Is.Zero, remote.Output);
            Assert.That(local.ExitCode, Is.Zero, local.Output);
            Assert.That(remote.Output, Does.Contain("opgaven fejlede på trin 5"), "the flawed vendor's broken last step, as with a local Chromium");
        });
        Assert.That(await FindingsAsync(remoteDb), Is.EqualTo(await FindingsAsync(localDb)).And.Not.Empty);

        // A server that is not there is said, with what to check.
        var nowhere = await CliRun.RunAsync([.. audit, "--db", remoteDb, "--browser-endpoint", "ws://127.0.0.1:9/hemmelig"]);
        Assert.Multiple(() =>
        {
            Assert.That(nowhere.ExitCode, Is.EqualTo(ExitCodes.CouldNotRun), nowhere.Output);
            Assert.That(nowhere.Output, Does.Contain("Kunne ikke forbinde til browserserveren ws://127.0.0.1:9/…"));
            Assert.That(nowhere.Output, Does.Not.Contain("hemmelig"), "the endpoint's path is its secret");
        });
    }

    [TestCase("--browser-endpoint", "http://127.0.0.1:3000/x", "er ikke en ws://-adresse")]
    [TestCase("--proxy-address", "10.0.0.5", "bruges kun sammen med --browser-endpoint")]
    public async Task BrowserServerOptions_Wrong_ExitWithTwo(string option, string value, string said)
    {
        var run = await CliRun.RunAsync("audit", "-s", DemoServer.TaskScriptPath, "-u", "http://127.0.0.1:9", "--vendor", "V", "--db", Path.Combine(_work.FullName, "x.db"), option, value);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Output, Does.Contain(said));
        });
    }

    /// <summary>Every finding of the database's one audit: rule, step and fingerprint, in order.</summary>
    private static async Task<List<string>> FindingsAsync(string database)
    {
        await using var db = new LabDbContext(LabDatabase.Options(database));
        var findings = await db.Findings.Select(f => new { f.RuleId, f.StepIndex, f.Fingerprint }).ToListAsync();
        return [.. findings.Select(f => $"{f.StepIndex} {f.RuleId} {f.Fingerprint}").Order(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"--browser-endpoint (ws://\S+)")]
    private static partial Regex Endpoint();
}
