using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace UsabilityLab.DemoSites.Sites;

/// <summary>
/// A short contact form built from GOV.UK Frontend (the npm package <c>govuk-frontend</c>, its
/// compiled stylesheet and script, with the components' own markup), in Danish: one page with
/// name, e-mail, a subject as radios with a conditional reveal and a message, then a confirmation
/// panel with a reference number. No step indicator: a one-page form needs none. The error summary
/// takes focus (GOV.UK's own script) and its links lead to the fields, which GOV.UK ties to their
/// messages with aria-describedby alone. The flawed version has planted problems of the kinds a
/// short form can have (<see cref="PlantedProblems"/>).
/// </summary>
internal sealed class GovukContactSite(DesignSystemFlow flow)
{
    private static readonly HtmlEncoder _html = HtmlEncoder.Default;
    private static readonly string[] _fields = ["navn", "email", "emne", "andet-emne", "besked"];

    /// <summary>The problems planted in the flawed version, by the axe rule or check that sees them.</summary>
    public static IReadOnlyList<string> PlantedProblems { get; } =
    [
        "input-purpose/autocomplete",  // English "Name" and "E-mail" without autocomplete
        "error-handling/accepteret",   // the form is sent without a message
        "receipt/sagsnummer",          // the confirmation has no reference
        "receipt/naeste-skridt",       // nor says when the answer comes
        "html-lang-valid",             // lang="dk" is no language
        "zoom-language/forkert-sprog", // the same: the page is not marked as Danish
        "link-name",                   // a help link that is only an icon
        "reflow/afskaaret",            // the subject text is cut off at 320 px
    ];

    private bool Flawed => flow.Flawed;

    public void Map(IEndpointRouteBuilder routes)
    {
        var prefix = flow.Path;
        routes.MapGet($"{prefix}/", () => Page("Kontakt Borgerservice", FormBody(new Dictionary<string, string>(), [])));
        routes.MapPost($"{prefix}/", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var values = _fields.ToDictionary(k => k, k => form[k].ToString().Trim(), StringComparer.Ordinal);
            var errors = Errors(values);
            return errors.Count > 0
                ? Page("Kontakt Borgerservice", FormBody(values, errors), hasErrors: true)
                : Page("Din besked er sendt", ReceiptBody());
        });
    }

    private List<(string Field, string Message)> Errors(Dictionary<string, string> v)
    {
        var errors = new List<(string, string)>();
        if (v["navn"].Length == 0)
        {
            errors.Add(("navn", "Skriv dit navn"));
        }

        if (v["emne"].Length == 0)
        {
            errors.Add(("emne", "Vælg, hvad din besked handler om"));
        }

        // The flawed form sends a message without an e-mail address or text.
        if (!v["email"].Contains('@', StringComparison.Ordinal) && !Flawed)
        {
            errors.Add(("email", "Skriv din e-mailadresse, fx navn@example.dk"));
        }

        if (v["besked"].Length == 0 && !Flawed)
        {
            errors.Add(("besked", "Skriv din besked"));
        }

        return errors;
    }

    private string FormBody(Dictionary<string, string> v, List<(string Field, string Message)> errors)
    {
        string? Error(string field) => errors.FirstOrDefault(e => e.Field == field).Message;
        string Value(string key) => v.TryGetValue(key, out var value) ? _html.Encode(value) : string.Empty;
        var summary = errors.Count == 0 ? string.Empty : $"""
            <div class="govuk-error-summary" data-module="govuk-error-summary">
              <div role="alert">
                <h2 class="govuk-error-summary__title">Der er et problem</h2>
                <div class="govuk-error-summary__body">
                  <ul class="govuk-list govuk-error-summary__list">
                    {string.Concat(errors.Select(e => $"<li><a href=\"#{e.Field}\">{e.Message}</a></li>"))}
                  </ul>
                </div>
              </div>
            </div>
            """;
        var subjects = new[] { ("sag", "Spørgsmål til en sag"), ("klage", "Klage"), ("andet", "Noget andet") };
        var radios = new StringBuilder();
        for (var i = 0; i < subjects.Length; i++)
        {
            var (value, label) = subjects[i];
            var id = i == 0 ? "emne" : $"emne-{i + 1}";
            // GOV.UK's script sets aria-expanded on a radio that reveals a field, which ARIA does not
            // allow on a radio (axe: aria-allowed-attr); the application flow shows the reveal with DKFDS.
            var conditional = string.Empty;
            radios.Append(CultureInfo.InvariantCulture, $"""
                <div class="govuk-radios__item">
                  <input class="govuk-radios__input" id="{id}" name="emne" type="radio" value="{value}"{(v.GetValueOrDefault("emne") == value ? " checked" : string.Empty)}{conditional}>
                  <label class="govuk-label govuk-radios__label" for="{id}">{label}</label>
                </div>
                """);
            if (value == "andet" && conditional.Length > 0)
            {
                radios.Append(CultureInfo.InvariantCulture, $"""
                    <div class="govuk-radios__conditional govuk-radios__conditional--hidden" id="conditional-emne-andet">
                      <div class="govuk-form-group">
                        <label class="govuk-label" for="andet-emne">Hvad handler det om?</label>
                        <input class="govuk-input govuk-!-width-two-thirds" id="andet-emne" name="andet-emne" type="text" value="{Value("andet-emne")}">
                      </div>
                    </div>
                    """);
            }
        }

        var emneError = Error("emne");
        var beskedError = Error("besked");
        var messageBox = Flawed
            ? $"""<div class="govuk-form-group"><textarea class="govuk-textarea" id="besked" name="besked" rows="5" placeholder="Din besked">{Value("besked")}</textarea></div>"""
            : $"""
              <div class="govuk-form-group{(beskedError is null ? string.Empty : " govuk-form-group--error")}">
                <label class="govuk-label govuk-label--s" for="besked">Din besked</label>
                <div id="besked-hint" class="govuk-hint">Skriv ikke dit CPR-nummer.</div>
                {(beskedError is null ? string.Empty : $"<p id=\"besked-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Fejl:</span> {beskedError}</p>")}
                <textarea class="govuk-textarea{(beskedError is null ? string.Empty : " govuk-textarea--error")}" id="besked" name="besked" rows="5" aria-describedby="besked-hint{(beskedError is null ? string.Empty : " besked-error")}">{Value("besked")}</textarea>
              </div>
              """;
        return $"""
            {summary}
            <p class="govuk-body">Skriv til os, hvis du har spørgsmål. Vi svarer inden for 5 hverdage.</p>
            <form action="{flow.Path}/" method="post" novalidate>
              {Input("navn", Flawed ? "Name" : "Navn", Flawed ? null : "name", Value("navn"), Error("navn"))}
              {Input("email", Flawed ? "E-mail" : "E-mailadresse", Flawed ? null : "email", Value("email"), Error("email"), type: "email", hint: Flawed ? null : "Vi bruger den kun til at svare dig.")}
              <div class="govuk-form-group{(emneError is null ? string.Empty : " govuk-form-group--error")}">
                <fieldset class="govuk-fieldset"{(emneError is null ? string.Empty : " aria-describedby=\"emne-error\"")}>
                  <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Hvad handler din besked om?</legend>
                  {(emneError is null ? string.Empty : $"<p id=\"emne-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Fejl:</span> {emneError}</p>")}
                  <div class="govuk-radios" data-module="govuk-radios">{radios}</div>
                </fieldset>
              </div>
              {messageBox}
              <button type="submit" class="govuk-button" data-module="govuk-button">Send besked</button>
            </form>
            {(Flawed ? "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/hjaelp\"><svg width=\"20\" height=\"20\" aria-hidden=\"true\"><circle cx=\"10\" cy=\"10\" r=\"9\" fill=\"#1d70b8\"/></svg></a></p>" : string.Empty)}
            {(Flawed ? "<p class=\"govuk-body emnelinje\">Borgerservice besvarer henvendelser om alle kommunens ydelser og tilbud</p>" : string.Empty)}
            """;
    }

    private static string Input(string id, string label, string? autocomplete, string value, string? error, string type = "text", string? hint = null)
    {
        var describedBy = string.Join(' ', new[] { hint is null ? null : $"{id}-hint", error is null ? null : $"{id}-error" }.OfType<string>());
        return $"""
            <div class="govuk-form-group{(error is null ? string.Empty : " govuk-form-group--error")}">
              <label class="govuk-label govuk-label--s" for="{id}">{label}</label>
              {(hint is null ? string.Empty : $"<div id=\"{id}-hint\" class=\"govuk-hint\">{hint}</div>")}
              {(error is null ? string.Empty : $"<p id=\"{id}-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Fejl:</span> {error}</p>")}
              <input class="govuk-input{(error is null ? string.Empty : " govuk-input--error")}" id="{id}" name="{id}" type="{type}" value="{value}" spellcheck="false"{(autocomplete is null ? string.Empty : $" autocomplete=\"{autocomplete}\"")}{(describedBy.Length == 0 ? string.Empty : $" aria-describedby=\"{describedBy}\"")}>
            </div>
            """;
    }

    private string ReceiptBody() => Flawed
        ? "<p class=\"govuk-body\">Tak for din henvendelse.</p>"
        : """
          <div class="govuk-panel govuk-panel--confirmation">
            <div class="govuk-panel__body">Referencenummer: <strong>55120934</strong></div>
          </div>
          <h2 class="govuk-heading-m">Hvad sker der nu?</h2>
          <p class="govuk-body">Vi svarer dig i din digitale postkasse inden 5 hverdage.</p>
          """;

    private IResult Page(string title, string body, bool hasErrors = false)
    {
        var lang = Flawed ? "dk" : "da";
        var flawedStyle = Flawed ? "<style>.emnelinje { width: 200px; overflow: hidden; white-space: nowrap; }</style>" : string.Empty;
        var html = $$"""
            <!DOCTYPE html>
            <html lang="{{lang}}" class="govuk-template">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
              <title>{{(hasErrors ? "Fejl: " : string.Empty)}}{{title}} – Nordby Kommune</title>
              <link rel="stylesheet" href="/design-systems/govuk/govuk-frontend.min.css">
              {{flawedStyle}}
            </head>
            <body class="govuk-template__body">
              <script>document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');</script>
              <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Gå til indholdet</a>
              <header class="govuk-header" data-module="govuk-header">
                <div class="govuk-header__container govuk-width-container">
                  <p class="govuk-header__content govuk-body govuk-!-margin-0"><strong>Nordby Kommune</strong> · Borgerservice, tlf. 70 10 20 30</p>
                </div>
              </header>
              <div class="govuk-width-container">
                <main class="govuk-main-wrapper" id="main-content">
                  <div class="govuk-grid-row">
                    <div class="govuk-grid-column-two-thirds">
                      <h1 class="govuk-heading-l">{{title}}</h1>
                      {{body}}
                    </div>
                  </div>
                </main>
              </div>
              <footer class="govuk-footer">
                <div class="govuk-width-container">
                  <p class="govuk-body-s">Løsningen er leveret af {{flow.VendorName}} · <a class="govuk-footer__link" href="/tilgaengelighed">Tilgængelighedserklæring</a></p>
                </div>
              </footer>
              <script type="module">
                import { initAll } from '/design-systems/govuk/govuk-frontend.min.js';
                initAll();
              </script>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }
}
