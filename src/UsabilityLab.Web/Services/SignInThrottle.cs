using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace UsabilityLab.Web.Services;

/// <summary>
/// How often one may get a password wrong, with ASP.NET Core's rate limiters: per client (its
/// address) across all accounts, and per account from that client; right passwords are never
/// counted, so an office behind one address signs in freely. Nobody is locked out: an attacker who
/// guesses the admin's password from one machine slows only themselves, and the admin signs in
/// from their own machine as usual. A refused try gets the same answer as a wrong password.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perClient;
    private readonly PartitionedRateLimiter<string> _perAccount;

    public SignInThrottle(IOptions<WorkbenchOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value.SignIn;
        _perClient = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetSlidingWindowLimiter(client, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limits.AttemptsPerClient,
            Window = limits.Window,
            SegmentsPerWindow = 4,
            QueueLimit = 0,
        }));
        _perAccount = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limits.AttemptsPerAccount,
            Window = limits.Window,
            SegmentsPerWindow = 4,
            QueueLimit = 0,
        }));
    }

    /// <summary>Whether this client may try a password for <paramref name="account"/> now: it has failed fewer times than the limits allow.</summary>
    public bool Allowed(HttpContext http, string account)
    {
        var (client, key) = Keys(http, account);

        // Asking for no permit tells whether the window has room without taking any.
        using var byClient = _perClient.AttemptAcquire(client, 0);
        using var byAccount = _perAccount.AttemptAcquire(key, 0);
        return byClient.IsAcquired && byAccount.IsAcquired;
    }

    /// <summary>Counts a wrong password (or an unknown user name) against the client and the account from it.</summary>
    public void Failed(HttpContext http, string account)
    {
        var (client, key) = Keys(http, account);
        _perClient.AttemptAcquire(client).Dispose();
        _perAccount.AttemptAcquire(key).Dispose();
    }

    private static (string Client, string Key) Keys(HttpContext http, string account)
    {
        ArgumentNullException.ThrowIfNull(http);
        var client = (http.Connection.RemoteIpAddress ?? IPAddress.None).ToString();
        return (client, $"{client}|{account.Trim().ToUpperInvariant()}");
    }

    public void Dispose()
    {
        _perClient.Dispose();
        _perAccount.Dispose();
    }
}
