using System.Text.Json;

namespace UsabilityLab.Core.Act;

/// <summary>
/// Writes an implementation report as EARL in JSON-LD, the form W3C's ACT implementation reports
/// are made from: one <c>TestSubject</c> per test case page, with one <c>Assertion</c> per
/// procedure (its outcome, <c>earl:automatic</c>, and the assertor), and the ACT rules and WCAG
/// success criteria each procedure is part of.
/// </summary>
public static class EarlReport
{
    /// <summary>The JSON-LD context the ACT community's EARL reports use.</summary>
    public const string Context = "https://act-rules.github.io/earl-context.json";

    public static async Task WriteAsync(ActImplementationReport report, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("@context", Context);
        json.WriteStartArray("@graph");
        var procedures = report.Procedures.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var page in report.Pages)
        {
            json.WriteStartObject();
            json.WriteString("@type", "TestSubject");
            json.WriteString("source", page.Case.Url);
            json.WriteStartArray("assertions");
            foreach (var (name, outcome) in page.Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("@type", "Assertion");
                json.WriteString("mode", "earl:automatic");
                json.WriteStartObject("assertedBy");
                json.WriteString("@type", "Assertor");
                json.WriteString("name", report.Name);
                json.WriteString("version", report.Version);
                json.WriteEndObject();
                json.WriteStartObject("test");
                json.WriteString("@type", "TestCase");
                json.WriteString("title", name);
                json.WriteStartArray("isPartOf");
                if (procedures.TryGetValue(name, out var procedure))
                {
                    foreach (var rule in procedure.ActRuleIds)
                    {
                        json.WriteStringValue($"https://www.w3.org/WAI/standards-guidelines/act/rules/{rule}/");
                    }

                    foreach (var criterion in procedure.Wcag)
                    {
                        json.WriteStringValue($"WCAG2:{criterion}");
                    }
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteStartObject("result");
                json.WriteString("@type", "TestResult");
                json.WriteString("outcome", "earl:" + ActSuite.Name(outcome));
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }
}
