using UsabilityLab.Core.Assessments;
using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Core.Tests;

public class AssessmentFileParserTests
{
    private static readonly Checklist _checklist = ChecklistParser.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "checklists", "kl-selvbetjening.yaml"));
    private static readonly DateTimeOffset _now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Parse_Yaml_ReadsEveryAssessment()
    {
        var file = AssessmentFileParser.Parse("v.yaml", """
            reviewer: Mette Hansen
            assessments:
              - { criterion: K01, verdict: bestået }
              - criterion: K02
                verdict: ikke-bestået
                severity: alvorlig
                comment: Kommunens kontaktoplysninger mangler i sidehovedet.
              - { criterion: K03, verdict: ikke-relevant, comment: Intet at forudfylde. }
            """, _checklist, _now);

        Assert.Multiple(() =>
        {
            Assert.That(file.Reviewer, Is.EqualTo("Mette Hansen"));
            Assert.That(file.Assessments.Select(a => (a.CriterionId, a.Verdict)), Is.EqualTo(new[]
            {
                ("K01", AssessmentVerdict.Passed), ("K02", AssessmentVerdict.Failed), ("K03", AssessmentVerdict.NotApplicable),
            }));
            Assert.That(file.Assessments[1].Severity, Is.EqualTo(Severity.Serious));
            Assert.That(file.Assessments.Select(a => a.Reviewer), Is.All.EqualTo("Mette Hansen"));
            Assert.That(file.Assessments.Select(a => a.AssessedAt), Is.All.EqualTo(_now));
        });
    }

    [Test]
    public void Parse_Json_IsReadToo()
    {
        var file = AssessmentFileParser.Parse("v.json", """
            { "reviewer": "Ole", "assessments": [ { "criterion": "K05", "verdict": "passed", "comment": "Gode hjælpetekster." } ] }
            """, _checklist, _now);

        Assert.That(file.Assessments.Single().Verdict, Is.EqualTo(AssessmentVerdict.Passed));
    }

    public static IEnumerable<TestCaseData> BrokenFiles()
    {
        yield return new TestCaseData("reviewer: X\nassessments:\n  - { criterion: K13, verdict: bestået }\n", "v.yaml:3:18:", "kriteriet 'K13' findes ikke").SetName("UnknownCriterion");
        yield return new TestCaseData("reviewer: X\nassessments:\n  - { criterion: K01, verdict: godkendt }\n", "v.yaml:3:32:", "ukendt vurdering 'godkendt'").SetName("UnknownVerdict");
        yield return new TestCaseData("reviewer: X\nassessments:\n  - { criterion: K01, verdict: ikke-bestået }\n", "v.yaml:3:5:", "skal have en kommentar").SetName("FailedWithoutComment");
        yield return new TestCaseData("reviewer: X\nassessments:\n  - { criterion: K01, verdict: bestået }\n  - { criterion: K01, verdict: bestået }\n", "v.yaml:4:5:", "vurderet to gange").SetName("Duplicate");
        yield return new TestCaseData("assessments: []\n", "v.yaml:1:1:", "mangler det påkrævede felt 'reviewer'").SetName("NoReviewer");
        yield return new TestCaseData("reviewer: X\nassessments:\n  - { criterion: K01, verdict: bestået, severity: høj }\n", "v.yaml:3:", "ukendt alvorlighed 'høj'").SetName("UnknownSeverity");
    }

    [TestCaseSource(nameof(BrokenFiles))]
    public void Parse_BrokenFile_ReportsPositionAndReason(string text, string position, string reason)
    {
        var error = Assert.Throws<InputException>(() => AssessmentFileParser.Parse("v.yaml", text, _checklist, _now))!;

        Assert.That(error.Errors.Select(e => e.ToString()), Has.Some.StartsWith(position).And.Contains(reason));
    }
}
