using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace UsabilityLab.Browser.Egress;

/// <summary>Why a request left the browser or did not.</summary>
public enum EgressVerdict
{
    Allowed,

    /// <summary>The address is on the inside (loopback, private, link-local, CGNAT, metadata ...) and not allowed.</summary>
    Internal,

    /// <summary>The host name has no address.</summary>
    Unresolved,

    /// <summary>The context may reach nothing at all (a report being printed).</summary>
    Closed,
}

/// <summary>
/// Where a browser context of the workbench may connect. The audited solution is a site its vendor
/// controls, browsed from inside the review unit's network: a redirect, a frame or a script of it
/// must not reach the workbench itself, the machine's other services, the private network or a
/// cloud's metadata service. Every address on the inside is refused, except the solution's own
/// origins (host and port, as its address says) and what an administrator allows for a test
/// environment on a private address (a host, a host:port, an address or a network like
/// 10.20.0.0/16). Public addresses are open: a solution signs in through MitID and links to
/// borger.dk.
/// </summary>
public sealed class EgressPolicy
{
    private static readonly (IPAddress Network, int Prefix)[] _inside =
    [
        Network("0.0.0.0/8"),          // "this network"
        Network("10.0.0.0/8"),         // private
        Network("100.64.0.0/10"),      // carrier-grade NAT (also Alibaba's metadata, 100.100.100.200)
        Network("127.0.0.0/8"),        // loopback
        Network("169.254.0.0/16"),     // link-local (the clouds' metadata, 169.254.169.254)
        Network("172.16.0.0/12"),      // private
        Network("192.0.0.0/24"),       // IETF protocol assignments
        Network("192.168.0.0/16"),     // private
        Network("198.18.0.0/15"),      // benchmarking
        Network("224.0.0.0/3"),        // multicast, reserved, broadcast
        Network("::/96"),              // unspecified, loopback, IPv4-compatible
        Network("fc00::/7"),           // unique local (AWS metadata fd00:ec2::254)
        Network("fe80::/10"),          // link-local
        Network("fec0::/10"),          // site-local (deprecated, still routed somewhere)
        Network("ff00::/8"),           // multicast
    ];

    private readonly HashSet<string> _hosts;
    private readonly HashSet<(string Host, int Port)> _origins;
    private readonly (IPAddress Network, int Prefix)[] _networks;

    private EgressPolicy(HashSet<string> hosts, HashSet<(string, int)> origins, (IPAddress, int)[] networks, bool closed)
    {
        _hosts = hosts;
        _origins = origins;
        _networks = networks;
        IsClosed = closed;
    }

    /// <summary>A policy that refuses every connection.</summary>
    public static EgressPolicy Closed { get; } = new([], [], [], closed: true);

    /// <summary>True when nothing may be reached.</summary>
    public bool IsClosed { get; }

    /// <summary>
    /// The policy for a solution at <paramref name="solutionUrls"/> (their origins are allowed even
    /// on the inside) with an administrator's <paramref name="allowlist"/>.
    /// </summary>
    /// <exception cref="FormatException">An allowlist entry is neither a host, a host:port, an address nor a network; the message says which.</exception>
    public static EgressPolicy For(IEnumerable<string> solutionUrls, IEnumerable<string>? allowlist = null)
    {
        ArgumentNullException.ThrowIfNull(solutionUrls);
        var hosts = new HashSet<string>(StringComparer.Ordinal);
        var origins = new HashSet<(string, int)>();
        var networks = new List<(IPAddress, int)>();
        foreach (var url in solutionUrls)
        {
            if (OriginOf(url) is { } origin)
            {
                origins.Add(origin);
            }
        }

        foreach (var entry in allowlist ?? [])
        {
            AddAllowed(entry, hosts, origins, networks);
        }

        return new EgressPolicy(hosts, origins, [.. networks], closed: false);
    }

    /// <summary>This policy with the origin of <paramref name="url"/> allowed too (a study's next task on another address).</summary>
    public EgressPolicy With(string url)
    {
        if (IsClosed || OriginOf(url) is not { } origin || _origins.Contains(origin))
        {
            return this;
        }

        return new EgressPolicy(_hosts, [.. _origins, origin], _networks, closed: false);
    }

    /// <summary>Checks an allowlist entry; null when it is good, else what is wrong with it (in Danish).</summary>
    public static string? Problem(string entry)
    {
        try
        {
            AddAllowed(entry, [], [], []);
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>True when the host (name or address, as a URL writes it) and port are allowed whatever they resolve to.</summary>
    public bool AllowsByName(string host, int port)
    {
        if (IsClosed)
        {
            return false;
        }

        var normal = NormalHost(host);
        return _hosts.Contains(normal) || _origins.Contains((normal, port));
    }

    /// <summary>
    /// True when a page at <paramref name="url"/> may be shown in the citizen's window: http(s) on
    /// the solution's origins or a host the admin listed. A listed network is for what the pages
    /// load, not for pages the citizen is taken to.
    /// </summary>
    public bool AllowsPage(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && AllowsByName(uri.Host, uri.Port);

    /// <summary>
    /// Whether a connection to <paramref name="host"/>:<paramref name="port"/>, which resolved to
    /// <paramref name="addresses"/>, may be made. Every address must be allowed: a name that
    /// resolves to one public and one inside address is refused, so a rebinding name cannot pick.
    /// </summary>
    public EgressVerdict Decide(string host, int port, IReadOnlyCollection<IPAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        if (IsClosed)
        {
            return EgressVerdict.Closed;
        }

        if (AllowsByName(host, port))
        {
            return EgressVerdict.Allowed;
        }

        if (addresses.Count == 0)
        {
            return EgressVerdict.Unresolved;
        }

        return addresses.All(a => !IsInside(a) || _networks.Any(n => Contains(n, a))) ? EgressVerdict.Allowed : EgressVerdict.Internal;
    }

    /// <summary>True for an address on the inside of a network: loopback, private, link-local, CGNAT, multicast, reserved.</summary>
    public static bool IsInside(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (Embedded(address) is { } v4)
        {
            return IsInside(v4);
        }

        return _inside.Any(n => Contains(n, address));
    }

    /// <summary>"host" as the policy compares it: lower case, no brackets, no final dot.</summary>
    public static string NormalHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var normal = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (normal.StartsWith('[') && normal.EndsWith(']'))
        {
            normal = normal[1..^1];
        }

        return IPAddress.TryParse(normal, out var address) ? (Embedded(address) ?? address).ToString() : normal;
    }

    private static (string, int)? OriginOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0
            ? (NormalHost(uri.Host), uri.Port)
            : null;

    private static void AddAllowed(string entry, HashSet<string> hosts, HashSet<(string, int)> origins, List<(IPAddress, int)> networks)
    {
        var text = (entry ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            throw new FormatException("en tom adresse kan ikke tillades");
        }

        if (text.Contains('/', StringComparison.Ordinal))
        {
            var parts = text.Split('/', 2);
            if (!IPAddress.TryParse(parts[0], out var network) ||
                !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) ||
                prefix > (network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
            {
                throw new FormatException($"'{text}' er ikke et netværk som 10.20.0.0/16");
            }

            networks.Add((network, prefix));
            return;
        }

        if (IPAddress.TryParse(text.Trim('[', ']'), out var single))
        {
            hosts.Add(NormalHost(text));
            networks.Add((single, single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            return;
        }

        if (Uri.TryCreate("http://" + text, UriKind.Absolute, out var uri) && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.UserInfo.Length == 0 &&
            uri.HostNameType is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            if (text.EndsWith(":" + uri.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
            {
                origins.Add((NormalHost(uri.Host), uri.Port));
            }
            else
            {
                hosts.Add(NormalHost(uri.Host));
            }

            return;
        }

        throw new FormatException($"'{text}' er hverken et værtsnavn, vært:port, en IP-adresse eller et netværk (10.20.0.0/16)");
    }

    /// <summary>The IPv4 address inside an IPv4-mapped, NAT64 or 6to4 IPv6 address, so no form of an inside address slips through.</summary>
    private static IPAddress? Embedded(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b && bytes.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return new IPAddress(bytes.AsSpan(2, 4));
        }

        return null;
    }

    private static bool Contains((IPAddress Network, int Prefix) network, IPAddress address)
    {
        if (Embedded(address) is { } v4)
        {
            address = v4;
        }

        if (network.Network.AddressFamily != address.AddressFamily)
        {
            return false;
        }

        var a = network.Network.GetAddressBytes();
        var b = address.GetAddressBytes();
        var whole = network.Prefix / 8;
        if (!a.AsSpan(0, whole).SequenceEqual(b.AsSpan(0, whole)))
        {
            return false;
        }

        var rest = network.Prefix % 8;
        if (rest == 0)
        {
            return true;
        }

        var mask = (byte)(0xff << (8 - rest));
        return (a[whole] & mask) == (b[whole] & mask);
    }

    private static (IPAddress, int) Network(string cidr)
    {
        var parts = cidr.Split('/');
        return (IPAddress.Parse(parts[0]), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
