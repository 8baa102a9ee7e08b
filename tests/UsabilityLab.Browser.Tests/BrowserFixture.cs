using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using UsabilityLab.Core.Checklists;
using UsabilityLab.DemoSites;

namespace UsabilityLab.Browser.Tests;

/// <summary>One Chromium and one loopback server (demo vendors plus fixture pages) for all browser tests.</summary>
[SetUpFixture]
public class BrowserFixture
{
    public static BrowserHost Host { get; private set; } = null!;

    public static DemoServer Server { get; private set; } = null!;

    public static Checklist Checklist { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Checklist = ChecklistParser.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "checklists", "kl-selvbetjening.yaml"));
        Server = await DemoServer.StartAsync(MapFixtures);
        Host = await BrowserHost.StartAsync(new BrowserOptions { ActionTimeoutMs = 2_000, ExpectationTimeoutMs = 1_000 });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await Host.DisposeAsync();
        await Server.DisposeAsync();
    }

    /// <summary>A small, clean page; <paramref name="body"/> goes inside main.</summary>
    public static string CleanPage(string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="da"><head><meta charset="utf-8"><title>{title}</title></head>
        <body><main><h1>{title}</h1>{body}</main></body></html>
        """;

    private static void MapFixtures(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/fixtures/uden-knap/", () => Html(CleanPage("Uden knap", "<p>Her er ingen knap.</p>")));
        routes.MapGet("/fixtures/to-sider/a", () => Html(CleanPage("Side A", "<img src=\"x.png\" width=\"10\" height=\"10\"><a href=\"b\">Til side B</a>")));
        routes.MapGet("/fixtures/to-sider/b", () => Html(CleanPage("Side B", "<p>Side B har <span style=\"color:#ccc\">svag tekst</span>.</p>")));
        routes.MapGet("/fixtures/ramme/", () => Html(CleanPage("Med ramme", "<iframe title=\"Indlejret side\" src=\"/fixtures/to-sider/a\" width=\"400\" height=\"200\"></iframe>")));
        routes.MapGet("/fixtures/to-ens/", () => Html(CleanPage("To ens", "<button>OK</button><button>OK</button>")));
    }

    private static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
}
