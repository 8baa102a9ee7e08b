using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace UsabilityLab.DemoSites.Sites;

/// <summary>
/// "Ansøg om boligstøtte" built from Det Fælles Designsystem (the npm package <c>dkfds</c>, its
/// compiled stylesheet and script) as its guidance assembles a step form: a start page, a login,
/// four form steps with a step indicator and the simple "Trin 2 af 4" subheading (radios with a
/// conditional reveal, checkboxes, a date in three fields, a file upload), an error summary that
/// takes focus with links to the fields, "Tjek dine svar", and a receipt outside the indicator.
/// The well-made version follows the patterns; the flawed one has a planted problem of every kind
/// UsabilityLab's checks look for (<see cref="PlantedProblems"/>).
/// </summary>
internal sealed class DkfdsApplicationSite(DesignSystemFlow flow)
{
    private static readonly HtmlEncoder _html = HtmlEncoder.Default;
    private static readonly string[] _indicator = ["Husstand", "Boligen", "Dokumentation", "Tjek dine svar"];
    private static readonly string[] _fields =
        ["bruger-id", "alene", "antal", "ydelser", "adresse", "postnummer", "by", "dag", "maaned", "aar", "husleje", "telefon", "kontrakt", "fil"];

    /// <summary>The problems planted in the flawed version, by the axe rule or check that sees them.</summary>
    public static IReadOnlyList<string> PlantedProblems { get; } =
    [
        "zoom-language/zoom",           // maximum-scale=1
        "meta-viewport",                // the same, as axe sees it
        "plain-language/lix",           // the start page in legalese
        "plain-language/henvisning",    // "jf. lov om individuel boligstøtte § 8"
        "page-titles/ens",              // "Husstand" and "Boligen" share their title
        "progress/mangler",             // the indicator is missing on "Dokumentation"
        "input-purpose/autocomplete",   // "By" says address-line2; "Telefon" says nothing
        "color-contrast",               // the hints in light grey
        "focus-visible/mangler",        // buttons lose their focus ring
        "error-handling/ikke-ved-feltet",   // errors only as a red line at the top
        "error-handling/ingen-opsummering", // no summary, focus stays
        "error-handling/indtastning-tabt",  // what was typed is gone
        "reflow/afskaaret",             // the case box cuts its text off at 320 px
        "reflow/vandret-rulning",       // the answers table is 640 px wide
        "keyboard/utilgaengelig",       // "Næste" on "Dokumentation" is a link without href
        "receipt/sagsnummer",           // the receipt has no case number
        "receipt/naeste-skridt",        // nor says what happens next
    ];

    private bool Flawed => flow.Flawed;

    public void Map(IEndpointRouteBuilder routes)
    {
        var prefix = flow.Path;
        routes.MapGet($"{prefix}/", () => Page("Ansøg om boligstøtte", null, StartBody()));
        routes.MapGet($"{prefix}/log-ind", () => Page("Log ind", null, LoginBody(new Answers(), error: false)));
        routes.MapPost($"{prefix}/{{step}}", async (string step, HttpContext context) =>
        {
            var answers = new Answers(await context.Request.ReadFormAsync());
            return step switch
            {
                "log-ind" => string.IsNullOrWhiteSpace(answers["bruger-id"])
                    ? Page("Log ind", null, LoginBody(answers, error: true))
                    : Step(1, answers, errors: []),
                "husstand" => Submit(1, answers, HouseholdErrors(answers)),
                "boligen" => Submit(2, answers, HomeErrors(answers)),
                "dokumentation" => Submit(3, answers, DocumentErrors(answers)),
                "send" => Page("Ansøgningen er sendt", null, ReceiptBody(answers)),
                _ => Results.NotFound(),
            };
        });
    }

    private IResult Submit(int step, Answers answers, List<(string Field, string Message)> errors) =>
        errors.Count > 0 ? Step(step, answers, errors) : Step(step + 1, answers, []);

    private static List<(string, string)> HouseholdErrors(Answers a)
    {
        var errors = new List<(string, string)>();
        if (a["alene"].Length == 0)
        {
            errors.Add(("alene-ja", "Vælg, om du bor alene"));
        }
        else if (a["alene"] == "nej" && !int.TryParse(a["antal"], out _))
        {
            errors.Add(("antal", "Skriv, hvor mange der bor sammen med dig, som et tal"));
        }

        return errors;
    }

    private static List<(string, string)> HomeErrors(Answers a)
    {
        var errors = new List<(string, string)>();
        if (a["adresse"].Length == 0)
        {
            errors.Add(("adresse", "Skriv vejnavn og husnummer"));
        }

        if (a["postnummer"].Length != 4 || !a["postnummer"].All(char.IsAsciiDigit))
        {
            errors.Add(("postnummer", "Skriv et postnummer med 4 cifre, fx 8000"));
        }

        if (a["by"].Length == 0)
        {
            errors.Add(("by", "Skriv byen"));
        }

        if (!DateOnly.TryParseExact($"{a["dag"].PadLeft(2, '0')}-{a["maaned"].PadLeft(2, '0')}-{a["aar"]}", "dd-MM-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add(("dag", "Skriv datoen, hvor du flyttede ind, som dag, måned og år, fx 1 10 2026"));
        }

        if (!int.TryParse(a["husleje"].Replace(".", string.Empty, StringComparison.Ordinal), out _))
        {
            errors.Add(("husleje", "Skriv huslejen i hele kroner, fx 6500"));
        }

        return errors;
    }

    private static List<(string, string)> DocumentErrors(Answers a)
    {
        var errors = new List<(string, string)>();
        if (a["kontrakt"].Length == 0)
        {
            errors.Add(("kontrakt-nu", "Vælg, hvordan du sender lejekontrakten"));
        }
        else if (a["kontrakt"] == "nu" && a["fil"].Length == 0)
        {
            errors.Add(("fil", "Vælg filen med lejekontrakten"));
        }

        return errors;
    }

    private string StartBody() => Flawed
        ? $"""
          <p>Ansøgning om individuel boligstøtte i form af boligsikring skal indgives af den husstandsmedlem, der er lejer af boligen, jf. lov om individuel boligstøtte § 8, idet ansøgningen behandles på grundlag af husstandens samlede indkomst- og formueforhold samt boligens beskaffenhed og huslejens størrelse i overensstemmelse med de til enhver tid gældende regler og administrative retningslinjer.</p>
          <a class="button button-primary" href="{flow.Path}/log-ind">Start ansøgning</a>
          """
        : $"""
          <p class="font-lead">Her kan du søge om boligstøtte til din lejebolig. Det tager cirka 10 minutter.</p>
          <h2>Det skal du bruge</h2>
          <ul>
            <li>MitID</li>
            <li>datoen, hvor du flyttede ind</li>
            <li>din lejekontrakt, hvis du vil sende den nu</li>
          </ul>
          <p>Der er 4 trin. Du kan se dine svar, før du sender.</p>
          <a class="button button-primary" href="{flow.Path}/log-ind">Start ansøgning</a>
          """;

    private string LoginBody(Answers a, bool error)
    {
        var summary = error ? ErrorSummary([("bruger-id", "Skriv dit bruger-id")]) : string.Empty;
        return $"""
            {summary}
            <form action="{flow.Path}/log-ind" method="post" novalidate>
              {TextField("bruger-id", "Bruger-id", "username", a, error ? "Skriv dit bruger-id" : null, hint: "Brug testbrugeren fra jeres testdata.")}
              <button class="button button-primary" type="submit">Log ind</button>
            </form>
            """;
    }

    private IResult Step(int step, Answers a, List<(string Field, string Message)> errors)
    {
        string Error(string field) => errors.FirstOrDefault(e => e.Field == field).Message;
        var title = _indicator[step - 1];

        // The flawed version forgets everything typed on a step that had an error.
        if (Flawed && errors.Count > 0)
        {
            a = a.Without("antal", "adresse", "postnummer", "by", "dag", "maaned", "aar", "husleje", "telefon");
        }

        var body = step switch
        {
            1 => $"""
                <form action="{flow.Path}/husstand" method="post" novalidate>
                  {Hidden(a, "bruger-id")}
                  {Radios("alene", "Bor du alene i boligen?", a, Error("alene-ja"),
                      ("ja", "Ja", null),
                      ("nej", "Nej, der bor andre sammen med mig", TextField("antal", "Hvor mange bor sammen med dig?", null, a, Error("antal"), inputMode: "numeric", width: "input-width-xs")))}
                  <div class="form-group">
                    <fieldset aria-describedby="ydelser-hint">
                      <legend class="form-label">Får du nogen af disse ydelser?</legend>
                      <span class="form-hint" id="ydelser-hint">Vælg alle, der passer.</span>
                      <ul class="nobullet-list">
                        {Checkbox("ydelser", "folkepension", "Folkepension", a)}
                        {Checkbox("ydelser", "foertidspension", "Førtidspension", a)}
                        {Checkbox("ydelser", "su", "SU", a)}
                      </ul>
                    </fieldset>
                  </div>
                  {NextButton()}
                </form>
                """,
            2 => $"""
                <form action="{flow.Path}/boligen" method="post" novalidate>
                  {Hidden(a, "bruger-id", "alene", "antal", "ydelser")}
                  {TextField("adresse", "Vejnavn og husnummer", "address-line1", a, Error("adresse"))}
                  {TextField("postnummer", "Postnummer", "postal-code", a, Error("postnummer"), inputMode: "numeric", width: "input-char-4")}
                  {TextField("by", "By", Flawed ? "address-line2" : "address-level2", a, Error("by"))}
                  {DateField(a, Error("dag"))}
                  {TextField("husleje", "Husleje pr. måned i kr.", null, a, Error("husleje"), inputMode: "numeric", width: "input-width-s", hint: "Uden forbrug af varme og el.")}
                  {TextField("telefon", "Telefonnummer (valgfrit)", Flawed ? null : "tel-national", a, null, hint: "Hvis vi skal ringe til dig om ansøgningen.", type: "tel")}
                  {(Flawed ? "<p class=\"sagsboks\">Sagen behandles af Ydelsescentret i Nordby Kommune, afdelingen for boligstøtte og pension</p>" : string.Empty)}
                  {NextButton()}
                </form>
                """,
            3 => $"""
                <form action="{flow.Path}/dokumentation" method="post" enctype="multipart/form-data" novalidate>
                  {Hidden(a, "bruger-id", "alene", "antal", "ydelser", "adresse", "postnummer", "by", "dag", "maaned", "aar", "husleje", "telefon")}
                  {Radios("kontrakt", "Hvordan vil du sende lejekontrakten?", a, Error("kontrakt-nu"),
                      ("nu", "Jeg uploader den nu", FileField(a, Error("fil"))),
                      ("senere", "Jeg sender den senere i Digital Post", null))}
                  {(Flawed ? "<a class=\"button button-primary\" onclick=\"this.closest('form').submit()\">Næste</a>" : NextButton())}
                </form>
                """,
            _ => $"""
                <form action="{flow.Path}/send" method="post" novalidate>
                  {Hidden(a, _fields)}
                  <h2 class="h3">Husstand</h2>
                  <dl class="{(Flawed ? "svar" : string.Empty)}">
                    <dt>Bor du alene?</dt><dd>{(a["alene"] == "ja" ? "Ja" : $"Nej, {Encode(a["antal"])} bor sammen med dig")}</dd>
                    <dt>Ydelser</dt><dd>{(a.All("ydelser").Count == 0 ? "Ingen" : Encode(string.Join(", ", a.All("ydelser"))))}</dd>
                  </dl>
                  <h2 class="h3">Boligen</h2>
                  <dl class="{(Flawed ? "svar" : string.Empty)}">
                    <dt>Adresse</dt><dd>{Encode(a["adresse"])}, {Encode(a["postnummer"])} {Encode(a["by"])}</dd>
                    <dt>Flyttede ind</dt><dd>{Encode(a["dag"])}.{Encode(a["maaned"])}.{Encode(a["aar"])}</dd>
                    <dt>Husleje pr. måned</dt><dd>{Encode(a["husleje"])} kr.</dd>
                  </dl>
                  <h2 class="h3">Dokumentation</h2>
                  <p>{(a["kontrakt"] == "nu" ? $"Lejekontrakten er vedhæftet: {Encode(a["fil"])}" : "Du sender lejekontrakten senere i Digital Post.")}</p>
                  <button class="button button-primary" type="submit">Send ansøgning</button>
                </form>
                """,
        };
        var summary = errors.Count > 0 ? ErrorSummary(errors) : string.Empty;
        return Page(title, step, summary + body, errors.Count > 0);
    }

    private string ErrorSummary(List<(string Field, string Message)> errors) => Flawed
        ? "<p class=\"fejltekst\">Der er fejl i formularen. Prøv igen.</p>"
        : $"""
          <div class="alert alert-error" role="alert" data-module="error-summary" tabindex="-1" aria-labelledby="fejlopsummering-titel">
            <div class="alert-body">
              <p class="alert-heading" id="fejlopsummering-titel">Der er problemer</p>
              <ul class="alert-text nobullet-list">
                {string.Concat(errors.Select(e => $"<li><a class=\"function-link\" href=\"#{e.Field}\">{e.Message}</a></li>"))}
              </ul>
            </div>
          </div>
          """;

    private string TextField(string id, string label, string? autocomplete, Answers a, string? error, string? hint = null, string? inputMode = null, string? width = null, string type = "text")
    {
        var hasError = error is not null && !Flawed;
        var describedBy = string.Join(' ', new[] { hint is null ? null : $"{id}-hint", hasError ? $"{id}-error" : null }.OfType<string>());
        var value = error is not null && Flawed ? string.Empty : a[id];
        return $"""
            <div class="form-group{(hasError ? " form-error" : string.Empty)}">
              <label class="form-label" for="{id}">{label}</label>
              {(hint is null ? string.Empty : $"<span class=\"form-hint\" id=\"{id}-hint\">{hint}</span>")}
              {(hasError ? $"<span class=\"form-error-message\" id=\"{id}-error\"><span class=\"sr-only\">Fejl: </span>{error}</span>" : string.Empty)}
              <input class="form-input {width}" id="{id}" name="{id}" type="{type}" value="{Encode(value)}"{Attribute("autocomplete", autocomplete)}{Attribute("inputmode", inputMode)}{Attribute("aria-describedby", describedBy)}{(hasError ? " aria-invalid=\"true\"" : string.Empty)}>
            </div>
            """;
    }

    private string DateField(Answers a, string? error)
    {
        var hasError = error is not null && !Flawed;
        string Part(string id, string label, string css) =>
            $"""<div class="form-group {css}"><label class="form-label" for="{id}">{label}</label><input class="form-input" id="{id}" name="{id}" type="text" inputmode="numeric" value="{Encode(error is not null && Flawed ? string.Empty : a[id])}"{(hasError ? $" aria-invalid=\"true\" aria-describedby=\"dato-error\"" : string.Empty)}></div>""";
        return $"""
            <div class="form-group{(hasError ? " form-error" : string.Empty)}">
              <fieldset aria-describedby="dato-hint{(hasError ? " dato-error" : string.Empty)}">
                <legend class="form-label">Hvornår flyttede du ind?</legend>
                <span class="form-hint" id="dato-hint">Fx 1 10 2026</span>
                {(hasError ? $"<span class=\"form-error-message\" id=\"dato-error\"><span class=\"sr-only\">Fejl: </span>{error}</span>" : string.Empty)}
                <div class="date-group">
                  {Part("dag", "Dag", "form-group-day")}
                  {Part("maaned", "Måned", "form-group-month")}
                  {Part("aar", "År", "form-group-year")}
                </div>
              </fieldset>
            </div>
            """;
    }

    private string FileField(Answers a, string? error)
    {
        var hasError = error is not null && !Flawed;
        return $"""
            <div class="form-group{(hasError ? " form-error" : string.Empty)}">
              <label class="form-label" for="fil">Lejekontrakt</label>
              <span class="form-hint" id="fil-hint">PDF eller billede, højst 10 MB.</span>
              {(hasError ? $"<span class=\"form-error-message\" id=\"fil-error\"><span class=\"sr-only\">Fejl: </span>{error}</span>" : string.Empty)}
              <input class="form-file-input" id="fil" name="fil" type="file" accept=".pdf,image/*" aria-describedby="fil-hint{(hasError ? " fil-error" : string.Empty)}"{(hasError ? " aria-invalid=\"true\"" : string.Empty)}>
            </div>
            """;
    }

    private string Radios(string name, string legend, Answers a, string? error, params (string Value, string Label, string? Reveal)[] options)
    {
        var hasError = error is not null && !Flawed;
        var items = new StringBuilder();
        for (var i = 0; i < options.Length; i++)
        {
            var (value, label, reveal) = options[i];
            var id = $"{name}-{value}";
            var controls = reveal is null ? string.Empty : $" data-controls=\"#{id}-indhold\" aria-controls=\"{id}-indhold\"";
            var invalid = hasError && i == 0 ? " aria-invalid=\"true\"" : string.Empty;
            items.Append(CultureInfo.InvariantCulture, $"""
                <li>
                  <div class="form-group-radio">
                    <input type="radio" id="{id}" name="{name}" value="{value}" class="form-radio"{(a[name] == value ? " checked" : string.Empty)}{controls}{invalid}>
                    <label class="form-label" for="{id}">{label}</label>
                  </div>
                  {(reveal is null ? string.Empty : $"<div class=\"hidden-content-wrapper\"><div class=\"radio-content\" id=\"{id}-indhold\" aria-hidden=\"true\">{reveal}</div></div>")}
                </li>
                """);
        }

        return $"""
            <div class="form-group{(hasError ? " form-error" : string.Empty)}">
              <fieldset{(hasError ? $" aria-describedby=\"{name}-error\"" : string.Empty)}>
                <legend class="form-label">{legend}</legend>
                {(hasError ? $"<span class=\"form-error-message\" id=\"{name}-error\"><span class=\"sr-only\">Fejl: </span>{error}</span>" : string.Empty)}
                <ul class="nobullet-list js-radio-toggle-group">{items}</ul>
              </fieldset>
            </div>
            """;
    }

    private static string Checkbox(string name, string value, string label, Answers a) => $"""
        <li>
          <div class="form-group-checkbox">
            <input type="checkbox" id="{name}-{value}" name="{name}" value="{value}" class="form-checkbox"{(a.All(name).Contains(value) ? " checked" : string.Empty)}>
            <label class="form-label" for="{name}-{value}">{label}</label>
          </div>
        </li>
        """;

    private static string NextButton() => "<button class=\"button button-primary\" type=\"submit\">Næste</button>";

    private string ReceiptBody(Answers a)
    {
        var number = string.Create(CultureInfo.InvariantCulture, $"BOL-2026-{Math.Abs(a["bruger-id"].GetHashCode(StringComparison.Ordinal)) % 900000 + 100000}");
        return Flawed
            ? "<p>Tak for din ansøgning.</p>"
            : $"""
              <p class="font-lead">Vi har modtaget din ansøgning om boligstøtte. Dit sagsnummer er {number}.</p>
              <h2>Hvad sker der nu?</h2>
              <p>Du får svar i din digitale postkasse inden 14 dage. Har du valgt at sende lejekontrakten senere, så send den i Digital Post inden 8 dage.</p>
              <button class="button button-secondary" type="button" onclick="window.print()">Udskriv kvitteringen</button>
              """;
    }

    private IResult Page(string title, int? step, string body, bool hasErrors = false)
    {
        // The flawed version gives two form steps the same title.
        var pageTitle = Flawed && step is 1 or 2 ? "Ansøg om boligstøtte" : $"{(hasErrors ? "Fejl: " : string.Empty)}{title} – Ansøg om boligstøtte – Nordby Kommune";
        var showIndicator = step is not null && !(Flawed && step == 3);
        var indicator = showIndicator ? StepIndicator(step!.Value) : string.Empty;
        var subheading = showIndicator ? $"<p class=\"step-subheading\">Trin {step} af {_indicator.Length}</p>" : string.Empty;
        var viewport = Flawed ? "width=device-width, initial-scale=1, maximum-scale=1" : "width=device-width, initial-scale=1";
        var flawedStyle = Flawed
            ? """
              <style>
                .form-hint { color: #b8b8b8; }
                .button:focus, .button:focus-visible { outline: none; box-shadow: none; }
                .fejltekst { color: #b00020; }
                .sagsboks { width: 180px; overflow: hidden; white-space: nowrap; }
                dl.svar { display: grid; grid-template-columns: 320px 320px; }
              </style>
              """
            : string.Empty;
        var html = $$"""
            <!DOCTYPE html>
            <html lang="da">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="{{viewport}}">
              <title>{{pageTitle}}</title>
              <link rel="stylesheet" href="/design-systems/dkfds/css/dkfds.min.css">
              {{flawedStyle}}
            </head>
            <body>
              <a href="#main-content" class="skipnav">Gå til sidens indhold</a>
              <header class="header">
                <div class="portal-header">
                  <div class="container portal-header-inner">
                    <p class="h4 m-0">Nordby Kommune</p>
                    <p class="m-0">Ydelsescentret · tlf. 70 10 20 30</p>
                  </div>
                </div>
              </header>
              <div class="container page-container">
                <div class="row">
                  {{(indicator.Length > 0 ? $"<aside class=\"col-12 col-lg-3\">{indicator}</aside>" : string.Empty)}}
                  <main id="main-content" class="col-12 col-lg-9">
                    {{subheading}}
                    <h1>{{title}}</h1>
                    {{body}}
                  </main>
                </div>
              </div>
              <footer>
                <div class="footer">
                  <div class="container">
                    <p>Løsningen er leveret af {{flow.VendorName}} · <a href="/tilgaengelighed">Tilgængelighedserklæring</a></p>
                  </div>
                </div>
              </footer>
              <script src="/design-systems/dkfds/js/dkfds.min.js"></script>
              <script>DKFDS.init();</script>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static string StepIndicator(int current)
    {
        var items = string.Concat(_indicator.Select((name, i) =>
        {
            var number = i + 1;
            var state = number < current ? " completed" : number == current ? " current" : string.Empty;
            var aria = number == current ? " aria-current=\"step\"" : string.Empty;
            var done = number < current ? "<span class=\"sr-only\"> (udfyldt)</span>" : string.Empty;
            return $"""<li class="{state.Trim()}"><span class="step"{aria}><span class="step-number"><span>{number}</span></span><span class="step-information"><span class="step-title">{name}{done}</span></span></span></li>""";
        }));
        return $"""<nav aria-label="Trin i ansøgningen"><ol class="step-indicator">{items}</ol></nav>""";
    }

    private static string Hidden(Answers a, params string[] names) =>
        string.Concat(names.SelectMany(n => a.All(n).Select(v => $"<input type=\"hidden\" name=\"{n}\" value=\"{Encode(v)}\">")));

    private static string Attribute(string name, string? value) =>
        string.IsNullOrEmpty(value) ? string.Empty : $" {name}=\"{value}\"";

    private static string Encode(string value) => _html.Encode(value);

    /// <summary>What the citizen has answered so far, carried from step to step in hidden fields.</summary>
    private sealed class Answers
    {
        private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

        public Answers()
        {
        }

        public Answers(IFormCollection form)
        {
            foreach (var (key, values) in form)
            {
                _values[key] = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
            }

            foreach (var file in form.Files)
            {
                _values[file.Name] = [Path.GetFileName(file.FileName)];
            }
        }

        public string this[string name] => _values.TryGetValue(name, out var list) && list.Count > 0 ? list[0] : string.Empty;

        public Answers Without(params string[] names)
        {
            var copy = new Answers();
            foreach (var (key, values) in _values.Where(v => !names.Contains(v.Key)))
            {
                copy._values[key] = values;
            }

            return copy;
        }

        public List<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];
    }
}
