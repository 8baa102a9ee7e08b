using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Core.Checks;

/// <summary>
/// WCAG 3.3.8 Accessible Authentication (Minimum): signing in must not depend on remembering or
/// transcribing. A sign-in field that refuses a paste makes the citizen type a password or a code
/// by hand; autocomplete="off" asks password managers and the browser not to fill it. Both are
/// findings. A puzzle (a CAPTCHA) may be allowed (object recognition, an alternative) or not: that
/// is for a reviewer to judge.
/// </summary>
public static partial class PageChecks
{
    private static readonly Dictionary<string, string> _authKinds = new(StringComparer.Ordinal)
    {
        ["username"] = "brugernavn",
        ["password"] = "adgangskode",
        ["code"] = "engangskode",
    };

    private static void AccessibleAuthenticationFindings(Audit audit, IReadOnlyList<StepObservation> observations, AddFinding add)
    {
        foreach (var observation in observations)
        {
            foreach (var field in observation.Facts.Auth ?? [])
            {
                var kind = _authKinds.GetValueOrDefault(field.Kind, field.Kind);
                if (field.PasteBlocked)
                {
                    add(CheckNames.AccessibleAuthentication, "indsaet", observation.Step,
                        $"Feltet til {kind} tillader ikke at indsætte",
                        $"Siden afviser at indsætte tekst i feltet \"{field.Label}\" på trinnet \"{observation.Step.Name}\". Borgeren må huske og skrive sin {kind} af tegn for tegn og kan ikke bruge en adgangskodemanager eller kopiere koden fra en sms (WCAG 3.3.8).",
                        measurement: "indsæt-hændelsen afvises",
                        selector: field.Selector, html: field.Html, box: field.ElementBox, wcag: ["3.3.8"]);
                }

                if (field.AutocompleteOff)
                {
                    add(CheckNames.AccessibleAuthentication, "autocomplete-off", observation.Step,
                        $"Feltet til {kind} slår udfyldning fra",
                        $"Feltet \"{field.Label}\" på trinnet \"{observation.Step.Name}\" har autocomplete=\"off\": browseren og adgangskodemanagere bedes om ikke at udfylde det, så borgeren må huske sin {kind}. Brug autocomplete=\"{(field.Kind == "password" ? "current-password" : field.Kind == "code" ? "one-time-code" : "username")}\" (WCAG 3.3.8).",
                        measurement: "autocomplete=\"off\"",
                        selector: field.Selector, html: field.Html, box: field.ElementBox, wcag: ["3.3.8"]);
                }
            }

            if (observation.Facts.Puzzles is { Count: > 0 } puzzles)
            {
                audit.Advisories.Add(new Advisory
                {
                    Kind = AdvisoryKind.NeedsReview,
                    Source = FindingSource.Check,
                    RuleId = $"{CheckNames.AccessibleAuthentication}/opgave",
                    StepIndex = observation.Step.Index,
                    Title = "Siden ser ud til at have en CAPTCHA eller en anden opgave",
                    Description = "Vurdér, om borgeren skal løse en kognitiv opgave for at komme videre (skrive forvrængede tegn af, regne, huske). WCAG 3.3.8 tillader det kun, når der er et alternativ uden opgaven, en hjælp til at løse den, eller når opgaven er at genkende genstande eller eget indhold.",
                    Wcag = ["3.3.8"],
                    Elements = [.. puzzles.Select(p => new AdvisoryElement(p.Selector, p.Html, null))],
                });
            }
        }
    }
}
