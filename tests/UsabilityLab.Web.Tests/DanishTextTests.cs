using System.Text.RegularExpressions;

namespace UsabilityLab.Web.Tests;

/// <summary>Texts shown to a person are grammatical Danish: counts agree with their noun, quotes are paired.</summary>
[TestFixture]
public partial class DanishTextTests : SeededWorkbenchFixture
{
    [Test]
    public async Task Pages_SayOneOfSomething_InTheSingular_AndPairTheirQuotes()
    {
        using var admin = await LabClient.LoginAsync(Workbench.BaseAddress, SeededWorld.Admin);
        var nordlys = World.Nordlys;
        string[] paths = ["/", "/leverandoerer", $"/loesninger/{nordlys.SolutionId}", $"/loesninger/{nordlys.SolutionId}/erklaering", $"/gennemgange/{nordlys.NewerAuditId}", "/admin/brugere"];

        var pages = new Dictionary<string, string>();
        foreach (var path in paths)
        {
            // As a person reads it: entities decoded (Razor writes "ø" from an expression as &#xF8;).
            pages[path] = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync(path));
        }

        Assert.Multiple(() =>
        {
            Assert.That(pages["/leverandoerer"], Does.Contain("(1 løsning)"), "each seeded vendor has one solution");
            foreach (var (path, html) in pages)
            {
                Assert.That(SingularSlip().Matches(html).Select(m => m.Value), Is.Empty, path);
                Assert.That(UnpairedQuote().Matches(html).Select(m => m.Value), Is.Empty, path);
                Assert.That(html, Does.Not.Contain("NemID"), path);
            }
        });
    }

    [Test]
    public async Task AuditPage_AStepWithACriticalFinding_IsNotCalledPassed()
    {
        using var reviewer = await LabClient.LoginAsync(Workbench.BaseAddress, SeededWorld.Reviewer);

        var html = System.Net.WebUtility.HtmlDecode(await reviewer.GetStringAsync($"/gennemgange/{World.Nordlys.NewerAuditId}"));
        var heading = StepHeading().Match(html).Value;

        Assert.Multiple(() =>
        {
            Assert.That(heading, Does.Contain("Trin 1: Start · borgeren kom videre · 1 fund (1 kritisk)"));
            Assert.That(heading, Does.Not.Contain("bestået"));
        });
    }

    [GeneratedRegex("<h3 id=\"trin-1-titel\">[^<]*</h3>")]
    private static partial Regex StepHeading();

    // "1 løsninger", "1 WCAG-kriterier", "1 åbne fund": a count of one with a plural noun.
    [GeneratedRegex(@"\b1 (løsninger|WCAG-kriterier|åbne fund|gennemgange|kriterier|trin er)\b")]
    private static partial Regex SingularSlip();

    // A Danish opening quote closed with a straight one.
    [GeneratedRegex("„[^“<\"]{0,120}\"")]
    private static partial Regex UnpairedQuote();
}
