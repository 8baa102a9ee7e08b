using System.Globalization;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;

namespace UsabilityLab.Core.Checks;

/// <summary>
/// Checks that need the whole flow, step by step: what a citizen gave earlier and is asked for
/// again (WCAG 3.3.7 Redundant Entry), and help that moves between steps (WCAG 3.2.6 Consistent
/// Help). Pure functions over the steps' observations, like the page checks.
/// </summary>
public static partial class PageChecks
{
    /// <summary>Field types that hold typed text; a password is asked again for security, which WCAG 3.3.7 allows.</summary>
    private static readonly HashSet<string> _typedTypes = new(StringComparer.Ordinal) { "text", "email", "tel", "number", "date", "search", "url", "textarea" };

    /// <summary>
    /// A text field on a later step asks for the same thing as a field the script typed into on an
    /// earlier step (the same autocomplete purpose; without one, the same purpose by the
    /// input-purpose check's patterns, or the same label in the same fieldset), and it is empty when
    /// the step is reached: the citizen must type it again. A pre-filled field, a choice (select,
    /// radio) and a password are not judged.
    /// </summary>
    private static void RedundantEntryFindings(InputPurposeSettings? purposes, IReadOnlyList<StepObservation> observations, AddFinding add)
    {
        var given = new Dictionary<string, (StepObservation Observation, FieldFacts Field)>(StringComparer.Ordinal);
        foreach (var observation in observations.OrderBy(o => o.Step.Index))
        {
            var typed = observation.Facts.Fields.Where(f => _typedTypes.Contains(f.Type ?? "text")).ToList();
            foreach (var field in typed.Where(f => !f.Filled))
            {
                if (PurposeKey(field, purposes) is { } key && given.TryGetValue(key, out var earlier))
                {
                    add(CheckNames.RedundantEntry, "igen", observation.Step,
                        "Borgeren skal skrive det samme igen",
                        $"Feltet \"{field.Label}\" beder om det, borgeren allerede skrev i \"{earlier.Field.Label}\" på trinnet \"{earlier.Observation.Step.Name}\". Udfyld feltet på forhånd, eller lad borgeren vælge det, der allerede er givet (WCAG 3.3.7).",
                        measurement: $"givet på trin {(earlier.Observation.Step.Index + 1).ToString(CultureInfo.InvariantCulture)}, tomt igen på trin {(observation.Step.Index + 1).ToString(CultureInfo.InvariantCulture)}",
                        selector: field.Selector, html: field.Html, box: field.ElementBox, wcag: ["3.3.7"]);
                }
            }

            var entered = (observation.Entered ?? []).Select(NormalisedLabel).Where(e => e.Length >= 2).ToList();
            foreach (var field in typed.Where(f => entered.Any(e => Names(f, e))))
            {
                if (PurposeKey(field, purposes) is { } key)
                {
                    given.TryAdd(key, (observation, field));
                }
            }
        }

        static bool Names(FieldFacts field, string entered)
        {
            var label = NormalisedLabel(field.Label);
            return label.Length > 0 && (label == entered || label.StartsWith(entered + " ", StringComparison.Ordinal));
        }
    }

    /// <summary>What a field asks for: its autocomplete purpose, a purpose its label matches, or its label in its fieldset.</summary>
    private static string? PurposeKey(FieldFacts field, InputPurposeSettings? purposes)
    {
        var tokens = (field.Autocomplete ?? string.Empty).ToLowerInvariant()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(t => !t.StartsWith("section-", StringComparison.Ordinal) && t is not ("on" or "off"))
            .ToList();
        if (tokens.Count > 0)
        {
            return "ac:" + string.Join(' ', tokens);
        }

        var aboutSomeoneElse = purposes?.OtherPersonPattern?.IsMatch(field.Label) == true || purposes?.OtherPersonPattern?.IsMatch(field.Legend ?? string.Empty) == true;
        if (!aboutSomeoneElse && purposes?.Fields.FirstOrDefault(p => p.Match.IsMatch(field.Label)) is { } purpose)
        {
            return "ac:" + purpose.Tokens[0];
        }

        var label = NormalisedLabel($"{field.Legend} {field.Label}");
        return label.Length >= 2 ? "label:" + label : null;
    }

    private static string NormalisedLabel(string label) =>
        string.Join(' ', new string([.. label.ToLower(_danish).Select(c => char.IsLetterOrDigit(c) ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not ("valgfrit" or "skal" or "udfyldes")));

    /// <summary>
    /// Each kind of help (phone, e-mail, help or contact link) that appears on more than one step
    /// must stay in the same place relative to the content (before it, in it, after it), and the
    /// kinds in the same order. A step without help is not judged: WCAG 3.2.6 asks for the same
    /// place where help is repeated, not for help on every page.
    /// </summary>
    private static void ConsistentHelpFindings(IReadOnlyList<StepObservation> observations, AddFinding add)
    {
        var withHelp = observations.OrderBy(o => o.Step.Index).Where(o => o.Facts.Help is { Count: > 0 }).ToList();
        foreach (var kind in withHelp.SelectMany(o => o.Facts.Help!).Select(h => h.Kind).Distinct())
        {
            var places = withHelp
                .Select(o => (Observation: o, Help: o.Facts.Help!.FirstOrDefault(h => h.Kind == kind)))
                .Where(p => p.Help is not null)
                .ToList();
            var first = places[0];
            if (places.FirstOrDefault(p => p.Help!.Region != first.Help!.Region) is { Observation: not null } moved)
            {
                add(CheckNames.ConsistentHelp, "placering", moved.Observation.Step,
                    "Hjælpen står et andet sted end på de andre trin",
                    $"{HelpKind(kind)} står {RegionText(first.Help!.Region)} på trinnet \"{first.Observation.Step.Name}\", men {RegionText(moved.Help!.Region)} her. Borgeren skal kunne finde hjælpen samme sted på hvert trin (WCAG 3.2.6).",
                    measurement: string.Join("; ", places.Select(p => $"trin {(p.Observation.Step.Index + 1).ToString(CultureInfo.InvariantCulture)}: {RegionText(p.Help!.Region)}")),
                    selector: moved.Help.Selector, html: moved.Help.Html, wcag: ["3.2.6"]);
            }
        }

        // The kinds in order of appearance, on the steps that have more than one of them.
        var orders = withHelp
            .Select(o => (Observation: o, Order: o.Facts.Help!.Select(h => h.Kind).Distinct().ToList()))
            .Where(o => o.Order.Count > 1)
            .ToList();
        foreach (var (observation, order) in orders.Skip(1))
        {
            var reference = orders[0];
            var shared = order.Intersect(reference.Order).ToList();
            var referenceShared = reference.Order.Intersect(order).ToList();
            if (shared.Count > 1 && !shared.SequenceEqual(referenceShared))
            {
                add(CheckNames.ConsistentHelp, "raekkefoelge", observation.Step,
                    "Hjælpen står i en anden rækkefølge end på de andre trin",
                    $"På trinnet \"{reference.Observation.Step.Name}\" kommer {string.Join(", ", referenceShared.Select(HelpKind))} i den rækkefølge; her er rækkefølgen en anden. Borgeren skal kunne finde hjælpen samme sted på hvert trin (WCAG 3.2.6).",
                    measurement: $"{string.Join(" → ", referenceShared)} mod {string.Join(" → ", shared)}",
                    wcag: ["3.2.6"]);
                break;
            }
        }

        static string HelpKind(string kind) => kind switch
        {
            "phone" => "Telefonnummeret",
            "mail" => "E-mailadressen",
            _ => "Linket til hjælp eller kontakt",
        };

        static string RegionText(string region) => region switch
        {
            "before" => "før indholdet",
            "main" => "i indholdet",
            _ => "efter indholdet",
        };
    }
}
