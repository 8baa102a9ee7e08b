using System.Text.Json;
using UsabilityLab.Core.Act;
using UsabilityLab.Tests.Shared;

namespace UsabilityLab.Core.Tests;

public class ActScoringTests
{
    private static readonly ActSuite _suite = ActSuite.Load(ActSample.Folder);

    private static IEnumerable<TestCaseData> PublishedReports() =>
        PublishedImplementation.LoadAll(ActSample.Folder).Select(r => new TestCaseData(r).SetArgDisplayNames(r.File));

    [Test]
    public void Load_ReadsRulesTestCasesAndTheRequirementsTheyAreWrittenFor()
    {
        var image = _suite.Rules.Single(r => r.Id == "23a2a8");
        var hidden = _suite.Rules.Single(r => r.Id == "6cfa84");
        var required = _suite.Rules.Single(r => r.Id == "4e8ab6");
        Assert.Multiple(() =>
        {
            Assert.That(_suite.Rules, Has.Count.EqualTo(20));
            Assert.That(_suite.Rules.Sum(r => r.TestCases.Count), Is.EqualTo(265));
            Assert.That((image.Name, image.Approved, image.TestCases.Count), Is.EqualTo(("Image has non-empty accessible name", true, 18)));
            Assert.That(image.Requirements, Is.EqualTo(new[] { "1.1.1" }));
            Assert.That(hidden.Requirements, Is.EqualTo(new[] { "4.1.2" }));
            Assert.That(required.Requirements, Is.Empty, "written for an ARIA requirement, not a WCAG one");
            Assert.That(required.Secondary, Is.EquivalentTo(new[] { "1.3.1", "4.1.2" }));
            Assert.That(image.TestCases.Count(t => t.Expected == ActOutcome.Failed), Is.GreaterThan(0));
        });
    }

    [TestCaseSource(nameof(PublishedReports))]
    public void Consistency_OfEachPublishedMapping_IsWhatW3CPublished_ButNeverCountsACantTellAsACatch(PublishedImplementation published)
    {
        Assert.That(published.Mappings, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var mapping in published.Mappings)
            {
                var rule = _suite.Rules.Single(r => r.Id == mapping.RuleId);
                var results = rule.Scored.Select(c => new ActCaseResult(c, mapping.Outcomes.GetValueOrDefault(c.Id, ActOutcome.Untested))).ToList();
                var ours = ActScoring.Consistency(mapping.Procedures.Count > 0, mapping.RequirementsCorrect, results);
                var onlyCantTell = results.Where(r => r.Case.Expected == ActOutcome.Failed).All(r => r.Outcome != ActOutcome.Failed)
                    && results.Any(r => r.Case.Expected == ActOutcome.Failed && r.Outcome == ActOutcome.CantTell);
                if (onlyCantTell && mapping.Published == ActConsistency.Partial)
                {
                    // W3C marks these partial; a "can't tell" is never a catch here, and counts only as W3C counts.
                    Assert.That(ours, Is.EqualTo(ActConsistency.Undecided), $"{published.File} {rule.Id}");
                }
                else if (mapping.Published is ActConsistency.Complete or ActConsistency.Partial)
                {
                    Assert.That(ours, Is.EqualTo(mapping.Published), $"{published.File} {rule.Id}");
                }
                else
                {
                    Assert.That(ours, Is.Not.EqualTo(ActConsistency.Complete).And.Not.EqualTo(ActConsistency.Partial), $"{published.File} {rule.Id}");
                }
            }
        });
    }

    [Test]
    public void Judge_AFailureOnAPassedExample_IsInconsistent_EvenWhenEveryFailedExampleIsCaught()
    {
        var rule = _suite.Rules.Single(r => r.Id == "2779a5");
        var outcomes = rule.TestCases.ToDictionary(c => c.Id, c => c.Expected);
        var firstPassed = rule.TestCases.First(c => c.Expected == ActOutcome.Passed);
        var complete = ActScoring.Judge(rule, ["x:title"], ["2.4.2"], outcomes);
        outcomes[firstPassed.Id] = ActOutcome.Failed;
        var wrong = ActScoring.Judge(rule, ["x:title"], ["2.4.2"], outcomes);
        Assert.Multiple(() =>
        {
            Assert.That(complete.Consistency, Is.EqualTo(ActConsistency.Complete));
            Assert.That(wrong.Consistency, Is.EqualTo(ActConsistency.Inconsistent));
            Assert.That(wrong.FalseFailures.Select(f => f.Case.Id), Is.EqualTo(new[] { firstPassed.Id }));
            Assert.That(ActScoring.Judge(rule, ["x:title"], ["2.4.2", "1.3.1"], rule.TestCases.ToDictionary(c => c.Id, c => c.Expected)).Consistency,
                Is.EqualTo(ActConsistency.Partial), "a requirement the rule does not name");
            Assert.That(ActScoring.Judge(rule, [], [], outcomes).Consistency, Is.EqualTo(ActConsistency.NotImplemented));
        });
    }

    [Test]
    public void Combine_TakesTheWorstOutcome_AndUntestedOnlyWhenNothingWasSaid()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ActScoring.Combine([ActOutcome.Passed, ActOutcome.CantTell, ActOutcome.Inapplicable]), Is.EqualTo(ActOutcome.CantTell));
            Assert.That(ActScoring.Combine([ActOutcome.Passed, ActOutcome.Failed, ActOutcome.Untested]), Is.EqualTo(ActOutcome.Failed));
            Assert.That(ActScoring.Combine([ActOutcome.Untested]), Is.EqualTo(ActOutcome.Untested));
            Assert.That(ActScoring.Combine([]), Is.EqualTo(ActOutcome.Untested));
        });
    }

    [Test]
    public async Task Earl_HasATestSubjectPerPage_AndAnAssertionPerProcedure()
    {
        var rule = _suite.Rules.Single(r => r.Id == "2779a5");
        var procedure = new ActProcedure("axe-core", "axe-core:document-title", ["2779a5"], ["2.4.2"]);
        var pages = rule.TestCases.Select(c => new ActPageResult(c, new Dictionary<string, ActOutcome> { [procedure.Name] = c.Expected }, null)).ToList();
        var report = ActImplementationReport.Score([rule], "UsabilityLab", "1.0", [procedure], pages);

        using var buffer = new MemoryStream();
        await EarlReport.WriteAsync(report, buffer);
        using var earl = JsonDocument.Parse(buffer.ToArray());
        var graph = earl.RootElement.GetProperty("@graph").EnumerateArray().ToList();
        var first = graph[0].GetProperty("assertions")[0];
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdicts.Single().Consistency, Is.EqualTo(ActConsistency.Complete));
            Assert.That(earl.RootElement.GetProperty("@context").GetString(), Is.EqualTo(EarlReport.Context));
            Assert.That(graph, Has.Count.EqualTo(rule.TestCases.Count));
            Assert.That(graph[0].GetProperty("source").GetString(), Is.EqualTo(rule.TestCases[0].Url));
            Assert.That(first.GetProperty("test").GetProperty("title").GetString(), Is.EqualTo("axe-core:document-title"));
            Assert.That(first.GetProperty("result").GetProperty("outcome").GetString(), Is.EqualTo("earl:" + ActSuite.Name(rule.TestCases[0].Expected)));
            Assert.That(first.GetProperty("mode").GetString(), Is.EqualTo("earl:automatic"));
            Assert.That(first.GetProperty("test").GetProperty("isPartOf").EnumerateArray().Select(e => e.GetString()),
                Is.EqualTo(new[] { "https://www.w3.org/WAI/standards-guidelines/act/rules/2779a5/", "WCAG2:2.4.2" }));
        });
    }
}
