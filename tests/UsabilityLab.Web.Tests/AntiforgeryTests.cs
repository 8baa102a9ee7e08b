using System.Net;

namespace UsabilityLab.Web.Tests;

/// <summary>Every form endpoint refuses a post without a valid anti-forgery token, before it changes anything.</summary>
[TestFixture]
public class AntiforgeryTests : SeededWorkbenchFixture
{
    public static IEnumerable<AuthorizationMatrixTests.Rule> PostRules => AuthorizationMatrixTests.Rules.Where(r => r.Method == "POST");

    [Test]
    public async Task Post_WithoutToken_IsRefusedWith400([ValueSource(nameof(PostRules))] AuthorizationMatrixTests.Rule rule)
    {
        using var admin = await LabClient.LoginAsync(Workbench.BaseAddress, SeededWorld.Admin);
        using var response = await admin.PostFormAsync(rule.Url(World.Blokform), rule.Form ?? [], token: null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Post_WithAnotherUsersToken_IsRefusedWith400_AndNothingChanges()
    {
        using var vendor = await LabClient.LoginAsync(Workbench.BaseAddress, SeededWorld.NordlysUser);
        using var reviewer = await LabClient.LoginAsync(Workbench.BaseAddress, SeededWorld.Reviewer);
        var reviewersToken = await reviewer.TokenAsync("/konto/adgangskode");

        using var response = await vendor.PostFormAsync($"/fund/{World.Nordlys.TrackedFindingId}/kommentarer", new() { ["tekst"] = "smuglet" }, reviewersToken);

        var comments = await Workbench.WithDatabaseAsync(db => Task.FromResult(db.FindingComments.Count()));
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(comments, Is.Zero);
        });
    }

    [Test]
    public async Task ComponentPage_Post_IsRefused()
    {
        using var reviewer = await LabClient.LoginAsync(Workbench.BaseAddress, SeededWorld.Reviewer);
        using var response = await reviewer.PostFormAsync("/", new() { ["x"] = "y" }, await reviewer.TokenAsync("/konto/adgangskode"));
        Assert.That((int)response.StatusCode, Is.InRange(400, 499));
    }
}
