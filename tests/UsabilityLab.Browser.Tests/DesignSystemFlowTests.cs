using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checks;
using UsabilityLab.Core.Scripts;
using UsabilityLab.DemoSites;

namespace UsabilityLab.Browser.Tests;

/// <summary>
/// UsabilityLab's checks judged on pages it did not design: flows assembled from the real
/// design-system packages (dkfds, govuk-frontend). A well-made flow gets no finding from any check
/// or from axe, completes with the mouse and with the keyboard alone, and gets a full error-handling
/// run; every planted problem of a flawed flow is found.
/// </summary>
public class DesignSystemFlowTests
{
    private static readonly IEnumerable<DesignSystemFlow> _wellMade = DemoServer.DesignSystemFlows.Where(f => !f.Flawed);
    private static readonly IEnumerable<DesignSystemFlow> _flawed = DemoServer.DesignSystemFlows.Where(f => f.Flawed);
    private readonly Dictionary<string, Audit> _audits = new(StringComparer.Ordinal);
    private DirectoryInfo _evidence = null!;

    [OneTimeSetUp]
    public async Task AuditEveryFlowAsync()
    {
        _evidence = Directory.CreateTempSubdirectory("usabilitylab-evidence-");
        var runner = new AuditRunner(BrowserFixture.Host, new AxeRunner(), new FileEvidenceStore(_evidence.FullName));
        foreach (var flow in DemoServer.DesignSystemFlows)
        {
            var script = TaskScriptParser.Load(Path.Combine(DemoServer.ScriptFolder, flow.Script));
            var request = new AuditRequest(script, "test", BrowserFixture.Checklist, flow.VendorName, flow.SolutionName, BrowserFixture.Server.BaseUrl + flow.Path, TestData.For(script));
            _audits[flow.Id] = await runner.RunAsync(request);
        }
    }

    [OneTimeTearDown]
    public void DeleteEvidence() => _evidence.Delete(recursive: true);

    [TestCaseSource(nameof(_wellMade))]
    public void WellMadeFlow_GetsNoFinding_FromAnyCheckOrAxe(DesignSystemFlow flow)
    {
        var audit = _audits[flow.Id];

        // The waits too: they are the solution's answers as the browser measured them, the same on a busy machine.
        Assert.That(
            audit.Findings.Select(f => $"{f.RuleId} trin {f.StepIndex + 1} {f.Selector}: {f.Measurement}"),
            Is.Empty);
    }

    [TestCaseSource(nameof(_wellMade))]
    public void WellMadeFlow_CompletesWithTheMouseAndWithTheKeyboardAlone(DesignSystemFlow flow)
    {
        var audit = _audits[flow.Id];

        Assert.Multiple(() =>
        {
            Assert.That(audit.TaskCompleted, Is.True, audit.FailureMessage);
            // The DKFDS task uploads its lease and expects its name on "Tjek dine svar": with the keyboard too.
            Assert.That(audit.KeyboardCompleted, Is.True, "radios are reached with the arrow keys and the file chosen with Space, as a keyboard user does");
            Assert.That(audit.Steps.Select(s => s.Outcome), Is.All.EqualTo(StepOutcome.Passed));
        });
    }

    [TestCaseSource(nameof(_wellMade))]
    public void WellMadeFlow_GetsAFullErrorHandlingRun_NotedOnEveryFormStep(DesignSystemFlow flow)
    {
        var audit = _audits[flow.Id];
        var script = TaskScriptParser.Load(Path.Combine(DemoServer.ScriptFolder, flow.Script));
        var formSteps = script.Steps.Select((s, i) => (s, i))
            .Where(x => x.s.Actions.Any(a => a is FillAction))
            .Select(x => x.i)
            .ToList();

        Assert.That(formSteps, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var index in formSteps)
            {
                var notes = audit.Steps[index].Events.Where(AuditEventText.IsErrorHandlingNote).ToList();
                Assert.That(notes, Has.Count.EqualTo(1), $"step {index + 1} says what was tested");
                Assert.That((notes.Single().Kind, notes.Single().Flag("stayed")), Is.EqualTo((AuditEventKind.FormTested, true)), $"step {index + 1}");
                Assert.That(AuditEventText.Danish(notes.Single()), Does.StartWith("Fejlhåndtering afprøvet").And.Contain("Siden blev stående"), $"step {index + 1}");
            }
        });
    }

    [Test]
    public void DkfdsFlow_LeavesOnlyRequiredFieldsEmpty_AndReplaysTheRadioThatRevealsAField()
    {
        var audit = _audits["dkfds-boligstoette"];

        Assert.Multiple(() =>
        {
            // "Husstand": the radio "Nej" reveals the one required field, which is left empty.
            var household = audit.Steps[2].Events.Single(e => e.Kind == AuditEventKind.FormTested);
            Assert.That(household["emptied"], Is.EqualTo("label \"Hvor mange bor sammen med dig?\""));
            Assert.That(AuditEventText.Danish(household), Does.Contain("sendt med 1 påkrævede felter tomme (label \"Hvor mange bor sammen med dig?\")"));

            // "Boligen": the first required field is kept, the other six are left empty, and all six show their error.
            var home = audit.Steps[3].Events.Single(e => e.Kind == AuditEventKind.FormTested);
            Assert.That((home["emptied"].Split(AuditEvent.FieldSeparator).Length, home.Number("present"), home.Number("tied")), Is.EqualTo((6, 6L, 6L)));
            Assert.That(AuditEventText.Danish(home), Does.Contain("sendt med 6 påkrævede felter tomme").And.Contains("6 af 6 felter fik en fejltekst ved feltet"));
        });
    }

    [TestCaseSource(nameof(_flawed))]
    public void FlawedFlow_GetsAFindingOfEveryPlantedKind(DesignSystemFlow flow)
    {
        var kinds = _audits[flow.Id].Findings.SelectMany(SameProblem.Rules).Distinct().ToList();

        Assert.That(kinds, Is.SupersetOf(flow.PlantedProblems));
    }

    [Test]
    public void FlawedDkfdsFlow_ReportsTheWrongAutocompleteToken_AsWrong()
    {
        var wrong = _audits["dkfds-boligstoette-fejl"].Findings.Where(f => f.RuleId == "input-purpose/autocomplete" && f.Selector == "#by").ToList();

        Assert.That(wrong.Select(f => f.Measurement), Has.One.Contains("autocomplete=\"address-line2\", som angiver et andet formål"));
    }

    [Test]
    public void FlawedDkfdsFlow_ReportsTheMissingIndicator_OnlyWhereItDisappears()
    {
        var progress = _audits["dkfds-boligstoette-fejl"].Findings.Where(f => f.RuleId == "progress/mangler").ToList();

        // Not on the start page, the login before the form, or the receipt after it.
        Assert.That(progress.Select(f => f.StepIndex), Is.EqualTo(new int?[] { 4 }));
    }
}
