using System.Net;
using System.Text;
using System.Text.Json;
using UsabilityLab.Web.Services;

using UsabilityLab.Tests.Shared;

namespace UsabilityLab.Web.Tests;

/// <summary>The CSV and JSON exports carry the documented fields, in order, with stable ids.</summary>
[TestFixture]
[TestFixtureSource(typeof(TestDatabase), nameof(TestDatabase.Providers))]
public class ExportTests(string provider) : SeededWorkbenchFixture(provider)
{
    protected override string SeedText => "=HYPERLINK(\"http://x\") \"citat\"";

    [Test]
    public void Fields_AreTheOnesDocumented()
    {
        var documented = File.ReadAllLines(Path.Combine(TestWorkbench.RepositoryRoot, "docs", "eksport.md"))
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Split('`')[1])
            .ToList();
        Assert.That(FindingExportRow.Fields, Is.EqualTo(documented));
    }

    [Test]
    public async Task AuditCsv_HasHeaderAndOneRowPerFinding_WithFormulaCellsDefused()
    {
        using var vendor = await LabClient.LoginAsync(Workbench.BaseAddress, SeededWorld.NordlysUser);
        using var response = await vendor.GetAsync($"/gennemgange/{World.Nordlys.NewerAuditId}/fund.csv", "text/csv");
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentDisposition?.FileName, Does.EndWith(".csv"));
            Assert.That(lines[0], Is.EqualTo(string.Join(',', FindingExportRow.Fields)));
            Assert.That(lines, Has.Length.EqualTo(2), "the newer audit has one finding");
            Assert.That(lines[1], Does.StartWith($"\"UL-{World.Nordlys.TrackedFindingId}\","));
            Assert.That(lines[1], Does.Contain("\"'=HYPERLINK(\"\"http://x\"\") \"\"citat\"\"\""), "a formula is quoted and prefixed");
        });
    }

    [Test]
    public async Task AuditCsv_ForDanishSpreadsheets_IsSplitBySemicolons_WithTheSameFields()
    {
        using var vendor = await LabClient.LoginAsync(Workbench.BaseAddress, SeededWorld.NordlysUser);
        using var response = await vendor.GetAsync($"/gennemgange/{World.Nordlys.NewerAuditId}/fund.csv?adskiller=semikolon", "text/csv");
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentDisposition?.FileName, Does.EndWith("-semikolon.csv"));
            Assert.That(lines[0], Is.EqualTo(string.Join(';', FindingExportRow.Fields)));
            Assert.That(lines[1], Does.StartWith($"\"UL-{World.Nordlys.TrackedFindingId}\";"));
        });
    }

    [Test]
    public async Task SolutionJson_HasTheTrackedFindings_WithTheSameStableIdsInEveryAudit()
    {
        using var reviewer = await LabClient.LoginAsync(Workbench.BaseAddress, SeededWorld.Reviewer);
        using var solution = await reviewer.GetAsync($"/loesninger/{World.Nordlys.SolutionId}/fund.json", "application/json");
        using var older = await reviewer.GetAsync($"/gennemgange/{World.Nordlys.OlderAuditId}/fund.json", "application/json");
        using var all = JsonDocument.Parse(await solution.Content.ReadAsStringAsync());
        using var first = JsonDocument.Parse(await older.Content.ReadAsStringAsync());
        var rows = all.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var firstRows = first.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(all.RootElement.GetProperty("fields_version").GetInt32(), Is.EqualTo(1));
            Assert.That(rows.Select(r => r.GetProperty("state").GetString()), Is.EquivalentTo(new[] { "Open", "Verified" }), "the contrast problem was fixed in the newer audit");
            Assert.That(rows.Select(r => r.EnumerateObject().Select(p => p.Name).ToList()), Is.All.EqualTo(FindingExportRow.Fields));
            Assert.That(firstRows.Select(r => r.GetProperty("id").GetString()), Is.EquivalentTo(rows.Select(r => r.GetProperty("id").GetString())));
        });
    }
}
