using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using UsabilityLab.Browser.Egress;
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

    /// <summary>What a test's own context may reach: the fixture server and its second origin.</summary>
    public static EgressPolicy Egress => Host.Options.EgressFor(Server.BaseUrl);

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Checklist = ChecklistParser.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "checklists", "kl-selvbetjening.yaml"));
        Server = await DemoServer.StartAsync(MapFixtures, faultPages: true);
        Host = await BrowserHost.StartAsync(new BrowserOptions { ActionTimeoutMs = 10_000, ExpectationTimeoutMs = 5_000, EgressAllow = [Server.OtherOriginAllowed] });
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
        <html lang="da"><head><meta charset="utf-8"><title>{title} – Testside</title></head>
        <body><main><h1>{title}</h1>{body}</main></body></html>
        """;

    private static void MapFixtures(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/fixtures/uden-knap/", () => Html(CleanPage("Uden knap", "<p>Her er ingen knap.</p>")));
        routes.MapGet("/fixtures/to-sider/a", () => Html(CleanPage("Side A", "<img src=\"x.png\" width=\"10\" height=\"10\"><a href=\"b\">Til side B</a>")));
        routes.MapGet("/fixtures/to-sider/b", () => Html(CleanPage("Side B", "<p>Side B har <span style=\"color:#ccc\">svag tekst</span>.</p>")));
        routes.MapGet("/fixtures/ramme/", () => Html(CleanPage("Med ramme", "<iframe title=\"Indlejret side\" src=\"/fixtures/to-sider/a\" width=\"400\" height=\"200\"></iframe>")));
        routes.MapGet("/fixtures/flow/{variant}/{step:int}", async (string variant, int step) =>
        {
            if (variant == "daarlig" && step == 3)
            {
                await Task.Delay(2_500);
            }

            return Html(variant == "god" ? GoodFlowPage(step) : BadFlowPage(step));
        });
        routes.MapGet("/fixtures/formular/{variant}", (string variant) => Html(CleanPage("Kontaktformular", FormBody(variant))));
        routes.MapGet("/fixtures/formular/tak", () => Html(CleanPage("Tak for din besked", "<p>Tak. Vi har fået din besked.</p>")));
        routes.MapGet("/fixtures/formular-i-vindue/", () => Html(CleanPage("Forside", "<button onclick=\"window.open('/fixtures/formular/daarlig', 'formular', 'width=600,height=700')\">Åbn formularen</button>")));
        routes.MapGet("/fixtures/gradient/", () => Html(CleanPage("Tekst på en gradient", "<p style=\"background-image: linear-gradient(90deg, #ffffff, #000000); color: #777777; padding: 1rem\">Denne tekst står på en gradient, som axe-core ikke kan måle kontrasten mod.</p>")));
        routes.MapGet("/fixtures/skygge/", () => Html(CleanPage("Skyggetræ", "<kommune-logo id=\"logo\"></kommune-logo><script>customElements.define('kommune-logo', class extends HTMLElement { constructor() { super(); this.attachShadow({ mode: 'open' }).innerHTML = '<img id=\"billede\" src=\"/x.png\" width=\"40\" height=\"40\">'; } });</script>")));
        routes.MapGet("/fixtures/to-ens/", () => Html(CleanPage("To ens", "<button>OK</button><button>OK</button>")));
        routes.MapGet("/fixtures/tastatur/{variant}", (string variant) => Html(KeyboardPage(variant == "god", slow: variant == "langsom")));
        routes.MapGet("/fixtures/mange-links/", () => Html(CleanPage("Mange links", string.Concat(Enumerable.Range(1, 520).Select(i => $"<a href=\"#a{i}\">Emne {i}</a> ")))));
        routes.MapGet("/fixtures/tastatur/tak", () => Html(CleanPage("Tak", "<p>Tak for din ansøgning.</p>")));
        routes.MapGet("/fixtures/login/{variant}", (string variant) => Html(CleanPage("Log ind", LoginForm(variant == "god"))));

        // A form a citizen fills in a guided session: a text field, a password, a text area and an
        // editable text, sent by POST to a page that does not show them back.
        routes.MapGet("/fixtures/maskering/", () => Html(CleanPage("Ansøgning", """
            <form method="post" action="/fixtures/maskering/modtaget">
            <label for="navn">Navn</label><input id="navn" name="navn">
            <label for="kode">Adgangskode</label><input id="kode" name="kode" type="password">
            <label for="besked">Besked</label><textarea id="besked" name="besked"></textarea>
            <p id="noter-navn">Noter</p><div id="noter" contenteditable="true" role="textbox" aria-labelledby="noter-navn" style="min-height:2em;border:1px solid #333"></div>
            <button>Send</button></form>
            """)));
        routes.MapPost("/fixtures/maskering/modtaget", () => Html(CleanPage("Modtaget", "<p>Vi har modtaget din ansøgning.</p>")));

        // A single-page application: "Videre" replaces the page's text without loading a new document.
        routes.MapGet("/fixtures/enkeltside/", () => Html(CleanPage("Enkeltside", """
            <div id="indhold"><p>Din sag: Tidligere-tekst-7781</p></div><button id="videre">Videre</button>
            <script>document.getElementById('videre').addEventListener('click', () => { document.getElementById('indhold').innerHTML = '<h2>Senere-tekst-4420</h2>'; });</script>
            """)));

        // A page in the citizen's window with ways out of the solution: a link to another origin, a file.
        routes.MapGet("/fixtures/laast/", (string til) => Html(CleanPage("Låst vindue", $"""
            <p><a href="{System.Net.WebUtility.HtmlEncode(til)}">Andet sted</a></p>
            <p><a href="file:///etc/hostname">En fil</a></p>
            """)));

        // A vendor's page that sends the audit browser inside the network, to the address "til" names.
        routes.MapGet("/fixtures/udgang/videre", (string til) => Results.Redirect(til));
        routes.MapGet("/fixtures/udgang/indlejret", (string til) =>
        {
            var http = System.Net.WebUtility.HtmlEncode(til);
            var https = System.Net.WebUtility.HtmlEncode(til.Replace("http://", "https://", StringComparison.Ordinal));
            var ws = System.Text.Json.JsonSerializer.Serialize(til.Replace("http://", "ws://", StringComparison.Ordinal));
            var fetch = System.Text.Json.JsonSerializer.Serialize(til + "hent");
            return Html(CleanPage("Indlejret", $$"""
                <p>Siden henter fra det indre net.</p>
                <iframe title="Intern side" src="{{http}}ramme" width="300" height="100"></iframe>
                <img src="{{http}}billede.png" alt="Internt billede" width="10" height="10">
                <img src="{{https}}sikker.png" alt="Internt billede over https" width="10" height="10">
                <script>fetch({{fetch}}).catch(() => {}); try { new WebSocket({{ws}}); } catch (e) {}</script>
                """));
        });
    }

    /// <summary>
    /// A sign-in form (WCAG 3.3.8). The good one names its fields for password managers and has a
    /// one-time code split over boxes whose paste handler spreads the pasted code itself; the bad
    /// one turns autocomplete off, refuses a pasted password and shows a CAPTCHA.
    /// </summary>
    private static string LoginForm(bool good) => good
        ? """
            <form action="/fixtures/tastatur/tak"><label for="bruger">Brugernavn</label><input id="bruger" autocomplete="username">
            <label for="kode">Adgangskode</label><input id="kode" type="password" autocomplete="current-password">
            <fieldset><legend>Engangskode</legend><input id="c1" aria-label="Ciffer 1" autocomplete="one-time-code" inputmode="numeric" maxlength="3"><input id="c2" aria-label="Ciffer 2" inputmode="numeric" maxlength="3"></fieldset>
            <button>Log ind</button></form>
            <script>document.getElementById('c1').addEventListener('paste', e => { e.preventDefault(); const t = e.clipboardData.getData('text'); document.getElementById('c1').value = t.slice(0, 3); document.getElementById('c2').value = t.slice(3, 6); });</script>
            """
        : """
            <form action="/fixtures/tastatur/tak" autocomplete="off"><label for="bruger">Brugernavn</label><input id="bruger">
            <label for="kode">Adgangskode</label><input id="kode" type="password" onpaste="return false" autocomplete="on">
            <img src="/captcha.png" alt="captcha" width="120" height="40"><label for="svar">Skriv tegnene</label><input id="svar">
            <button>Log ind</button></form>
            """;

    /// <summary>
    /// A page the keyboard walk judges as a whole. The bad one has a field that keeps focus, a link
    /// at the end of the page behind a fixed cookie banner, a "button" only a mouse can use and a
    /// tabindex above 0, and a message whose close button takes focus with it; the good one does each
    /// right (a real button, a banner in the flow of the page, no positive tabindex, focus to the heading), and has a modal dialog's focus loop and a skip link besides.
    /// </summary>
    /// <param name="slow">The bad page, answering every key press 200 ms late, as a page on a busy machine may.</param>
    private static string KeyboardPage(bool good, bool slow = false)
    {
        var filler = string.Concat(Enumerable.Range(1, 30).Select(i => $"<p>Afsnit {i}. Her står, hvad du skal vide om din ansøgning, før du sender den.</p>"));
        var details = good
            ? "<button type=\"button\" onclick=\"this.nextElementSibling.hidden = false\">Vis detaljer</button><p hidden>Detaljer.</p>"
            : "<span style=\"cursor: pointer; color: #0059b3\" onclick=\"this.nextElementSibling.hidden = false\">Vis detaljer</span><p hidden>Detaljer.</p>";
        var code = good
            ? "<label for=\"kode\">Kode</label><input id=\"kode\">"
            : "<label for=\"kode\">Kode</label><input id=\"kode\" onkeydown=\"if (event.key === 'Tab') event.preventDefault()\">";
        var help = good ? "<a href=\"#hjaelp\">Hjælp</a>" : "<a href=\"#hjaelp\" tabindex=\"2\">Hjælp</a>";
        var banner = good
            ? "<footer><p>Vi bruger kun nødvendige cookies.</p><a href=\"#vilkaar\">Vilkår</a></footer>"
            : "<a href=\"#vilkaar\">Vilkår</a><div style=\"position: fixed; bottom: 0; left: 0; right: 0; height: 140px; background: #fff; border-top: 2px solid #000\"><p>Vi bruger cookies.</p><button type=\"button\">OK</button></div>";
        var message = good
            ? "<div id=\"besked\"><p>Husk at gemme.</p><button type=\"button\" onclick=\"document.getElementById('besked').remove(); document.querySelector('h1').focus()\">Luk besked</button></div>"
            : "<div id=\"besked\"><p>Husk at gemme.</p><button type=\"button\" onclick=\"document.getElementById('besked').remove()\">Luk besked</button></div>";
        var dialog = good
            ? "<div role=\"dialog\" aria-modal=\"true\" aria-label=\"Bekræft\"><button type=\"button\" id=\"ja\">Ja</button><button type=\"button\" id=\"nej\">Nej</button></div>"
                + "<script>document.getElementById('nej').addEventListener('keydown', e => { if (e.key === 'Tab' && !e.shiftKey) { e.preventDefault(); document.getElementById('ja').focus(); } });"
                + "document.getElementById('ja').addEventListener('keydown', e => { if (e.key === 'Tab' && e.shiftKey) { e.preventDefault(); document.getElementById('nej').focus(); } });</script>"
            : string.Empty;
        var lag = slow ? "<script>document.addEventListener('keydown', () => { const end = performance.now() + 200; while (performance.now() < end) { } }, true);</script>" : string.Empty;
        return $$"""
            <!DOCTYPE html>
            <html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Tastatur – Testløsning</title></head>
            <body><a href="#indhold" style="position: absolute; left: -10000px">Gå til indhold</a>
            <main id="indhold"><h1 tabindex="-1">Tastatur</h1>{{message}}<a href="tak">Videre</a>{{help}}{{details}}{{code}}{{dialog}}{{filler}}{{banner}}</main>{{lag}}</body></html>
            """;
    }

    private static readonly string[] _flowSteps = ["Dine oplysninger", "Kontakt", "Kvittering"];

    /// <summary>A three-step flow that every page check must leave alone.</summary>
    private static string GoodFlowPage(int step)
    {
        var indicator = string.Concat(_flowSteps.Select((name, i) => i + 1 == step ? $"<li aria-current=\"step\">{name}</li>" : $"<li>{name}</li>"));
        var body = step switch
        {
            // Plain prose, beside what is not prose (a table of long words, a long option list) and
            // what only a screen reader hears (visually hidden text, a skip link until focused).
            1 => "<p>Her kan du fortælle os, hvor du bor. Det tager kun et par minutter, og du kan rette dine svar, før du sender dem. Du skal bruge din adresse og dit postnummer. Vi gemmer ikke noget, før du trykker på send.</p>"
                + "<p><span style=\"position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap\">Trin et af tre er det aktuelle trin i ansøgningsforløbet om adresseoplysninger</span></p>"
                + "<a href=\"#hoved\" style=\"position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden\">Gå til sidens hovedindhold og spring navigationen over</a>"
                + "<table style=\"table-layout: fixed; width: 100%; overflow-wrap: anywhere\"><caption>Behandlingstider</caption><tr><th>Ydelsesberettigelse</th><th>Sagsbehandlingstid</th></tr>"
                + string.Concat(Enumerable.Range(1, 12).Select(i => $"<tr><td>Beregningsgrundlag {i}</td><td>Boligstøtteberegningsgrundlaget vedrørende husstandens samlede indkomstforhold efter forældelsesfristens udløb og kommunalbestyrelsens godkendelse</td></tr>"))
                + "</table><label for=\"kommune\">Kommune</label><select id=\"kommune\" style=\"max-width: 100%\">"
                + string.Concat(Enumerable.Range(1, 100).Select(i => $"<option>Frederikssundsforvaltningens administrationsafdeling {i}</option>"))
                + "</select><a href=\"2\">Videre</a>",
            2 => "<label for=\"tidligere\">Tidligere postnr. (fra folkeregistret)</label><input id=\"tidligere\" value=\"8000\" disabled>"
                + "<label for=\"postnummer\">Postnummer</label><input id=\"postnummer\" autocomplete=\"postal-code\"><label for=\"mail\">E-mail</label><input id=\"mail\" type=\"email\" autocomplete=\"email\"><a href=\"3\">Videre</a>",
            _ => "<p>Tak. Sagsnummer: TST-2026-0042.</p><h2>Hvad sker der nu?</h2><p>Du får en kvittering i Digital Post.</p>",
        };
        return $$"""
            <!DOCTYPE html>
            <html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{_flowSteps[step - 1]}} – Testløsning</title></head>
            <body><header><nav aria-label="Trin"><ol>{{indicator}}</ol></nav></header>
            <main><h1>{{_flowSteps[step - 1]}}</h1>{{body}}</main></body></html>
            """;
    }

    /// <summary>The same flow with one problem for each page check.</summary>
    private static string BadFlowPage(int step)
    {
        var body = step switch
        {
            1 => "<div style=\"width: 150px; overflow: hidden; white-space: nowrap\">Kommunens åbningstider og telefonnummer</div><p>Oplysningerne indhentes i henhold til gældende lovgivning, jf. forvaltningslovens § 32, med henblik på sagsbehandlingens gennemførelse, idet manglende medvirken kan medføre administrative konsekvenser for ansøgeren. Personoplysningerne behandles i overensstemmelse med databeskyttelsesforordningens bestemmelser om myndighedsudøvelse.</p><a href=\"2\">Videre</a>",
            2 => "<label for=\"postnummer\">Postnummer</label><input id=\"postnummer\"><label for=\"mail\">E-mail</label><input id=\"mail\" type=\"email\"><div class=\"videre\" onclick=\"location.href='3'\">Videre</div>",
            _ => "<p>Tak for din henvendelse.</p>",
        };
        return $$"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, user-scalable=no">
            <title>Test</title><style>body { width: 900px; } *:focus { outline: none; }</style></head>
            <body><main><h1>Side</h1>{{body}}</main></body></html>
            """;
    }

    /// <summary>
    /// A form with two fields. "god" validates as it should (error at the field, summary, values kept),
    /// "daarlig" shows a generic message, ties nothing to the fields and clears them, "ingen" accepts anything.
    /// </summary>
    private static string FormBody(string variant)
    {
        const string fields = """
            <div id="opsummering"></div>
            <form id="formular" novalidate>
              <label for="navn">Navn</label><input id="navn" autocomplete="name">
              <label for="mail">E-mail</label><input id="mail" type="email" autocomplete="email">
              <p id="mail-fejl" hidden>Skriv din e-mailadresse, fx navn@eksempel.dk.</p>
              <button>Send</button>
            </form>
            """;
        var script = variant switch
        {
            "god" => """
                const mail = document.getElementById('mail');
                if (!mail.value) {
                  mail.setAttribute('aria-invalid', 'true');
                  mail.setAttribute('aria-describedby', 'mail-fejl');
                  document.getElementById('mail-fejl').hidden = false;
                  const summary = document.getElementById('opsummering');
                  summary.setAttribute('role', 'alert');
                  summary.innerHTML = '<h2>Der er en fejl</h2><a href="#mail">Skriv din e-mailadresse</a>';
                  return;
                }
                location.href = 'tak';
                """,
            "daarlig" => """
                if (!document.getElementById('mail').value) {
                  document.getElementById('formular').reset();
                  document.getElementById('opsummering').innerHTML = '<p style="color:#c00">Der skete en fejl.</p>';
                  return;
                }
                location.href = 'tak';
                """,
            _ => "location.href = 'tak';",
        };
        return fields + $$"""<script>document.getElementById('formular').addEventListener('submit', (e) => { e.preventDefault(); {{script}} });</script>""";
    }

    private static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
}
