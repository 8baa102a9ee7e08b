using System.Globalization;
using System.Text.RegularExpressions;
using UsabilityLab.Core;

namespace UsabilityLab.Browser;

/// <summary>
/// Chromium's and Playwright's errors in the reviewer's language. A message is what a person reads
/// in a finding, on the audit page and in the report: it says in Danish what happened and, where
/// it helps, what to do. Chromium's own error code (<c>net::ERR_…</c>) follows in brackets, as the
/// reference a vendor's developer searches for; the English sentence around it does not.
/// </summary>
public static partial class BrowserMessages
{
    private static readonly (string Code, string Danish)[] _network =
    [
        ("ERR_UNSAFE_PORT", "Chromium åbner ikke adresser på denne port, fordi porten hører til en anden slags tjeneste (fx e-mail). Brug løsningens almindelige adresse eller en anden port"),
        ("ERR_CONNECTION_REFUSED", "serveren afviste forbindelsen. Tjek, at løsningen kører, og at adressen og porten er rigtige"),
        ("ERR_NAME_NOT_RESOLVED", "adressens værtsnavn findes ikke. Tjek stavningen af adressen"),
        ("ERR_NAME_RESOLUTION_FAILED", "adressens værtsnavn kunne ikke slås op. Tjek stavningen af adressen og maskinens netværk"),
        ("ERR_CONNECTION_TIMED_OUT", "serveren svarede ikke i tide"),
        ("ERR_TIMED_OUT", "serveren svarede ikke i tide"),
        ("ERR_CONNECTION_RESET", "forbindelsen blev afbrudt, før siden var hentet"),
        ("ERR_CONNECTION_CLOSED", "forbindelsen blev lukket, før siden var hentet"),
        ("ERR_EMPTY_RESPONSE", "serveren lukkede forbindelsen uden at sende en side"),
        ("ERR_ADDRESS_UNREACHABLE", "adressen kan ikke nås fra denne maskine"),
        ("ERR_INTERNET_DISCONNECTED", "maskinen har ikke forbindelse til netværket"),
        ("ERR_TOO_MANY_REDIRECTS", "løsningen sender browseren videre i ring (for mange omdirigeringer)"),
        ("ERR_CERT_", "løsningens sikkerhedscertifikat er ikke gyldigt"),
        ("ERR_SSL_", "den sikre forbindelse (TLS) til løsningen kunne ikke oprettes"),
        ("ERR_BLOCKED_BY_CLIENT", "browseren blokerede adressen"),
        ("ERR_BLOCKED_BY_RESPONSE", "løsningen tillader ikke, at siden vises sådan (den blokerede selv svaret)"),
        ("ERR_INVALID_URL", "adressen er ikke gyldig"),
        ("ERR_ABORTED", "indlæsningen blev afbrudt, før siden var hentet (ofte fordi siden straks sendte browseren videre eller startede en download)"),
        ("ERR_FILE_NOT_FOUND", "filen findes ikke"),
        ("ERR_HTTP_RESPONSE_CODE_FAILURE", "serveren svarede med en fejl i stedet for en side"),
    ];

    /// <summary>The Danish sentence for an exception: UsabilityLab's own step failures already speak Danish.</summary>
    public static string Of(Exception exception) =>
        exception is StepFailedException ? exception.Message.TrimEnd('.') : Danish(exception.Message);

    /// <summary>The Danish sentence for one Playwright or Chromium error message.</summary>
    public static string Danish(string message)
    {
        var firstLine = message.Split('\n', 2)[0].Trim();
        if (NetworkCode().Match(message) is { Success: true } code)
        {
            var known = _network.FirstOrDefault(n => code.Value.StartsWith("net::" + n.Code, StringComparison.Ordinal)).Danish
                ?? "netværksfejl: siden kunne ikke hentes";
            return $"{known} [{code.Value}]";
        }

        if (TimeoutMs().Match(firstLine) is { Success: true } timeout)
        {
            var milliseconds = int.Parse(timeout.Groups[1].Value, CultureInfo.InvariantCulture);
            return $"tidsgrænsen på {DanishText.Seconds(milliseconds)} s blev overskredet";
        }

        if (StrictMode().Match(firstLine) is { Success: true } strict)
        {
            return $"beskrivelsen passer på {strict.Groups[1].Value} elementer; gør den mere præcis (fx med rolle og navn), så den kun passer på ét";
        }

        if (firstLine.Contains("Target page, context or browser has been closed", StringComparison.OrdinalIgnoreCase)
            || firstLine.Contains("Target closed", StringComparison.OrdinalIgnoreCase))
        {
            return "siden blev lukket, mens den blev undersøgt";
        }

        if (firstLine.Contains("Execution context was destroyed", StringComparison.OrdinalIgnoreCase))
        {
            return "siden skiftede, mens den blev undersøgt";
        }

        if (firstLine.Contains("crash", StringComparison.OrdinalIgnoreCase))
        {
            return "siden gik ned i browseren";
        }

        if (firstLine.Contains("not visible", StringComparison.OrdinalIgnoreCase))
        {
            return "elementet er ikke synligt";
        }

        if (firstLine.Contains("not enabled", StringComparison.OrdinalIgnoreCase) || firstLine.Contains("disabled", StringComparison.OrdinalIgnoreCase))
        {
            return "elementet er slået fra";
        }

        if (firstLine.Contains("not editable", StringComparison.OrdinalIgnoreCase) || firstLine.Contains("Cannot type", StringComparison.OrdinalIgnoreCase))
        {
            return "der kan ikke skrives i elementet";
        }

        if (firstLine.Contains("Not a checkbox or radio button", StringComparison.OrdinalIgnoreCase))
        {
            return "elementet er hverken et afkrydsningsfelt eller en radioknap";
        }

        if (firstLine.Contains("Element is not a <select> element", StringComparison.OrdinalIgnoreCase))
        {
            return "elementet er ikke en rulleliste (<select>)";
        }

        if (firstLine.Contains("did not find some options", StringComparison.OrdinalIgnoreCase))
        {
            return "rullelisten har ikke det valg, scriptet angiver";
        }

        return "browseren kunne ikke gennemføre handlingen";
    }

    /// <summary>The element a Playwright click error names as covering its target, as its HTML start tag, or null.</summary>
    public static string? CoveringElement(string message) =>
        Covering().Match(message) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"net::ERR_[A-Z_]+")]
    private static partial Regex NetworkCode();

    [GeneratedRegex(@"^Timeout (\d+)ms exceeded")]
    private static partial Regex TimeoutMs();

    [GeneratedRegex(@"strict mode violation: .* resolved to (\d+) elements")]
    private static partial Regex StrictMode();

    [GeneratedRegex(@"(<[^>]{1,300}>)(?:[^\n]*?) (?:from <[^>]*> subtree )?intercepts pointer events")]
    private static partial Regex Covering();
}
