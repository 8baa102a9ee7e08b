using Microsoft.Playwright;
using UsabilityLab.Browser.Sessions;

namespace UsabilityLab.DemoSites;

/// <summary>
/// Scripted citizens for the built-in demo solution "Anmeld flytning" (Nordlys): the tests, the
/// benchmark and the demo use the same ways through it.
/// </summary>
public static class DemoCitizen
{
    /// <summary>The address the citizen types; masked in every recording.</summary>
    public const string Address = "Hemmelig Vej 12";

    /// <summary>
    /// Reports a move, with one mistake on the way (the empty address form is sent once). The
    /// <paramref name="hand"/> works the page: at once by default, or at a person's pace.
    /// </summary>
    public static async Task MoveAsync(IPage page, ICitizenHand? hand = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        hand ??= DirectHand.Instance;
        await hand.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = "Start anmeldelse" }));
        await hand.TypeAsync(page.GetByLabel("Bruger-id"), "testborger");
        await hand.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }));
        await hand.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = "Næste" }));
        await hand.TypeAsync(page.GetByLabel("Vejnavn og husnummer"), Address);
        await hand.TypeAsync(page.GetByLabel("Postnummer"), "8000");
        await hand.TypeAsync(page.GetByLabel("By", new() { Exact = true }), "Aarhus C");
        await hand.PickDateAsync(page.GetByLabel("Flyttedato"), "2026-12-01");
        await hand.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = "Næste" }));
        await hand.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = "Send anmeldelse" }));
        await Assertions.Expect(page.GetByText("Din flytning er anmeldt")).ToBeVisibleAsync();
    }

    /// <summary>Starts, then gives up at the login (clicks "Log ind" without a user id).</summary>
    public static async Task GiveUpAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start anmeldelse" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
    }

    /// <summary>Works the page at once, as a script does.</summary>
    private sealed class DirectHand : ICitizenHand
    {
        public static readonly DirectHand Instance = new();

        public Task ClickAsync(ILocator target) => target.ClickAsync();

        public Task TypeAsync(ILocator field, string text) => field.FillAsync(text);

        public Task PickDateAsync(ILocator field, string date) => field.FillAsync(date);
    }
}

/// <summary>How a scripted citizen works a page: clicking, typing, picking a date.</summary>
public interface ICitizenHand
{
    Task ClickAsync(ILocator target);

    Task TypeAsync(ILocator field, string text);

    /// <summary>A date field takes its value from the browser's date picker, not from typed keys.</summary>
    Task PickDateAsync(ILocator field, string date);
}
