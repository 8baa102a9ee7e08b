using UsabilityLab.Core.Audits;

namespace UsabilityLab.Core.Tests;

public class AuditEventTextTests
{
    private static IEnumerable<TestCaseData> Sentences()
    {
        yield return new TestCaseData(AuditEvent.BrowserRestarted(2), "Chromium var lukket ned og blev startet igen før auditten (2 gang(e) i denne kørsel).");
        yield return new TestCaseData(AuditEvent.PassStopped(AuditEvent.Passes.Keyboard, 180_000, 30_500),
            "Gennemgangen med tastaturet blev stoppet af en tidsgrænse (auditten 180 s, eller et trin 30,5 s efter hovedgennemløbet); dens fund er ikke med.");
        yield return new TestCaseData(AuditEvent.PassStopped(AuditEvent.Passes.ErrorHandling, 60_000, 30_000),
            "Afprøvningen af fejlhåndtering blev stoppet af en tidsgrænse (auditten 60 s, eller et trin 30 s efter hovedgennemløbet); dens fund er ikke med.");
        yield return new TestCaseData(AuditEvent.WindowOpened("about:blank"), "Løsningen åbnede et nyt vindue: (tomt).");
        yield return new TestCaseData(AuditEvent.ErrorStatus(503, "Service Unavailable", "http://x/a"), "Serveren svarede 503 Service Unavailable på http://x/a.");
        yield return new TestCaseData(AuditEvent.DialogAnswered(AuditEvent.Dialogs.Confirm, "Er du sikker?", accepted: false), "Et spørgsmål (confirm) \"Er du sikker?\" blev besvaret med Annuller.");
        yield return new TestCaseData(AuditEvent.DialogAnswered(AuditEvent.Dialogs.BeforeUnload, "", accepted: true), "\"Vil du forlade siden?\" (beforeunload) blev besvaret med OK.");
        yield return new TestCaseData(AuditEvent.DownloadKept("kvittering.pdf", 1234567, "download-01.pdf"), "Downloaden kvittering.pdf (1.234.567 bytes) er gemt som bevis (download-01.pdf).");
        yield return new TestCaseData(AuditEvent.DownloadTooLarge("stor.zip", 12 * 1024 * 1024), "Downloaden stor.zip fylder 12 MB og er ikke gemt som bevis.");
        yield return new TestCaseData(AuditEvent.FormTested(["label \"Navn\"", "label \"Adresse\""], "label \"Email\"", stayed: true, present: 2, tied: 1, announced: false),
            "Fejlhåndtering afprøvet: sendt med 2 påkrævede felter tomme (label \"Navn\", label \"Adresse\") og label \"Email\" udfyldt. Siden blev stående; 1 af 2 felter fik en fejltekst ved feltet; fejlen blev ikke annonceret.");
        yield return new TestCaseData(AuditEvent.FormTested(["label \"Navn\""], null, stayed: false),
            "Fejlhåndtering afprøvet: sendt med 1 påkrævede felter tomme (label \"Navn\"). Formularen blev sendt uden dem.");
        yield return new TestCaseData(AuditEvent.FormNothingRequired(3),
            "Fejlhåndtering ikke afprøvet (til vurdering): af de 3 felter, scriptet udfylder, er intet påkrævet, så intet kunne efterlades tomt.");
        yield return new TestCaseData(AuditEvent.FormPassStopped(2, "siden svarede ikke"),
            "Fejlhåndtering ikke afprøvet (til vurdering): afprøvningen stoppede på trin 2: siden svarede ikke.");
        yield return new TestCaseData(AuditEvent.Said("En sætning fra før."), "En sætning fra før.");
    }

    [TestCaseSource(nameof(Sentences))]
    public void Danish_SaysTheFactsAsTheReportShowsThem(AuditEvent auditEvent, string expected) =>
        Assert.That(AuditEventText.Danish(auditEvent), Is.EqualTo(expected));

    [Test]
    public void Equality_IsByKindAndFacts()
    {
        var one = AuditEvent.DownloadStarted("a.pdf");
        var same = AuditEvent.DownloadStarted("a.pdf");
        Assert.Multiple(() =>
        {
            Assert.That(one, Is.EqualTo(same));
            Assert.That(one.GetHashCode(), Is.EqualTo(same.GetHashCode()));
            Assert.That(one, Is.Not.EqualTo(AuditEvent.DownloadStarted("b.pdf")));
            Assert.That(one, Is.Not.EqualTo(AuditEvent.DownloadFailed("a.pdf", "")));
        });
    }
}
