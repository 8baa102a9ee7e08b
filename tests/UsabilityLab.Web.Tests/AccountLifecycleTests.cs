using System.Net;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Data;

namespace UsabilityLab.Web.Tests;

/// <summary>
/// An account's life against the real server: the admin disables, enables, ends sessions, gives a
/// new one-time password, changes a role and deletes, and every change ends the account's open
/// sessions at once (its security stamp is checked on every request). A one-time password expires.
/// Every change is in the account log with who made it.
/// </summary>
public class AccountLifecycleTests
{
    private TestWorkbench _workbench = null!;
    private SeededWorld _world = null!;
    private LabClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _workbench = new TestWorkbench();
        _world = await SeededWorld.CreateAsync(_workbench);
        _admin = await LabClient.LoginAsync(_workbench.BaseAddress, SeededWorld.Admin);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _admin.Dispose();
        await _workbench.DisposeAsync();
    }

    [Test]
    public async Task Disable_EndsTheOpenSessionAtOnce_RefusesSignIn_AndEnableGivesItBack()
    {
        await _workbench.CreateUserAsync("deaktiveres", LabRoles.Reviewer);
        using var session = await LabClient.LoginAsync(_workbench.BaseAddress, "deaktiveres");
        Assert.That((await session.GetAsync("/")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "signed in");

        using var disabled = await AdminPostAsync("deaktiveres", "deaktiver");

        Assert.Multiple(async () =>
        {
            Assert.That(disabled.Headers.Location?.ToString(), Does.StartWith("/admin/brugere?besked="));
            Assert.That(await SignedOutAsync(session), Is.True, "the open session ended at once");
            Assert.That(await SignInAsync("deaktiveres"), Does.Contain(AccountEndpointsRefused), "the right password gets the one answer");
        });

        using var enabled = await AdminPostAsync("deaktiveres", "aktiver");
        using var again = await LabClient.LoginAsync(_workbench.BaseAddress, "deaktiveres");
        Assert.That(await LogAsync("deaktiveres"), Is.EqualTo(new[] { (AccountAction.Disabled, SeededWorld.Admin), (AccountAction.Enabled, SeededWorld.Admin) }));
    }

    [Test]
    public async Task EndSessions_SignsTheAccountOutEverywhere_ButItCanSignInAgain()
    {
        await _workbench.CreateUserAsync("logges-ud", LabRoles.Facilitator);
        using var first = await LabClient.LoginAsync(_workbench.BaseAddress, "logges-ud");
        using var second = await LabClient.LoginAsync(_workbench.BaseAddress, "logges-ud");

        using var ended = await AdminPostAsync("logges-ud", "log-ud");

        Assert.Multiple(async () =>
        {
            Assert.That(await SignedOutAsync(first), Is.True);
            Assert.That(await SignedOutAsync(second), Is.True);
        });
        using var again = await LabClient.LoginAsync(_workbench.BaseAddress, "logges-ud");
        Assert.That(await LogAsync("logges-ud"), Is.EqualTo(new[] { (AccountAction.SessionsEnded, SeededWorld.Admin) }));
    }

    [Test]
    public async Task NewOneTimePassword_ReplacesTheOldPassword_AndMustBeChanged()
    {
        await _workbench.CreateUserAsync("glemte-koden", LabRoles.Reviewer);
        using var session = await LabClient.LoginAsync(_workbench.BaseAddress, "glemte-koden");

        using var reset = await AdminPostAsync("glemte-koden", "engangskode");
        var page = WebUtility.HtmlDecode(await reset.Content.ReadAsStringAsync());
        var password = System.Text.RegularExpressions.Regex.Match(page, "engangskoden <code>([^<]+)</code>").Groups[1].Value;

        Assert.Multiple(async () =>
        {
            Assert.That(password, Has.Length.EqualTo(16), page);
            Assert.That(page, Does.Contain("senest"), "the page says until when it works");
            Assert.That(await SignedOutAsync(session), Is.True);
            Assert.That(await SignInAsync("glemte-koden"), Does.Contain(AccountEndpointsRefused), "the old password no longer works");
        });
        using var withNew = new LabClient(_workbench.BaseAddress);
        using var signedIn = await withNew.PostFormAsync("/login", new() { ["brugernavn"] = "glemte-koden", ["adgangskode"] = password }, await withNew.TokenAsync("/login"));
        Assert.That(signedIn.Headers.Location?.ToString(), Is.EqualTo("/konto/adgangskode"), "straight to choosing a new password");
    }

    [Test]
    public async Task ExpiredOneTimePassword_IsRefusedWithTheOneAnswer()
    {
        await _workbench.CreateUserAsync("for-sent", LabRoles.Reviewer);
        await _workbench.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "for-sent").ExecuteUpdateAsync(u => u
            .SetProperty(x => x.MustChangePassword, true)
            .SetProperty(x => x.OneTimePasswordExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));

        Assert.That(await SignInAsync("for-sent"), Does.Contain(AccountEndpointsRefused));

        await _workbench.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "for-sent").ExecuteUpdateAsync(u => u
            .SetProperty(x => x.OneTimePasswordExpiresAt, DateTimeOffset.UtcNow.AddDays(1))));
        using var inTime = new LabClient(_workbench.BaseAddress);
        using var signedIn = await inTime.PostFormAsync("/login", new() { ["brugernavn"] = "for-sent", ["adgangskode"] = TestWorkbench.Password }, await inTime.TokenAsync("/login"));
        Assert.That(signedIn.Headers.Location?.ToString(), Is.EqualTo("/konto/adgangskode"), "within its time it works");
    }

    [Test]
    public async Task RoleChange_TakesEffectAtOnce_AndAReviewerBecomesAVendorOfOneOrganisation()
    {
        await _workbench.CreateUserAsync("skifter-rolle", LabRoles.Reviewer);
        using var session = await LabClient.LoginAsync(_workbench.BaseAddress, "skifter-rolle");
        Assert.That((await session.GetAsync("/gennemgange/ny")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a reviewer starts audits");

        using var changed = await AdminPostAsync("skifter-rolle", "rolle", new() { ["rolle"] = LabRoles.Vendor, ["leverandoer"] = _world.Nordlys.VendorId.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.That(await SignedOutAsync(session), Is.True, "the old role's session ended");
        using var asVendor = await LabClient.LoginAsync(_workbench.BaseAddress, "skifter-rolle");
        using var refused = await asVendor.GetAsync("/gennemgange/ny");
        Assert.Multiple(async () =>
        {
            Assert.That(refused.Headers.Location?.ToString(), Does.Contain("/ingen-adgang"));
            Assert.That((await asVendor.GetAsync($"/loesninger/{_world.Nordlys.SolutionId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the own vendor's solution is there");
            Assert.That(await _workbench.WithDatabaseAsync(db => db.AccountEvents.Where(e => e.Subject == "skifter-rolle").Select(e => e.Detail).SingleAsync()),
                Is.EqualTo("Anmelder → Leverandør (Nordlys Digital A/S)"));
        });
    }

    [Test]
    public async Task Delete_RemovesTheAccount_ButNotYourselfOrTheLastAdmin()
    {
        await _workbench.CreateUserAsync("slettes", LabRoles.Reviewer);
        using var session = await LabClient.LoginAsync(_workbench.BaseAddress, "slettes");

        using var unconfirmed = await AdminPostAsync("slettes", "slet", new() { ["bekraeft"] = "forkert" });
        Assert.That(WebUtility.HtmlDecode(await unconfirmed.Content.ReadAsStringAsync()), Does.Contain("Skriv slettes i feltet"));

        using var deleted = await AdminPostAsync("slettes", "slet", new() { ["bekraeft"] = "slettes" });
        using var self = await AdminPostAsync(SeededWorld.Admin, "slet", new() { ["bekraeft"] = SeededWorld.Admin });
        using var selfDisabled = await AdminPostAsync(SeededWorld.Admin, "deaktiver");

        Assert.Multiple(async () =>
        {
            Assert.That(await _workbench.WithDatabaseAsync(db => db.Users.CountAsync(u => u.UserName == "slettes")), Is.Zero);
            Assert.That(await SignedOutAsync(session), Is.True);
            Assert.That(await SignInAsync("slettes"), Does.Contain(AccountEndpointsRefused));
            Assert.That(WebUtility.HtmlDecode(await self.Content.ReadAsStringAsync()), Does.Contain("Du kan ikke slette dig selv"));
            Assert.That(WebUtility.HtmlDecode(await selfDisabled.Content.ReadAsStringAsync()), Does.Contain("Du kan ikke deaktivere dig selv"));
            Assert.That((await _admin.GetAsync("/admin/brugere")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the admin is still signed in");
        });

        var log = await _admin.GetStringAsync("/admin/brugere");
        Assert.That(WebUtility.HtmlDecode(log), Does.Contain("<td>Slettet</td><td>slettes</td>").Or.Contain("<td>Slettet</td>"), "the log on the admin's page");
    }

    private const string AccountEndpointsRefused = "Brugernavnet eller adgangskoden er forkert";

    private async Task<HttpResponseMessage> AdminPostAsync(string userName, string action, Dictionary<string, string>? form = null)
    {
        var id = await _workbench.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        return await _admin.PostFormAsync($"/admin/brugere/{id}/{action}", form ?? [], await _admin.TokenAsync("/admin/brugere"));
    }

    private static async Task<bool> SignedOutAsync(LabClient client)
    {
        using var response = await client.GetAsync("/");
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("/login", StringComparison.Ordinal) == true;
    }

    private async Task<string> SignInAsync(string userName)
    {
        using var client = new LabClient(_workbench.BaseAddress);
        using var response = await client.PostFormAsync("/login", new() { ["brugernavn"] = userName, ["adgangskode"] = TestWorkbench.Password }, await client.TokenAsync("/login"));
        return response.StatusCode == HttpStatusCode.Redirect ? "videresendt til " + response.Headers.Location : WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private Task<List<(AccountAction, string)>> LogAsync(string subject) =>
        _workbench.WithDatabaseAsync(async db => (await db.AccountEvents.Where(e => e.Subject == subject).OrderBy(e => e.Id).Select(e => new { e.Action, e.Actor }).ToListAsync())
            .Select(e => (e.Action, e.Actor)).ToList());
}
