using System.Net;
using System.Net.Sockets;
using System.Text;
using UsabilityLab.Browser.Egress;

namespace UsabilityLab.Browser.Tests;

/// <summary>
/// The egress rule on its own, and the proxy that enforces it spoken to over a real socket the way
/// Chromium speaks to it: every form of an inside address is refused, a name that resolves to one
/// public and one inside address cannot pick, and the solution's own origin and an allowlist work.
/// </summary>
public class EgressPolicyTests
{
    private static readonly EgressPolicy _solution = EgressPolicy.For(["https://selvbetjening.kommune.example/flytning/"]);

    [TestCase("127.0.0.1")]
    [TestCase("127.8.9.10")]
    [TestCase("10.0.0.5")]
    [TestCase("172.16.3.4")]
    [TestCase("172.31.255.255")]
    [TestCase("192.168.1.1")]
    [TestCase("169.254.169.254", Description = "the clouds' metadata service")]
    [TestCase("100.100.100.200", Description = "Alibaba's metadata service, in CGNAT space")]
    [TestCase("100.64.0.1")]
    [TestCase("0.0.0.0")]
    [TestCase("255.255.255.255")]
    [TestCase("224.0.0.1")]
    [TestCase("::1")]
    [TestCase("::")]
    [TestCase("::ffff:127.0.0.1", Description = "IPv4-mapped loopback")]
    [TestCase("::ffff:169.254.169.254")]
    [TestCase("64:ff9b::a00:1", Description = "NAT64 of 10.0.0.1")]
    [TestCase("fd00:ec2::254", Description = "AWS's IPv6 metadata service")]
    [TestCase("fe80::1")]
    public void InsideAddresses_AreRefused(string address)
    {
        var parsed = IPAddress.Parse(address);

        Assert.Multiple(() =>
        {
            Assert.That(EgressPolicy.IsInside(parsed), Is.True);
            Assert.That(_solution.Decide(address, 80, [parsed]), Is.EqualTo(EgressVerdict.Internal));
        });
    }

    [TestCase("93.184.216.34")]
    [TestCase("8.8.8.8")]
    [TestCase("172.32.0.1")]
    [TestCase("2a00:1450:4001::1")]
    public void PublicAddresses_AreOpen(string address) =>
        Assert.That(_solution.Decide("borger.example", 443, [IPAddress.Parse(address)]), Is.EqualTo(EgressVerdict.Allowed));

    [Test]
    public void ANameWithOnePublicAndOneInsideAddress_IsRefused() =>
        Assert.That(_solution.Decide("rebind.example", 80, [IPAddress.Parse("93.184.216.34"), IPAddress.Loopback]), Is.EqualTo(EgressVerdict.Internal));

    [Test]
    public void TheSolutionsOwnOrigin_IsAllowedOnTheInside_ButNotItsOtherPorts()
    {
        var policy = EgressPolicy.For(["http://10.20.30.40:8080/selvbetjening/"]);
        var address = IPAddress.Parse("10.20.30.40");

        Assert.Multiple(() =>
        {
            Assert.That(policy.Decide("10.20.30.40", 8080, [address]), Is.EqualTo(EgressVerdict.Allowed));
            Assert.That(policy.Decide("10.20.30.40", 22, [address]), Is.EqualTo(EgressVerdict.Internal));
            Assert.That(policy.Decide("10.20.30.41", 8080, [IPAddress.Parse("10.20.30.41")]), Is.EqualTo(EgressVerdict.Internal));
        });
    }

    [Test]
    public void TheAllowlist_TakesHostsOriginsAddressesAndNetworks()
    {
        var policy = EgressPolicy.For([], ["test.kommune.local", "api.test.local:8443", "10.20.0.0/16", "192.168.7.7"]);

        Assert.Multiple(() =>
        {
            Assert.That(policy.Decide("test.kommune.local", 80, [IPAddress.Parse("10.99.0.1")]), Is.EqualTo(EgressVerdict.Allowed));
            Assert.That(policy.Decide("api.test.local", 8443, [IPAddress.Parse("10.99.0.2")]), Is.EqualTo(EgressVerdict.Allowed));
            Assert.That(policy.Decide("api.test.local", 80, [IPAddress.Parse("10.99.0.2")]), Is.EqualTo(EgressVerdict.Internal));
            Assert.That(policy.Decide("x.local", 80, [IPAddress.Parse("10.20.5.5")]), Is.EqualTo(EgressVerdict.Allowed));
            Assert.That(policy.Decide("y.local", 80, [IPAddress.Parse("10.21.5.5")]), Is.EqualTo(EgressVerdict.Internal));
            Assert.That(policy.Decide("192.168.7.7", 9000, [IPAddress.Parse("192.168.7.7")]), Is.EqualTo(EgressVerdict.Allowed));
        });
    }

    [TestCase("")]
    [TestCase("10.0.0.0/33")]
    [TestCase("http://test.local/sti")]
    [TestCase("vært med mellemrum")]
    public void ABadAllowlistEntry_IsNamed(string entry) =>
        Assert.That(EgressPolicy.Problem(entry), Is.Not.Null.And.Not.Empty);

    [Test]
    public void TheClosedPolicy_RefusesEvenPublicAddresses() =>
        Assert.That(EgressPolicy.Closed.Decide("borger.example", 443, [IPAddress.Parse("93.184.216.34")]), Is.EqualTo(EgressVerdict.Closed));

    [Test]
    public async Task TheProxy_RefusesARebindingName_WithoutConnecting()
    {
        using var inside = new TcpListener(IPAddress.Loopback, 0);
        inside.Start();
        var port = ((IPEndPoint)inside.LocalEndpoint).Port;
        var refusals = new List<EgressRefusal>();
        await using var proxy = EgressProxy.Start(_solution, (_, _) => Task.FromResult(new[] { IPAddress.Parse("93.184.216.34"), IPAddress.Loopback }));
        proxy.Refused += r => { lock (refusals) { refusals.Add(r); } };

        var plain = await AskAsync(proxy, $"GET http://rebind.example:{port}/ HTTP/1.1\r\nHost: rebind.example:{port}\r\n\r\n");
        var tunnel = await AskAsync(proxy, $"CONNECT rebind.example:{port} HTTP/1.1\r\nHost: rebind.example:{port}\r\n\r\n");

        Assert.Multiple(() =>
        {
            Assert.That(plain, Is.Empty, "a refused plain request gets no answer: the browser shows its own error");
            Assert.That(tunnel, Does.StartWith("HTTP/1.1 403"));
            Assert.That(inside.Pending(), Is.False, "the inside service was reached");
            Assert.That(refusals.Select(r => r.Verdict), Is.All.EqualTo(EgressVerdict.Internal));
            Assert.That(refusals, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task TheProxy_ForwardsAnAllowedRequest_AsOneRequestPerConnection()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        await using var proxy = EgressProxy.Start(EgressPolicy.For([$"http://127.0.0.1:{port}/"]));
        var received = Task.Run(async () =>
        {
            using var socket = await server.AcceptSocketAsync();
            var buffer = new byte[4096];
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None);
            await socket.SendAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"u8.ToArray(), SocketFlags.None);
            return Encoding.Latin1.GetString(buffer, 0, read);
        });

        var answer = await AskAsync(proxy, $"GET http://127.0.0.1:{port}/side?a=1 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nProxy-Connection: keep-alive\r\n\r\n");
        var request = await received.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(answer, Does.StartWith("HTTP/1.1 200 OK").And.EndWith("ok"));
            Assert.That(request, Does.StartWith("GET /side?a=1 HTTP/1.1\r\n"));
            Assert.That(request, Does.Contain("\r\nConnection: close\r\n").And.Not.Contain("Proxy-Connection"));
        });
    }

    /// <summary>
    /// For a browser on another machine the proxy listens on the network (here every address), and
    /// then it serves only whoever gives its own password: no one else on the network gets a way out.
    /// </summary>
    [Test]
    public async Task TheProxy_OnTheNetwork_AsksForItsOwnPassword()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        await using var proxy = EgressProxy.Start(EgressPolicy.For([$"http://127.0.0.1:{port}/"]), listenOn: IPAddress.Any);
        await using var onLoopback = EgressProxy.Start(EgressPolicy.Closed);
        var served = Task.Run(async () =>
        {
            using var socket = await server.AcceptSocketAsync();
            await socket.ReceiveAsync(new byte[4096], SocketFlags.None);
            await socket.SendAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"u8.ToArray(), SocketFlags.None);
        });
        var request = $"GET http://127.0.0.1:{port}/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n";
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{proxy.UserName}:{proxy.Password}"));

        var without = await AskAsync(proxy, request + "\r\n");
        var wrong = await AskAsync(proxy, request + "Proxy-Authorization: Basic " + Convert.ToBase64String("lab:gæt"u8.ToArray()) + "\r\n\r\n");
        Assert.That(server.Pending(), Is.False, "a request without the password reached the server");
        var with = await AskAsync(proxy, request + $"Proxy-Authorization: Basic {credentials}\r\n\r\n");
        await served.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(without, Does.StartWith("HTTP/1.1 407").And.Contain("Proxy-Authenticate: Basic"));
            Assert.That(wrong, Does.StartWith("HTTP/1.1 407"));
            Assert.That(with, Does.StartWith("HTTP/1.1 200 OK").And.EndWith("ok"));
            Assert.That(proxy.Password, Has.Length.EqualTo(32));
            Assert.That((onLoopback.UserName, onLoopback.Password), Is.EqualTo(((string?)null, (string?)null)), "on loopback, as for a local browser, no password");
        });
    }

    /// <summary>Sends <paramref name="head"/> to the proxy and reads until it closes the connection.</summary>
    private static async Task<string> AskAsync(EgressProxy proxy, string head)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, new Uri(proxy.Address).Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head));
        using var read = new MemoryStream();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int count;
        while ((count = await stream.ReadAsync(buffer, timeout.Token)) > 0)
        {
            read.Write(buffer, 0, count);
        }

        return Encoding.Latin1.GetString(read.ToArray());
    }
}
