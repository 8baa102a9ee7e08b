using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace UsabilityLab.Browser.Egress;

/// <summary>A connection the policy refused: what was asked for and why.</summary>
public sealed record EgressRefusal(string Target, EgressVerdict Verdict);

/// <summary>
/// The one way out of a browser context: an HTTP proxy on 127.0.0.1 that the context's Chromium
/// sends every request through (loopback included: Playwright makes Chromium proxy loopback too).
/// It resolves each host itself, asks <see cref="EgressPolicy"/>, and connects to the very address
/// it checked, so a redirect, a frame, a WebSocket or a name that resolves differently the second
/// time all meet the same rule. Route handlers could not do this: Playwright does not show them
/// a redirect's target.
/// </summary>
/// <remarks>
/// HTTPS and WebSockets come as CONNECT and are tunnelled untouched. Plain HTTP comes with an
/// absolute address; it goes on as one request per connection ("Connection: close"), so a
/// connection Chromium reuses can never be sent on to a host that was not checked. A refused
/// request gets 403 on CONNECT (Chromium shows its tunnel error) and no answer at all on plain
/// HTTP (Chromium shows an empty-response error): the browser shows its own error page, never a
/// page of the proxy's that the audit would check.
/// </remarks>
public sealed class EgressProxy : IAsyncDisposable
{
    private const int MaxHeadBytes = 64 * 1024;
    private static readonly TimeSpan _connectTimeout = TimeSpan.FromSeconds(15);
    private static readonly byte[] _headEnd = "\r\n\r\n"u8.ToArray();

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;
    private readonly Task _accepting;
    private EgressPolicy _policy;
    private int _disposed;

    private EgressProxy(EgressPolicy policy, Func<string, CancellationToken, Task<IPAddress[]>>? resolve, IPAddress? listenOn)
    {
        _policy = policy;
        _resolve = resolve ?? Dns.GetHostAddressesAsync;
        _listener = new TcpListener(listenOn ?? IPAddress.Loopback, 0);

        // Reachable from other machines (a remote browser's): only with this proxy's own password.
        if (listenOn is not null && !IPAddress.IsLoopback(listenOn))
        {
            UserName = "lab-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
            Password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            _expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(UserName + ":" + Password));
        }

        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The proxy's user name, when it listens where other machines reach it; null on loopback.</summary>
    public string? UserName { get; }

    /// <summary>The proxy's password (random, its own), when it listens where other machines reach it.</summary>
    public string? Password { get; }

    private readonly string? _expectedAuthorization;

    /// <summary>Raised (on a pool thread) for every connection the policy refused.</summary>
    public event Action<EgressRefusal>? Refused;

    /// <summary>The proxy's address for Chromium, e.g. "http://127.0.0.1:40123".</summary>
    public string Address
    {
        get
        {
            var end = (IPEndPoint)_listener.LocalEndpoint;
            var host = end.Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{end.Address}]" : end.Address.ToString();
            return $"http://{host}:{end.Port.ToString(CultureInfo.InvariantCulture)}";
        }
    }

    /// <summary>The rule it applies now; a session's next task may widen it to its own address.</summary>
    public EgressPolicy Policy
    {
        get => Volatile.Read(ref _policy);
        set => Volatile.Write(ref _policy, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <param name="resolve">Name resolution; tests give one that answers like a rebinding name.</param>
    /// <param name="listenOn">
    /// Where the proxy listens: loopback (the default) for a browser on this machine; this machine's
    /// address on the network for a remote browser, and then the proxy asks for its own password.
    /// </param>
    public static EgressProxy Start(EgressPolicy policy, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null, IPAddress? listenOn = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new EgressProxy(policy, resolve, listenOn);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The listener is closed; nothing more arrives.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        client.NoDelay = true;
        var token = _stop.Token;
        Socket? server = null;
        try
        {
            var (head, extra) = await ReadHeadAsync(client, token);
            if (head is null)
            {
                return;
            }

            var lines = Encoding.Latin1.GetString(head).Split("\r\n");
            var request = lines[0].Split(' ');
            if (request.Length != 3)
            {
                await SendAsync(client, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", token);
                return;
            }

            if (_expectedAuthorization is { } expected && !lines.Skip(1).Any(l => IsHeader(l, "Proxy-Authorization", expected)))
            {
                await SendAsync(client, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"usabilitylab\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", token);
                return;
            }

            var connect = request[0] == "CONNECT";
            string host;
            int port;
            if (connect)
            {
                if (!Uri.TryCreate("http://" + request[1], UriKind.Absolute, out var target))
                {
                    await SendAsync(client, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", token);
                    return;
                }

                (host, port) = (target.Host, target.Port);
            }
            else if (Uri.TryCreate(request[1], UriKind.Absolute, out var absolute) && absolute.Scheme == "http")
            {
                (host, port) = (absolute.Host, absolute.Port);
                request[1] = absolute.PathAndQuery;
            }
            else
            {
                await SendAsync(client, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", token);
                return;
            }

            var named = connect ? request[1] : lines[0].Split(' ')[1];
            var addresses = await CheckAsync(host, port, named, token);
            if (addresses.Length == 0)
            {
                if (connect)
                {
                    await SendAsync(client, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", token);
                }

                return;
            }

            server = await ConnectAsync(addresses, port, token);
            if (server is null)
            {
                // The browser sees the server as unreachable, as it would without the proxy.
                if (connect)
                {
                    await SendAsync(client, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", token);
                }

                return;
            }

            if (connect)
            {
                await SendAsync(client, "HTTP/1.1 200 Connection established\r\n\r\n", token);
            }
            else
            {
                await server.SendAsync(Encoding.Latin1.GetBytes(OriginRequest(request, lines)), SocketFlags.None, token);
            }

            if (extra.Length > 0)
            {
                await server.SendAsync(extra, SocketFlags.None, token);
            }

            await PipeAsync(client, server, token);
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // Either side went away; the browser and the server each see a closed connection.
        }
        finally
        {
            server?.Dispose();
            client.Dispose();
        }
    }

    private static bool IsHeader(string line, string name, string value)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && line[..colon].Trim().Equals(name, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(line[(colon + 1)..].Trim()), Encoding.UTF8.GetBytes(value));
    }

    /// <summary>The addresses to connect to, or none (and <see cref="Refused"/> raised) when the policy says no.</summary>
    private async Task<IPAddress[]> CheckAsync(string host, int port, string named, CancellationToken token)
    {
        var policy = Policy;
        var bare = host.Trim('[', ']');
        IPAddress[] addresses;
        if (IPAddress.TryParse(bare, out var literal))
        {
            addresses = [literal];
        }
        else if (policy.IsClosed)
        {
            addresses = [];
        }
        else
        {
            try
            {
                addresses = await _resolve(bare, token);
            }
            catch (SocketException)
            {
                addresses = [];
            }
        }

        var verdict = policy.Decide(host, port, addresses);
        if (verdict == EgressVerdict.Allowed)
        {
            return addresses;
        }

        if (verdict != EgressVerdict.Unresolved)
        {
            // A name without an address is no refusal: the browser says so, as without the proxy.
            Refused?.Invoke(new EgressRefusal(named, verdict));
        }

        return [];
    }

    /// <summary>A connection to the first of the checked addresses that answers (localhost may be ::1 or 127.0.0.1), or null.</summary>
    private static async Task<Socket?> ConnectAsync(IPAddress[] addresses, int port, CancellationToken token)
    {
        foreach (var address in addresses)
        {
            var server = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var connecting = CancellationTokenSource.CreateLinkedTokenSource(token);
            connecting.CancelAfter(_connectTimeout);
            try
            {
                await server.ConnectAsync(new IPEndPoint(address, port), connecting.Token);
                return server;
            }
            catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !token.IsCancellationRequested))
            {
                server.Dispose();
            }
        }

        return null;
    }

    private static string OriginRequest(string[] request, string[] lines)
    {
        var head = new StringBuilder(string.Join(' ', request)).Append("\r\n");
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var name = line.Split(':', 2)[0].Trim();
            if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Proxy-Connection", StringComparison.OrdinalIgnoreCase) ||
                name.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase) || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            head.Append(line).Append("\r\n");
        }

        return head.Append("Connection: close\r\n\r\n").ToString();
    }

    private static async Task<(byte[]? Head, byte[] Extra)> ReadHeadAsync(Socket client, CancellationToken token)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxHeadBytes);
        try
        {
            var filled = 0;
            while (filled < MaxHeadBytes)
            {
                var read = await client.ReceiveAsync(buffer.AsMemory(filled, MaxHeadBytes - filled), SocketFlags.None, token);
                if (read == 0)
                {
                    return (null, []);
                }

                var from = Math.Max(0, filled - 3);
                filled += read;
                var end = buffer.AsSpan(from, filled - from).IndexOf(_headEnd);
                if (end >= 0)
                {
                    var headLength = from + end;
                    return (buffer.AsSpan(0, headLength).ToArray(), buffer.AsSpan(headLength + 4, filled - headLength - 4).ToArray());
                }
            }

            await SendAsync(client, "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", token);
            return (null, []);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task PipeAsync(Socket client, Socket server, CancellationToken token)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(token);
        var up = CopyAsync(client, server, both.Token);
        var down = CopyAsync(server, client, both.Token);
        await Task.WhenAny(up, down);
        await both.CancelAsync();
        await Task.WhenAll(up, down);
    }

    private static async Task CopyAsync(Socket from, Socket to, CancellationToken token)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, token);
                if (read == 0)
                {
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, token);
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // One side closed; the pipe ends.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task SendAsync(Socket socket, string text, CancellationToken token) =>
        await socket.SendAsync(Encoding.Latin1.GetBytes(text), SocketFlags.None, token);
}
