using System.Text.Json;
using UsabilityLab.Tests.Shared;

namespace UsabilityLab.Cli.Tests;

public class ActCommandTests
{
    private DirectoryInfo _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("usabilitylab-act-");

    [TearDown]
    public void DeleteFolder() => _folder.Delete(recursive: true);

    [Test]
    public async Task Act_OnThreeRulesOfTheSuite_ScoresThemBesideThePublishedTools_AndWritesEarl()
    {
        var earl = Path.Combine(_folder.FullName, "act.earl.json");

        var run = await CliRun.RunAsync("act", "--suite", ActSample.Folder, "--rule", "2779a5", "--rule", "b5c3f8", "--rule", "bf051a", "--out", earl);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Done), run.Output);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(earl));
        var subjects = document.RootElement.GetProperty("@graph").EnumerateArray().ToList();
        var titleCase = subjects.First(s => s.GetProperty("source").GetString()!.Contains("/2779a5/", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            // axe-core's document-title, html-has-lang and html-lang-valid implement the three rules completely.
            Assert.That(run.Output, Does.Contain("bench: act_rules=3 act_consistent=3 act_complete=3 act_consistent_as_w3c=3 act_inconsistent=0 act_pages=27"));
            Assert.That(run.Output, Does.Contain("2779a5 HTML page has non-empty title"));
            Assert.That(run.Output, Does.Contain("Konsistente (heraf complete)"));
            Assert.That(subjects, Has.Count.EqualTo(27));
            Assert.That(titleCase.GetProperty("assertions").EnumerateArray().Select(a => a.GetProperty("test").GetProperty("title").GetString()),
                Does.Contain("axe-core:document-title"));
        });
    }

    [Test]
    public async Task Act_AFrameAModalDialogMakesInert_IsNotAFailure_SoTheRuleIsConsistent()
    {
        // axe-core 4.14 alone fails akn7bn's Inapplicable Example 6 (an iframe behind an open modal dialog).
        var run = await CliRun.RunAsync("act", "--suite", ActSample.Folder, "--rule", "akn7bn", "--out", Path.Combine(_folder.FullName, "akn7bn.json"));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Done), run.Output);
            Assert.That(run.Output, Does.Contain("bench: act_rules=1 act_consistent=1 "));
            Assert.That(run.Output, Does.Contain("act_inconsistent=0"));
        });
    }

    [Test]
    public async Task Act_APageThatRefreshesItselfAtOnce_IsCheckedAsLoaded_AndOnlyItsFirstRefreshCounts()
    {
        // bc659a's passed examples move on at once (content="0; ..."); Passed Example 2 declares a second, later refresh.
        var run = await CliRun.RunAsync("act", "--suite", ActSample.Folder, "--rule", "bc659a", "--out", Path.Combine(_folder.FullName, "bc659a.json"));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Done), run.Output);
            Assert.That(run.Output, Does.Not.Contain("kunne ikke åbnes"));
            Assert.That(run.Output, Does.Contain("bench: act_rules=1 act_consistent=1 "));
            Assert.That(run.Output, Does.Contain("act_inconsistent=0"));
        });
    }

    [Test]
    public async Task Act_UsabilityLabsOwnRules_CatchEveryFailedExample_AndFailNoOther()
    {
        // The first valid refresh (bisz58), header cells without cells (d0f69e), prohibited ARIA names
        // (kb1m8s), focus without a visible change (oj04fd), a keyboard trap (a1b64e), and axe-core's
        // label-in-name with what only a reader can match left to a person (2ee8b8).
        var earl = Path.Combine(_folder.FullName, "own.json");

        var run = await CliRun.RunAsync("act", "--suite", ActSample.Folder, "--rule", "bisz58", "--rule", "d0f69e", "--rule", "kb1m8s",
            "--rule", "oj04fd", "--rule", "a1b64e", "--rule", "2ee8b8", "--out", earl);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Done), run.Output);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(earl));
        var titles = document.RootElement.GetProperty("@graph").EnumerateArray()
            .SelectMany(s => s.GetProperty("assertions").EnumerateArray())
            .Select(a => a.GetProperty("test").GetProperty("title").GetString())
            .ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(run.Output, Does.Contain("bench: act_rules=6 act_consistent=6 act_complete=6 act_consistent_as_w3c=6 act_inconsistent=0 "));
            Assert.That(titles, Is.SupersetOf(new[] { "usabilitylab:meta-refresh-no-delay", "usabilitylab:th-has-assigned-cells", "usabilitylab:aria-prohibited-global", "usabilitylab:focus-visible", "usabilitylab:keyboard-trap-standard" }));
        });
    }

    [Test]
    public async Task Act_AKeyboardTrapThatInstructionsMayOpen_IsForAPersonToJudge_NeverAFailure()
    {
        // 80af7b and ebe86a allow a trap that a non-standard key opens when the page says how; their
        // passed examples are such traps, so the keyboard walk says "can't tell" on every trap.
        var run = await CliRun.RunAsync("act", "--suite", ActSample.Folder, "--rule", "80af7b", "--rule", "ebe86a", "--out", Path.Combine(_folder.FullName, "trap.json"));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Done), run.Output);
            Assert.That(run.Output, Does.Contain("act_consistent=0 act_complete=0 act_consistent_as_w3c=2 act_inconsistent=0"));
        });
    }

    [Test]
    public async Task Act_WithARuleTheSuiteDoesNotHave_SaysWhich_AndWritesNothing()
    {
        var earl = Path.Combine(_folder.FullName, "act.earl.json");

        var run = await CliRun.RunAsync("act", "--suite", ActSample.Folder, "--rule", "zzzzzz", "--out", earl);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Output, Does.Contain("Ukendt ACT-regel: zzzzzz"));
            Assert.That(File.Exists(earl), Is.False);
        });
    }

    [Test]
    public async Task Act_OnAFolderWithoutTheSuite_SaysToPointAtIt()
    {
        var run = await CliRun.RunAsync("act", "--suite", _folder.FullName, "--out", Path.Combine(_folder.FullName, "x.json"));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Output, Does.Contain("testcases.json").And.Contain("--suite"));
        });
    }
}
