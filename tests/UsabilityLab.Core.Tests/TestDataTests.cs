using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Core.Tests;

public class TestDataTests
{
    private static readonly TaskScript _script = TaskScriptParser.Parse("t.yaml", """
        id: x
        title: X
        start: /borger/${bruger}/
        data: { bruger: testborger, by: Aarhus }
        steps:
          - name: A
            do:
              - fill: { label: By, value: "${by} C" }
        """);

    [Test]
    public void Resolve_WithoutOverrides_UsesScriptDefaults()
    {
        var data = TestData.For(_script);

        Assert.That(data.Resolve(_script.Start), Is.EqualTo("/borger/testborger/"));
    }

    [Test]
    public void Resolve_WithOverride_UsesOverride()
    {
        var data = TestData.For(_script, new Dictionary<string, string> { ["by"] = "Odense" });

        Assert.That(data.Resolve(((FillAction)_script.Steps[0].Actions[0]).Value), Is.EqualTo("Odense C"));
    }

    [Test]
    public void For_OverrideOfUnknownName_IsInputErrorNamingKnownNames()
    {
        var error = Assert.Throws<InputException>(() => TestData.For(_script, new Dictionary<string, string> { ["bye"] = "Odense" }))!;

        Assert.That(error.Message, Does.Contain("'bye' findes ikke").And.Contain("bruger, by"));
    }
}
