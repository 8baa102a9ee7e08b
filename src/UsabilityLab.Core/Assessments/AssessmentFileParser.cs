using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace UsabilityLab.Core.Assessments;

/// <summary>The content of an assessment file: who assessed, and their assessments.</summary>
public sealed record AssessmentFile(string Reviewer, IReadOnlyList<Assessment> Assessments);

/// <summary>
/// Reads a reviewer's assessments from YAML or JSON (JSON is YAML too), checked against the
/// audit's checklist so an unknown criterion is reported with its position.
/// </summary>
public static class AssessmentFileParser
{
    private static readonly string[] _topFields = ["reviewer", "assessments"];
    private static readonly string[] _itemFields = ["criterion", "verdict", "severity", "comment"];

    public static AssessmentFile Load(string path, Checklist checklist, DateTimeOffset now) => Read(YamlDocumentReader.Load(path), checklist, now);

    public static AssessmentFile Parse(string file, string text, Checklist checklist, DateTimeOffset now) => Read(YamlDocumentReader.Parse(file, text), checklist, now);

    private static AssessmentFile Read(YamlDocumentReader reader, Checklist checklist, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        if (reader.AsMapping(reader.Root!, "en fil med vurderinger") is not { } root)
        {
            reader.ThrowIfErrors();
            throw new InvalidOperationException("unreachable");
        }

        var fields = reader.Fields(root, "filen", _topFields);
        var reviewer = reader.Required(fields, root, "reviewer", "filen") is { } reviewerNode ? reader.AsString(reviewerNode, "reviewer") : null;
        var assessments = new List<Assessment>();
        if (reader.Required(fields, root, "assessments", "filen") is { } listNode && reader.AsSequence(listNode, "assessments") is { } list)
        {
            foreach (var item in list.Children)
            {
                if (ReadItem(reader, item, checklist, reviewer ?? string.Empty, now) is { } assessment)
                {
                    if (assessments.Any(a => a.CriterionId == assessment.CriterionId))
                    {
                        reader.Error(item, $"kriteriet {assessment.CriterionId} er vurderet to gange i filen.");
                        continue;
                    }

                    assessments.Add(assessment);
                }
            }
        }

        reader.ThrowIfErrors();
        return new AssessmentFile(reviewer!, assessments);
    }

    private static Assessment? ReadItem(YamlDocumentReader reader, YamlNode node, Checklist checklist, string reviewer, DateTimeOffset now)
    {
        if (reader.AsMapping(node, "en vurdering") is not { } map)
        {
            return null;
        }

        var fields = reader.Fields(map, "vurderingen", _itemFields);
        string? criterionId = null;
        if (reader.Required(fields, map, "criterion", "vurderingen") is { } criterionNode && reader.AsString(criterionNode, "criterion") is { } id)
        {
            if (checklist.Criteria.Any(c => c.Id == id))
            {
                criterionId = id;
            }
            else
            {
                var suggestion = YamlDocumentReader.Suggest(id, checklist.Criteria.Select(c => c.Id));
                reader.Error(criterionNode, $"kriteriet '{id}' findes ikke i tjeklisten {checklist.Id} {checklist.Version}." +
                    (suggestion is null ? string.Empty : $" Mente du '{suggestion}'?"));
            }
        }

        AssessmentVerdict? verdict = null;
        if (reader.Required(fields, map, "verdict", "vurderingen") is { } verdictNode && reader.AsString(verdictNode, "verdict") is { } verdictText)
        {
            verdict = AssessmentVerdictNames.Parse(verdictText);
            if (verdict is null)
            {
                reader.Error(verdictNode, $"ukendt vurdering '{verdictText}'; brug bestået, ikke-bestået eller ikke-relevant.");
            }
        }

        Severity? severity = null;
        if (fields.TryGetValue("severity", out var severityField) && reader.AsString(severityField.Value, "severity") is { } severityText)
        {
            severity = SeverityNames.FromDanish(severityText);
            if (severity is null)
            {
                reader.Error(severityField.Value, $"ukendt alvorlighed '{severityText}'; brug kritisk, alvorlig, moderat eller mindre.");
            }
        }

        var comment = fields.TryGetValue("comment", out var commentField) ? reader.AsString(commentField.Value, "comment") ?? string.Empty : string.Empty;
        if (verdict == AssessmentVerdict.Failed && comment.Length == 0)
        {
            reader.Error(map, "en vurdering 'ikke-bestået' skal have en kommentar, der siger leverandøren, hvad der er galt.");
        }

        return criterionId is null || verdict is null
            ? null
            : new Assessment { CriterionId = criterionId, Verdict = verdict.Value, Severity = severity, Comment = comment, Reviewer = reviewer, AssessedAt = now };
    }
}
