using System.Net;

namespace UsabilityLab.Web.Tests;

/// <summary>
/// Signing in against the real server: every failure gets one answer, wrong passwords slow the
/// one who tries them from their machine, nobody can lock an account out, and a password the
/// workbench made must be changed before anything else.
/// </summary>
public class SignInTests
{
    private const string Refused = "Brugernavnet eller adgangskoden er forkert, eller der har været for mange forsøg.";
    private static readonly TimeSpan _window = TimeSpan.FromSeconds(15);
    private TestWorkbench _workbench = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _workbench = new TestWorkbench { SignIn = new SignInLimits { AttemptsPerClient = 20, AttemptsPerAccount = 3, Window = _window } };
        await SeededWorld.CreateAsync(_workbench);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _workbench.DisposeAsync();

    [Test]
    public async Task UnknownUser_AndWrongPassword_GetTheSameAnswer()
    {
        var unknown = await TryAsync("findes-ikke", "forkert-adgangskode");
        var wrong = await TryAsync(SeededWorld.Reviewer, "forkert-adgangskode");

        Assert.Multiple(() =>
        {
            Assert.That(unknown.Status, Is.EqualTo(wrong.Status));
            Assert.That(unknown.Status, Is.Not.EqualTo(HttpStatusCode.Redirect));
            Assert.That(unknown.Body, Does.Contain(Refused));
            Assert.That(wrong.Body, Does.Contain(Refused));
        });
    }

    [Test]
    public async Task WrongPasswords_SlowTheGuesser_ButLockNobodyOut()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.That((await TryAsync(SeededWorld.Admin, "gaet-" + i)).Body, Does.Contain(Refused));
        }

        // The right password is refused too while the guesses count, with the same answer ...
        var throttled = await TryAsync(SeededWorld.Admin, TestWorkbench.Password);
        Assert.That(throttled.Body, Does.Contain(Refused));

        // ... another account signs in from the same machine meanwhile ...
        Assert.That((await TryAsync(SeededWorld.NordlysUser, TestWorkbench.Password)).Status, Is.EqualTo(HttpStatusCode.Redirect));

        // ... and once the window has passed, the admin signs in: wrong tries locked nothing.
        await Task.Delay(_window + TimeSpan.FromSeconds(1));
        var later = await TryAsync(SeededWorld.Admin, TestWorkbench.Password);
        Assert.That(later.Status, Is.EqualTo(HttpStatusCode.Redirect), later.Body);
    }

    /// <summary>An account with a password the workbench made may do nothing but change it: not only pages, also forms.</summary>
    [Test]
    public async Task AccountThatMustChangeItsPassword_CannotPostAForm()
    {
        await _workbench.CreateUserAsync("skal-skifte", UsabilityLab.Data.LabRoles.Reviewer);
        await _workbench.WithDatabaseAsync(async db =>
        {
            var user = db.Users.Single(u => u.UserName == "skal-skifte");
            user.MustChangePassword = true;
            return await db.SaveChangesAsync();
        });
        using var client = await LabClient.LoginAsync(_workbench.BaseAddress, "skal-skifte");

        using var page = await client.GetAsync("/");
        using var form = await client.PostFormAsync("/gennemgange/ny", new() { ["valg"] = string.Empty }, await client.TokenAsync("/konto/adgangskode"));

        var answer = WebUtility.HtmlDecode(await form.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(page.Headers.Location?.ToString(), Is.EqualTo("/konto/adgangskode"));
            Assert.That(form.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(answer, Does.Contain("Skift først den adgangskode"));
        });
    }

    private async Task<(HttpStatusCode Status, string Body)> TryAsync(string user, string password)
    {
        using var client = new LabClient(_workbench.BaseAddress);
        using var response = await client.PostFormAsync("/login", new() { ["brugernavn"] = user, ["adgangskode"] = password }, await client.TokenAsync("/login"));
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }
}
