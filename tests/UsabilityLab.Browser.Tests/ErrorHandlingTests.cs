using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Browser.Tests;

/// <summary>The error-handling pass on forms that validate well, badly, and not at all.</summary>
public class ErrorHandlingTests
{
    private DirectoryInfo _evidence = null!;
    private readonly Dictionary<string, Audit> _audits = [];

    [OneTimeSetUp]
    public async Task AuditTheThreeFormsAsync()
    {
        _evidence = Directory.CreateTempSubdirectory("usabilitylab-errors-");
        var runner = new AuditRunner(BrowserFixture.Host, new AxeRunner(), new FileEvidenceStore(_evidence.FullName));
        foreach (var variant in new[] { "god", "daarlig", "ingen" })
        {
            _audits[variant] = await runner.RunAsync(Request(variant));
        }
    }

    [OneTimeTearDown]
    public void DeleteEvidence() => _evidence.Delete(recursive: true);

    [Test]
    public void GoodForm_NoErrorHandlingFinding()
    {
        var audit = _audits["god"];

        Assert.Multiple(() =>
        {
            Assert.That(audit.TaskCompleted, Is.True, audit.FailureMessage);
            Assert.That(Rules(audit), Is.Empty);
            Assert.That(audit.ErrorHandlingMs, Is.GreaterThan(0));
        });
    }

    [Test]
    public void BadForm_EachMissingPartIsAFinding()
    {
        var audit = _audits["daarlig"];

        Assert.Multiple(() =>
        {
            Assert.That(audit.TaskCompleted, Is.True, "filled in, the bad form still works");
            Assert.That(Rules(audit), Is.EquivalentTo(new[]
            {
                "error-handling/ikke-ved-feltet", "error-handling/ingen-opsummering", "error-handling/indtastning-tabt",
            }));
            var lost = audit.Findings.Single(f => f.RuleId == "error-handling/indtastning-tabt");
            Assert.That(lost.Measurement, Is.EqualTo("før: \"Mette Hansen\", efter: \"\""));
            Assert.That(lost.Evidence!.RelativePath, Does.EndWith("-tom-formular.jpg"));
            var field = audit.Findings.Single(f => f.RuleId == "error-handling/ikke-ved-feltet");
            Assert.That(field.Selector, Is.EqualTo("label \"E-mail\""));
            Assert.That(field.Wcag, Is.EqualTo(new[] { "3.3.1" }));
        });
    }

    [Test]
    public void FormWithoutValidation_AcceptingEmptyFields_IsAFinding()
    {
        var finding = _audits["ingen"].Findings.Single(f => f.RuleId.StartsWith("error-handling", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(finding.RuleId, Is.EqualTo("error-handling/accepteret"));
            Assert.That(finding.Measurement, Is.EqualTo("1 tomme felter accepteret"));
            Assert.That(finding.CriterionId, Is.EqualTo("K07"));
        });
    }

    [Test]
    public async Task FormInAPopUp_IsTestedInTheWindowTheTaskFollowed()
    {
        var script = TaskScriptParser.Parse("vindue.yaml", """
            id: formular-i-vindue
            title: Formular i et nyt vindue
            start: /fixtures/formular-i-vindue/
            steps:
              - name: Forside
                do:
                  - click: { role: button, name: "Åbn formularen" }
                  - follow: popup
              - name: Kontaktformular
                do:
                  - fill: { label: "Navn", value: "Mette Hansen" }
                  - fill: { label: "E-mail", value: "mette@example.dk" }
                  - click: { role: button, name: "Send" }
              - name: Tak
                expect:
                  - text: "Tak"
            """);
        var runner = new AuditRunner(BrowserFixture.Host, new AxeRunner(), new FileEvidenceStore(_evidence.FullName));

        var audit = await runner.RunAsync(new AuditRequest(script, "test", BrowserFixture.Checklist, "Test", "Vindue", BrowserFixture.Server.BaseUrl, TestData.For(script)));

        Assert.Multiple(() =>
        {
            Assert.That(audit.TaskCompleted, Is.True, audit.FailureMessage);
            Assert.That(Rules(audit), Is.EquivalentTo(new[] { "error-handling/ikke-ved-feltet", "error-handling/ingen-opsummering", "error-handling/indtastning-tabt" }));
            Assert.That(audit.Steps[1].Events.Select(AuditEventText.Danish), Has.One.StartsWith("Fejlhåndtering afprøvet: sendt med 1 påkrævede felter tomme"));
        });
    }

    private static List<string> Rules(Audit audit) =>
        audit.Findings.Where(f => f.RuleId.StartsWith("error-handling", StringComparison.Ordinal)).Select(f => f.RuleId).ToList();

    private static AuditRequest Request(string variant)
    {
        var script = TaskScriptParser.Parse($"{variant}.yaml", $$"""
            id: formular-{{variant}}
            title: Kontaktformular
            start: /fixtures/formular/{{variant}}
            steps:
              - name: Kontaktformular
                do:
                  - fill: { label: "Navn", value: "Mette Hansen" }
                  - fill: { label: "E-mail", value: "mette@example.dk" }
                  - click: { role: button, name: "Send" }
              - name: Tak
                expect:
                  - text: "Tak"
            """);
        return new AuditRequest(script, "test", BrowserFixture.Checklist, "Test", "Kontaktformular", BrowserFixture.Server.BaseUrl, TestData.For(script));
    }
}
