using Microsoft.Playwright;

namespace UsabilityLab.Browser.Sessions;

/// <summary>
/// Scripted citizens for the built-in demo solution "Anmeld flytning" (Nordlys): the tests, the
/// benchmark and the demo use the same ways through it.
/// </summary>
public static class DemoCitizen
{
    /// <summary>The address the citizen types; masked in every recording.</summary>
    public const string Address = "Hemmelig Vej 12";

    /// <summary>Reports a move, with one mistake on the way (the empty address form is sent once).</summary>
    public static async Task MoveAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start anmeldelse" }).ClickAsync();
        await page.GetByLabel("Bruger-id").FillAsync("testborger");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Næste" }).ClickAsync();
        await page.GetByLabel("Vejnavn og husnummer").FillAsync(Address);
        await page.GetByLabel("Postnummer").FillAsync("8000");
        await page.GetByLabel("By", new() { Exact = true }).FillAsync("Aarhus C");
        await page.GetByLabel("Flyttedato").FillAsync("2026-12-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Næste" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send anmeldelse" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Din flytning er anmeldt")).ToBeVisibleAsync();
    }

    /// <summary>Starts, then gives up at the login (clicks "Log ind" without a user id).</summary>
    public static async Task GiveUpAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start anmeldelse" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
    }
}
