using System.Globalization;
using System.Text.RegularExpressions;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Core.Checks;

/// <summary>
/// UsabilityLab's own checks of what each step's page shows: titles, progress, receipt, plain
/// language, input purpose, zoom and language, effort and reflow. Pure functions over the
/// observations the browser collected, so every rule is testable without a browser; the
/// thresholds and patterns come from the checklist.
/// </summary>
public static partial class PageChecks
{
    private static readonly CultureInfo _danish = DanishText.Culture;

    /// <summary>Languages LIX was made for (Björnsson's index is Swedish; Danish and Norwegian use it alike).</summary>
    private static readonly HashSet<string> _lixLanguages = new(StringComparer.OrdinalIgnoreCase) { "da", "sv", "no", "nb", "nn" };

    /// <summary>Findings of every check the checklist's criteria name.</summary>
    /// <param name="stepCount">Steps in the task script (also those not reached).</param>
    public static List<Finding> Evaluate(Checklist checklist, Audit audit, int stepCount, IReadOnlyList<StepObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(observations);
        var findings = new List<Finding>();
        var settings = checklist.Settings;

        void Add(string check, string kind, StepResult? step, string title, string description, string? measurement = null,
            string? selector = null, string? html = null, ElementBox? box = null, Evidence? evidence = null, IReadOnlyList<string>? wcag = null)
        {
            // Effort shares its criterion with "the task can be completed", but too many steps or a
            // slow page burden the citizen; they do not stop them.
            if (checklist.ForCheck(check) is not { } criterion)
            {
                return;
            }

            // Only a check that tests a success criterion names one; the usability checks (progress,
            // receipt, plain language, effort) test the review unit's criteria, not WCAG A/AA.
            findings.Add(FindingFactory.Create(
                FindingSource.Check,
                $"{check}/{kind}",
                criterion,
                check == CheckNames.Effort ? (Severity)Math.Max((int)criterion.Severity, (int)Severity.Moderate) : criterion.Severity,
                new FindingText(title, description, measurement),
                new FindingPlace(step?.Index, step?.Name, selector, html, box, evidence ?? step?.Screenshot),
                wcag ?? []));
        }

        if (settings.PageTitles is { } titles)
        {
            PageTitleFindings(titles, observations, Add);
        }

        if (settings.Progress is { } progress)
        {
            ProgressFindings(progress, stepCount, observations, Add);
        }

        // A receipt is what a task ends on after sending; a one-page audit ends on no receipt.
        if (settings.Receipt is { } receipt && stepCount >= 2 && observations.FirstOrDefault(o => o.Step.Index == stepCount - 1) is { } last)
        {
            if (!receipt.ReferencePattern.IsMatch(last.Facts.Text))
            {
                Add(CheckNames.Receipt, "sagsnummer", last.Step,
                    "Kvitteringen viser intet sags- eller referencenummer",
                    "Sidste trin skal vise et sags- eller referencenummer, så borgeren kan henvise til sagen. Intet på siden ligner et nummer af den forventede slags (fx \"Dit sagsnummer er BOL-2025-118203\" eller \"Referencenummer: 55120934\").",
                    measurement: "intet sags- eller referencenummer fundet på siden");
            }

            if (!receipt.NextStepsPattern.IsMatch(last.Facts.Text))
            {
                Add(CheckNames.Receipt, "naeste-skridt", last.Step,
                    "Kvitteringen siger ikke, hvad der sker nu",
                    "Sidste trin skal fortælle borgeren, hvad der sker nu (fx at kvitteringen sendes til Digital Post, og hvornår sagen behandles).",
                    measurement: "ingen tekst om næste skridt fundet på siden");
            }
        }

        if (settings.PlainLanguage is { } plain)
        {
            PlainLanguageFindings(plain, observations, Add);
        }

        if (settings.InputPurpose is { } purpose)
        {
            InputPurposeFindings(purpose, observations, Add, checklist.ForCheck(CheckNames.InputPurpose) is not null ? audit.Advisories : null);
        }

        if (settings.ZoomLanguage is { } zoom)
        {
            ZoomLanguageFindings(zoom, observations, Add);
        }

        if (settings.Effort is { } effort)
        {
            EffortFindings(effort, audit, stepCount, observations, Add);
        }

        if (settings.Reflow is { } reflow)
        {
            foreach (var observation in observations.Where(o => o.Reflow is { } r && r.ScrollWidth > r.ViewportWidth + 1))
            {
                var facts = observation.Reflow!;
                var culprit = facts.Culprits.Count > 0 ? facts.Culprits[0] : null;
                var others = facts.Culprits.Skip(1).Select(c => c.Selector).ToList();
                Add(CheckNames.Reflow, "vandret-rulning", observation.Step,
                    $"Siden skal rulles vandret ved {reflow.Width} CSS-pixel",
                    $"Ved {reflow.Width} CSS-pixels bredde (400 % zoom) er siden {facts.ScrollWidth} px bred, så borgeren må rulle vandret for at læse den." +
                    (culprit is null ? string.Empty : $" Bredest er {culprit.Selector}") + (others.Count > 0 ? $" (også {string.Join(", ", others)})." : "."),
                    measurement: $"sidebredde {facts.ScrollWidth} px ved {facts.ViewportWidth} px",
                    selector: culprit?.Selector, html: culprit?.Html, evidence: facts.Screenshot, wcag: ["1.4.10"]);
            }
        }

        if (settings.Reflow is { } narrowView)
        {
            foreach (var observation in observations)
            {
                // Text ended with an ellipsis on purpose may be given in full elsewhere (a link, a
                // detail page): whether it is, a reviewer judges.
                var deliberate = (observation.Reflow?.Clipped ?? []).Where(c => c.Ellipsis).ToList();
                if (deliberate.Count > 0 && checklist.ForCheck(CheckNames.Reflow) is not null)
                {
                    audit.Advisories.Add(new Advisory
                    {
                        Kind = AdvisoryKind.NeedsReview,
                        Source = FindingSource.Check,
                        RuleId = $"{CheckNames.Reflow}/afskaaret",
                        StepIndex = observation.Step.Index,
                        Title = $"Tekst afkortet med \"…\" ved {narrowView.Width} CSS-pixel",
                        Description = $"Ved {narrowView.Width} CSS-pixels bredde afkortes teksten med vilje (text-overflow: ellipsis). Vurdér, om borgeren kan læse hele teksten et andet sted (et link, en detaljeside); ellers skal den kunne brydes over flere linjer.",
                        Wcag = ["1.4.10"],
                        Elements = [.. deliberate.Select(c => new AdvisoryElement(c.Selector, c.Html, $"{c.Right} px afkortet"))],
                    });
                }

                foreach (var clipped in (observation.Reflow?.Clipped ?? []).Where(c => !c.Ellipsis))
                {
                    Add(CheckNames.Reflow, "afskaaret", observation.Step,
                        $"Tekst skæres af ved {narrowView.Width} CSS-pixel",
                        $"Ved {narrowView.Width} CSS-pixels bredde skjuler {clipped.Selector} {clipped.Right} px af sin tekst (overflow: hidden). Borgeren, der zoomer, kan ikke læse det hele.",
                        measurement: $"{clipped.Right} px tekst skjult",
                        selector: clipped.Selector, html: clipped.Html, evidence: observation.Reflow!.Screenshot, wcag: ["1.4.10"]);
                }
            }
        }

        if (checklist.Uses(CheckNames.RedundantEntry))
        {
            RedundantEntryFindings(settings.InputPurpose, observations, Add);
        }

        if (settings.ConsistentHelp is not null)
        {
            ConsistentHelpFindings(observations, Add);
        }

        if (checklist.Uses(CheckNames.AccessibleAuthentication))
        {
            AccessibleAuthenticationFindings(audit, observations, Add);
        }

        return findings;
    }

    private delegate void AddFinding(string check, string kind, StepResult? step, string title, string description, string? measurement = null,
        string? selector = null, string? html = null, ElementBox? box = null, Evidence? evidence = null, IReadOnlyList<string>? wcag = null);

    /// <summary>
    /// The steps of a flow are the pages between the start page and the receipt: the receipt comes
    /// after sending and is not a step of the indicator (DKFDS), and a login before the form may
    /// come before it. Where the flow shows an indicator, every step between the first and the last
    /// one that shows it must show it too. Where it shows none, a flow of at least the checklist's
    /// number of steps (the receipt not counted) lacks one: one finding for the flow. A short flow
    /// needs none.
    /// </summary>
    private static void ProgressFindings(ProgressSettings settings, int stepCount, IReadOnlyList<StepObservation> observations, AddFinding add)
    {
        bool Shows(StepObservation o) => o.Facts.HasCurrentStepMarker || settings.TextPattern.IsMatch(o.Facts.Text);
        var flowSteps = observations.Where(o => o.Step.Index > 0 && o.Step.Index < stepCount - 1).OrderBy(o => o.Step.Index).ToList();
        var indicated = observations.Where(Shows).Select(o => o.Step.Index).ToList();
        if (indicated.Count > 0)
        {
            foreach (var observation in flowSteps.Where(o => o.Step.Index > indicated.Min() && o.Step.Index < indicated.Max() && !Shows(o)))
            {
                add(CheckNames.Progress, "mangler", observation.Step,
                    "Trinindikatoren mangler på dette trin",
                    $"Forløbet viser en trinindikator på de andre trin, men ikke på trinnet \"{observation.Step.Name}\": hverken et trin med aria-current=\"step\" eller en tekst som \"Trin 2 af 5\". Borgeren mister overblikket midt i forløbet.",
                    measurement: $"trin {observation.Step.Index + 1} uden indikator; vist på trin {string.Join(", ", indicated.Select(i => i + 1))}");
            }

            return;
        }

        // The task's steps without the receipt.
        var flowLength = stepCount - 1;
        if (flowLength >= settings.MinSteps && flowSteps.Count > 0)
        {
            add(CheckNames.Progress, "mangler", flowSteps[0].Step,
                "Trinindikator mangler",
                $"Forløbet har {flowLength} trin før kvitteringen, men ingen af siderne viser, hvor borgeren er: hverken et trin med aria-current=\"step\" eller en tekst som \"Trin 2 af {flowLength}\".",
                measurement: $"ingen indikator på {flowSteps.Count} trin ({string.Join(", ", flowSteps.Select(o => o.Step.Index + 1))})");
        }
    }

    private static void PageTitleFindings(PageTitleSettings settings, IReadOnlyList<StepObservation> observations, AddFinding add)
    {
        var seen = new Dictionary<string, StepResult>(StringComparer.OrdinalIgnoreCase);
        foreach (var observation in observations)
        {
            var title = observation.Facts.Title.Trim();
            if (title.Length == 0)
            {
                add(CheckNames.PageTitles, "mangler", observation.Step, "Siden har ingen titel",
                    "Sidens titel (title-elementet) er tom. Titlen er det første, en skærmlæser læser op, og det, borgeren ser i fanebladet.",
                    measurement: "titel: tom", wcag: ["2.4.2"]);
                continue;
            }

            if (title.Length < settings.MinLength)
            {
                add(CheckNames.PageTitles, "for-kort", observation.Step, "Sidens titel beskriver ikke trinnet",
                    $"Titlen \"{title}\" er for kort til at sige, hvilket trin borgeren er på. Skriv trinnets navn og løsningens navn, fx \"{observation.Step.Name} – Anmeld flytning\".",
                    measurement: $"{title.Length} tegn (mindst {settings.MinLength})", wcag: ["2.4.2"]);
            }

            if (seen.TryGetValue(title, out var earlier))
            {
                add(CheckNames.PageTitles, "ens", observation.Step, "Flere trin har samme titel",
                    $"Trinnet \"{observation.Step.Name}\" har samme titel som trinnet \"{earlier.Name}\": \"{title}\". Hvert trin skal have en titel, der siger, hvor borgeren er.",
                    measurement: $"samme titel som trin {earlier.Index + 1}", wcag: ["2.4.2"]);
            }
            else
            {
                seen[title] = observation.Step;
            }
        }
    }

    private static void PlainLanguageFindings(PlainLanguageSettings settings, IReadOnlyList<StepObservation> observations, AddFinding add)
    {
        foreach (var observation in observations)
        {
            // LIX is a Scandinavian measure: a page declared in another language is not judged by it.
            if (observation.Facts.Lang is { Length: > 0 } lang && !_lixLanguages.Contains(lang.Split('-')[0].Trim()))
            {
                continue;
            }

            var lix = Lix.Compute(observation.Facts.Blocks);
            if (lix.Words >= settings.MinWords && lix.Value > settings.MaxLix)
            {
                var hardest = string.Join(" ", lix.Hardest(2).Select(s => $"»{s.Text}«"));
                add(CheckNames.PlainLanguage, "lix", observation.Step,
                    $"Teksten er {lix.Band} at læse (LIX {lix.Value.ToString("0", _danish)})",
                    $"Trinnets tekst har LIX {lix.Value.ToString("0", _danish)} ({lix.Words} ord i {lix.Sentences} sætninger, {lix.LongWords} lange ord); grænsen er {settings.MaxLix.ToString("0", _danish)}. Sværest: {hardest}",
                    measurement: $"LIX {lix.Value.ToString("0.0", _danish)} (grænse {settings.MaxLix.ToString("0", _danish)})");
            }

            if (settings.ForbiddenPattern is { } forbidden)
            {
                var sentence = lix.SentenceList.FirstOrDefault(s => forbidden.IsMatch(s.Text));
                if (sentence is not null)
                {
                    add(CheckNames.PlainLanguage, "henvisning", observation.Step,
                        "Teksten henviser til paragraffer eller regler",
                        $"Borgeren møder en henvisning til regler i stedet for en forklaring: »{sentence.Text}« Skriv, hvad reglen betyder for borgeren.",
                        measurement: $"\"{forbidden.Match(sentence.Text).Value}\"");
                }
            }
        }
    }

    /// <summary>Field types that cannot hold a name, an address, a postcode, a phone number or an e-mail address.</summary>
    private static readonly HashSet<string> _notPersonalData = ["url", "password", "search", "date", "datetime-local", "month", "week", "time"];

    private static void InputPurposeFindings(InputPurposeSettings settings, IReadOnlyList<StepObservation> observations, AddFinding add, List<Advisory>? advisories)
    {
        foreach (var observation in observations)
        {
            var unsure = new List<FieldFacts>();
            foreach (var field in observation.Facts.Fields)
            {
                // WCAG 1.3.5 is about the citizen's own data: a field about someone else is not judged,
                // nor is one whose type says it holds something else (a web address labelled "Adresse").
                var purpose = settings.OtherPersonPattern?.IsMatch(field.Label) == true || _notPersonalData.Contains(field.Type ?? string.Empty)
                    ? null
                    : settings.Fields.FirstOrDefault(f => f.Match.IsMatch(field.Label));
                if (purpose is null)
                {
                    continue;
                }

                var tokens = (field.Autocomplete ?? string.Empty).ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (tokens.Any(purpose.Tokens.Contains))
                {
                    continue;
                }

                // autocomplete="off" says the page does not take this for the person's own data ("Navn"
                // of an organisation): whether it is right, only a person can tell from the form.
                if (tokens is ["off"])
                {
                    unsure.Add(field);
                    continue;
                }

                var found = tokens.Length == 0 ? "intet autocomplete" : $"autocomplete=\"{field.Autocomplete}\", som angiver et andet formål";
                add(CheckNames.InputPurpose, "autocomplete", observation.Step,
                    "Feltets formål er ikke angivet (autocomplete)",
                    $"Feltet \"{field.Label}\" beder om {purpose.Purpose}, men har {found}. Med autocomplete=\"{purpose.Tokens[0]}\" kan browseren udfylde det, og hjælpemidler kan vise formålet.",
                    measurement: $"{found}; forventet {string.Join(" eller ", purpose.Tokens)}",
                    selector: field.Selector, html: field.Html, box: field.ElementBox, wcag: ["1.3.5"]);
            }

            if (unsure.Count > 0 && advisories is not null)
            {
                advisories.Add(new Advisory
                {
                    Kind = AdvisoryKind.NeedsReview,
                    Source = FindingSource.Check,
                    RuleId = $"{CheckNames.InputPurpose}/autocomplete-off",
                    StepIndex = observation.Step.Index,
                    Title = "Felter med autocomplete=\"off\", hvis etiket ligner personlige oplysninger",
                    Description = "Siden siger med autocomplete=\"off\", at felterne ikke skal udfyldes automatisk. Vurdér, om de spørger om borgerens egne oplysninger (så skal formålet angives, WCAG 1.3.5) eller om noget andet, fx en organisations navn.",
                    Wcag = ["1.3.5"],
                    Elements = [.. unsure.Select(f => new AdvisoryElement(f.Selector, f.Html, $"etiket \"{f.Label}\""))],
                });
            }
        }
    }

    private static void ZoomLanguageFindings(ZoomLanguageSettings settings, IReadOnlyList<StepObservation> observations, AddFinding add)
    {
        foreach (var observation in observations)
        {
            var facts = observation.Facts;
            var lang = facts.Lang?.Trim() ?? string.Empty;
            var words = WordPattern().Matches(facts.Text).Select(m => m.Value.ToLowerInvariant()).ToList();
            var share = words.Count == 0 ? 0 : (double)words.Count(settings.LanguageWords.Contains) / words.Count;

            // A few words cannot tell a language ("I love ACT rules!" shares "i" with Danish).
            var isExpected = words.Count >= settings.MinWords && share >= settings.MinShare;
            if (lang.Length == 0)
            {
                add(CheckNames.ZoomLanguage, "sprog-mangler", observation.Step, "Sidens sprog er ikke angivet",
                    $"html-elementet har intet lang-attribut, så skærmlæsere kan udtale teksten forkert. Sæt lang=\"{settings.Language}\".",
                    measurement: "lang: mangler", wcag: ["3.1.1"]);
            }
            else if (isExpected && !lang.StartsWith(settings.Language, StringComparison.OrdinalIgnoreCase))
            {
                add(CheckNames.ZoomLanguage, "forkert-sprog", observation.Step, "Sidens sprog passer ikke til teksten",
                    $"Siden er markeret som \"{lang}\", men teksten er på {settings.Language}. Skærmlæsere udtaler den derfor forkert.",
                    measurement: $"lang=\"{lang}\"; {share.ToString("P0", _danish)} af ordene er almindelige {settings.Language}-ord", wcag: ["3.1.1"]);
            }

            if (ZoomBlocked(facts.Viewport, settings.MinMaximumScale) is { } reason)
            {
                add(CheckNames.ZoomLanguage, "zoom", observation.Step, "Zoom er slået fra",
                    $"Viewport-metatagget forhindrer borgeren i at zoome ({reason}). Fjern user-scalable=no og maximum-scale.",
                    measurement: $"viewport: {facts.Viewport}", wcag: ["1.4.4"]);
            }
        }
    }

    private static string? ZoomBlocked(string? viewport, double minimumScale)
    {
        if (string.IsNullOrWhiteSpace(viewport))
        {
            return null;
        }

        string? reason = null;
        foreach (var part in viewport.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2)
            {
                continue;
            }

            var key = pair[0].ToLowerInvariant();
            var value = pair[1].ToLowerInvariant();
            if (key == "user-scalable" && value is "no" or "0")
            {
                reason = $"user-scalable={value}";
            }
            // A scale of zero or less is invalid, and browsers ignore it: zoom stays on.
            else if (key == "maximum-scale" && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale > 0 && scale < minimumScale)
            {
                reason ??= $"maximum-scale={value}";
            }
        }

        return reason;
    }

    private static void EffortFindings(EffortSettings settings, Audit audit, int stepCount, IReadOnlyList<StepObservation> observations, AddFinding add)
    {
        if (stepCount > settings.MaxSteps)
        {
            add(CheckNames.Effort, "trin", null, "Opgaven har for mange trin",
                $"Opgaven kræver {stepCount} trin; grænsen er {settings.MaxSteps}. Saml trin, der hører sammen, og spørg ikke om det, det offentlige ved.",
                measurement: $"{stepCount} trin (grænse {settings.MaxSteps})");
        }

        if (audit.ActionCount > settings.MaxActions)
        {
            add(CheckNames.Effort, "handlinger", null, "Opgaven kræver for mange handlinger",
                $"Opgaven krævede {audit.ActionCount} handlinger; grænsen er {settings.MaxActions}.",
                measurement: $"{audit.ActionCount} handlinger (grænse {settings.MaxActions})");
        }

        var seconds = audit.TimeOnTaskMs / 1000.0;
        if (audit.TaskCompleted && seconds > settings.MaxSeconds)
        {
            add(CheckNames.Effort, "tid", null, "Opgaven tager for lang tid",
                $"Opgaven tog {seconds.ToString("0.0", _danish)} s for en maskine uden tøven; grænsen er {settings.MaxSeconds.ToString("0", _danish)} s.",
                measurement: $"{seconds.ToString("0.0", _danish)} s (grænse {settings.MaxSeconds.ToString("0", _danish)} s)");
        }

        // The wait is what the browser measured for the solution's answers: neither the audit's own
        // work nor this machine's CPU (shared with the checks and other audits) is in it, so a
        // busy machine finds what an idle one finds. Actions that asked the solution for nothing
        // made the citizen wait for nothing the solution does.
        foreach (var observation in observations.Where(o => o.Step.Outcome == StepOutcome.Passed))
        {
            if (observation.Step.WaitMs is not { } waitMs || waitMs / 1000.0 is var stepSeconds && stepSeconds <= settings.MaxStepSeconds)
            {
                continue;
            }

            add(CheckNames.Effort, "ventetid", observation.Step, "Borgeren venter længe på trinnet",
                $"Efter trinnets handlinger ventede borgeren {stepSeconds.ToString("0.0", _danish)} s på svar fra løsningen (målt af browseren, fra forespørgslen blev sendt, til svaret var hentet); grænsen er {settings.MaxStepSeconds.ToString("0.#", _danish)} s.",
                measurement: $"{stepSeconds.ToString("0.0", _danish)} s (grænse {settings.MaxStepSeconds.ToString("0.#", _danish)} s)");
        }
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex WordPattern();
}
