using System.Text;
using UsabilityLab.Core.Scripts;
using UsabilityLab.Core.Yaml;

namespace UsabilityLab.Core.Tests;

/// <summary>
/// Text uploaded through the workbench is parsed in the server process: a document that nests
/// too deep would overflow the stack and take live sessions with it, and aliases that repeat
/// aliases would stall it. Both are one error at file:line:column, before a node is built.
/// </summary>
public class YamlLimitsTests
{
    [Test]
    public void Parse_FiftyThousandNestedBrackets_IsOneErrorNotAStackOverflow()
    {
        var yaml = "id: x\ntitle: " + new string('[', 50_000) + new string(']', 50_000) + "\n";

        var error = Assert.Throws<InputException>(() => TaskScriptParser.Parse("t.yaml", yaml))!;

        var message = error.Errors.Single().ToString();
        Assert.That(message, Does.StartWith("t.yaml:2:"), "the place the limit was passed");
        Assert.That(message, Does.Contain($"mere end {YamlLimits.MaxDepth} niveauer"));
    }

    [Test]
    public void Parse_NestedMappingsPastTheLimit_AreRefused()
    {
        var yaml = new StringBuilder();
        for (var depth = 0; depth < YamlLimits.MaxDepth + 5; depth++)
        {
            yaml.Append(' ', depth * 2).Append('k').Append(depth).Append(":\n");
        }

        yaml.Append(' ', (YamlLimits.MaxDepth + 5) * 2).Append("v: 1\n");

        var error = Assert.Throws<InputException>(() => YamlDocumentReader.Parse("dyb.yaml", yaml.ToString()))!;

        Assert.That(error.Errors.Single().ToString(), Does.Match(@"^dyb\.yaml:\d+:\d+: .*niveauer"));
    }

    [Test]
    public void Parse_BillionLaughs_IsRefusedAtTheAliasThatPassesTheLimit()
    {
        var yaml = new StringBuilder("a: &a [\"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\"]\n");
        for (var level = 'b'; level <= 'j'; level++)
        {
            var previous = (char)(level - 1);
            yaml.Append(level).Append(": &").Append(level).Append(" [")
                .Append(string.Join(", ", Enumerable.Repeat("*" + previous, 10))).Append("]\n");
        }

        var error = Assert.Throws<InputException>(() => YamlDocumentReader.Parse("latter.yaml", yaml.ToString()))!;

        var message = error.Errors.Single().ToString();
        Assert.That(message, Does.Match(@"^latter\.yaml:\d+:\d+: "));
        Assert.That(message, Does.Contain("100.000 værdier").And.Contain("aliaser"));
    }

    [Test]
    public void Parse_TextOverTheSizeLimit_IsRefusedBeforeParsing()
    {
        var yaml = "id: x\ntitle: \"" + new string('a', (int)YamlDocumentReader.MaxFileBytes) + "\"\n";

        var error = Assert.Throws<InputException>(() => YamlDocumentReader.Parse("stor.yaml", yaml))!;

        Assert.That(error.Errors.Single().ToString(), Does.StartWith("stor.yaml:1:1: teksten fylder").And.Contain("kB er tilladt"));
    }

    [Test]
    public void Parse_AnOrdinaryScriptWithAFewAliases_IsRead()
    {
        var script = TaskScriptParser.Parse("t.yaml", """
            id: anmeld-flytning
            title: Anmeld flytning
            start: /
            data:
              adresse: &adresse Nørregade 1
            steps:
              - name: Adresse
                do:
                  - fill: { label: Ny adresse, value: *adresse }
            """);

        Assert.That(script.Steps, Has.Count.EqualTo(1));
    }
}
