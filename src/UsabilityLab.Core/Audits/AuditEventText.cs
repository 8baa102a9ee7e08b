namespace UsabilityLab.Core.Audits;

/// <summary>An audit's events (<see cref="AuditEvent"/>) said in Danish, as the pages and reports show them.</summary>
public static class AuditEventText
{
    public static string Danish(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var e = auditEvent;
        return e.Kind switch
        {
            AuditEventKind.BrowserRestarted => $"Chromium var lukket ned og blev startet igen før auditten ({e["times"]} gang(e) i denne kørsel).",
            AuditEventKind.PassStopped =>
                $"{(e["pass"] == AuditEvent.Passes.Keyboard ? "Gennemgangen med tastaturet" : "Afprøvningen af fejlhåndtering")} blev stoppet af en tidsgrænse " +
                $"(auditten {DanishText.Seconds(e.Number("auditTimeoutMs"))} s, eller et trin {DanishText.Seconds(e.Number("stepTimeoutMs"))} s efter hovedgennemløbet); dens fund er ikke med.",
            AuditEventKind.NotHtml => $"Trinnets dokument er ikke en HTML-side ({e["contentType"]}); UsabilityLabs sidekontroller er ikke kørt på det.",
            AuditEventKind.WindowOpened => $"Løsningen åbnede et nyt vindue: {(e["url"] is "" or "about:blank" ? "(tomt)" : e["url"])}.",
            AuditEventKind.FollowedWindow => $"Opgaven fortsætter i det nye vindue ({e["url"]}).",
            AuditEventKind.WindowClosed => $"Vinduet {e["url"]} lukkede; opgaven fortsætter i det første vindue.",
            AuditEventKind.PageCrashed => $"Siden gik ned i browseren (rendererprocessen stoppede): {e["url"]}.",
            AuditEventKind.ErrorStatus => $"Serveren svarede {e["status"]} {e["statusText"]} på {e["url"]}.",
            AuditEventKind.EgressRefused =>
                $"Løsningen bad browseren om {e["target"]}, en adresse inden for netværket (loopback, privat net, link-local eller metadata), som ikke er løsningens egen. " +
                "Forbindelsen blev afvist; intet derfra er hentet, kontrolleret eller gemt.",
            AuditEventKind.MovedByItself => $"Siden skiftede selv til {e["url"]}, uden at borgeren gjorde noget.",
            AuditEventKind.CookieBannerClosed => $"Cookiebanneret blev lukket med {e["button"]}.",
            AuditEventKind.DialogAnswered => $"{DialogName(e["dialog"])}{(e["message"] is "" ? "" : $" \"{e["message"]}\"")} blev besvaret med {(e.Flag("accepted") ? "OK" : "Annuller")}.",
            AuditEventKind.DownloadStarted => $"Løsningen startede en download: {e["file"]}.",
            AuditEventKind.DownloadUnfinished => "En download blev ikke færdig i tide og er ikke gemt som bevis.",
            AuditEventKind.DownloadTooLarge => $"Downloaden {e["file"]} fylder {e.Number("bytes") / 1024 / 1024} MB og er ikke gemt som bevis.",
            AuditEventKind.DownloadKept => $"Downloaden {e["file"]} ({e.Number("bytes").ToString("N0", DanishText.Culture)} bytes) er gemt som bevis ({e["evidence"]}).",
            AuditEventKind.DownloadFailed => $"Downloaden {e["file"]} fejlede: {e["error"]}.",
            AuditEventKind.FormTested => FormTested(e),
            AuditEventKind.FormNotTested when e["reason"] == "nothing-required" =>
                $"Fejlhåndtering ikke afprøvet (til vurdering): af de {e["optional"]} felter, scriptet udfylder, er intet påkrævet, så intet kunne efterlades tomt.",
            AuditEventKind.FormNotTested => $"Fejlhåndtering ikke afprøvet (til vurdering): afprøvningen stoppede på trin {e["step"]}: {e["error"]}.",
            _ => e["text"],
        };
    }

    /// <summary>True for the notes of the error-handling pass (tested or not, and why).</summary>
    public static bool IsErrorHandlingNote(AuditEvent auditEvent) =>
        auditEvent?.Kind is AuditEventKind.FormTested or AuditEventKind.FormNotTested;

    private static string FormTested(AuditEvent e)
    {
        var emptied = e["emptied"].Split(AuditEvent.FieldSeparator, StringSplitOptions.RemoveEmptyEntries);
        var tested = $"Fejlhåndtering afprøvet: sendt med {emptied.Length} påkrævede felter tomme ({string.Join(", ", emptied)})" +
            (e["kept"] is "" ? string.Empty : $" og {e["kept"]} udfyldt") + ".";
        return e.Flag("stayed")
            ? $"{tested} Siden blev stående; {e["tied"]} af {e["present"]} felter fik en fejltekst ved feltet; fejlen blev {(e.Flag("announced") ? "annonceret (opsummering eller fokus)" : "ikke annonceret")}."
            : $"{tested} Formularen blev sendt uden dem.";
    }

    private static string DialogName(string dialog) => dialog switch
    {
        AuditEvent.Dialogs.Alert => "En besked (alert)",
        AuditEvent.Dialogs.Confirm => "Et spørgsmål (confirm)",
        AuditEvent.Dialogs.Prompt => "En indtastning (prompt)",
        _ => "\"Vil du forlade siden?\" (beforeunload)",
    };
}
