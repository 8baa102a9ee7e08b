using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace UsabilityLab.DemoSites.Sites;

/// <summary>
/// Pages that misbehave the way unfinished vendor solutions do, under <c>/fejl/</c>: error
/// statuses, slow and silent servers, dropped connections, redirect loops, a login at another
/// origin, dialogs, pop-ups, downloads, a cookie banner, a huge DOM, a cross-origin frame, a page
/// that crashes its renderer, one that moves on by itself and one that never rests. Every page that
/// works is otherwise clean (language, title, landmarks), so a finding is the fault's own.
/// </summary>
/// <param name="otherOrigin">Root URL of the second origin (the "login provider"), known once the server listens.</param>
internal sealed class FaultySite(Func<string> otherOrigin)
{
    private static readonly HtmlEncoder _html = HtmlEncoder.Default;

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/fejl/ok", () => Page("Færdig", "<p>Siden virker.</p>"));

        routes.MapGet("/fejl/status/{code:int}", (int code) =>
            Results.Content(Document($"Fejl {code}", $"<p>Serveren svarede {code}.</p>"), "text/html; charset=utf-8", Encoding.UTF8, code));

        // Answers after ?ms= milliseconds (default 1500).
        routes.MapGet("/fejl/langsom", async (int? ms, CancellationToken aborted) =>
        {
            await Task.Delay(ms ?? 1_500, aborted);
            return Page("Langsom side", "<p>Endelig.</p><a href=\"/fejl/ok\">Videre</a>");
        });

        // Never answers: the request stays open until the browser gives up.
        routes.MapGet("/fejl/svarer-ikke", async (CancellationToken aborted) =>
        {
            await Task.Delay(Timeout.Infinite, aborted);
            return Results.Empty;
        });

        routes.MapGet("/fejl/lukker", (HttpContext context) => context.Abort());

        routes.MapGet("/fejl/loekke", () => Results.Redirect("/fejl/loekke"));

        // A login at another origin, as the national login sends the citizen away and back.
        routes.MapGet("/fejl/login", (HttpContext context) =>
            Results.Redirect($"{otherOrigin()}/udbyder/login?retur={Uri.EscapeDataString($"{context.Request.Scheme}://{context.Request.Host}/fejl/login/retur")}"));
        routes.MapGet("/udbyder/login", (string retur) => Page("Log ind hos udbyderen",
            $"<form method=\"get\" action=\"/udbyder/godkend\"><input type=\"hidden\" name=\"retur\" value=\"{_html.Encode(retur)}\">" +
            "<label for=\"bruger\">Brugernavn</label><input id=\"bruger\" name=\"bruger\" autocomplete=\"username\"><button>Log ind</button></form>"));
        routes.MapGet("/udbyder/godkend", (string retur, string? bruger) =>
            string.IsNullOrEmpty(bruger) || !retur.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)
                ? Results.BadRequest()
                : Results.Redirect($"{retur}?bruger={Uri.EscapeDataString(bruger)}"));
        routes.MapGet("/fejl/login/retur", (string? bruger) => Page("Du er logget ind", $"<p>Velkommen, {_html.Encode(bruger ?? "ukendt")}.</p>"));

        routes.MapGet("/fejl/dialog/alert", () => Page("Besked", "<button onclick=\"alert('Husk at gemme');document.querySelector('output').textContent='Beskeden er lukket'\">Send</button><output></output>"));
        routes.MapGet("/fejl/dialog/confirm", () => Page("Bekræft", "<button onclick=\"document.querySelector('output').textContent=confirm('Er du sikker?')?'Bekræftet':'Annulleret'\">Send</button><output></output>"));
        routes.MapGet("/fejl/dialog/beforeunload", () => Page("Forlad siden",
            "<label for=\"navn\">Navn</label><input id=\"navn\"><a href=\"/fejl/ok\">Videre</a>" +
            "<script>addEventListener('beforeunload', e => { e.preventDefault(); e.returnValue = ''; });</script>"));

        routes.MapGet("/fejl/popup", () => Page("Pop-up", "<button onclick=\"window.open('/fejl/popup/kvittering','kvittering','width=500,height=600')\">Vis kvittering</button><a href=\"/fejl/ok\" target=\"_blank\">Ny fane</a>"));
        routes.MapGet("/fejl/popup/kvittering", () => Page("Kvittering i nyt vindue", "<p>Sagsnummer: TST-0001.</p><button onclick=\"window.close()\">Luk vinduet</button>"));

        routes.MapGet("/fejl/download", () => Page("Download", "<a href=\"/fejl/download/kvittering.pdf\">Hent kvittering</a>"));
        routes.MapGet("/fejl/download/kvittering.pdf", () =>
            Results.File(Encoding.ASCII.GetBytes("%PDF-1.4\n% UsabilityLab testkvittering\n%%EOF\n"), "application/pdf", "kvittering.pdf"));

        routes.MapGet("/fejl/cookie", () => Page("Cookies", """
            <a href="/fejl/ok">Videre</a>
            <div role="dialog" aria-label="Cookies" id="cookies" style="position:fixed;inset:0;background:#fff;padding:2em">
              <p>Vi bruger cookies.</p>
              <button onclick="document.getElementById('cookies').remove()">Accepter alle</button>
              <button onclick="document.getElementById('cookies').remove()">Kun nødvendige</button>
            </div>
            """));

        // 50,000 elements: 10,000 list items of five elements each.
        routes.MapGet("/fejl/stor-dom", () =>
        {
            var body = new StringBuilder("<a href=\"/fejl/ok\">Videre</a><ul>");
            for (var i = 0; i < 10_000; i++)
            {
                body.Append("<li><span>Række ").Append(i).Append("</span> <em>a</em> <strong>b</strong> <small>c</small></li>");
            }

            return Page("Stor side", body.Append("</ul>").ToString());
        });

        routes.MapGet("/fejl/fremmed-ramme", () => Page("Fremmed ramme",
            $"<iframe title=\"Betaling hos udbyderen\" src=\"{otherOrigin()}/udbyder/ramme\" width=\"400\" height=\"200\"></iframe><a href=\"/fejl/ok\">Videre</a>"));
        routes.MapGet("/udbyder/ramme", () => Page("Betaling", "<p style=\"color:#bbb\">Svag tekst i rammen.</p><img src=\"/x.png\" width=\"10\" height=\"10\">"));

        // Fills the renderer's memory until it dies, as a runaway page does.
        routes.MapGet("/fejl/nedbrud", () => Page("Nedbrud", """
            <button onclick="const hog = []; for (;;) hog.push(new Array(1e7).fill(1.5));">Næste</button>
            """));

        routes.MapGet("/fejl/skifter-selv", () => Page("Skifter selv", """
            <p>Du bliver sendt videre.</p><a href="/fejl/ok">Videre</a>
            <script>setTimeout(() => { location.href = '/fejl/skiftet'; }, 600);</script>
            """));
        routes.MapGet("/fejl/skiftet", () => Page("Et andet sted", "<p>Siden skiftede selv.</p>"));

        routes.MapGet("/fejl/travl", () => Page("Travl side", """
            <style>@keyframes spin { to { transform: rotate(360deg); } } .spinner { width: 2em; height: 2em; border: 4px solid #333; border-top-color: transparent; border-radius: 50%; animation: spin 0.3s linear infinite; }</style>
            <div class="spinner" aria-hidden="true"></div><p id="status">Henter …</p><a href="/fejl/ok">Videre</a>
            <script>
              let n = 0;
              setInterval(() => fetch('/fejl/poll').then(r => r.text()).then(t => { document.getElementById('status').textContent = t + ' ' + (++n); }), 100);
              (function frame() { document.title = document.title; requestAnimationFrame(frame); })();
            </script>
            """));
        routes.MapGet("/fejl/poll", () => Results.Text("Status"));

        // A receipt as bare XML: Chromium shows it in its own viewer, which is not the vendor's page.
        routes.MapGet("/fejl/xml", () => Results.Text("<kvittering><sagsnummer>TST-0001</sagsnummer></kvittering>", "application/xml"));

        // As soon as it has loaded, its script never returns: nothing on the page answers again (no
        // evaluation, no click). Counted from the load event, so a slow start cannot lock the page
        // before navigation ends (the audit would then see a navigation timeout, not the step limit);
        // and at once, so the step's checks always meet the locked page (with a delay, fast checks
        // and the click could finish before the lock, and the task would go on).
        routes.MapGet("/fejl/fastlaast", () => Page("Fastlåst", """
            <a href="/fejl/ok">Videre</a>
            <script>addEventListener("load", () => setTimeout(() => { for (;;) { } }, 0));</script>
            """));
    }

    private static IResult Page(string title, string body) => Results.Content(Document(title, body), "text/html; charset=utf-8");

    private static string Document(string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} – Fejltest</title></head>
        <body><main><h1>{title}</h1>{body}</main></body></html>
        """;
}
