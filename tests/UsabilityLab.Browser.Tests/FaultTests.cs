using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Browser.Tests;

/// <summary>
/// Audits of solutions that misbehave on purpose (the demo server's /fejl/ pages). Each audit must
/// end within the limits set, say at which step what happened, and leave the browser usable: after
/// every fault the same browser audits a working page to the end. docs/robusthed.md lists them.
/// </summary>
[NonParallelizable]
public class FaultTests
{
    /// <summary>Only a guard against a hang; the limits below are what bound an audit.</summary>
    private static readonly TimeSpan _hangGuard = TimeSpan.FromSeconds(120);

    private BrowserHost _host = null!;
    private BrowserHost _short = null!;
    private DirectoryInfo _evidence = null!;

    /// <summary>
    /// Short limits, only for a fault whose point is to wait a limit out, so it does so quickly.
    /// A test that must get through never runs under them: on a busy machine a big page can take
    /// longer than three seconds to load.
    /// </summary>
    internal static BrowserOptions ShortLimits() => new()
    {
        ActionTimeoutMs = 2_000,
        NavigationTimeoutMs = 3_000,
        ExpectationTimeoutMs = 1_500,
        StepTimeoutMs = 8_000,
        AuditTimeoutMs = 40_000,
        EgressAllow = [BrowserFixture.Server.OtherOriginAllowed],
    };

    /// <summary>Limits far above normal, for the faults that must be got through: a safety net, not a measure.</summary>
    internal static BrowserOptions RoomyLimits() => new()
    {
        ActionTimeoutMs = 30_000,
        NavigationTimeoutMs = 60_000,
        ExpectationTimeoutMs = 10_000,
        StepTimeoutMs = 110_000,
        AuditTimeoutMs = 115_000,
        EgressAllow = [BrowserFixture.Server.OtherOriginAllowed],
    };

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _evidence = Directory.CreateTempSubdirectory("usabilitylab-fejl-");
        _host = await BrowserHost.StartAsync(RoomyLimits());
        _short = await BrowserHost.StartAsync(ShortLimits());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        await _short.DisposeAsync();
        _evidence.Delete(recursive: true);
    }

    [TestCase(500)]
    [TestCase(404)]
    [TestCase(403)]
    public async Task ErrorStatus_FailsTheFirstStep_WithTheStatus(int status)
    {
        var audit = await AuditAsync($"/fejl/status/{status}", """
            - name: Start
              do:
                - click: { role: link, name: "Videre" }
            """);

        AssertFailed(audit, 0, FailureReason.HttpError);
        Assert.That(audit.Steps[0].Error, Does.Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task SlowServer_WithinTheLimit_IsWaitedFor()
    {
        var audit = await AuditAsync("/fejl/langsom?ms=1500", """
            - name: Langsom side
              do:
                - click: { role: link, name: "Videre" }
            - name: Færdig
              expect:
                - title: "Færdig"
            """);

        AssertCompleted(audit);
    }

    [TestCase("/fejl/langsom?ms=6000", FailureReason.Timeout)]
    [TestCase("/fejl/svarer-ikke", FailureReason.Timeout)]
    [TestCase("/fejl/lukker", FailureReason.NavigationError)]
    [TestCase("/fejl/loekke", FailureReason.NavigationError)]
    public async Task UnreachableStartPage_FailsTheFirstStep(string path, FailureReason reason)
    {
        var audit = await AuditWithinShortLimitsAsync(path, """
            - name: Start
              do:
                - click: { role: link, name: "Videre" }
            - name: Færdig
              expect:
                - title: "Færdig"
            """);

        AssertFailed(audit, 0, reason);
        Assert.That(audit.Steps[1].Outcome, Is.EqualTo(StepOutcome.NotRun));
        Assert.That(audit.FailureMessage, Does.Not.Match("exceeded|waiting for|Call log| at http|navigating to"), "Playwright's English is not the reviewer's message");
    }

    [Test]
    public async Task LoginAtAnotherOrigin_IsFollowedThereAndBack()
    {
        var audit = await AuditAsync("/fejl/login", """
            - name: Log ind hos udbyderen
              do:
                - fill: { label: "Brugernavn", value: "testborger" }
                - click: { role: button, name: "Log ind" }
            - name: Tilbage i løsningen
              expect:
                - text: "Velkommen, testborger"
            """);

        AssertCompleted(audit);
        Assert.That(audit.Steps[0].Url, Does.StartWith(BrowserFixture.Server.OtherOrigin));
        Assert.That(audit.Steps[1].Url, Does.StartWith(BrowserFixture.Server.BaseUrl));
    }

    [Test]
    public async Task Alert_IsClosedAndRecorded()
    {
        var audit = await AuditAsync("/fejl/dialog/alert", """
            - name: Besked
              do:
                - click: { role: button, name: "Send" }
              expect:
                - text: "Beskeden er lukket"
            """);

        AssertCompleted(audit);
        Assert.That(audit.Steps[0].Events.Where(e => e.Kind == AuditEventKind.DialogAnswered).Select(e => (e["dialog"], e["message"])), Is.EqualTo(new[] { (AuditEvent.Dialogs.Alert, "Husk at gemme") }));
    }

    [TestCase(null, "Annulleret", "Annuller")]
    [TestCase("accept", "Bekræftet", "OK")]
    public async Task Confirm_IsAnsweredAsTheScriptSays(string? answer, string outcome, string button)
    {
        var handle = answer is null ? string.Empty : $"handle:\n  dialogs: {answer}\n";
        var audit = await AuditAsync("/fejl/dialog/confirm", $$"""
            - name: Bekræft
              do:
                - click: { role: button, name: "Send" }
              expect:
                - text: "{{outcome}}"
            """, handle);

        AssertCompleted(audit);
        Assert.That(audit.Steps[0].Events.Single(e => e.Kind == AuditEventKind.DialogAnswered), Is.EqualTo(AuditEvent.DialogAnswered(AuditEvent.Dialogs.Confirm, "Er du sikker?", accepted: button == "OK")));
        Assert.That(AuditEventText.Danish(audit.Steps[0].Events.Single(e => e.Kind == AuditEventKind.DialogAnswered)), Does.EndWith($"besvaret med {button}."));
    }

    [Test]
    public async Task LeavePageDialog_IsAnsweredWithLeave()
    {
        var audit = await AuditAsync("/fejl/dialog/beforeunload", """
            - name: Forlad siden
              do:
                - fill: { label: "Navn", value: "Test" }
                - click: { role: link, name: "Videre" }
            - name: Færdig
              expect:
                - title: "Færdig"
            """);

        AssertCompleted(audit);
    }

    [Test]
    public async Task Popup_IsFollowed_AndTheTaskReturnsWhenItCloses()
    {
        var audit = await AuditAsync("/fejl/popup", """
            - name: Pop-up
              do:
                - click: { role: button, name: "Vis kvittering" }
                - follow: popup
            - name: Kvittering i nyt vindue
              do:
                - click: { role: button, name: "Luk vinduet" }
            - name: Tilbage
              expect:
                - title: "Pop-up"
            """);

        AssertCompleted(audit);
        Assert.Multiple(() =>
        {
            Assert.That(audit.Steps[1].Url, Does.EndWith("/fejl/popup/kvittering"));
            Assert.That(audit.Steps[1].Screenshot, Is.Not.Null, "the pop-up is checked like any page");
            Assert.That(audit.Steps[0].Events.Select(e => e.Kind), Has.Some.EqualTo(AuditEventKind.WindowOpened));
        });
    }

    [Test]
    public async Task NewTabNotFollowed_IsRecorded_AndTheTaskStaysInItsWindow()
    {
        var audit = await AuditAsync("/fejl/popup", """
            - name: Pop-up
              do:
                - click: { role: link, name: "Ny fane" }
            - name: Stadig her
              expect:
                - title: "Pop-up"
            """);

        AssertCompleted(audit);
        Assert.That(audit.Steps[1].Url, Does.EndWith("/fejl/popup"));
        Assert.That(audit.Steps.SelectMany(s => s.Events).Select(e => e.Kind), Has.Some.EqualTo(AuditEventKind.WindowOpened).Or.Some.EqualTo(AuditEventKind.FollowedWindow));
    }

    [Test]
    public async Task Download_IsRecordedAndKeptAsEvidence()
    {
        var audit = await AuditAsync("/fejl/download", """
            - name: Download
              do:
                - click: { role: link, name: "Hent kvittering" }
            - name: Stadig her
              expect:
                - title: "Download"
            """);

        AssertCompleted(audit);
        Assert.Multiple(() =>
        {
            Assert.That(audit.Steps.SelectMany(s => s.Events), Has.Some.EqualTo(AuditEvent.DownloadStarted("kvittering.pdf")));
            Assert.That(audit.Evidence.Select(e => e.RelativePath), Has.Some.EndsWith("download-01.pdf"));
        });
    }

    [Test]
    public async Task CookieBanner_NotHandled_FailsAsCovered()
    {
        var audit = await AuditWithinShortLimitsAsync("/fejl/cookie", """
            - name: Cookies
              do:
                - click: { role: link, name: "Videre" }
            """);

        AssertFailed(audit, 0, FailureReason.ElementCovered);
        Assert.That(audit.Steps[0].Error, Does.Contain("cookieBanner"));
    }

    [Test]
    public async Task CookieBanner_Handled_IsDismissedAndRecorded()
    {
        var audit = await AuditAsync("/fejl/cookie", """
            - name: Cookies
              do:
                - click: { role: link, name: "Videre" }
            - name: Færdig
              expect:
                - title: "Færdig"
            """, """
            handle:
              cookieBanner: { role: button, name: "Kun nødvendige" }

            """);

        AssertCompleted(audit);
        Assert.That(audit.Steps[0].Events.Select(e => e.Kind), Has.Some.EqualTo(AuditEventKind.CookieBannerClosed));
    }

    [Test]
    public async Task HugeDom_IsCheckedWithinTheLimits()
    {
        var audit = await AuditAsync("/fejl/stor-dom", """
            - name: Stor side
              do:
                - click: { role: link, name: "Videre" }
            - name: Færdig
              expect:
                - title: "Færdig"
            """);

        // Either axe gets through 50,000 elements within the step limit, or the step is stopped at it.
        Assert.That(audit.Status, Is.EqualTo(AuditStatus.Completed));
        Assert.That(audit.TaskCompleted || audit.FailureReason == FailureReason.StepTimeout, Is.True, audit.FailureMessage);
        Assert.That(audit.Steps[0].Screenshot, Is.Not.Null, audit.Steps[0].Error);
        Assert.That(audit.Steps[0].Screenshot!.Height, Is.LessThanOrEqualTo(8_000), "screenshots stop at 8,000 px (Screenshots.MaxHeight)");
    }

    [Test]
    public async Task CrossOriginFrame_IsCheckedInside()
    {
        var audit = await AuditAsync("/fejl/fremmed-ramme", """
            - name: Fremmed ramme
              do:
                - click: { role: link, name: "Videre" }
            """);

        AssertCompleted(audit);
        Assert.That(audit.Findings.Where(f => f.Source == FindingSource.Axe).Select(f => f.Selector), Has.Some.Contains("iframe"),
            "axe reports the frame's own problems (low contrast, an image without alt) with the frame in the selector");
    }

    [Test]
    public async Task RendererCrash_FailsTheStep_AndTheBrowserAuditsOn()
    {
        // The page fills the renderer's memory, and the click waits for it: with a script heap of
        // 128 MB the renderer dies of it within a second or two instead of after 10-15 s (and far
        // longer on a busy machine) at Chromium's own limit. The action limit outlasts it, or the
        // step would end as a plain timeout before the crash.
        var options = RoomyLimits();
        options.ExtraArguments = ["--js-flags=--max-old-space-size=128"];
        options.ActionTimeoutMs = 45_000;
        options.StepTimeoutMs = 60_000;
        options.AuditTimeoutMs = 90_000;
        await using var host = await BrowserHost.StartAsync(options);
        var audit = await AuditAsync(host, "/fejl/nedbrud", """
            - name: Nedbrud
              do:
                - click: { role: button, name: "Næste" }
            - name: Næste side
              expect:
                - title: "Færdig"
            """);

        Assert.That(audit.Status, Is.EqualTo(AuditStatus.Completed));
        Assert.That(audit.TaskCompleted, Is.False);
        Assert.That(audit.FailureReason, Is.EqualTo(FailureReason.PageCrashed), audit.FailureMessage);
        Assert.That(audit.FailedStepIndex, Is.Zero);
        Assert.That(audit.Steps.SelectMany(s => s.Events).Select(e => e.Kind), Has.Some.EqualTo(AuditEventKind.PageCrashed));
    }

    [Test]
    public async Task PageThatMovesOnByItself_IsRecorded()
    {
        var audit = await AuditAsync("/fejl/skifter-selv", """
            - name: Skifter selv
              expect:
                - title: "Et andet sted"
            """);

        AssertCompleted(audit);
        Assert.That(audit.Steps[0].Events.Where(e => e.Kind == AuditEventKind.MovedByItself).Select(e => e["url"]), Has.Some.EndsWith("/fejl/skiftet"));
    }

    [Test]
    public async Task XmlDocument_ShownInTheBrowsersViewer_GetsNoAxeFinding_AndTheStepSaysItIsNoHtmlPage()
    {
        var audit = await AuditAsync("/fejl/xml", """
            - name: Kvittering som XML
            """);

        AssertCompleted(audit);
        Assert.Multiple(() =>
        {
            // Without the check axe-core judged Chromium's viewer page: html-has-lang, a false finding.
            Assert.That(audit.Findings.Where(f => f.Source == FindingSource.Axe).Select(f => f.RuleId), Is.Empty);
            Assert.That(audit.Steps[0].Events.Select(e => e.Kind), Has.Some.EqualTo(AuditEventKind.NotHtml));
            Assert.That(audit.Steps[0].Screenshot, Is.Not.Null);
        });
    }

    [Test]
    public async Task BusyPage_WithAnimationAndPolling_IsAudited()
    {
        var audit = await AuditAsync("/fejl/travl", """
            - name: Travl side
              do:
                - click: { role: link, name: "Videre" }
            - name: Færdig
              expect:
                - title: "Færdig"
            """);

        AssertCompleted(audit);
    }

    [Test]
    public async Task PageStuckInAScriptLoop_IsStoppedAtTheStepLimit()
    {
        var audit = await AuditWithinShortLimitsAsync("/fejl/fastlaast", """
            - name: Fastlåst
              do:
                - click: { role: link, name: "Videre" }
            - name: Færdig
              expect:
                - title: "Færdig"
            """);

        AssertFailed(audit, 0, FailureReason.StepTimeout);
        Assert.That(audit.Steps[1].Outcome, Is.EqualTo(StepOutcome.NotRun));
    }

    [Test]
    public async Task AuditLimit_StopsTheRest_AndSaysSo()
    {
        var options = ShortLimits();
        options.AuditTimeoutMs = 5_000;
        await using var host = await BrowserHost.StartAsync(options);
        var audit = await RunAsync(host, "/fejl/langsom?ms=1500", """
            - name: Et
              do:
                - goto: /fejl/langsom?ms=1500
            - name: To
              do:
                - goto: /fejl/langsom?ms=1500
            - name: Tre
              do:
                - goto: /fejl/langsom?ms=1500
            - name: Fire
              do:
                - goto: /fejl/langsom?ms=1500
            - name: Fem
              expect:
                - title: "Langsom"
            """, string.Empty).WaitAsync(_hangGuard);

        Assert.That(audit.Status, Is.EqualTo(AuditStatus.Completed));
        Assert.That(audit.FailureReason, Is.EqualTo(FailureReason.AuditTimeout), audit.FailureMessage);
        Assert.That(audit.Steps.Last().Outcome, Is.EqualTo(StepOutcome.NotRun));

        // The same browser audits on; with the short limit lifted, so a busy machine does not fail it.
        options.AuditTimeoutMs = 120_000;
        var after = await RunAsync(host, "/fejl/ok", """
            - name: Færdig
              expect:
                - title: "Færdig"
            """, string.Empty).WaitAsync(_hangGuard);
        AssertCompleted(after);
    }

    [Test]
    public async Task BrowserThatWentAway_IsStartedAgainForTheNextAudit()
    {
        await using var host = await BrowserHost.StartAsync(RoomyLimits());
        await host.Browser.CloseAsync();

        var audit = await AuditAsync(host, "/fejl/ok", """
            - name: Færdig
              expect:
                - title: "Færdig"
            """);

        AssertCompleted(audit);
        Assert.That(host.Restarts, Is.EqualTo(1));
        Assert.That(audit.Events.Select(e => e.Kind), Has.Some.EqualTo(AuditEventKind.BrowserRestarted));
    }

    private static void AssertCompleted(Audit audit)
    {
        Assert.That(audit.Status, Is.EqualTo(AuditStatus.Completed));
        Assert.That(audit.TaskCompleted, Is.True, $"{audit.FailureReason}: {audit.FailureMessage}");
    }

    private static void AssertFailed(Audit audit, int step, FailureReason reason)
    {
        Assert.Multiple(() =>
        {
            Assert.That(audit.Status, Is.EqualTo(AuditStatus.Completed), "a failed task is a finished audit");
            Assert.That(audit.TaskCompleted, Is.False);
            Assert.That(audit.FailureReason, Is.EqualTo(reason), audit.FailureMessage);
            Assert.That(audit.FailedStepIndex, Is.EqualTo(step));
            Assert.That(audit.Steps[step].Outcome, Is.EqualTo(StepOutcome.Failed));
            Assert.That(audit.Findings.Where(f => f.Source == FindingSource.TaskVerdict && f.StepIndex == step), Is.Not.Empty);
        });
    }

    private Task<Audit> AuditAsync(string start, string steps, string handle = "") => AuditAsync(_host, start, steps, handle);

    /// <summary>Audits a fault whose point is to wait out a limit, under the short ones.</summary>
    private Task<Audit> AuditWithinShortLimitsAsync(string start, string steps) => AuditAsync(_short, start, steps);

    /// <summary>Audits the fault, then proves the same browser still audits a working page to the end.</summary>
    private async Task<Audit> AuditAsync(BrowserHost host, string start, string steps, string handle = "")
    {
        var audit = await RunAsync(host, start, steps, handle).WaitAsync(_hangGuard);
        var after = await RunAsync(host, "/fejl/ok", """
            - name: Færdig
              expect:
                - title: "Færdig"
            """, string.Empty).WaitAsync(_hangGuard);
        AssertCompleted(after);
        return audit;
    }

    private async Task<Audit> RunAsync(BrowserHost host, string start, string steps, string handle)
    {
        var yaml = $"id: fejltest\ntitle: Fejltest\nstart: \"{start}\"\n{handle}steps:\n{Indent(steps)}";
        var script = TaskScriptParser.Parse("fejltest.yaml", yaml);
        var request = new AuditRequest(script, yaml, BrowserFixture.Checklist, "Fejl A/S", "Fejltest", BrowserFixture.Server.BaseUrl, TestData.For(script));
        return await new AuditRunner(host, new AxeRunner(), new FileEvidenceStore(_evidence.FullName)).RunAsync(request);
    }

    private static string Indent(string text) => string.Join('\n', text.Split('\n').Select(line => "  " + line));
}
