using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scans;
using UsabilityLab.Data.Scans;

namespace UsabilityLab.Data.Tests;

/// <summary>What a scheduled scan flags against the site's previous completed scan, on both providers.</summary>
public class ScanChangeTests(string provider) : DatabaseTest(provider)
{
    private static readonly DateTimeOffset _lastWeek = new(2026, 11, 23, 6, 0, 0, TimeSpan.FromHours(1));

    [Test]
    public async Task APageThatNoLongerOpens_AndANewCriticalProblem_AreFlagged_ATemplateProblemOnce_AnOldOneNot()
    {
        await using var db = await LabDatabase.OpenAsync(Location);

        // Last week: both pages opened; the logo without text was already there (critical, on both pages).
        var older = await ScanAsync(db, "Nordby", _lastWeek,
            Page("https://nordby.example/", true, Logo()),
            Page("https://nordby.example/hjaelp", true, Logo()));

        // Now: the help page answers 500; a new critical problem (a button without a name) is in the template, on two pages.
        var newer = await ScanAsync(db, "Nordby", _lastWeek.AddDays(7),
            Page("https://nordby.example/", true, Logo(), Button()),
            Page("https://nordby.example/flytning", true, Logo(), Button()),
            Page("https://nordby.example/hjaelp", false, Verdict()));

        // Another site's scan is not compared with this one.
        var elsewhere = await ScanAsync(db, "Sydby", _lastWeek.AddDays(8), Page("https://sydby.example/", false));

        var first = await ScanChange.OfAsync(db, older);
        var change = await ScanChange.OfAsync(db, newer);
        var other = await ScanChange.OfAsync(db, elsewhere);

        Assert.Multiple(() =>
        {
            Assert.That(first!.Flagged, Is.False, "a site's first scan has nothing to compare with");
            Assert.That(change!.Previous, Is.EqualTo(older));
            Assert.That(change.PagesLost, Is.EqualTo(new[] { "https://nordby.example/hjaelp" }));
            Assert.That(change.NewCritical, Is.EqualTo(new[] { ("button-name", "https://nordby.example/") }),
                "the new template problem once; not the old logo, nor the lost page's own 'could not be opened'");
            Assert.That(change.Summary, Is.EqualTo("1 side kan ikke længere åbnes, og 1 nyt kritisk problem."));
            Assert.That(other!.Previous, Is.Null);
        });
    }

    private static async Task<Guid> ScanAsync(LabDbContext db, string name, DateTimeOffset at, params Audit[] pages)
    {
        var scan = new Scan { Name = name, Source = $"{pages.Length} adresser", ChecklistId = "kl-selvbetjening", StartedAt = at };
        var store = new ScanStore(db);
        await store.BeginAsync(scan);
        for (var i = 0; i < pages.Length; i++)
        {
            pages[i].ScanId = scan.Id;
            pages[i].StartedAt = at.AddSeconds(i);
            pages[i].Solution.Name = name;
            db.ChangeTracker.Clear();
            await new AuditStore(db).SaveAsync(pages[i]);
        }

        db.ChangeTracker.Clear();
        await store.FinishAsync(scan.Id, AuditStatus.Completed, at.AddMinutes(1));
        db.ChangeTracker.Clear();
        return scan.Id;
    }

    private static Audit Page(string url, bool opened, params Finding[] findings)
    {
        var page = AuditStoreTests.SampleAudit("Nordby Kommune");
        page.TaskId = "side:" + url;
        page.TaskCompleted = opened;
        page.FailedStepIndex = opened ? null : 0;
        page.Steps = [new StepResult { Index = 0, Name = "Siden", Outcome = opened ? StepOutcome.Passed : StepOutcome.Failed, Url = url }];
        page.Findings = [.. findings];
        return page;
    }

    private static Finding Logo() => Critical("image-alt", "header img");

    private static Finding Button() => Critical("button-name", "header button");

    /// <summary>The finding of a page that could not be opened, as the scanner writes it.</summary>
    private static Finding Verdict() => new()
    {
        CriterionId = "K12", Source = FindingSource.TaskVerdict, RuleId = "task-completion", Severity = Severity.Critical, Title = "Siden kunne ikke åbnes",
        Description = "HTTP 500", StepIndex = 0, Fingerprint = Fingerprints.For(FindingSource.TaskVerdict, "task-completion", "Siden", string.Empty),
    };

    private static Finding Critical(string rule, string selector) => new()
    {
        CriterionId = "K11", Source = FindingSource.Axe, RuleId = rule, Severity = Severity.Critical, Title = rule, Description = "d",
        StepIndex = 0, Selector = selector, Fingerprint = Fingerprints.For(FindingSource.Axe, rule, "Siden", selector),
    };
}
