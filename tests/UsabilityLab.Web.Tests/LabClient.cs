using System.Net;
using System.Text.RegularExpressions;

namespace UsabilityLab.Web.Tests;

/// <summary>
/// An HTTP client that logs in like a browser: it keeps the cookies itself (the login cookie is
/// Secure, which loopback browsers accept but CookieContainer does not send over http), follows
/// no redirects, and reads the anti-forgery token from a page's form.
/// </summary>
public sealed partial class LabClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public LabClient(Uri baseAddress)
    {
        _http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    }

    public static async Task<LabClient> LoginAsync(Uri baseAddress, string userName, string password = TestWorkbench.Password)
    {
        var client = new LabClient(baseAddress);
        using var response = await client.PostFormAsync("/login", new() { ["brugernavn"] = userName, ["adgangskode"] = password }, await client.TokenAsync("/login"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.ToString(), Does.Not.StartWith("/login"), $"login as {userName} failed");
        return client;
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string accept = "text/html")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        return await SendAsync(request);
    }

    public async Task<string> GetStringAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The anti-forgery token of the first form on the page at <paramref name="path"/>.</summary>
    public async Task<string> TokenAsync(string path = "/")
    {
        var html = await GetStringAsync(path);
        var match = TokenPattern().Match(html);
        Assert.That(match.Success, Is.True, $"no anti-forgery token on {path}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields, string? token)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var form = new Dictionary<string, string>(fields);
        if (token is not null)
        {
            form["__RequestVerificationToken"] = token;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.ParseAdd("text/html");
        return await SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (pair[..equals], pair[(equals + 1)..]);
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = value;
                }
            }
        }

        return response;
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
