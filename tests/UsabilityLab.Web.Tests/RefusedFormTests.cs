using Microsoft.Playwright;
using Microsoft.Playwright.NUnit;
using UsabilityLab.Data;

namespace UsabilityLab.Web.Tests;

/// <summary>
/// A form the workbench refuses comes back with what the person typed and the reason, in Chromium
/// against the real server: nothing typed is lost to a validation error (WCAG 3.3.7), except the
/// passwords, which are asked for again.
/// </summary>
[TestFixture]
public class RefusedFormTests : SeededBrowserTest
{
    private const string BrokenScript = """
        id: flyt
        title: "Anmeld flytning
        start: /
        steps:
          - name: Start
        """;

    [Test]
    public async Task NewSolution_WithABrokenTaskScript_KeepsTheNameTheAddressAndTheScript()
    {
        var reviewer = await LoginAsync(SeededWorld.Reviewer);
        await reviewer.GotoAsync(Url($"/leverandoerer/{World.Nordlys.VendorId}"));
        await reviewer.GetByLabel("Løsningens navn").FillAsync("Bestil sundhedskort");
        await reviewer.GetByLabel("Adresse (basis-URL)").FillAsync("https://selvbetjening.example.dk/sundhedskort");
        await reviewer.GetByLabel("Opgave-script (YAML)").FillAsync(BrokenScript);

        var response = await reviewer.RunAndWaitForResponseAsync(
            () => reviewer.GetByRole(AriaRole.Button, new() { Name = "Opret løsning" }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.That(response.Status, Is.EqualTo(422));
        await Expect(reviewer.GetByRole(AriaRole.Alert)).ToContainTextAsync("Opgave-scriptet kunne ikke læses. Linje 2, kolonne 8: ugyldig YAML: et anførselstegn er ikke lukket");
        await Expect(reviewer.GetByLabel("Løsningens navn")).ToHaveValueAsync("Bestil sundhedskort");
        await Expect(reviewer.GetByLabel("Adresse (basis-URL)")).ToHaveValueAsync("https://selvbetjening.example.dk/sundhedskort");
        await Expect(reviewer.GetByLabel("Opgave-script (YAML)")).ToHaveValueAsync(BrokenScript.ReplaceLineEndings("\n"));
        Assert.That(await reviewer.TitleAsync(), Is.EqualTo("Nordlys Digital A/S · UsabilityLab"), "the page as it is offered, in the workbench's document");

        // Corrected in place, the same form goes through.
        await reviewer.GetByLabel("Opgave-script (YAML)").FillAsync(BrokenScript.Replace("\"Anmeld flytning", "\"Anmeld flytning\"", StringComparison.Ordinal)
            + "\n    expect:\n      - text: \"Flyt\"\n");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Opret løsning" }).ClickAsync();
        await Expect(reviewer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Bestil sundhedskort");
    }

    [Test]
    public async Task NewStudy_EndingInThePast_KeepsEveryField()
    {
        var reviewer = await LoginAsync(SeededWorld.Reviewer);
        await reviewer.GotoAsync(Url("/studier"));
        await reviewer.GetByLabel("Løsning", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        var chosen = await reviewer.GetByLabel("Løsning", new() { Exact = true }).InputValueAsync();
        await reviewer.GetByLabel("Studiets navn").FillAsync("Flytning, ældre borgere");
        await reviewer.GetByLabel("Samtykketekst").FillAsync("Jeg siger ja til optagelsen.");
        await reviewer.GetByLabel("Sidste sessionsdag").FillAsync("2020-01-31");
        await reviewer.GetByLabel("Optagelser gemmes (dage efter)").FillAsync("30");
        await reviewer.Locator("#titel1").FillAsync("Anmeld din flytning");
        await reviewer.Locator("#instruktion1").FillAsync("Du er flyttet. Fortæl kommunen det.");
        await reviewer.Locator("#succes1").FillAsync("Kvitteringen vises");
        await reviewer.Locator("#start1").FillAsync("/flyt");

        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Opret studiet" }).ClickAsync();

        await Expect(reviewer.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Expect(reviewer.GetByLabel("Løsning", new() { Exact = true })).ToHaveValueAsync(chosen);
        await Expect(reviewer.GetByLabel("Studiets navn")).ToHaveValueAsync("Flytning, ældre borgere");
        await Expect(reviewer.GetByLabel("Samtykketekst")).ToHaveValueAsync("Jeg siger ja til optagelsen.");
        await Expect(reviewer.GetByLabel("Sidste sessionsdag")).ToHaveValueAsync("2020-01-31");
        await Expect(reviewer.GetByLabel("Optagelser gemmes (dage efter)")).ToHaveValueAsync("30");
        await Expect(reviewer.Locator("#titel1")).ToHaveValueAsync("Anmeld din flytning");
        await Expect(reviewer.Locator("#instruktion1")).ToHaveValueAsync("Du er flyttet. Fortæl kommunen det.");
        await Expect(reviewer.Locator("#succes1")).ToHaveValueAsync("Kvitteringen vises");
        await Expect(reviewer.Locator("#start1")).ToHaveValueAsync("/flyt");
    }

    [Test]
    public async Task Login_WithAWrongPassword_KeepsTheUserNameAndFocusesThePassword()
    {
        var page = await (await Browser.NewContextAsync()).NewPageAsync();
        await page.GotoAsync(Url("/login?returnUrl=%2Fstudier"));
        await page.GetByLabel("Brugernavn").FillAsync(SeededWorld.Reviewer);
        await page.GetByLabel("Adgangskode").FillAsync("forkert-kode");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Brugernavnet eller adgangskoden er forkert, eller der har været for mange forsøg. Tjek dem, og prøv igen om lidt.");
        await Expect(page.GetByLabel("Brugernavn")).ToHaveValueAsync(SeededWorld.Reviewer);
        await Expect(page.GetByLabel("Adgangskode")).ToHaveValueAsync(string.Empty);
        await Expect(page.GetByLabel("Adgangskode")).ToBeFocusedAsync();

        // The place the person was going to is kept too.
        await page.GetByLabel("Adgangskode").FillAsync(TestWorkbench.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Brugertest", Level = 1 })).ToBeVisibleAsync();
    }

    [Test]
    public async Task NewAccount_ForAVendorWithoutItsVendor_KeepsTheUserNameNameAndRole()
    {
        var admin = await LoginAsync(SeededWorld.Admin);
        await admin.GotoAsync(Url("/admin/brugere"));
        await admin.GetByLabel("Brugernavn", new() { Exact = true }).FillAsync("ny-leverandoer");
        await admin.GetByLabel("Personens fulde navn").FillAsync("Ida Holm");
        await admin.GetByLabel("Rolle", new() { Exact = true }).SelectOptionAsync(LabRoles.Vendor);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Opret bruger" }).ClickAsync();

        await Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("En leverandørbruger skal høre til en leverandør.");
        await Expect(admin.GetByLabel("Brugernavn", new() { Exact = true })).ToHaveValueAsync("ny-leverandoer");
        await Expect(admin.GetByLabel("Personens fulde navn")).ToHaveValueAsync("Ida Holm");
        await Expect(admin.GetByLabel("Rolle", new() { Exact = true })).ToHaveValueAsync(LabRoles.Vendor);

        await admin.GetByLabel("Leverandør (kun for rollen Leverandør)").SelectOptionAsync(new SelectOptionValue { Label = "Blokform ApS" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Opret bruger" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Bruger oprettet" })).ToBeVisibleAsync();
    }

    [Test]
    public async Task PasswordChange_Refused_SaysWhyAndAsksForThePasswordsAgain()
    {
        var person = await LoginAsync(SeededWorld.Facilitator);
        await person.GotoAsync(Url("/konto/adgangskode"));
        await person.GetByLabel("Nuværende adgangskode").FillAsync(TestWorkbench.Password);
        await person.GetByLabel("Ny adgangskode (mindst 12 tegn, små bogstaver og tal)").FillAsync("ny-adgangskode-2027");
        await person.GetByLabel("Gentag den nye adgangskode").FillAsync("ny-adgangskode-2028");
        await person.GetByRole(AriaRole.Button, new() { Name = "Skift adgangskode" }).ClickAsync();

        await Expect(person.GetByRole(AriaRole.Alert)).ToHaveTextAsync("De to nye adgangskoder er ikke ens.");
        await Expect(person.Locator("main")).ToContainTextAsync("Af hensyn til sikkerheden skal adgangskoderne skrives igen.");
        await Expect(person.GetByLabel("Nuværende adgangskode")).ToHaveValueAsync(string.Empty);
    }
}
