using System.Net;

namespace UsabilityLab.Web.Tests;

/// <summary>Every error a person can meet after a form post is a Danish page of the workbench, never the browser's bare one.</summary>
[TestFixture]
public class ErrorResponseTests : SeededWorkbenchFixture
{
    [Test]
    public async Task Post_WithoutToken_IsADanishPage_SayingWhatToDo()
    {
        using var admin = await LabClient.LoginAsync(Workbench.BaseAddress, SeededWorld.Admin);

        using var response = await admin.PostFormAsync("/admin/brugere", new() { ["brugernavn"] = "x" }, token: null);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.StartWith("<!DOCTYPE html>").And.Contain("<html lang=\"da\">").And.Contain("<title>Forkert forespørgsel · UsabilityLab</title>"));
            Assert.That(html, Does.Contain("Hent siden igen, og prøv igen."));
        });
    }

    [Test]
    public async Task Post_ToSomethingThatDoesNotExist_IsADanishNotFoundPage()
    {
        using var reviewer = await LabClient.LoginAsync(Workbench.BaseAddress, SeededWorld.Reviewer);
        var token = await reviewer.TokenAsync("/konto/adgangskode");

        using var response = await reviewer.PostFormAsync("/fund/999999/kommentarer", new() { ["tekst"] = "findes ikke" }, token);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(html, Does.Contain("<html lang=\"da\">").And.Contain("<h1>Ikke fundet</h1>"));
        });
    }
}
