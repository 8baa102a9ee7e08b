using System.Globalization;
using System.Text.RegularExpressions;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace UsabilityLab.Core.Checklists;

/// <summary>Reads checklist YAML files (see README, "Checklists").</summary>
public static partial class ChecklistParser
{
    private static readonly string[] _topFields = ["schema", "id", "version", "title", "areas", "criteria", "checks"];
    private static readonly string[] _areaFields = ["id", "title"];
    private static readonly string[] _criterionFields = ["id", "title", "description", "area", "severity", "wcag", "en", "evaluation", "fix"];
    private static readonly string[] _evaluationFields = ["axe", "checks", "manual"];

    public static Checklist Load(string path)
    {
        var reader = YamlDocumentReader.Load(path);
        return Read(reader, File.ReadAllText(path));
    }

    public static Checklist Parse(string file, string yaml) => Read(YamlDocumentReader.Parse(file, yaml), yaml);

    private static Checklist Read(YamlDocumentReader reader, string text)
    {
        if (reader.AsMapping(reader.Root!, "en tjekliste") is not { } root)
        {
            reader.ThrowIfErrors();
            throw new InvalidOperationException("unreachable");
        }

        var fields = reader.Fields(root, "tjeklisten", _topFields);
        if (reader.Required(fields, root, "schema", "tjeklisten") is { } schemaNode
            && reader.AsInt(schemaNode, "schema", 1, int.MaxValue) is { } schema
            && schema != Checklist.SchemaVersion)
        {
            reader.Error(schemaNode, string.Create(CultureInfo.InvariantCulture,
                $"tjeklisten er skrevet til skema {schema}, men denne version af UsabilityLab læser skema {Checklist.SchemaVersion}. Opdater UsabilityLab, eller brug en tjekliste i skema {Checklist.SchemaVersion}."));
        }

        var id = Text(reader, fields, root, "id", "tjeklisten");
        var version = Text(reader, fields, root, "version", "tjeklisten");
        var title = Text(reader, fields, root, "title", "tjeklisten");

        var areas = new List<ChecklistArea>();
        if (reader.Required(fields, root, "areas", "tjeklisten") is { } areasNode && reader.AsSequence(areasNode, "areas") is { } areaList)
        {
            foreach (var node in areaList.Children)
            {
                if (reader.AsMapping(node, "et område") is not { } map)
                {
                    continue;
                }

                var areaFields = reader.Fields(map, "området", _areaFields);
                var areaId = Text(reader, areaFields, map, "id", "området");
                var areaTitle = Text(reader, areaFields, map, "title", "området");
                if (areaId is null || areaTitle is null)
                {
                    continue;
                }

                if (areas.Any(a => a.Id == areaId))
                {
                    reader.Error(map, $"området '{areaId}' står to gange.");
                    continue;
                }

                areas.Add(new ChecklistArea(areaId, areaTitle));
            }
        }

        var criteria = new List<Criterion>();
        var ruleOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        YamlNode? catchAllNode = null;
        if (reader.Required(fields, root, "criteria", "tjeklisten") is { } criteriaNode && reader.AsSequence(criteriaNode, "criteria") is { } list)
        {
            foreach (var node in list.Children)
            {
                if (ReadCriterion(reader, node, areas) is not { } criterion)
                {
                    continue;
                }

                if (criteria.Any(c => c.Id == criterion.Id))
                {
                    reader.Error(node, $"kriteriet '{criterion.Id}' står to gange; hvert kriterium skal have sit eget id.");
                    continue;
                }

                foreach (var rule in criterion.Evaluation.AxeRules)
                {
                    if (!ruleOwners.TryAdd(rule, criterion.Id))
                    {
                        reader.Error(node, $"axe-reglen '{rule}' er knyttet til både {ruleOwners[rule]} og {criterion.Id}; en regel hører til ét kriterium.");
                    }
                }

                if (criterion.Evaluation.CatchAllAxe)
                {
                    if (catchAllNode is not null)
                    {
                        reader.Error(node, "kun ét kriterium må have axe: ['*'] (opsamling af regler, som intet andet kriterium dækker).");
                    }

                    catchAllNode = node;
                }

                criteria.Add(criterion);
            }

            if (catchAllNode is null && list.Children.Count > 0)
            {
                reader.Error(list, "ét kriterium skal have axe: ['*'], så fund fra regler, som intet kriterium dækker, stadig vises.");
            }

            if (criteria.Count > 0 && criteria.All(c => c.Evaluation.Checks.Contains(CheckNames.TaskCompletion) is false))
            {
                reader.Error(list, $"ét kriterium skal have checks: [{CheckNames.TaskCompletion}], så en opgave, der ikke kan gennemføres, bliver et fund.");
            }
        }

        var usedChecks = criteria.SelectMany(c => c.Evaluation.Checks).Distinct().ToList();
        var settings = CheckSettingsParser.Read(reader, fields.TryGetValue("checks", out var checksField) ? checksField.Value : null, usedChecks, root);

        reader.ThrowIfErrors();
        return new Checklist(id!, version!, title!, areas, criteria, reader.File, text) { Settings = settings };
    }

    private static Criterion? ReadCriterion(YamlDocumentReader reader, YamlNode node, List<ChecklistArea> areas)
    {
        if (reader.AsMapping(node, "et kriterium") is not { } map)
        {
            return null;
        }

        var fields = reader.Fields(map, "kriteriet", _criterionFields);
        var id = Text(reader, fields, map, "id", "kriteriet");
        var title = Text(reader, fields, map, "title", "kriteriet");
        var description = Text(reader, fields, map, "description", "kriteriet");
        var area = Text(reader, fields, map, "area", "kriteriet");
        if (area is not null && areas.Count > 0 && areas.All(a => a.Id != area))
        {
            reader.Error(fields["area"].Value, $"området '{area}' er ikke defineret under areas: ({string.Join(", ", areas.Select(a => a.Id))}).");
        }

        Severity? severity = null;
        if (Text(reader, fields, map, "severity", "kriteriet") is { } severityText)
        {
            severity = SeverityNames.FromDanish(severityText);
            if (severity is null)
            {
                reader.Error(fields["severity"].Value, $"ukendt alvorlighed '{severityText}'; brug kritisk, alvorlig, moderat eller mindre.");
            }
        }

        var wcag = new List<string>();
        if (fields.TryGetValue("wcag", out var wcagField))
        {
            foreach (var reference in reader.AsStringList(wcagField.Value, "wcag"))
            {
                if (WcagPattern().IsMatch(reference) && WcagTags.IsSuccessCriterion(reference))
                {
                    wcag.Add(reference);
                }
                else
                {
                    reader.Error(wcagField.Value, $"'{reference}' er ikke et WCAG 2.2-succeskriterium (fx 1.4.3); ret nummeret.");
                }
            }
        }

        // EN 301 549's clause for each WCAG reference (9 and the WCAG number, for web pages): named, it must be that clause.
        List<string>? en = null;
        if (fields.TryGetValue("en", out var enField))
        {
            en = [.. reader.AsStringList(enField.Value, "en")];
            var expected = En301549.WebClauses(wcag);
            foreach (var clause in en.Where(c => !expected.Contains(c)))
            {
                reader.Error(enField.Value, $"'{clause}' er ikke EN 301 549-afsnittet for kriteriets WCAG-numre (forventet {string.Join(", ", expected)}).");
            }
        }

        var evaluation = ReadEvaluation(reader, fields, map);
        string? fix = fields.TryGetValue("fix", out var fixField) ? reader.AsString(fixField.Value, "fix") : null;

        return id is null || title is null || description is null || area is null || severity is null || evaluation is null
            ? null
            : new Criterion(id, title, description, area, severity.Value, wcag, evaluation, fix, en);
    }

    private static Evaluation? ReadEvaluation(YamlDocumentReader reader, Dictionary<string, (YamlNode Key, YamlNode Value)> fields, YamlMappingNode owner)
    {
        if (reader.Required(fields, owner, "evaluation", "kriteriet") is not { } node)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: "manual" })
        {
            return new Evaluation([], false, [], Manual: true);
        }

        if (reader.AsMapping(node, "evaluation (eller 'manual')") is not { } map)
        {
            return null;
        }

        var evalFields = reader.Fields(map, "evaluation", _evaluationFields);
        var rules = evalFields.TryGetValue("axe", out var axeField) ? reader.AsStringList(axeField.Value, "evaluation.axe") : [];
        var catchAll = rules.Contains("*");
        if (catchAll && rules.Count > 1)
        {
            reader.Error(axeField.Value, "axe: ['*'] kan ikke kombineres med navngivne regler.");
        }

        foreach (var rule in rules.Where(r => r != "*" && !AxeRuleIdPattern().IsMatch(r)))
        {
            reader.Error(axeField.Value, $"'{rule}' ligner ikke et axe-regel-id (fx image-alt).");
        }

        var checks = evalFields.TryGetValue("checks", out var checksField) ? reader.AsStringList(checksField.Value, "evaluation.checks") : [];
        foreach (var check in checks.Where(c => !CheckNames.All.Contains(c)))
        {
            var suggestion = YamlDocumentReader.Suggest(check, CheckNames.All);
            reader.Error(checksField.Value, $"ukendt kontrol '{check}'." + (suggestion is null
                ? $" Kendte kontroller: {string.Join(", ", CheckNames.All)}."
                : $" Mente du '{suggestion}'?"));
        }

        var manual = evalFields.TryGetValue("manual", out var manualField) && (reader.AsBool(manualField.Value, "evaluation.manual") ?? false);
        if (rules.Count == 0 && checks.Count == 0 && !manual)
        {
            reader.Error(map, "evaluation skal angive axe-regler, checks eller manual: true.");
        }

        return new Evaluation(catchAll ? [] : rules, catchAll, checks, manual);
    }

    private static string? Text(YamlDocumentReader reader, Dictionary<string, (YamlNode Key, YamlNode Value)> fields, YamlMappingNode owner, string name, string what) =>
        reader.Required(fields, owner, name, what) is { } node ? reader.AsString(node, $"{what}.{name}") : null;

    [GeneratedRegex(@"^\d\.\d{1,2}\.\d{1,2}$")]
    private static partial Regex WcagPattern();

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex AxeRuleIdPattern();
}
