using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Microsoft.Playwright.NUnit;
using UsabilityLab.Core.Dialogue;

using UsabilityLab.Tests.Shared;

namespace UsabilityLab.Web.Tests;

/// <summary>
/// The dialogue on findings as the reviewer and the vendor walk it, in Chromium against the real
/// server: a dispute the review unit accepts ends the finding, and so can the review unit's decision
/// to close it; the vendor reads why.
/// </summary>
[TestFixture]
[TestFixtureSource(typeof(TestDatabase), nameof(TestDatabase.Providers))]
public class DialogueJourneyTests(string provider) : SeededBrowserTest(provider)
{
    /// <summary>Runs after the base class has started the workbench (NUnit runs a base class's set-up first).</summary>
    [OneTimeSetUp]
    public async Task SeedFindingsAsync()
    {
        // Open findings as audits would have opened them: one of the older audit's for each test that
        // needs its own, and two more of the newer audit's for the test that sends them.
        await Workbench.WithDatabaseAsync(async db =>
        {
            var seen = await db.TrackedFindings.FirstAsync(t => t.Id == World.Nordlys.TrackedFindingId);
            var made = Enumerable.Range(0, 4).Select(i => ($"dialog-{i}", World.Nordlys.OlderAuditId))
                .Concat([("send-a", World.Nordlys.NewerAuditId), ("send-b", World.Nordlys.NewerAuditId)]);
            foreach (var (fingerprint, lastSeen) in made)
            {
                db.TrackedFindings.Add(new TrackedFinding
                {
                    SolutionId = seen.SolutionId,
                    TaskId = seen.TaskId,
                    Fingerprint = fingerprint,
                    CriterionId = seen.CriterionId,
                    RuleId = seen.RuleId,
                    Title = $"Billede uden alternativ tekst ({fingerprint})",
                    Severity = seen.Severity,
                    State = FindingState.Open,
                    FirstAuditId = seen.FirstAuditId,
                    LastSeenAuditId = lastSeen,
                    FirstSeenAt = seen.FirstSeenAt,
                    UpdatedAt = seen.UpdatedAt,
                });
            }

            return await db.SaveChangesAsync();
        });
    }

    [Test]
    public async Task DisputedFinding_TheReviewerAcceptsTheDispute_AndTheFindingIsWithdrawnForBoth()
    {
        var findingId = await OpenFindingAsync(0);
        var reviewer = await LoginAsync(SeededWorld.Reviewer);
        var vendor = await LoginAsync(SeededWorld.NordlysUser);
        await SendAsync(reviewer, findingId);
        await DisputeAsync(vendor, findingId, "Billedet er pynt og har alt=\"\" i næste version; det er allerede rettet i test.");

        await reviewer.GotoAsync(Url($"/fund/{findingId}"));
        await Expect(reviewer.Locator("dl.kort")).ToContainTextAsync("Billedet er pynt");
        await reviewer.GetByLabel("Hvorfor fundet trækkes tilbage (leverandøren ser begrundelsen)").FillAsync("Enig: billedet er pynt. Fundet var forkert.");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Træk fundet tilbage" }).ClickAsync();

        await Expect(reviewer.Locator("dl.kort")).ToContainTextAsync("Trukket tilbage");
        await Expect(reviewer.GetByRole(AriaRole.Button, new() { Name = "Genåbn" })).ToBeVisibleAsync();
        await vendor.GotoAsync(Url($"/fund/{findingId}"));
        await Expect(vendor.Locator("dl.kort")).ToContainTextAsync("Trukket tilbage af gennemgangsenheden");
        await Expect(vendor.Locator("dl.kort")).ToContainTextAsync("Enig: billedet er pynt. Fundet var forkert.");
        await Expect(vendor.GetByRole(AriaRole.Button)).Not.ToContainTextAsync(["Accepter"]);

        // No longer among the solution's outstanding findings, but found under its state.
        await vendor.GotoAsync(Url($"/loesninger/{World.Nordlys.SolutionId}"));
        await Expect(vendor.Locator($"a[href='/fund/{findingId}']")).ToHaveCountAsync(0);
        await vendor.GotoAsync(Url($"/loesninger/{World.Nordlys.SolutionId}?tilstand=Withdrawn"));
        await Expect(vendor.Locator($"a[href='/fund/{findingId}']")).ToHaveCountAsync(1);
    }

    [Test]
    public async Task PlannedFinding_TheReviewerClosesIt_WithAReasonTheVendorReads()
    {
        var findingId = await OpenFindingAsync(1);
        var reviewer = await LoginAsync(SeededWorld.Reviewer);
        var vendor = await LoginAsync(SeededWorld.NordlysUser);
        await SendAsync(reviewer, findingId);
        await vendor.GotoAsync(Url($"/fund/{findingId}"));
        await vendor.GetByLabel("Release eller dato").FillAsync("Løsningen udfases 1. marts 2027");
        await vendor.GetByRole(AriaRole.Button, new() { Name = "Planlæg rettelse" }).ClickAsync();

        await reviewer.GotoAsync(Url($"/fund/{findingId}"));
        await reviewer.GetByLabel("Hvorfor fundet lukkes uden en rettelse (leverandøren ser begrundelsen)").FillAsync("Løsningen erstattes; ingen rettelse i den gamle.");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Luk fundet" }).ClickAsync();

        await Expect(reviewer.Locator("dl.kort")).ToContainTextAsync("Lukket");
        await vendor.GotoAsync(Url($"/fund/{findingId}"));
        await Expect(vendor.Locator("dl.kort")).ToContainTextAsync("Løsningen erstattes; ingen rettelse i den gamle.");
        await Expect(vendor.Locator(".traad").First).ToContainTextAsync("Planlagt → Lukket");
        var state = await Workbench.WithDatabaseAsync(db => db.TrackedFindings.Where(t => t.Id == findingId).Select(t => t.State).SingleAsync());
        Assert.That(state, Is.EqualTo(FindingState.Closed));
    }

    [Test]
    public async Task WithdrawWithoutAReason_IsRefused_AndTheFindingStays()
    {
        var findingId = await OpenFindingAsync(2);
        var reviewer = await LoginAsync(SeededWorld.Reviewer);
        await reviewer.GotoAsync(Url($"/fund/{findingId}"));
        var field = reviewer.GetByLabel("Hvorfor fundet trækkes tilbage (leverandøren ser begrundelsen)");
        await field.EvaluateAsync("e => e.removeAttribute('required')");
        await field.FillAsync("   ");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Træk fundet tilbage" }).ClickAsync();

        await Expect(reviewer.GetByRole(AriaRole.Alert)).ToContainTextAsync("Skriv en begrundelse");
        await Expect(reviewer.Locator("dl.kort")).ToContainTextAsync("Åben");
    }

    [Test]
    public async Task ReviewerJudgesACriterionNotPassed_ItIsAFindingInTheDialogueAndTheExports_UntilTheJudgementChanges()
    {
        var audit = World.Blokform.NewerAuditId;
        var reviewer = await LoginAsync(SeededWorld.Reviewer);
        await reviewer.GotoAsync(Url($"/gennemgange/{audit}/vurdering"));
        var section = reviewer.Locator("section.kort").First;
        var heading = (await section.Locator("h2").TextContentAsync())!.Trim();
        var criterionId = heading.Split(' ')[0];
        await section.GetByLabel("ikke bestået", new() { Exact = true }).CheckAsync();
        await section.GetByLabel("Alvor (ved ikke bestået)").SelectOptionAsync("Serious");
        await section.GetByLabel("Kommentar").FillAsync("Kvitteringen nævner ikke sagsnummeret.");
        await section.GetByRole(AriaRole.Button, new() { Name = "Gem vurdering" }).ClickAsync();
        await Expect(reviewer.GetByRole(AriaRole.Status)).ToContainTextAsync("fund i dialogen med leverandøren");

        // In the solution's dialogue, like a machine's finding ...
        var title = heading[(criterionId.Length + 1)..];
        await reviewer.GotoAsync(Url($"/loesninger/{World.Blokform.SolutionId}"));
        await reviewer.GetByRole(AriaRole.Row).Filter(new() { HasText = title }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(reviewer.Locator("dl.kort")).ToContainTextAsync($"{criterionId} (vurdering)");
        await Expect(reviewer.Locator("dl.kort")).ToContainTextAsync("alvorlig");
        await Expect(reviewer.Locator("main")).ToContainTextAsync("Vurderet ikke bestået af");
        await Expect(reviewer.Locator("main")).ToContainTextAsync("Kvitteringen nævner ikke sagsnummeret.");
        var findingUrl = reviewer.Url;

        // ... and in the exports of the audit and of the solution.
        foreach (var export in new[] { $"/gennemgange/{audit}/fund.csv", $"/loesninger/{World.Blokform.SolutionId}/fund.json" })
        {
            var response = await reviewer.APIRequest.GetAsync(Url(export));
            Assert.That(await response.TextAsync(), Does.Contain("vurdering").And.Contain("Kvitteringen nævner ikke sagsnummeret."), export);
        }

        // The vendor answers it once it is sent.
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Send til leverandør" }).ClickAsync();
        var vendor = await LoginAsync(SeededWorld.BlokformUser);
        await vendor.GotoAsync(findingUrl);
        await Expect(vendor.GetByRole(AriaRole.Button, new() { Name = "Accepter" })).ToBeVisibleAsync();

        // The reviewer changes the judgement in the same audit: the finding was not one.
        await reviewer.GotoAsync(Url($"/gennemgange/{audit}/vurdering"));
        section = reviewer.Locator("section.kort").First;
        await section.GetByLabel("bestået", new() { Exact = true }).CheckAsync();
        await section.GetByRole(AriaRole.Button, new() { Name = "Gem vurdering" }).ClickAsync();
        await reviewer.GotoAsync(findingUrl);
        await Expect(reviewer.Locator("dl.kort")).ToContainTextAsync("Trukket tilbage");
        await Expect(reviewer.Locator(".traad").First).ToContainTextAsync("er ændret til bestået");
    }

    [Test]
    public async Task SendingFindings_TheReviewerSeesWhatGoes_AndLeavesOneOut()
    {
        var audit = World.Nordlys.NewerAuditId;
        var unsent = await Workbench.WithDatabaseAsync(db => db.TrackedFindings
            .Where(t => t.LastSeenAuditId == audit && (t.State == FindingState.Open || t.State == FindingState.Reopened))
            .Select(t => t.Id).ToListAsync());
        Assert.That(unsent, Has.Count.GreaterThanOrEqualTo(3), "the seeded audit has findings to send");
        var reviewer = await LoginAsync(SeededWorld.Reviewer);
        await reviewer.GotoAsync(Url($"/gennemgange/{audit}"));

        await reviewer.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex($"^Vælg, hvilke af de {unsent.Count} åbne fund") }).ClickAsync();
        var boxes = reviewer.GetByRole(AriaRole.Checkbox);
        await Expect(boxes).ToHaveCountAsync(unsent.Count);
        var leftOut = unsent[0];
        await reviewer.Locator($"#fund-{leftOut}").UncheckAsync();
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Send de valgte fund til leverandøren" }).ClickAsync();

        await Expect(reviewer.GetByRole(AriaRole.Status)).ToContainTextAsync($"{unsent.Count - 1} fund er sendt til leverandøren. 1 fund er ikke sendt.");
        var states = await Workbench.WithDatabaseAsync(db => db.TrackedFindings.Where(t => unsent.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.State));
        Assert.That(states[leftOut], Is.EqualTo(FindingState.Open));
        Assert.That(unsent.Skip(1).Select(id => states[id]), Is.All.EqualTo(FindingState.Sent));
    }

    [Test]
    public async Task SendingFindings_WithNoneChosen_SendsNothingAndSaysSo()
    {
        var findingId = await OpenFindingAsync(3);
        var reviewer = await LoginAsync(SeededWorld.Reviewer);
        var before = await Workbench.WithDatabaseAsync(db => db.TrackedFindings.CountAsync(t => t.State == FindingState.Sent));
        await reviewer.GotoAsync(Url($"/gennemgange/{World.Nordlys.OlderAuditId}/send"));
        await Expect(reviewer.Locator($"#fund-{findingId}")).ToBeCheckedAsync();
        foreach (var box in await reviewer.GetByRole(AriaRole.Checkbox).AllAsync())
        {
            await box.UncheckAsync();
        }

        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Send de valgte fund til leverandøren" }).ClickAsync();

        await Expect(reviewer.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Vælg mindst ét fund, der skal sendes. Intet er sendt.");
        await Expect(reviewer.GetByRole(AriaRole.Checkbox).First).Not.ToBeCheckedAsync();
        Assert.That(await Workbench.WithDatabaseAsync(db => db.TrackedFindings.CountAsync(t => t.State == FindingState.Sent)), Is.EqualTo(before));
    }


    /// <summary>The open finding made for one test.</summary>
    private Task<int> OpenFindingAsync(int index) => Workbench.WithDatabaseAsync(db =>
        db.TrackedFindings.Where(t => t.Fingerprint == $"dialog-{index}").Select(t => t.Id).SingleAsync());

    private async Task SendAsync(IPage reviewer, int findingId)
    {
        await reviewer.GotoAsync(Url($"/fund/{findingId}"));
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Send til leverandør" }).ClickAsync();
        await Expect(reviewer.Locator("dl.kort")).ToContainTextAsync("Sendt til leverandør");
    }

    private async Task DisputeAsync(IPage vendor, int findingId, string reason)
    {
        await vendor.GotoAsync(Url($"/fund/{findingId}"));
        await vendor.GetByLabel("Begrundelse").FillAsync(reason);
        await vendor.GetByRole(AriaRole.Button, new() { Name = "Bestrid" }).ClickAsync();
        await Expect(vendor.Locator("dl.kort")).ToContainTextAsync("Bestridt");
    }
}
