using UsabilityLab.Browser.Checks;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Browser.Tests;

/// <summary>
/// The keyboard pass walks the whole page at every step, in a real Chromium: a page with a trap, a
/// link behind a fixed banner, a mouse-only "button" and a tabindex above 0 gets each, and the same
/// page done right (with a modal dialog's own focus loop and a skip link) gets none.
/// </summary>
public class KeyboardExplorationTests
{
    private DirectoryInfo _evidence = null!;
    private Audit _good = null!;
    private Audit _bad = null!;

    [OneTimeSetUp]
    public async Task AuditBothPagesAsync()
    {
        _evidence = Directory.CreateTempSubdirectory("usabilitylab-keyboard-");
        var wcag = ChecklistParser.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "checklists", "wcag22-aa.yaml"));
        var runner = new AuditRunner(BrowserFixture.Host, new AxeRunner(), new FileEvidenceStore(_evidence.FullName));
        _good = await runner.RunAsync(Request("god", wcag));
        _bad = await runner.RunAsync(Request("daarlig", wcag));
    }

    [OneTimeTearDown]
    public void DeleteEvidence() => _evidence.Delete(recursive: true);

    [Test]
    public void GoodPage_GetsNoKeyboardFinding_AndNoAdvisory()
    {
        string[] rules = ["keyboard", "keyboard-trap", "focus-not-obscured", "focus-order", "focus-visible"];
        Assert.Multiple(() =>
        {
            Assert.That(_good.TaskCompleted, Is.True, _good.FailureMessage);
            Assert.That(_good.KeyboardCompleted, Is.True);
            Assert.That(_good.Findings.Where(f => rules.Any(r => f.RuleId.StartsWith(r + "/", StringComparison.Ordinal))).Select(f => $"{f.RuleId} {f.Selector}"), Is.Empty);
            Assert.That(_good.Advisories.Where(a => a.RuleId.StartsWith("focus-order", StringComparison.Ordinal)), Is.Empty);
        });
    }

    [Test]
    public void BadPage_Trap_IsFoundOnTheField_NotOnTheElementsBeforeIt()
    {
        var traps = _bad.Findings.Where(f => f.RuleId == "keyboard-trap/faelde").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(traps.Select(f => f.Selector), Is.EqualTo(new[] { "#kode" }));
            Assert.That(traps[0].CriterionId, Is.EqualTo("2.1.2"));
            Assert.That(traps[0].Severity, Is.EqualTo(Severity.Critical));
            Assert.That(traps[0].StepIndex, Is.EqualTo(0));
            Assert.That(traps[0].Evidence, Is.Not.Null);
            Assert.That(_bad.KeyboardCompleted, Is.True, "the script's own elements come before the trap");
        });
    }

    [Test]
    public void BadPage_LinkBehindTheFixedBanner_IsHidden()
    {
        var hidden = _bad.Findings.Where(f => f.RuleId == "focus-not-obscured/skjult").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(hidden.Select(f => f.Html), Has.Exactly(1).StartsWith("<a href=\"#vilkaar\">"));
            Assert.That(hidden.Single().CriterionId, Is.EqualTo("2.4.11"));
            Assert.That(hidden.Single().Measurement, Does.StartWith("dækket af "));
            Assert.That(hidden.Single().Evidence!.Width, Is.EqualTo(BrowserFixture.Host.Options.ViewportWidth), "photographed on screen, as the citizen sees it");
        });
    }

    [Test]
    public void BadPage_MouseOnlySpan_IsFound()
    {
        var mouse = _bad.Findings.Where(f => f.RuleId == "keyboard/kun-mus").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(mouse.Select(f => f.Html), Is.EqualTo(new[] { mouse.Single().Html }));
            Assert.That(mouse.Single().Html, Does.Contain("Vis detaljer"));
            Assert.That(mouse.Single().CriterionId, Is.EqualTo("2.1.1"));
            Assert.That(mouse.Single().Box, Is.Not.Null);
        });
    }

    [Test]
    public void BadPage_PositiveTabindex_IsForAReviewer()
    {
        var advisory = _bad.Advisories.Single(a => a.RuleId == "focus-order/tabindex");

        Assert.Multiple(() =>
        {
            Assert.That(advisory.Kind, Is.EqualTo(AdvisoryKind.NeedsReview));
            Assert.That(advisory.Wcag, Is.EqualTo(new[] { "2.4.3" }));
            Assert.That(advisory.Elements.Select(e => e.Reason), Is.EqualTo(new[] { "tabindex=\"2\"" }));
            Assert.That(_bad.Findings.Where(f => f.RuleId == "focus-order/tabindex"), Is.Empty, "a tabindex above 0 is not by itself a failure");
        });
    }

    [Test]
    public void BadPage_CloseButtonThatTakesFocusWithIt_LosesFocus()
    {
        var lost = _bad.Findings.Single(f => f.RuleId == "focus-order/fokus-tabt");

        Assert.Multiple(() =>
        {
            Assert.That(lost.Html, Does.Contain("Luk besked"));
            Assert.That(lost.CriterionId, Is.EqualTo("2.4.3"));
            Assert.That(lost.Evidence, Is.Not.Null);
        });
    }

    internal static AuditRequest Request(string variant, Checklist checklist)
    {
        var script = TaskScriptParser.Parse($"{variant}.yaml", $$"""
            id: tastatur-{{variant}}
            title: Tastatur
            start: /fixtures/tastatur/{{variant}}
            steps:
              - name: Tastatur
                do:
                  - click: { role: button, name: "Luk besked" }
                  - click: { role: link, name: "Videre" }
              - name: Tak
                expect:
                  - text: "Tak for din ansøgning"
            """);
        return new AuditRequest(script, "test", checklist, "Test", "Tastatur", BrowserFixture.Server.BaseUrl, TestData.For(script));
    }
}

/// <summary>
/// The walk's limits are in work, not in time: a page that answers every key press late (as any
/// page does on a busy machine) gets the findings it gets on an idle one, and a page too big for the
/// walk says how far it got instead of passing or getting a trap it does not have.
/// </summary>
public class KeyboardWalkLimitTests
{
    private DirectoryInfo _evidence = null!;
    private Audit _slow = null!;

    [OneTimeSetUp]
    public async Task AuditTheSlowPageAsync()
    {
        _evidence = Directory.CreateTempSubdirectory("usabilitylab-keyboard-slow-");
        _slow = await Runner().RunAsync(KeyboardExplorationTests.Request("langsom", Wcag()));
    }

    [OneTimeTearDown]
    public void DeleteEvidence() => _evidence.Delete(recursive: true);

    [Test]
    public void SlowPage_GetsTheTrapAndTheHiddenLink_AsOnAnIdleMachine()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_slow.Findings.Where(f => f.RuleId == "keyboard-trap/faelde").Select(f => f.Selector), Is.EqualTo(new[] { "#kode" }));
            Assert.That(_slow.Findings.Where(f => f.RuleId == "focus-not-obscured/skjult").Select(f => f.Html), Has.Exactly(1).StartsWith("<a href=\"#vilkaar\">"));
            Assert.That(_slow.Advisories.Where(a => a.RuleId == "keyboard-trap/delvis"), Is.Empty, "the walk got through the whole page");
        });
    }

    [Test]
    public async Task WalkOutOfPresses_JudgesNoStartItDidNotFinish()
    {
        await using var context = await BrowserFixture.Host.NewContextAsync(BrowserFixture.Egress);
        var page = await context.NewPageAsync();
        await page.GotoAsync(BrowserFixture.Server.BaseUrl + "/fixtures/tastatur/daarlig");

        var whole = await KeyboardTraps.WalkAsync(page, new KeyboardWalkOptions(MaxElements: 200));
        var cut = await KeyboardTraps.WalkAsync(page, new KeyboardWalkOptions(MaxElements: 200, MaxPresses: 5));

        Assert.Multiple(() =>
        {
            Assert.That(whole.Whole, Is.True);
            Assert.That(whole.Traps.Select(t => t.Place!.Selector), Is.EqualTo(new[] { "#kode" }));
            Assert.That(cut.Whole, Is.False);
            Assert.That(cut.Walked, Is.LessThan(cut.Tabbables));
            Assert.That(cut.Traps, Is.Empty, "a start whose walk ran out of presses is not a trap for that");
        });
    }

    [Test]
    public async Task PageTooBigForTheWalk_IsForAReviewer_WithoutAFinding()
    {
        var script = TaskScriptParser.Parse("mange.yaml", """
            id: mange-links
            title: Mange links
            start: /fixtures/mange-links/
            steps:
              - name: Forside
                expect:
                  - text: "Emne 520"
            """);
        var audit = await Runner().RunAsync(new AuditRequest(script, "test", Wcag(), "Test", "Mange links", BrowserFixture.Server.BaseUrl, TestData.For(script)));

        var partly = audit.Advisories.Where(a => a.RuleId == "keyboard-trap/delvis").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(audit.TaskCompleted, Is.True, audit.FailureMessage);
            Assert.That(partly, Is.Not.Empty);
            Assert.That(partly[0].Kind, Is.EqualTo(AdvisoryKind.NeedsReview));
            Assert.That(partly[0].Description, Does.Contain("520 elementer"));
            Assert.That(audit.Findings.Where(f => f.RuleId.StartsWith("keyboard-trap/", StringComparison.Ordinal) || f.RuleId.StartsWith("focus-not-obscured/", StringComparison.Ordinal)), Is.Empty);
        });
    }

    private static Checklist Wcag() => ChecklistParser.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "checklists", "wcag22-aa.yaml"));

    private AuditRunner Runner() => new(BrowserFixture.Host, new AxeRunner(), new FileEvidenceStore(_evidence.FullName));
}

/// <summary>WCAG 3.3.8 on a real sign-in form in Chromium: what blocks password managers and pasting, and a puzzle for a reviewer.</summary>
public class AuthenticationCheckTests
{
    private DirectoryInfo _evidence = null!;
    private Audit _good = null!;
    private Audit _bad = null!;

    [OneTimeSetUp]
    public async Task AuditBothFormsAsync()
    {
        _evidence = Directory.CreateTempSubdirectory("usabilitylab-login-");
        var wcag = ChecklistParser.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "checklists", "wcag22-aa.yaml"));
        var runner = new AuditRunner(BrowserFixture.Host, new AxeRunner(), new FileEvidenceStore(_evidence.FullName));
        _good = await runner.RunAsync(Request("god", wcag));
        _bad = await runner.RunAsync(Request("daarlig", wcag));
    }

    [OneTimeTearDown]
    public void DeleteEvidence() => _evidence.Delete(recursive: true);

    [Test]
    public void GoodForm_NoFinding_EvenWithAPasteHandlerThatSpreadsTheCode()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_good.TaskCompleted, Is.True, _good.FailureMessage);
            Assert.That(_good.Findings.Where(f => f.RuleId.StartsWith("accessible-authentication", StringComparison.Ordinal)).Select(f => $"{f.RuleId} {f.Selector}"), Is.Empty);
            Assert.That(_good.Advisories.Where(a => a.RuleId.StartsWith("accessible-authentication", StringComparison.Ordinal)), Is.Empty);
        });
    }

    [Test]
    public void BadForm_PasteRefused_AndAutocompleteOff_AreFindings()
    {
        var found = _bad.Findings.Where(f => f.RuleId.StartsWith("accessible-authentication/", StringComparison.Ordinal))
            .Select(f => $"{f.RuleId} {f.Selector}").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(_bad.TaskCompleted, Is.True, _bad.FailureMessage);
            Assert.That(found, Is.EquivalentTo(new[]
            {
                "accessible-authentication/indsaet #kode",
                "accessible-authentication/autocomplete-off #bruger",
            }), "the password field turns autocomplete back on; the puzzle's answer is no sign-in field");
            Assert.That(_bad.Findings.Where(f => f.RuleId.StartsWith("accessible-authentication/", StringComparison.Ordinal)).Select(f => f.CriterionId), Is.All.EqualTo("3.3.8"));
        });
    }

    [Test]
    public void BadForm_Captcha_IsForAReviewer()
    {
        var advisory = _bad.Advisories.Single(a => a.RuleId == "accessible-authentication/opgave");

        Assert.Multiple(() =>
        {
            Assert.That(advisory.Kind, Is.EqualTo(AdvisoryKind.NeedsReview));
            Assert.That(advisory.Elements.Select(e => e.Html), Has.Exactly(1).Contains("captcha"));
        });
    }

    internal static AuditRequest Request(string variant, Checklist checklist)
    {
        var script = TaskScriptParser.Parse($"{variant}.yaml", $$"""
            id: login-{{variant}}
            title: Log ind
            start: /fixtures/login/{{variant}}
            steps:
              - name: Log ind
                do:
                  - fill: { label: "Brugernavn", value: "borger" }
                  - fill: { label: "Adgangskode", value: "hemmelig" }
                  - click: { role: button, name: "Log ind" }
              - name: Tak
                expect:
                  - text: "Tak for din ansøgning"
            """);
        return new AuditRequest(script, "test", checklist, "Test", "Log ind", BrowserFixture.Server.BaseUrl, TestData.For(script));
    }
}
