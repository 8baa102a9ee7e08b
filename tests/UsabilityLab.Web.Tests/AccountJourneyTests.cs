using Microsoft.Playwright;
using Microsoft.Playwright.NUnit;
using UsabilityLab.Data;

namespace UsabilityLab.Web.Tests;

/// <summary>
/// An admin gives people their accounts with the form as it is offered, in Chromium against the
/// real server, and a new person chooses a password of their own.
/// </summary>
[TestFixture]
public class AccountJourneyTests : PageTest
{
    private TestWorkbench _workbench = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _workbench = new TestWorkbench();
        await SeededWorld.CreateAsync(_workbench);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _workbench.DisposeAsync();

    [TestCase(LabRoles.Reviewer, "ny-anmelder")]
    [TestCase(LabRoles.Facilitator, "ny-facilitator")]
    [TestCase(LabRoles.Admin, "ny-admin")]
    public async Task Admin_CreatesAnAccountOfEachRole_WithTheVendorLeftAtItsDefault(string role, string userName)
    {
        var admin = await LoginAsync(SeededWorld.Admin, TestWorkbench.Password);

        var oneTime = await CreateAccountAsync(admin, userName, role, vendor: null);

        Assert.That(oneTime, Has.Length.GreaterThanOrEqualTo(12));

        // The answer is a whole Danish page of the workbench, not a fragment.
        Assert.That(await admin.TitleAsync(), Is.EqualTo("Bruger oprettet · UsabilityLab"));
        Assert.That(await admin.Locator("html").GetAttributeAsync("lang"), Is.EqualTo("da"));
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Bruger oprettet" })).ToBeVisibleAsync();
        var person = await LoginAsync(userName, oneTime, expectHome: false);
        await Expect(person.GetByRole(AriaRole.Heading, new() { Name = "Skift adgangskode" })).ToBeVisibleAsync();
    }

    [Test]
    public async Task Admin_VendorAccountWithoutAVendor_IsToldWhatToChoose_InDanish()
    {
        var admin = await LoginAsync(SeededWorld.Admin, TestWorkbench.Password);

        var response = await SubmitAsync(admin, "uden-leverandoer", LabRoles.Vendor, vendor: null);

        Assert.That(response.Status, Is.Not.EqualTo(400), "the form as offered is answered, not refused");
        await Expect(admin.Locator("main")).ToContainTextAsync("En leverandørbruger skal høre til en leverandør.");
    }

    [Test]
    public async Task Admin_ReviewerWithAVendorChosen_IsToldThatOnlyVendorsBelongToOne()
    {
        var admin = await LoginAsync(SeededWorld.Admin, TestWorkbench.Password);

        await SubmitAsync(admin, "anmelder-med-leverandoer", LabRoles.Reviewer, vendor: "Nordlys Digital A/S");

        await Expect(admin.Locator("main")).ToContainTextAsync("Kun brugere med rollen Leverandør hører til en leverandør.");
    }

    [Test]
    public async Task NewPerson_CannotKeepTheOneTimePasswordAsTheNewOne()
    {
        var admin = await LoginAsync(SeededWorld.Admin, TestWorkbench.Password);
        var oneTime = await CreateAccountAsync(admin, "genbruger", LabRoles.Reviewer, vendor: null);
        var person = await LoginAsync("genbruger", oneTime, expectHome: false);

        await ChangePasswordAsync(person, oneTime, oneTime);
        await Expect(person.Locator("main")).ToContainTextAsync("Den nye adgangskode skal være en anden end den nuværende");

        await ChangePasswordAsync(person, oneTime, "genbruger-egen-kode-2026");
        await Expect(person.GetByRole(AriaRole.Heading, new() { Name = "Overblik" })).ToBeVisibleAsync();
    }

    [Test]
    public async Task Login_TheFocusedFieldsOutline_ContrastsAtLeast3To1WithThePage()
    {
        var page = await (await Browser.NewContextAsync()).NewPageAsync();
        await page.GotoAsync(new Uri(_workbench.BaseAddress, "/login").ToString());

        // From the user name (focused on arrival) on to the password field, a field on the white page.
        await Expect(page.GetByLabel("Brugernavn")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Adgangskode")).ToBeFocusedAsync();

        // WCAG 1.4.11: the focus indicator against the background it is drawn on.
        var ratio = await page.EvaluateAsync<double>("""
            () => {
              const luminance = (css) => {
                const [r, g, b] = css.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map(v => v / 255)
                  .map(c => c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
                return 0.2126 * r + 0.7152 * g + 0.0722 * b;
              };
              if (document.activeElement === document.body || getComputedStyle(document.activeElement).outlineStyle === 'none') return 0;
              const outline = getComputedStyle(document.activeElement).outlineColor;
              let background = 'rgb(255, 255, 255)';
              for (let e = document.activeElement.parentElement; e; e = e.parentElement) {
                const color = getComputedStyle(e).backgroundColor;
                if (color !== 'rgba(0, 0, 0, 0)' && color !== 'transparent') { background = color; break; }
              }
              const [a, b] = [luminance(outline), luminance(background)].sort((x, y) => y - x);
              return (a + 0.05) / (b + 0.05);
            }
            """);

        Assert.That(ratio, Is.GreaterThanOrEqualTo(3.0));
    }

    private static async Task ChangePasswordAsync(IPage page, string current, string next)
    {
        await page.GetByLabel("Nuværende adgangskode").FillAsync(current);
        await page.GetByLabel("Ny adgangskode (mindst 12 tegn, små bogstaver og tal)").FillAsync(next);
        await page.GetByLabel("Gentag den nye adgangskode").FillAsync(next);
        await page.GetByRole(AriaRole.Button, new() { Name = "Skift adgangskode" }).ClickAsync();
    }

    private static async Task<string> CreateAccountAsync(IPage admin, string userName, string role, string? vendor)
    {
        var response = await SubmitAsync(admin, userName, role, vendor);
        Assert.That(response.Status, Is.EqualTo(200));
        return (await admin.Locator(".besked code").TextContentAsync())!;
    }

    private static async Task<IResponse> SubmitAsync(IPage admin, string userName, string role, string? vendor)
    {
        await admin.GotoAsync(new Uri(new Uri(admin.Url), "/admin/brugere").ToString());
        await admin.GetByLabel("Brugernavn", new() { Exact = true }).FillAsync(userName);
        await admin.GetByLabel("Rolle", new() { Exact = true }).SelectOptionAsync(role);
        if (vendor is not null)
        {
            await admin.GetByLabel("Leverandør (kun for rollen Leverandør)").SelectOptionAsync(new SelectOptionValue { Label = vendor });
        }

        return await admin.RunAndWaitForResponseAsync(
            () => admin.GetByRole(AriaRole.Button, new() { Name = "Opret bruger" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/admin/brugere", StringComparison.Ordinal));
    }

    /// <summary>
    /// An open redirect after login: a link to the login page that sends the signed-in person on to
    /// another site. The browser strips a tab from "/\t/evil.example", which leaves "//evil.example".
    /// </summary>
    [TestCase("%2F%09%2Fevil.example")]
    [TestCase("%2F%2Fevil.example")]
    [TestCase("%2F%5Cevil.example")]
    [TestCase("https%3A%2F%2Fevil.example%2F")]
    public async Task Login_WithAReturnUrlToAnotherSite_StaysInTheWorkbench(string returnUrl)
    {
        var context = await Browser.NewContextAsync(new() { Locale = "da-DK" });
        var page = await context.NewPageAsync();
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(new Uri(request.Url).Host);
        await page.GotoAsync(new Uri(_workbench.BaseAddress, "/login?returnUrl=" + returnUrl).ToString());
        await page.GetByLabel("Brugernavn").FillAsync(SeededWorld.Admin);
        await page.GetByLabel("Adgangskode").FillAsync(TestWorkbench.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overblik" })).ToBeVisibleAsync();
        Assert.Multiple(() =>
        {
            Assert.That(new Uri(page.Url).Authority, Is.EqualTo(_workbench.BaseAddress.Authority));
            Assert.That(requested, Has.None.EqualTo("evil.example"), "the browser never asked the other site");
        });
        await context.CloseAsync();
    }

    private Task<IPage> LoginAsync(string user, string password, bool expectHome = true) =>
        WorkbenchLogin.LoginAsync(Browser, _workbench.BaseAddress, user, password, expectHome);
}
