using Microsoft.Playwright;

namespace UsabilityLab.Web.Tests;

/// <summary>A person logging in to the workbench in a fresh browser context, as the browser tests' journeys begin.</summary>
internal static class WorkbenchLogin
{
    /// <param name="expectHome">Wait for the dashboard; false when the login leads elsewhere (a password to change).</param>
    public static async Task<IPage> LoginAsync(IBrowser browser, Uri workbench, string user, string password, bool expectHome = true)
    {
        var context = await browser.NewContextAsync(new() { Locale = "da-DK", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(workbench, "/login").ToString());
        await page.GetByLabel("Brugernavn").FillAsync(user);
        await page.GetByLabel("Adgangskode").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        if (expectHome)
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overblik" })).ToBeVisibleAsync();
        }

        return page;
    }
}
