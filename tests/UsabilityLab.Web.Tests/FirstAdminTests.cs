using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UsabilityLab.Data;
using UsabilityLab.Web.Services;

namespace UsabilityLab.Web.Tests;

/// <summary>
/// The first admin's one-time password, on a real server and database: it expires like every one,
/// and when no admin can sign in because theirs expired unused, a start prints a new one (and only then).
/// </summary>
public class FirstAdminTests
{
    [Test]
    public async Task ExpiredUnused_TheNextStartPrintsANewOne_ThatSignsIn_AndTheOldOneNoLonger()
    {
        await using var workbench = new TestWorkbench();
        _ = workbench.BaseAddress;
        var firstAdmin = workbench.Services.GetRequiredService<FirstAdmin>();
        var first = firstAdmin.OneTimePassword!;
        var expiresAt = await workbench.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == FirstAdmin.UserName).Select(u => u.OneTimePasswordExpiresAt).SingleAsync());
        Assert.That(expiresAt, Is.EqualTo(DateTimeOffset.UtcNow.AddDays(3)).Within(TimeSpan.FromHours(1)), "it expires like any one-time password");

        Assert.That(await StartAgainAsync(workbench, firstAdmin), Is.Empty, "a password still in its time is left alone");

        await workbench.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == FirstAdmin.UserName).ExecuteUpdateAsync(u => u.SetProperty(x => x.OneTimePasswordExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        Assert.That(await SignInAsync(workbench, first), Does.Contain("Brugernavnet eller adgangskoden er forkert"), "expired");

        var printed = await StartAgainAsync(workbench, firstAdmin);
        var renewed = firstAdmin.OneTimePassword!;

        Assert.Multiple(async () =>
        {
            Assert.That(renewed, Is.Not.EqualTo(first));
            Assert.That(printed, Does.Contain($"Log ind som 'admin' med den nye engangskode {renewed}"));
            Assert.That(await SignInAsync(workbench, renewed), Is.EqualTo("videresendt til /konto/adgangskode"), "straight to choosing a new password");
            Assert.That(await StartAgainAsync(workbench, firstAdmin), Is.Empty, "the new one is in its time");
        });
    }

    private static async Task<string> StartAgainAsync(TestWorkbench workbench, FirstAdmin firstAdmin)
    {
        await using var scope = workbench.Services.CreateAsyncScope();
        using var output = new StringWriter();
        await firstAdmin.EnsureAsync(scope.ServiceProvider, output);
        return output.ToString();
    }

    private static async Task<string> SignInAsync(TestWorkbench workbench, string password)
    {
        using var client = new LabClient(workbench.BaseAddress);
        using var response = await client.PostFormAsync("/login", new() { ["brugernavn"] = FirstAdmin.UserName, ["adgangskode"] = password }, await client.TokenAsync("/login"));
        return response.StatusCode == HttpStatusCode.Redirect ? "videresendt til " + response.Headers.Location : WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
