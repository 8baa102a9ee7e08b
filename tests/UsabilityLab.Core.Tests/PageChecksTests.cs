using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Checks;

namespace UsabilityLab.Core.Tests;

/// <summary>Each of UsabilityLab's page checks, on constructed observations: it finds the problem, and stays silent without it.</summary>
public class PageChecksTests
{
    private const string DanishText = "Her kan du anmelde, at du flytter. Det tager cirka fem minutter, og du skal bruge din nye adresse og datoen for flytningen. Du kan se dine oplysninger, før du sender dem til kommunen.";

    private static readonly Checklist _checklist = ChecklistParser.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "checklists", "kl-selvbetjening.yaml"));

    [Test]
    public void PageTitles_DistinctDescriptiveTitles_NoFinding()
    {
        var findings = Run(Step(0, "Start", title: "Start – Anmeld flytning"), Step(1, "Log ind", title: "Log ind – Anmeld flytning"));

        Assert.That(Rules(findings, "page-titles"), Is.Empty);
    }

    [Test]
    public void PageTitles_MissingShortAndRepeated_AreEachFound()
    {
        var findings = Run(Step(0, "Start", title: "Flyt"), Step(1, "Log ind", title: ""), Step(2, "Adresse", title: "Flyt"));

        Assert.That(Rules(findings, "page-titles"), Is.EqualTo(new[] { "page-titles/for-kort@0", "page-titles/mangler@1", "page-titles/for-kort@2", "page-titles/ens@2" }));
    }

    [Test]
    public void Progress_MarkerOrStepText_NoFinding()
    {
        var findings = Run(5, Step(0, "Start"), Step(1, "A", currentStep: true), Step(2, "B", text: "Trin 3 af 5"), Step(3, "C", currentStep: true), Step(4, "Kvittering"));

        Assert.That(Rules(findings, "progress"), Is.Empty);
    }

    [Test]
    public void Progress_NoIndicatorAnywhere_IsOneFindingForTheFlow()
    {
        var findings = Run(5, Step(0, "Start"), Step(1, "A"), Step(2, "B"), Step(3, "C"), Step(4, "Kvittering"));

        Assert.Multiple(() =>
        {
            Assert.That(Rules(findings, "progress"), Is.EqualTo(new[] { "progress/mangler@1" }));
            Assert.That(findings.Single(f => f.RuleId == "progress/mangler").Measurement, Is.EqualTo("ingen indikator på 3 trin (2, 3, 4)"));
        });
    }

    [Test]
    public void Progress_ReceiptAndLoginOutsideTheIndicator_NoFinding()
    {
        // DKFDS: the login comes before the form, and the receipt after sending is not a step of the indicator.
        var findings = Run(7, Step(0, "Start"), Step(1, "Log ind"), Step(2, "Husstand", currentStep: true), Step(3, "Boligen", text: "Trin 2 af 4"),
            Step(4, "Dokumentation", currentStep: true), Step(5, "Tjek dine svar", currentStep: true), Step(6, "Kvittering"));

        Assert.That(Rules(findings, "progress"), Is.Empty);
    }

    [Test]
    public void Progress_IndicatorMissingOnOneStepOfTheFlow_IsFoundThere()
    {
        var findings = Run(6, Step(0, "Start"), Step(1, "A", currentStep: true), Step(2, "B"), Step(3, "C", currentStep: true), Step(4, "D"), Step(5, "Kvittering"));

        Assert.That(Rules(findings, "progress"), Is.EqualTo(new[] { "progress/mangler@2" }));
    }

    [Test]
    public void Progress_ThreeStepsWithTheReceipt_AreTwoStepsOfFlow_AndNeedNoIndicator() =>
        Assert.That(Rules(Run(3, Step(0, "Start"), Step(1, "Formular"), Step(2, "Kvittering")), "progress"), Is.Empty);

    [Test]
    public void Progress_ShortFlow_NeedsNoIndicator() =>
        Assert.That(Rules(Run(2, Step(0, "Start"), Step(1, "Kvittering")), "progress"), Is.Empty);

    [Test]
    public void Receipt_WithCaseNumberAndNextSteps_NoFinding()
    {
        var findings = Run(2, Step(0, "Start"), Step(1, "Kvittering", text: "Din flytning er anmeldt. Sagsnummer: FLY-2026-123456. Hvad sker der nu? Du får en kvittering i Digital Post."));

        Assert.That(Rules(findings, "receipt"), Is.Empty);
    }

    [Test]
    public void Receipt_WithoutCaseNumberOrNextSteps_IsFoundTwice()
    {
        var findings = Run(2, Step(0, "Start"), Step(1, "Kvittering", text: "Tak. Vi har modtaget din henvendelse."));

        Assert.That(Rules(findings, "receipt"), Is.EqualTo(new[] { "receipt/sagsnummer@1", "receipt/naeste-skridt@1" }));
    }

    [TestCase("Vi har modtaget din ansøgning om boligstøtte. Dit sagsnummer er BOL-2025-118203. Du får svar i din digitale postkasse inden 14 dage.")]
    [TestCase("Din besked er sendt. Referencenummer: 55120934. Vi svarer dig inden 5 hverdage.")]
    [TestCase("Ansøgningen er modtaget. Dit ansøgningsnummer lyder 2026/4411. Sagsbehandlingstiden er 6 uger.")]
    public void Receipt_ReferenceInASentence_AndNextStepsSaidOtherwise_NoFinding(string text) =>
        Assert.That(Rules(Run(2, Step(0, "Formular"), Step(1, "Kvittering", text: text)), "receipt"), Is.Empty);

    [Test]
    public void Receipt_TheWordWithoutANumber_IsNoReference() =>
        Assert.That(Rules(Run(2, Step(0, "Formular"), Step(1, "Kvittering", text: "Dit sagsnummer sendes senere. Du får svar i Digital Post.")), "receipt"),
            Is.EqualTo(new[] { "receipt/sagsnummer@1" }));

    [Test]
    public void Receipt_OnePageAudit_HasNoReceipt() =>
        Assert.That(Rules(Run(1, Step(0, "Forside", text: "Velkommen til kommunens selvbetjening.")), "receipt"), Is.Empty);

    [Test]
    public void Receipt_LastStepNotReached_IsNotJudged() =>
        Assert.That(Rules(Run(3, Step(0, "Start", text: "intet nummer")), "receipt"), Is.Empty);

    [Test]
    public void PlainLanguage_PlainDanish_NoFinding() =>
        Assert.That(Rules(Run(Step(0, "Start", blocks: [DanishText])), "plain-language"), Is.Empty);

    [Test]
    public void PlainLanguage_Legalese_IsFoundWithLixAndTheHardestSentenceQuoted()
    {
        const string legalese = "Anmeldelse af flytning skal i henhold til gældende lovgivning foretages senest fem dage efter flytningens faktiske gennemførelse, idet manglende rettidig anmeldelse kan medføre administrative konsekvenser for den registrerede. Personoplysningerne behandles i overensstemmelse med databeskyttelsesforordningens bestemmelser med henblik på myndighedsudøvelse.";

        var finding = Run(Step(0, "Start", blocks: [legalese])).Single(f => f.RuleId == "plain-language/lix");

        Assert.Multiple(() =>
        {
            Assert.That(finding.Measurement, Does.StartWith("LIX ").And.EndWith("(grænse 45)"));
            Assert.That(finding.Description, Does.Contain("»Anmeldelse af flytning skal"));
            Assert.That(finding.CriterionId, Is.EqualTo("K06"));
        });
    }

    [Test]
    public void PlainLanguage_ParagraphReference_IsFound()
    {
        var finding = Run(Step(0, "Start", blocks: ["Du skal anmelde flytning, jf. CPR-lovens § 10."])).Single(f => f.RuleId == "plain-language/henvisning");

        Assert.That(finding.Description, Does.Contain("»Du skal anmelde flytning, jf. CPR-lovens § 10.«"));
    }

    [Test]
    public void PlainLanguage_PageDeclaredInAnotherLanguage_IsNotJudgedByLix()
    {
        const string english = "Applications for individual housing benefit shall be submitted by the household member who is the tenant of the dwelling, whereupon the application is processed on the basis of the household's aggregated income and assets in accordance with the administrative guidelines applicable at any given time.";

        Assert.That(Rules(Run(Step(0, "Start", lang: "en", blocks: [english])), "plain-language"), Is.Empty);
    }

    [Test]
    public void PlainLanguage_ShortHardText_IsNotScored() =>
        Assert.That(Rules(Run(Step(0, "Start", blocks: ["Databeskyttelsesforordningens bestemmelser."])), "plain-language/lix"), Is.Empty);

    [TestCase("Postnummer", "postal-code", false)]
    [TestCase("Postnummer", "shipping postal-code", false)]
    [TestCase("Postnummer", null, true)]
    [TestCase("E-mail", "email", false)]
    [TestCase("Bruger-id", "name", true)]
    [TestCase("Flyttedato", null, false)]
    [TestCase("E-mailadresse", "email", false)]
    [TestCase("Name", null, true)]
    [TestCase("E-mail", null, true)]
    [TestCase("Phone number", "tel", false)]
    [TestCase("By", "address-line2", true)]
    [TestCase("By", "address-level2", false)]
    public void InputPurpose_ChecksPersonalDataFieldsOnly(string label, string? autocomplete, bool expectFinding)
    {
        var field = new FieldFacts("#f", label, autocomplete, "<input id=\"f\">", [10, 20, 100, 30]);

        var findings = Rules(Run(Step(0, "Felter", fields: [field])), "input-purpose");

        Assert.That(findings, expectFinding ? Has.Count.EqualTo(1) : Is.Empty);
    }

    /// <summary>autocomplete="off" says the page does not take the field for the person's own data: a reviewer judges, the check does not guess.</summary>
    [TestCase("Navn")]
    [TestCase("Postnummer")]
    public void InputPurpose_AutocompleteOff_IsForAReviewerToJudge_NotAFinding(string label)
    {
        var field = new FieldFacts("#f", label, "off", "<input id=\"f\" autocomplete=\"off\">", [10, 20, 100, 30]);
        var audit = new Audit { TaskId = "t", TaskTitle = "T", TaskScript = "", TaskCompleted = true, ActionCount = 5, TimeOnTaskMs = 3_000 };

        var findings = PageChecks.Evaluate(_checklist, audit, 1, [Step(0, "Felter", fields: [field])]);

        Assert.Multiple(() =>
        {
            Assert.That(Rules(findings, "input-purpose"), Is.Empty);
            var advisory = audit.Advisories.Single(a => a.RuleId == "input-purpose/autocomplete-off");
            Assert.That(advisory.Kind, Is.EqualTo(AdvisoryKind.NeedsReview));
            Assert.That(advisory.Elements.Single().Selector, Is.EqualTo("#f"));
        });
    }

    /// <summary>A field whose type holds something else (a web address labelled "Adresse") is not a street address.</summary>
    [TestCase("Adresse (basis-URL)", "url")]
    [TestCase("Navn", "search")]
    [TestCase("Adresse", "date")]
    public void InputPurpose_FieldTypeThatCannotHoldThePurpose_IsNotJudged(string label, string type)
    {
        var field = new FieldFacts("#f", label, null, $"<input id=\"f\" type=\"{type}\">", [10, 20, 100, 30], type);

        Assert.That(Rules(Run(Step(0, "Felter", fields: [field])), "input-purpose"), Is.Empty);
    }

    [TestCase("Friend's first name")]
    [TestCase("Barnets navn")]
    [TestCase("Din ægtefælles e-mail")]
    public void InputPurpose_AFieldAboutSomeoneElse_IsNotTheCitizensOwnData(string label)
    {
        var field = new FieldFacts("#f", label, "off", "<input id=\"f\">", [10, 20, 100, 30]);

        Assert.That(Rules(Run(Step(0, "Felter", fields: [field])), "input-purpose"), Is.Empty);
    }

    [Test]
    public void InputPurpose_Finding_NamesTheExpectedTokenAndMarksTheField()
    {
        var field = new FieldFacts("#postnummer", "Postnummer", null, "<input id=\"postnummer\">", [10, 20, 100, 30]);

        var finding = Run(Step(0, "Adresse", fields: [field])).Single(f => f.RuleId == "input-purpose/autocomplete");

        Assert.Multiple(() =>
        {
            Assert.That(finding.Measurement, Is.EqualTo("intet autocomplete; forventet postal-code"));
            Assert.That(finding.Selector, Is.EqualTo("#postnummer"));
            Assert.That(finding.Box, Is.EqualTo(new ElementBox(10, 20, 100, 30)));
            Assert.That(finding.Wcag, Is.EqualTo(new[] { "1.3.5" }));
        });
    }

    [TestCase("da", "width=device-width, initial-scale=1", null)]
    [TestCase("da-DK", "width=device-width, maximum-scale=5", null)]
    [TestCase("", "width=device-width", "zoom-language/sprog-mangler")]
    [TestCase("en", "width=device-width", "zoom-language/forkert-sprog")]
    [TestCase("da", "width=device-width, user-scalable=no", "zoom-language/zoom")]
    [TestCase("da", "width=device-width, maximum-scale=1", "zoom-language/zoom")]
    public void ZoomLanguage_OnDanishText(string lang, string viewport, string? expected)
    {
        var rules = Run(Step(0, "Start", lang: lang, viewport: viewport, text: DanishText)).Where(f => f.RuleId.StartsWith("zoom-language", StringComparison.Ordinal)).Select(f => f.RuleId);

        Assert.That(rules, expected is null ? Is.Empty : Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void ZoomLanguage_InvalidNegativeMaximumScale_IsIgnoredAsBrowsersDo() =>
        Assert.That(Rules(Run(Step(0, "Start", viewport: "maximum-scale=-1")), "zoom-language"), Is.Empty);

    [Test]
    public void ZoomLanguage_TooFewWordsToTellTheLanguage_IsNotJudged() =>
        Assert.That(Rules(Run(Step(0, "Start", lang: "eng", text: "I love ACT rules!")), "zoom-language"), Is.Empty);

    [Test]
    public void ZoomLanguage_EnglishPageMarkedEnglish_NoFinding() =>
        Assert.That(Rules(Run(Step(0, "Start", lang: "en", text: "Report your move here. It takes about five minutes and you need your new address.")), "zoom-language"), Is.Empty);

    [Test]
    public void Effort_WithinLimits_NoFinding()
    {
        var step = Step(0, "Start", actionsMs: 400);
        step.Step.WaitMs = 900;
        Assert.That(Rules(Run(step), "effort"), Is.Empty);
    }

    [Test]
    public void Effort_TooManyStepsActionsAndTime_AndASlowStep_AreFound()
    {
        var audit = new Audit { TaskId = "t", TaskTitle = "T", TaskScript = "", TaskCompleted = true, ActionCount = 41, TimeOnTaskMs = 301_000 };
        var slow = Step(0, "Start");
        slow.Step.WaitMs = 2_500;
        var failedSlow = Step(1, "Fejl", outcome: StepOutcome.Failed);
        failedSlow.Step.WaitMs = 9_000;

        var rules = Rules(PageChecks.Evaluate(_checklist, audit, 9, [slow, failedSlow]), "effort");

        Assert.That(rules, Is.EqualTo(new[] { "effort/trin@-", "effort/handlinger@-", "effort/tid@-", "effort/ventetid@0" }));
        Assert.That(PageChecks.Evaluate(_checklist, audit, 9, [slow]).Select(f => f.Severity), Is.All.EqualTo(Severity.Moderate), "a burden, not a blocker");
    }

    [Test]
    public void Effort_OnlyTheWaitTheBrowserMeasured_Counts_NotTheAuditsOwnClock()
    {
        // The audit's clock saw 2.5 s (checks and other audits competed for the CPU); the solution answered in 0.7 s.
        var quick = Step(0, "Start", actionsMs: 2_500);
        quick.Step.WaitMs = 700;
        var slow = Step(1, "Adresse", actionsMs: 300);
        slow.Step.WaitMs = 2_600;

        // Actions that asked the solution for nothing (the browser measured no wait): nothing the solution made the citizen wait for.
        var busy = Step(2, "Kontakt", actionsMs: 6_000);

        var findings = Run(3, quick, slow, busy);

        Assert.Multiple(() =>
        {
            Assert.That(Rules(findings, "effort/ventetid"), Is.EqualTo(new[] { "effort/ventetid@1" }));
            Assert.That(findings.Single(f => f.RuleId == "effort/ventetid").Description, Does.Contain("målt af browseren"));
        });
    }

    [Test]
    public void Reflow_FitsTheNarrowViewport_NoFinding() =>
        Assert.That(Rules(Run(Step(0, "Start", reflow: new ReflowFacts(320, 320, [], null))), "reflow"), Is.Empty);

    [Test]
    public void Reflow_WiderThanTheViewport_IsFoundWithTheCulpritAndTheNarrowScreenshot()
    {
        var shot = new Evidence { RelativePath = "a/trin-01-320px.jpg", ContentType = "image/jpeg", Sha256 = "x" };
        var facts = new ReflowFacts(320, 960, [new ReflowCulprit("body", 960, "<body>"), new ReflowCulprit("table", 700, "<table>")], shot);

        var finding = Run(Step(0, "Start", reflow: facts)).Single(f => f.RuleId == "reflow/vandret-rulning");

        Assert.Multiple(() =>
        {
            Assert.That(finding.Measurement, Is.EqualTo("sidebredde 960 px ved 320 px"));
            Assert.That(finding.Selector, Is.EqualTo("body"));
            Assert.That(finding.Description, Does.Contain("også table"));
            Assert.That(finding.Evidence, Is.SameAs(shot));
            Assert.That(finding.Wcag, Is.EqualTo(new[] { "1.4.10" }));
        });
    }

    [Test]
    public void Reflow_TextCutOff_IsFoundPerElement()
    {
        var facts = new ReflowFacts(320, 320, [], null, [new ReflowCulprit("div.boks", 84, "<div class=\"boks\">")]);

        var finding = Run(Step(0, "Start", reflow: facts)).Single(f => f.RuleId == "reflow/afskaaret");

        Assert.Multiple(() =>
        {
            Assert.That(finding.Selector, Is.EqualTo("div.boks"));
            Assert.That(finding.Measurement, Is.EqualTo("84 px tekst skjult"));
        });
    }

    [Test]
    public void Reflow_TextEndedWithAnEllipsis_IsToBeJudged_NotAFinding()
    {
        var audit = new Audit { TaskId = "t", TaskTitle = "T", TaskScript = "", TaskCompleted = true, ActionCount = 5, TimeOnTaskMs = 3_000 };
        var reflow = new ReflowFacts(320, 320, [], null, [new ReflowCulprit("div.digt", 240, "<div class=\"digt\">", Ellipsis: true)]);

        var findings = PageChecks.Evaluate(_checklist, audit, 1, [Step(0, "Side", reflow: reflow)]);
        var advisory = audit.Advisories.Single();

        Assert.Multiple(() =>
        {
            Assert.That(Rules(findings, "reflow"), Is.Empty);
            Assert.That(advisory.Kind, Is.EqualTo(AdvisoryKind.NeedsReview));
            Assert.That(advisory.RuleId, Is.EqualTo("reflow/afskaaret"));
            Assert.That(advisory.Elements.Single().Selector, Is.EqualTo("div.digt"));
        });
    }

    [Test]
    public void Evaluate_CheckNoCriterionNames_IsNotRun()
    {
        var withoutReflow = _checklist with
        {
            Criteria = [.. _checklist.Criteria.Select(c => c with { Evaluation = c.Evaluation with { Checks = [.. c.Evaluation.Checks.Where(k => k != CheckNames.Reflow)] } })],
        };

        var findings = PageChecks.Evaluate(withoutReflow, new Audit { TaskId = "t", TaskTitle = "T", TaskScript = "" }, 1, [Step(0, "Start", reflow: new ReflowFacts(320, 960, [], null))]);

        Assert.That(Rules(findings, "reflow"), Is.Empty);
    }

    [Test]
    public void RedundantEntry_AFieldGivenEarlierAndEmptyAgainLater_IsAFinding_ButNotWhenPrefilledOrAboutSomeoneElse()
    {
        FieldFacts Field(string label, string selector, bool filled = false, string? autocomplete = null, string? legend = null) =>
            new(selector, label, autocomplete, $"<input id=\"{selector[1..]}\">", [0, 0, 100, 20], "text", filled, legend);
        var address = Step(1, "Ny adresse", fields: [Field("Postnummer", "#postnummer"), Field("Etage", "#etage")]) with { Entered = ["Postnummer"] };
        var summary = Step(2, "Opsummering", fields: [Field("Postnummer", "#igen"), Field("Etage", "#etage2"), Field("Postnummer", "#udfyldt", filled: true)]);
        var child = Step(3, "Barn", fields: [Field("Postnummer", "#barn", legend: "Barnets adresse")]);

        var findings = Run(address, summary, child);

        Assert.Multiple(() =>
        {
            // "Etage" was left empty on the earlier step: asking for it later is no repetition.
            Assert.That(Rules(findings, "redundant-entry"), Is.EqualTo(new[] { "redundant-entry/igen@2" }));
            Assert.That(findings.Single(f => f.RuleId == "redundant-entry/igen").Selector, Is.EqualTo("#igen"));
            Assert.That(findings.Single(f => f.RuleId == "redundant-entry/igen").Wcag, Is.EqualTo(new[] { "3.3.7" }));
        });
    }

    [Test]
    public void RedundantEntry_DifferentAutocompletePurposes_AreDifferentInformation()
    {
        var billing = new FieldFacts("#a", "Postnummer", "billing postal-code", "<input>", null, "text");
        var shipping = new FieldFacts("#b", "Postnummer", "shipping postal-code", "<input>", null, "text");

        var findings = Run(Step(0, "Betaling", fields: [billing]) with { Entered = ["Postnummer"] }, Step(1, "Levering", fields: [shipping]));

        Assert.That(Rules(findings, "redundant-entry"), Is.Empty);
    }

    [Test]
    public void ConsistentHelp_APhoneNumberThatMovesFromTopToBottom_IsAFinding_OnTheStepWhereItMoved()
    {
        HelpFacts Phone(string region) => new("phone", region, "tlf. 70 10 20 30", "p.tlf", "<p class=\"tlf\">tlf. 70 10 20 30</p>");
        StepObservation WithHelp(int index, params HelpFacts[] help)
        {
            var step = Step(index, $"Trin {index}");
            return step with { Facts = step.Facts with { Help = help } };
        }

        var moved = Run(WithHelp(0, Phone("before")), WithHelp(1), WithHelp(2, Phone("before")), WithHelp(3, Phone("after")));
        var steady = Run(WithHelp(0, Phone("before")), WithHelp(1), WithHelp(2, Phone("before")));

        Assert.Multiple(() =>
        {
            Assert.That(Rules(moved, "consistent-help"), Is.EqualTo(new[] { "consistent-help/placering@3" }));
            Assert.That(moved.Single(f => f.RuleId == "consistent-help/placering").Measurement, Is.EqualTo("trin 1: før indholdet; trin 3: før indholdet; trin 4: efter indholdet"));
            Assert.That(Rules(steady, "consistent-help"), Is.Empty, "a step without help is not judged: 3.2.6 asks for the same place where help is repeated");
        });
    }

    [Test]
    public void ConsistentHelp_KindsInAnotherOrder_IsAFinding()
    {
        HelpFacts Help(string kind) => new(kind, "after", kind, $"#{kind}", "<a>");
        StepObservation WithHelp(int index, params HelpFacts[] help)
        {
            var step = Step(index, $"Trin {index}");
            return step with { Facts = step.Facts with { Help = help } };
        }

        var findings = Run(WithHelp(0, Help("phone"), Help("mail")), WithHelp(1, Help("mail"), Help("phone")));

        Assert.That(Rules(findings, "consistent-help"), Is.EqualTo(new[] { "consistent-help/raekkefoelge@1" }));
    }

    private static List<Finding> Run(params StepObservation[] steps) => Run(steps.Length, steps);

    private static List<Finding> Run(int stepCount, params StepObservation[] steps) =>
        PageChecks.Evaluate(_checklist, new Audit { TaskId = "t", TaskTitle = "T", TaskScript = "", TaskCompleted = true, ActionCount = 5, TimeOnTaskMs = 3_000 }, stepCount, steps);

    private static List<string> Rules(IEnumerable<Finding> findings, string check) =>
        findings.Where(f => f.RuleId.StartsWith(check, StringComparison.Ordinal)).Select(f => $"{f.RuleId}@{f.StepIndex?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}").ToList();

    private static StepObservation Step(
        int index,
        string name,
        string? title = null,
        string lang = "da",
        string viewport = "width=device-width, initial-scale=1",
        string[]? blocks = null,
        string? text = null,
        bool currentStep = false,
        FieldFacts[]? fields = null,
        ReflowFacts? reflow = null,
        long actionsMs = 100,
        StepOutcome outcome = StepOutcome.Passed)
    {
        var step = new StepResult { Index = index, Name = name, Outcome = outcome, ActionsMs = actionsMs };
        var facts = new PageFacts(title ?? $"{name} – Anmeld flytning", lang, viewport, blocks ?? [], text ?? DanishText, currentStep, fields ?? []);
        return new StepObservation(step, facts, reflow);
    }
}
