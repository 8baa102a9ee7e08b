using Microsoft.Playwright;
using Microsoft.Playwright.NUnit;

namespace UsabilityLab.Web.Tests;

/// <summary>
/// Texts from audited pages (titles, HTML snippets, finding texts) and from vendors (comments,
/// reasons) carry script payloads; in a real Chromium, none of them runs on any page of the workbench.
/// </summary>
[TestFixture]
public class ContentSafetyTests : PageTest
{
    private const string Payload = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\"><svg onload=\"window.__xss=3\">\"'><iframe src=javascript:window.top.__xss=4>";

    private TestWorkbench _workbench = null!;
    private SeededWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _workbench = new TestWorkbench();
        _world = await SeededWorld.CreateAsync(_workbench, Payload);
        using var vendor = await LabClient.LoginAsync(_workbench.BaseAddress, SeededWorld.NordlysUser);
        using var reviewer = await LabClient.LoginAsync(_workbench.BaseAddress, SeededWorld.Reviewer);
        var id = _world.Nordlys.TrackedFindingId;
        (await reviewer.PostFormAsync($"/fund/{id}/handling", new() { ["handling"] = "Send" }, await reviewer.TokenAsync($"/fund/{id}"))).Dispose();
        (await vendor.PostFormAsync($"/fund/{id}/handling", new() { ["handling"] = "Dispute", ["note"] = Payload }, await vendor.TokenAsync($"/fund/{id}"))).Dispose();
        (await vendor.PostFormAsync($"/fund/{id}/kommentarer", new() { ["tekst"] = Payload }, await vendor.TokenAsync($"/fund/{id}"))).Dispose();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _workbench.DisposeAsync();

    [TestCase(SeededWorld.Reviewer)]
    [TestCase(SeededWorld.NordlysUser)]
    public async Task EveryPageWithAuditedOrVendorText_RunsNoScript(string user)
    {
        var dialogs = 0;
        Page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };
        await LoginAsync(user);
        var v = _world.Nordlys;
        string[] pages =
        [
            "/", $"/loesninger/{v.SolutionId}", $"/gennemgange/{v.NewerAuditId}", $"/gennemgange/{v.NewerAuditId}/rapport",
            $"/fund/{v.TrackedFindingId}", $"/sammenlign?fra={v.OlderAuditId}&til={v.NewerAuditId}", $"/loesninger/{v.SolutionId}/erklaering",
        ];
        foreach (var path in pages)
        {
            await Page.GotoAsync(new Uri(_workbench.BaseAddress, path).ToString());
            await Page.WaitForLoadStateAsync(LoadState.Load);
            var executed = await Page.EvaluateAsync<string>("() => String(window.__xss)");
            Assert.That(executed, Is.EqualTo("undefined"), $"a payload ran on {path}");
        }

        // The payload is there, as text a person can read, on the finding's page.
        await Page.GotoAsync(new Uri(_workbench.BaseAddress, $"/fund/{v.TrackedFindingId}").ToString());
        Assert.Multiple(async () =>
        {
            Assert.That(await Page.Locator(".traad li p").Last.TextContentAsync(), Does.Contain("<script>window.__xss=1</script>"));
            Assert.That(dialogs, Is.Zero);
        });
    }

    private async Task LoginAsync(string user)
    {
        await Page.GotoAsync(new Uri(_workbench.BaseAddress, "/login").ToString());
        await Page.GetByLabel("Brugernavn").FillAsync(user);
        await Page.GetByLabel("Adgangskode").FillAsync(TestWorkbench.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Overblik" })).ToBeVisibleAsync();
    }
}
