using System.Security.Cryptography;
using System.Text;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Reports.Tests;

/// <summary>A report never shows an unfinished audit as a result, and shows what the page did on each step.</summary>
public class UnfinishedAuditReportTests
{
    [TestCase(AuditStatus.Aborted, "Gennemgangen blev ikke færdig: auditten blev afbrudt, før den var færdig.")]
    [TestCase(AuditStatus.Running, "Gennemgangen kører stadig.")]
    public async Task UnfinishedAudit_SaysSoAtTheTop_AndShowsTheStepEvents(AuditStatus status, string banner)
    {
        var folder = Directory.CreateTempSubdirectory("usabilitylab-ufaerdig-");
        try
        {
            var audit = Audit(status);
            await using var renderer = new ReportRenderer();
            var files = await new ReportWriter(new ReportModelBuilder(new FileEvidenceStore(folder.FullName)), renderer, null)
                .WriteAsync(audit, folder.FullName);
            var html = await File.ReadAllTextAsync(files.HtmlPath);

            Assert.Multiple(() =>
            {
                Assert.That(html, Does.Contain(banner));
                Assert.That(html, Does.Not.Contain("Opgaven kunne gennemføres."));
                Assert.That(html, Does.Contain("En besked (alert) &quot;Husk at gemme&quot; blev besvaret med OK.").Or.Contain("En besked (alert) \"Husk at gemme\" blev besvaret med OK."));
                Assert.That(html, Does.Contain("Chromium var lukket ned og blev startet igen"));
            });
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static Audit Audit(AuditStatus status)
    {
        var checklist = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "checklists", "kl-selvbetjening.yaml"));
        return new Audit
        {
            TaskId = "anmeld-flytning",
            TaskTitle = "Anmeld flytning",
            TaskScript = "id: anmeld-flytning",
            StartedAt = DateTimeOffset.UtcNow,
            Status = status,
            TaskCompleted = status == AuditStatus.Running,
            FailureReason = status == AuditStatus.Aborted ? FailureReason.Interrupted : FailureReason.None,
            FailureMessage = status == AuditStatus.Aborted ? "Processen stoppede." : null,
            Events = [AuditEvent.BrowserRestarted(1)],
            Solution = new Solution { Name = "Anmeld flytning", BaseUrl = "http://127.0.0.1:1/x", Vendor = new Vendor { Name = "Nordlys Digital A/S" } },
            ChecklistVersion = new ChecklistVersion
            {
                ChecklistId = "kl-selvbetjening",
                Version = "2026.1",
                Title = "KL",
                Content = checklist,
                ContentSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(checklist))),
            },
            Steps =
            [
                new StepResult { Index = 0, Name = "Start", Outcome = StepOutcome.Passed, Events = [AuditEvent.DialogAnswered(AuditEvent.Dialogs.Alert, "Husk at gemme", accepted: true)] },
                new StepResult { Index = 1, Name = "Log ind", Outcome = StepOutcome.NotRun },
            ],
        };
    }
}
