using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using UsabilityLab.Browser.Egress;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Browser.Tests;

/// <summary>
/// The vendor's site attacks the inside of the network through the audit browser, for real: a
/// redirect, a frame, an image over HTTP and HTTPS, fetch and a WebSocket all aim at a service on
/// 127.0.0.1 that is not the solution's. The service must see no connection at all, the audit
/// must say what was refused, and nothing of the service's answer may be stored.
/// </summary>
public class EgressTests
{
    private InsideService _inside = null!;
    private DirectoryInfo _evidence = null!;

    [SetUp]
    public void StartInsideService()
    {
        _inside = InsideService.Start();
        _evidence = Directory.CreateTempSubdirectory("usabilitylab-egress-");
    }

    [TearDown]
    public void StopInsideService()
    {
        _inside.Dispose();
        _evidence.Delete(recursive: true);
    }

    [Test]
    public async Task RedirectToAnInsideAddress_IsRefused_AndNothingOfItIsKept()
    {
        var audit = await AuditAsync("/fixtures/udgang/videre?til=" + Uri.EscapeDataString(_inside.Url));

        Assert.Multiple(() =>
        {
            Assert.That(_inside.Connections, Is.Zero, "the inside service was reached");
            Assert.That(Refusals(audit), Has.Some.Contains(_inside.Authority));
            Assert.That(audit.TaskCompleted, Is.False, "the solution's start page leads nowhere the audit may go");
            Assert.That(StoredText(audit), Does.Not.Contain(InsideService.Secret));
        });
    }

    [Test]
    public async Task FrameImagesFetchAndWebSocket_ToAnInsideAddress_AreRefused()
    {
        var audit = await AuditAsync("/fixtures/udgang/indlejret?til=" + Uri.EscapeDataString(_inside.Url));

        Assert.Multiple(() =>
        {
            Assert.That(audit.TaskCompleted, Is.True, audit.FailureMessage);
            Assert.That(_inside.Connections, Is.Zero, "the inside service was reached");
            Assert.That(Refusals(audit), Has.Some.Contains("ramme"), "the frame");
            Assert.That(Refusals(audit), Has.Some.Contains("billede.png"), "the image over HTTP");
            Assert.That(Refusals(audit), Has.Some.EqualTo(_inside.Authority), "HTTPS and WebSocket come as CONNECT host:port");
            Assert.That(StoredText(audit), Does.Not.Contain(InsideService.Secret));
        });
    }

    [Test]
    public async Task TheSameRedirect_ReachesTheService_WhenTheAllowlistNamesIt()
    {
        // The control: the refusal above is the policy's doing, not a broken fixture.
        var policy = EgressPolicy.For([BrowserFixture.Server.BaseUrl], [_inside.Authority]);
        await using var context = await BrowserFixture.Host.NewContextAsync(policy);
        var page = await context.NewPageAsync();

        await page.GotoAsync(BrowserFixture.Server.BaseUrl + "/fixtures/udgang/videre?til=" + Uri.EscapeDataString(_inside.Url));

        var content = await page.ContentAsync();

        Assert.Multiple(() =>
        {
            Assert.That(_inside.Connections, Is.GreaterThan(0));
            Assert.That(content, Does.Contain(InsideService.Secret));
        });
    }

    [Test]
    public async Task ThePrintingContext_ReachesNothing()
    {
        await using var context = await BrowserFixture.Host.NewContextAsync(EgressPolicy.Closed);
        var page = await context.NewPageAsync();

        var error = Assert.ThrowsAsync<Microsoft.Playwright.PlaywrightException>(() => page.GotoAsync(BrowserFixture.Server.BaseUrl + "/fixtures/uden-knap/"));

        Assert.That(error!.Message, Does.Contain("ERR_"));
    }

    private async Task<Audit> AuditAsync(string start)
    {
        var script = TaskScriptParser.Parse("udgang.yaml", $$"""
            id: udgang
            title: Udgang
            start: {{JsonSerializer.Serialize(start)}}
            steps:
              - name: Siden
                expect:
                  - text: "Siden henter fra det indre net"
            """);
        var request = new AuditRequest(script, "test", BrowserFixture.Checklist, "Test", "Udgang", BrowserFixture.Server.BaseUrl, TestData.For(script));
        return await new AuditRunner(BrowserFixture.Host, new AxeRunner(), new FileEvidenceStore(_evidence.FullName)).RunAsync(request);
    }

    private static List<string> Refusals(Audit audit) =>
        audit.Events.Concat(audit.Steps.SelectMany(s => s.Events))
            .Where(e => e.Kind == AuditEventKind.EgressRefused)
            .Select(e => e["target"])
            .ToList();

    /// <summary>Everything the audit keeps: the audit itself as JSON and every evidence file's bytes, read as text.</summary>
    private string StoredText(Audit audit)
    {
        var text = new StringBuilder(JsonSerializer.Serialize(audit));
        foreach (var file in _evidence.EnumerateFiles("*", SearchOption.AllDirectories))
        {
            text.Append(Encoding.Latin1.GetString(File.ReadAllBytes(file.FullName)));
        }

        return text.ToString();
    }

    /// <summary>A service on the inside (127.0.0.1, its own port): it counts connections and answers each with a secret.</summary>
    private sealed class InsideService : IDisposable
    {
        public const string Secret = "HEMMELIGT-INDHOLD-7f3a";

        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private int _connections;

        private InsideService()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Connections => Volatile.Read(ref _connections);

        public string Authority => "127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port;

        public string Url => "http://" + Authority + "/";

        public static InsideService Start() => new();

        public void Dispose() => _listener.Stop();

        private async Task AcceptAsync()
        {
            while (true)
            {
                Socket socket;
                try
                {
                    socket = await _listener.AcceptSocketAsync();
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    return;
                }

                Interlocked.Increment(ref _connections);
                using (socket)
                {
                    try
                    {
                        var buffer = new byte[8192];
                        await socket.ReceiveAsync(buffer, SocketFlags.None);
                        var body = $"<html><body><p>{Secret}</p></body></html>";
                        await socket.SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"), SocketFlags.None);
                    }
                    catch (SocketException)
                    {
                        // The browser went; the connection is counted all the same.
                    }
                }
            }
        }
    }
}
