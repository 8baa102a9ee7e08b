using Microsoft.Playwright;
using Microsoft.Playwright.NUnit;

namespace UsabilityLab.Web.Tests;

/// <summary>
/// Every page of the workbench as its people meet it, in Chromium against the real server: at 320
/// CSS px nothing makes the page scroll sideways (WCAG 1.4.10; wide tables scroll in their own named
/// region the keyboard reaches), the menu says which page is shown, and the chart's labels stay
/// inside the chart. The self-audit (SelfAuditTests) runs every check on the main journeys; this
/// covers the pages those journeys do not pass.
/// </summary>
[TestFixture]
public class NarrowScreenTests : SeededBrowserTest
{
    public static IEnumerable<TestCaseData> Pages()
    {
        var pages = new (string Name, Func<VendorWorld, string> Url)[]
        {
            ("overblik", _ => "/"),
            ("leverandoerer", _ => "/leverandoerer"),
            ("leverandoer", v => $"/leverandoerer/{v.VendorId}"),
            ("loesning", v => $"/loesninger/{v.SolutionId}"),
            ("erklaering", v => $"/loesninger/{v.SolutionId}/erklaering"),
            ("gennemgang", v => $"/gennemgange/{v.NewerAuditId}"),
            ("rapport", v => $"/gennemgange/{v.NewerAuditId}/rapport"),
            ("vurdering", v => $"/gennemgange/{v.NewerAuditId}/vurdering"),
            ("send", v => $"/gennemgange/{v.NewerAuditId}/send"),
            ("fund", v => $"/fund/{v.TrackedFindingId}"),
            ("sammenligning", v => $"/sammenlign?fra={v.OlderAuditId}&til={v.NewerAuditId}"),
            ("ny-gennemgang", _ => "/gennemgange/ny"),
            ("studier", _ => "/studier"),
            ("studie", v => $"/studier/{v.Study.StudyId}"),
            ("studierapport", v => $"/studier/{v.Study.StudyId}/rapport"),
            ("forsoeg", v => $"/forsoeg/{v.Study.AttemptId}"),
            ("afspilning", v => $"/forsoeg/{v.Study.AttemptId}/afspil"),
            ("brugere", _ => "/admin/brugere"),
            ("adgangskode", _ => "/konto/adgangskode"),
            ("ikke-fundet", _ => "/ikke-fundet"),
        };
        return pages.Select(p => new TestCaseData(p.Name, p.Url).SetName($"Ved320px_{p.Name}"));
    }

    [TestCaseSource(nameof(Pages))]
    public async Task Page_At320CssPixels_DoesNotScrollSideways(string name, Func<VendorWorld, string> url)
    {
        var admin = await LoginAsync(SeededWorld.Admin);
        await admin.SetViewportSizeAsync(320, 640);
        await admin.GotoAsync(Url(url(World.Nordlys)));
        await admin.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var widest = await admin.EvaluateAsync<string?>("""
            () => {
              const page = document.documentElement;
              if (page.scrollWidth <= page.clientWidth) return null;
              const culprit = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > page.clientWidth + 1 && !(e.parentElement && e.parentElement.closest('.tabel')))
                .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)[0];
              return `${page.scrollWidth} px wide; ${culprit ? culprit.outerHTML.slice(0, 160) : '?'}`;
            }
            """);

        Assert.That(widest, Is.Null, name);
    }

    [Test]
    public async Task WideTables_ScrollInANamedRegionTheKeyboardReaches()
    {
        var admin = await LoginAsync(SeededWorld.Admin);
        await admin.SetViewportSizeAsync(320, 640);

        var region = admin.GetByRole(AriaRole.Region, new() { Name = "Løsninger" });
        await Expect(region).ToHaveAttributeAsync("tabindex", "0");
        var scrolls = await region.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth");
        Assert.That(scrolls, Is.True, "the dashboard's table is wider than 320 px, and scrolls in its region");
        await region.FocusAsync();
        await admin.Keyboard.PressAsync("ArrowRight");
        await admin.Keyboard.PressAsync("ArrowRight");

        // Chromium scrolls smoothly: the position arrives over a few frames.
        var scrolled = 0.0;
        for (var i = 0; i < 50 && scrolled <= 0; i++)
        {
            await Task.Delay(100);
            scrolled = await region.EvaluateAsync<double>("e => e.scrollLeft");
        }

        Assert.That(scrolled, Is.GreaterThan(0), "arrow keys scroll it");
    }

    [Test]
    public async Task Menu_MarksThePageShown_AndTheSectionItIsIn()
    {
        var reviewer = await LoginAsync(SeededWorld.Reviewer);
        var menu = reviewer.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" });

        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Overblik" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(menu.Locator("[aria-current]")).ToHaveCountAsync(1);

        await reviewer.GotoAsync(Url($"/leverandoerer/{World.Nordlys.VendorId}"));
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Leverandører" })).ToHaveAttributeAsync("aria-current", "true");
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Overblik" })).Not.ToHaveAttributeAsync("aria-current", new System.Text.RegularExpressions.Regex(".*"));

        await reviewer.GotoAsync(Url("/studier"));
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Brugertest" })).ToHaveAttributeAsync("aria-current", "page");
    }

    [Test]
    public async Task Chart_DateLabels_StayInsideTheChart()
    {
        var reviewer = await LoginAsync(SeededWorld.Reviewer);
        await reviewer.GotoAsync(Url($"/loesninger/{World.Nordlys.SolutionId}"));

        var outside = await reviewer.Locator("svg.graf").EvaluateAsync<string[]>("""
            svg => {
              const box = svg.getBoundingClientRect();
              return [...svg.querySelectorAll('text')]
                .filter(t => { const r = t.getBoundingClientRect(); return r.left < box.left - 0.5 || r.right > box.right + 0.5; })
                .map(t => t.textContent);
            }
            """);

        Assert.That(outside, Is.Empty);
    }
}
