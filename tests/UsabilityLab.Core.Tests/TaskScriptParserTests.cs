using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Core.Tests;

public class TaskScriptParserTests
{
    private static string DemoScript => Path.Combine(TestContext.CurrentContext.TestDirectory, "demo-scripts", "anmeld-flytning.yaml");

    [Test]
    public void Load_DemoScript_ReadsStepsActionsAndData()
    {
        var script = TaskScriptParser.Load(DemoScript);

        Assert.Multiple(() =>
        {
            Assert.That(script.Id, Is.EqualTo("anmeld-flytning"));
            Assert.That(script.Title, Is.EqualTo("Anmeld flytning"));
            Assert.That(script.Start, Is.EqualTo("/flytning/"));
            Assert.That(script.Steps.Select(s => s.Name), Is.EqualTo(new[] { "Start", "Log ind", "Ny adresse", "Opsummering", "Kvittering" }));
            Assert.That(script.Data["bruger-id"], Is.EqualTo("testborger"));
            Assert.That(script.Steps[1].Actions[0], Is.TypeOf<FillAction>());
            Assert.That(script.Steps[4].Actions.OfType<ExpectAction>().Count(), Is.EqualTo(2));
        });
    }

    [Test]
    public void Parse_ClickWithOrAlternative_KeepsAlternativesInOrder()
    {
        var script = TaskScriptParser.Parse("t.yaml", """
            id: t
            title: T
            start: /
            steps:
              - name: Send
                do:
                  - click: { role: button, name: "Send", or: [{ css: "#send" }, { text: "Send nu" }] }
            """);

        var click = (ClickAction)script.Steps[0].Actions[0];
        Assert.Multiple(() =>
        {
            Assert.That(click.Target.Alternatives.Select(a => a.Kind), Is.EqualTo(new[] { LocatorKind.Role, LocatorKind.Css, LocatorKind.Text }));
            Assert.That(click.Target.Primary.Name, Is.EqualTo("Send"));
            Assert.That(click.Target.Alternatives[1].IsSemantic, Is.False);
        });
    }

    [Test]
    public void Parse_EveryActionKind_IsRead()
    {
        var script = TaskScriptParser.Parse("t.yaml", """
            id: alle-handlinger
            title: Alle
            start: /
            data: { kommune: Aarhus }
            steps:
              - name: Et trin
                do:
                  - goto: /side
                  - click: { text: "Videre" }
                  - fill: { placeholder: "dd-mm-åååå", value: "01-12-2026" }
                  - select: { label: "Kommune", option: "${kommune}" }
                  - check: { label: "Jeg bekræfter", checked: false }
                  - upload: { label: "Lejekontrakt", file: "lejekontrakt.pdf" }
                  - press: Tab
                  - press: { key: Enter, role: button, name: "OK" }
                  - waitFor: { url: "/kvittering" }
                  - waitFor: { title: "Hjælp" }
                  - expect: { url: "/kvittering" }
                expect:
                  - title: "Kvittering"
                  - visible: { role: heading, name: "Tak" }
            """);

        var kinds = script.Steps[0].Actions.Select(a => a.GetType().Name).ToList();
        Assert.That(kinds, Is.EqualTo(new[]
        {
            "GotoAction", "ClickAction", "FillAction", "SelectAction", "CheckAction", "UploadAction", "PressAction", "PressAction",
            "WaitForAction", "WaitForAction", "ExpectAction", "ExpectAction", "ExpectAction",
        }));
        Assert.That(((CheckAction)script.Steps[0].Actions[4]).Checked, Is.False);
        Assert.That(((UploadAction)script.Steps[0].Actions[5]).FileName, Is.EqualTo("lejekontrakt.pdf"));
    }

    public static IEnumerable<TestCaseData> BrokenScripts()
    {
        yield return new TestCaseData("id: x\ntitle: [unclosed\n", "t.yaml:3:1:", "ugyldig YAML").SetName("BadYaml");
        yield return new TestCaseData("id: x\ntitle: X\n  start: /\n", "t.yaml:3:", "ugyldig YAML").SetName("BadIndentation");
        yield return new TestCaseData(Script("      - klik: { text: Videre }"), "t.yaml:7:9:", "ukendt handling 'klik'").SetName("UnknownAction");
        yield return new TestCaseData(Script("      - clik: { text: Videre }"), "t.yaml:7:9:", "Mente du 'click'?").SetName("TypoSuggestsAction");
        yield return new TestCaseData(Script("      - fill: { label: Navn }"), "t.yaml:7:15:", "mangler det påkrævede felt 'value'").SetName("FillWithoutValue");
        yield return new TestCaseData(Script("      - click: { role: knap, name: OK }"), "t.yaml:7:24:", "ukendt ARIA-rolle 'knap'").SetName("UnknownRole");
        yield return new TestCaseData(Script("      - fill: { label: Navn, value: \"${navn}\" }"), "t.yaml:7:37:", "'${navn}' er ikke defineret").SetName("UndefinedData");
        yield return new TestCaseData(Script("      - click: { label: A, text: B }"), "t.yaml:7:16:", "både label og text").SetName("TwoLocators");
        yield return new TestCaseData(Script("      - upload: { label: Bilag, file: \"/etc/passwd\" }"), "t.yaml:7:", "UsabilityLab laver selv en testfil").SetName("UploadOfAPathOnDisk");
        yield return new TestCaseData(Script("      - upload: { label: Bilag, file: \"bilag.exe\" }"), "t.yaml:7:", "ender på .pdf, .png, .txt").SetName("UploadOfAnUnknownKind");
        yield return new TestCaseData("id: x\ntitle: X\nstart: /\n", "t.yaml:1:1:", "mangler det påkrævede felt 'steps'").SetName("MissingSteps");
        yield return new TestCaseData("id: x\ntitle: X\nstart: /\nstep: []\n", "t.yaml:4:1:", "ukendt felt 'step'").SetName("UnknownTopLevelField");
        yield return new TestCaseData("", "t.yaml:1:1:", "filen er tom").SetName("EmptyFile");
        yield return new TestCaseData("- a\n- b\n", "t.yaml:1:1:", "skal være en mapping").SetName("ListInsteadOfMapping");
        yield return new TestCaseData("id: Anmeld Flytning\ntitle: X\nstart: /\nsteps: [{ name: A }]\n", "t.yaml:1:5:", "må kun indeholde små bogstaver").SetName("BadId");
        yield return new TestCaseData("id: x\ntitle: X\nstart: /\nsteps:\n  - name: A\n  - name: A\n", "t.yaml:6:5:", "findes allerede").SetName("DuplicateStep");
    }

    [TestCaseSource(nameof(BrokenScripts))]
    public void Parse_BrokenScript_ReportsFileLineColumnAndReason(string yaml, string expectedPosition, string expectedText)
    {
        var error = Assert.Throws<InputException>(() => TaskScriptParser.Parse("t.yaml", yaml))!;

        Assert.That(error.Errors.Select(e => e.ToString()), Has.Some.Matches<string>(e => e.StartsWith(expectedPosition, StringComparison.Ordinal) && e.Contains(expectedText, StringComparison.Ordinal)),
            "one error at the position with the reason");
    }

    public static IEnumerable<TestCaseData> YamlSyntaxErrors()
    {
        yield return new TestCaseData("id: x\ntitle: [unclosed\n", "liste i firkantede parenteser er ikke lukket").SetName("UnclosedFlowSequence");
        yield return new TestCaseData("id: x\ntitle: X\n  start: /\n", "kolon står et sted").SetName("ValueIndentedUnderValue");
        yield return new TestCaseData("id: x\ntitle: \"Tak\nstart: /\n", "anførselstegn er ikke lukket").SetName("UnclosedQuote");
        yield return new TestCaseData("id: x\ntitle: X\nid: y\n", "samme nøgle står to gange").SetName("DuplicateKey");
        yield return new TestCaseData("id: x\nsteps:\n  - name: A\n   - name: B\n", "listen er rykket forkert ind").SetName("ListItemIndentedOddly");
        yield return new TestCaseData("id: x\ntitle: @hjem\n", "Sæt værdien i anførselstegn").SetName("ReservedFirstCharacter");
    }

    /// <summary>YamlDotNet's English never reaches the reviewer: the reason is Danish and says what to do.</summary>
    [TestCaseSource(nameof(YamlSyntaxErrors))]
    public void Parse_YamlSyntaxError_IsExplainedInDanish(string yaml, string expectedText)
    {
        var error = Assert.Throws<InputException>(() => TaskScriptParser.Parse("t.yaml", yaml))!;

        var message = error.Errors.Single().ToString();
        Assert.That(message, Does.Contain("ugyldig YAML: ").And.Contain(expectedText));
        Assert.That(message, Does.Not.Match("While|found|expected|not allowed"));
    }

    [Test]
    public void Parse_SeveralMistakes_ReportsAllInLineOrder()
    {
        var error = Assert.Throws<InputException>(() => TaskScriptParser.Parse("t.yaml", """
            id: x
            title: X
            start: /
            steps:
              - name: A
                do:
                  - klik: { text: A }
                  - fill: { label: B }
            """))!;

        Assert.That(error.Errors.Select(e => e.Position.Line), Is.EqualTo(new[] { 7, 8 }));
    }

    [Test]
    public void Load_MissingFile_SaysSo()
    {
        var error = Assert.Throws<InputException>(() => TaskScriptParser.Load("findes-ikke.yaml"))!;

        Assert.That(error.Message, Does.Contain("findes-ikke.yaml:1:1: filen findes ikke"));
    }

    [Test]
    public void Load_BinaryFile_IsRefused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"binary-{Guid.NewGuid():N}.yaml");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0xFF, 0xFE]);
        try
        {
            var error = Assert.Throws<InputException>(() => TaskScriptParser.Load(path))!;
            Assert.That(error.Message, Does.Contain("UTF-8").Or.Contain("binære"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Parse_HandleAndFollow_AreRead()
    {
        var script = TaskScriptParser.Parse("t.yaml", """
            id: x
            title: X
            start: /
            handle:
              dialogs: accept
              cookieBanner: { role: button, name: "Kun nødvendige", or: { css: "#cookie-ok" } }
            steps:
              - name: A
                do:
                  - click: { role: button, name: "Vis kvittering" }
                  - follow: popup
              - name: B
                do:
                  - follow: opener
            """);

        Assert.Multiple(() =>
        {
            Assert.That(script.Handling.Dialogs, Is.EqualTo(DialogAnswer.Accept));
            Assert.That(script.Handling.CookieBanner!.Alternatives.Select(a => a.Kind), Is.EqualTo(new[] { LocatorKind.Role, LocatorKind.Css }));
            Assert.That(script.Steps[0].Actions[1], Is.EqualTo(new FollowAction(FollowTarget.Popup, new SourcePosition("t.yaml", 11, 9))), "the action, and where it stands in the file");
            Assert.That(((FollowAction)script.Steps[1].Actions[0]).Target, Is.EqualTo(FollowTarget.Opener));
        });
    }

    [Test]
    public void Parse_WithoutHandle_DismissesDialogsAndHasNoBanner()
    {
        var script = TaskScriptParser.Parse("t.yaml", Script("      - press: Enter"));

        Assert.That(script.Handling, Is.EqualTo(ScriptHandling.Default));
    }

    private static string Script(string action) => $"""
        id: x
        title: X
        start: /
        steps:
          - name: A
            do:
        {action}
        """;
}
