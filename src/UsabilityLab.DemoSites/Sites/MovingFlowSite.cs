using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace UsabilityLab.DemoSites.Sites;

/// <summary>
/// One vendor's "Anmeld flytning" flow: start, login, new address, summary, receipt.
/// The well-made vendor follows WCAG 2.1 AA and the common design system's patterns; the flawed
/// vendor has deliberate problems of several kinds (see <see cref="PlantedProblems"/>).
/// </summary>
internal sealed class MovingFlowSite(DemoVendor vendor)
{
    private static readonly HtmlEncoder _html = HtmlEncoder.Default;
    private static readonly string[] _fields = ["adresse", "postnummer", "by", "etage", "flyttedato"];
    private static readonly string[] _requiredFields = ["adresse", "postnummer", "by", "flyttedato"];

    /// <summary>The problems planted in the flawed vendor, by the axe rule or check that sees them.</summary>
    public static IReadOnlyList<string> PlantedProblems { get; } =
    [
        "html-has-lang",       // no lang on <html>
        "image-alt",           // logo without alt
        "color-contrast",      // light grey text
        "meta-viewport",       // zoom disabled
        "document-title",      // login page without <title>
        "button-name",         // icon-only help button
        "label",               // "Etage" field with no label
        "select-name",         // "Kommune" select without label
        "link-name",           // icon link without text
        "semantic-locators",   // "Send anmeldelse" is a div with a click handler
        "task-completion",     // the receipt never confirms the move
        "page-titles/mangler", // login page without <title>
        "page-titles/for-kort",// "Flyt" names no step
        "page-titles/ens",     // every other page is also "Flyt"
        "progress/mangler",    // no step indicator
        "receipt/sagsnummer",  // no case number on the receipt
        "receipt/naeste-skridt", // nor what happens next
        "plain-language/lix",  // legalese on the start page
        "plain-language/henvisning", // "jf. CPR-lovens § 10"
        "input-purpose/autocomplete", // no autocomplete on personal data fields
        "zoom-language/sprog-mangler", // no lang
        "zoom-language/zoom",  // user-scalable=no
        "effort/ventetid",     // the summary page answers after 2.5 s
        "reflow/vandret-rulning", // body fixed at 960 px
        "keyboard/utilgaengelig", // the div "Send anmeldelse" cannot be reached with Tab
        "focus-visible/mangler", // *:focus { outline: none }
        "error-handling/ikke-ved-feltet", // errors are not tied to the fields
        "error-handling/ingen-opsummering", // "Der skete en fejl." in plain red text, no alert
        "error-handling/indtastning-tabt", // the address typed is gone after the error
        "redundant-entry/igen", // the summary asks for the postcode again, empty
        "consistent-help/placering", // the phone number moves from the top to the bottom on the last steps
    ];

    /// <summary>Best practices the flawed vendor breaks, which are reported as recommendations, not findings.</summary>
    public static IReadOnlyList<string> PlantedRecommendations { get; } =
    [
        "region",              // content outside landmarks
        "landmark-one-main",   // no main landmark
    ];

    private bool Flawed => vendor.Flawed;

    public void Map(IEndpointRouteBuilder routes)
    {
        var prefix = $"/{vendor.Slug}/flytning";
        routes.MapGet($"{prefix}/", () => Page("Anmeld flytning", 1, StartBody()));
        routes.MapGet($"{prefix}/log-ind", () => Page("Log ind", 2, LoginBody()));
        routes.MapPost($"{prefix}/adresse", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var user = form["bruger-id"].ToString();
            return string.IsNullOrWhiteSpace(user)
                ? Page("Log ind", 2, LoginBody(error: true))
                : Page("Ny adresse", 3, AddressBody(Values(form), errors: false));
        });
        routes.MapPost($"{prefix}/opsummering", async (HttpContext context) =>
        {
            if (Flawed)
            {
                // A slow back end: the citizen waits for the summary.
                await Task.Delay(TimeSpan.FromSeconds(2.5), context.RequestAborted);
            }

            var values = Values(await context.Request.ReadFormAsync());
            var missing = _requiredFields.Any(f => string.IsNullOrWhiteSpace(values[f]));
            return missing
                ? Page("Ny adresse", 3, AddressBody(values, errors: true))
                : Page("Opsummering", 4, SummaryBody(values));
        });
        routes.MapPost($"{prefix}/kvittering", async (HttpContext context) =>
        {
            var values = Values(await context.Request.ReadFormAsync());
            var caseNumber = string.Create(CultureInfo.InvariantCulture, $"FLY-2026-{Math.Abs(string.Join('|', values.Values).GetHashCode(StringComparison.Ordinal)) % 900000 + 100000}");
            return Page("Kvittering", 5, ReceiptBody(caseNumber));
        });
        routes.MapGet($"/{vendor.Slug}/logo.svg", () => Results.Text(
            "<svg xmlns='http://www.w3.org/2000/svg' width='160' height='40'><rect width='160' height='40' fill='#444'/><text x='10' y='26' fill='#fff' font-size='16'>Blokform</text></svg>",
            "image/svg+xml"));
    }

    private static Dictionary<string, string> Values(IFormCollection form) =>
        _fields.ToDictionary(f => f, f => form[f].ToString(), StringComparer.Ordinal);

    private string StartBody() => Flawed
        ? """
          <p class="svag">Anmeldelse af flytning skal i henhold til gældende lovgivning foretages senest fem dage efter flytningens faktiske gennemførelse, jf. CPR-lovens § 10, stk. 1, og § 11, idet manglende rettidig anmeldelse kan medføre administrative konsekvenser for den registrerede. Personoplysningerne behandles i overensstemmelse med databeskyttelsesforordningens artikel 6, stk. 1, litra e, med henblik på myndighedsudøvelse, og registreringen videregives til relevante offentlige myndigheder efter nærmere fastsatte retningslinjer.</p>
          <form action="log-ind" method="get"><button class="knap">Start anmeldelse</button></form>
          """
        : """
          <p>Her kan du anmelde, at du flytter. Det tager cirka 5 minutter.</p>
          <p>Du skal bruge:</p>
          <ul><li>din nye adresse</li><li>datoen for flytningen</li></ul>
          <p>Der er 5 trin. Du kan se dine oplysninger, før du sender.</p>
          <form action="log-ind" method="get"><button class="knap">Start anmeldelse</button></form>
          """;

    private string LoginBody(bool error = false)
    {
        var errorText = error
            ? Flawed
                ? "<p class=\"fejl\">Der skete en fejl.</p>"
                : "<div class=\"fejlopsummering\" role=\"alert\"><h2>Der er en fejl</h2><p><a href=\"#bruger-id\">Skriv dit bruger-id</a></p></div>"
            : string.Empty;
        var help = Flawed
            ? "<button type=\"button\" class=\"ikon\"><svg width=\"16\" height=\"16\" aria-hidden=\"true\"><circle cx=\"8\" cy=\"8\" r=\"7\" fill=\"#333\"/></svg></button>"
            : string.Empty;
        var invalid = error && !Flawed ? " aria-invalid=\"true\" aria-describedby=\"bruger-id-fejl bruger-id-hjaelp\"" : " aria-describedby=\"bruger-id-hjaelp\"";
        var fieldError = error && !Flawed ? "<p class=\"fejl\" id=\"bruger-id-fejl\">Skriv dit bruger-id.</p>" : string.Empty;
        return $"""
            {errorText}
            <form action="adresse" method="post">
              <label for="bruger-id">Bruger-id</label> {help}
              <p class="hjaelp" id="bruger-id-hjaelp">Brug testbrugeren fra jeres testdata.</p>
              {fieldError}
              <input id="bruger-id" name="bruger-id"{Autocomplete("username")}{invalid}>
              <button class="knap">Log ind</button>
            </form>
            """;
    }

    private string AddressBody(Dictionary<string, string> v, bool errors)
    {
        string Field(string id, string label, string type, string autocomplete, string help)
        {
            // The flawed vendor shows a generic message only, ties nothing to the fields, and forgets what was typed.
            var hasError = errors && string.IsNullOrWhiteSpace(v[id]) && id != "etage" && !Flawed;
            var value = errors && Flawed ? string.Empty : v[id];
            var describedBy = hasError ? $" aria-invalid=\"true\" aria-describedby=\"{id}-fejl\"" : string.Empty;
            var message = hasError ? $"<p class=\"fejl\" id=\"{id}-fejl\">Udfyld {label.ToLowerInvariant()}.</p>" : string.Empty;
            var helpText = help.Length > 0 ? $"<p class=\"hjaelp\">{help}</p>" : string.Empty;
            return $"""
                <div class="felt">
                  <label for="{id}">{label}</label>{helpText}{message}
                  <input id="{id}" name="{id}" type="{type}"{Autocomplete(autocomplete)} value="{Encode(value)}"{describedBy}>
                </div>
                """;
        }

        var summary = errors
            ? Flawed
                ? "<p class=\"fejl\">Der skete en fejl.</p>"
                : "<div class=\"fejlopsummering\" role=\"alert\"><h2>Der er fejl i formularen</h2><p>Ret de markerede felter.</p></div>"
            : string.Empty;
        var extra = Flawed
            ? """
              <h2></h2>
              <p>Etage</p><input name="etage">
              <select name="kommune"><option>Aarhus</option><option>Aalborg</option></select>
              <a href="#hjaelp"><span class="ikon-hjaelp"></span></a>
              """
            : $"""
              <div class="felt">
                <label for="etage">Etage og dør (valgfrit)</label>
                <input id="etage" name="etage" autocomplete="off" value="{Encode(v["etage"])}">
              </div>
              """;
        return $"""
            {summary}
            <form action="opsummering" method="post">
              {Field("adresse", "Vejnavn og husnummer", "text", "address-line1", "Fx Vestergade 12")}
              {Field("postnummer", "Postnummer", "text", "postal-code", string.Empty)}
              {Field("by", "By", "text", "address-level2", string.Empty)}
              {extra}
              {Field("flyttedato", "Flyttedato", "date", "off", "Den dag du flytter ind")}
              <button class="knap">Næste</button>
            </form>
            """;
    }

    private string SummaryBody(Dictionary<string, string> v)
    {
        var hidden = string.Concat(_fields.Select(f => $"<input type=\"hidden\" name=\"{f}\" value=\"{Encode(v[f])}\">"));
        // The flawed vendor asks for the postcode the citizen gave on the previous step once more, empty.
        var again = Flawed
            ? "<p><label for=\"postnummer-igen\">Postnummer</label> <input id=\"postnummer-igen\" name=\"postnummer-igen\"></p><p>Skriv dit postnummer igen, så vi er sikre på det.</p>"
            : string.Empty;
        var send = Flawed
            ? "<div id=\"send\" class=\"knap\" onclick=\"document.getElementById('sendform').submit()\">Send anmeldelse</div>"
            : "<button class=\"knap\">Send anmeldelse</button>";
        return $"""
            <p>Tjek dine oplysninger, før du sender.</p>
            <dl>
              <dt>Ny adresse</dt><dd>{Encode(v["adresse"])}, {Encode(v["postnummer"])} {Encode(v["by"])}</dd>
              <dt>Flyttedato</dt><dd>{Encode(v["flyttedato"])}</dd>
            </dl>
            <form id="sendform" action="kvittering" method="post">{hidden}{again}{send}</form>
            """;
    }

    private string ReceiptBody(string caseNumber) => Flawed
        ? "<p>Tak. Vi har modtaget din henvendelse.</p>"
        : $"""
          <div class="kvittering" role="status">
            <p><strong>Din flytning er anmeldt.</strong></p>
            <p>Sagsnummer: <strong>{caseNumber}</strong></p>
          </div>
          <h2>Hvad sker der nu?</h2>
          <p>Du får en kvittering i Digital Post. Kommunen registrerer din nye adresse inden for 5 hverdage.</p>
          """;

    private IResult Page(string title, int step, string body)
    {
        var html = Flawed ? FlawedLayout(title, step, body) : GoodLayout(title, step, body);
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static string GoodLayout(string title, int step, string body)
    {
        string[] steps = ["Start", "Log ind", "Ny adresse", "Opsummering", "Kvittering"];
        var indicator = string.Concat(steps.Select((name, i) => i + 1 == step
            ? $"<li aria-current=\"step\"><strong>{name}</strong></li>"
            : $"<li>{name}</li>"));
        return $$"""
            <!DOCTYPE html>
            <html lang="da">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{{steps[step - 1]}} – Anmeld flytning – Nordby Kommune</title>
              <style>
                body { font-family: sans-serif; margin: 0; color: #1a1a1a; background: #fff; line-height: 1.5; }
                header, main, footer { padding: 1rem 1.5rem; max-width: 40rem; }
                header { border-bottom: 2px solid #0b3d91; }
                .knap { background: #0b3d91; color: #fff; border: 0; padding: .6rem 1.2rem; font-size: 1rem; border-radius: 4px; cursor: pointer; }
                .knap:focus-visible, a:focus-visible, input:focus, select:focus { outline: 3px solid #b35900; outline-offset: 2px; }
                input { display: block; padding: .4rem; font-size: 1rem; border: 1px solid #595959; margin-bottom: .8rem; max-width: 100%; }
                label { font-weight: bold; display: block; }
                .hjaelp { margin: 0; color: #4d4d4d; }
                .fejl { color: #b00020; margin: 0; }
                .fejlopsummering { border: 3px solid #b00020; padding: .5rem 1rem; }
                ol.trin { display: flex; flex-wrap: wrap; gap: 1rem; padding-left: 1.2rem; }
                a { color: #0b3d91; }
              </style>
            </head>
            <body>
              <header>
                <p><strong>Nordby Kommune</strong> · Borgerservice, tlf. 70 10 20 30</p>
                <nav aria-label="Trin"><ol class="trin">{{indicator}}</ol></nav>
              </header>
              <main>
                <h1>{{title}}</h1>
                <p>Trin {{step}} af {{steps.Length}}</p>
                {{body}}
              </main>
              <footer><p>Leveret af Nordlys Digital A/S · <a href="/tilgaengelighed">Tilgængelighedserklæring</a></p></footer>
            </body>
            </html>
            """;
    }

    private static string FlawedLayout(string title, int step, string body)
    {
        // The login page has no <title> at all; the others only the product name.
        var titleElement = step == 2 ? string.Empty : "<title>Flyt</title>";
        // The phone number is at the top on the first steps and at the bottom on the last (WCAG 3.2.6).
        var phone = "<p>Kundeservice tlf. 70 10 20 30</p>";
        return $$"""
            <!DOCTYPE html>
            <html>
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no">
              {{titleElement}}
              <style>
                body { font-family: sans-serif; margin: 0; width: 960px; }
                .top { background: #eee; padding: 8px; }
                .svag { color: #bbbbbb; }
                .knap { display: inline-block; background: #e6e6e6; color: #777; padding: 6px 14px; border: 1px solid #ccc; cursor: pointer; }
                *:focus { outline: none; }
                .fejl { color: red; }
                .ikon-hjaelp { display: inline-block; width: 16px; height: 16px; background: #888; border-radius: 8px; }
              </style>
            </head>
            <body>
              <div class="top"><img src="../logo.svg" width="160" height="40">{{(step <= 3 ? phone : string.Empty)}}</div>
              <div class="indhold">
                <h1>{{title}}</h1>
                {{body}}
              </div>
              {{(step > 3 ? phone : string.Empty)}}
            </body>
            </html>
            """;
    }

    private static string Encode(string value) => _html.Encode(value);

    /// <summary>The flawed vendor never tells the browser what a field is for.</summary>
    private string Autocomplete(string token) => Flawed ? string.Empty : $" autocomplete=\"{token}\"";
}
