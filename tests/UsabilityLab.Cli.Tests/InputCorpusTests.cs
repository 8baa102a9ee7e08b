using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Audits;
using UsabilityLab.Data;

namespace UsabilityLab.Cli.Tests;

/// <summary>
/// Broken task scripts, checklists, assessment files, arguments and configuration, as reviewers
/// write them by hand: each must give exit code 2, a message with the file, the line and what to
/// do, and leave the database exactly as it was. The files are in corpus/; the huge and binary
/// ones are made by the test.
/// </summary>
public class InputCorpusTests
{
    private DirectoryInfo _folder = null!;
    private Guid _auditId;

    private string Db => Path.Combine(_folder.FullName, "lab.db");

    private static string Corpus(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "corpus", name);

    [SetUp]
    public async Task StoreAnAuditAsync()
    {
        _folder = Directory.CreateTempSubdirectory("usabilitylab-korpus-");
        _auditId = await StoredSample.AuditAsync(Db);
        SqliteConnection.ClearAllPools();
    }

    [TearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    public static IEnumerable<TestCaseData> Scripts() => Directory
        .EnumerateFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "corpus"), "opgave-*.yaml")
        .Order(StringComparer.Ordinal)
        .Select(path => new TestCaseData(Path.GetFileName(path)).SetName($"Opgave {Path.GetFileName(path)}"));

    public static IEnumerable<TestCaseData> Checklists() => Directory
        .EnumerateFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "corpus"), "tjekliste-*.yaml")
        .Order(StringComparer.Ordinal)
        .Select(path => new TestCaseData(Path.GetFileName(path)).SetName($"Tjekliste {Path.GetFileName(path)}"));

    public static IEnumerable<TestCaseData> Plans() => Directory
        .EnumerateFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "corpus"), "plan-*.yaml")
        .Order(StringComparer.Ordinal)
        .Select(path => new TestCaseData(Path.GetFileName(path)).SetName($"Plan {Path.GetFileName(path)}"));

    [TestCaseSource(nameof(Plans))]
    public async Task BrokenPlan_IsRefusedWithFileAndLine(string name)
    {
        var file = Corpus(name);
        await AssertRefusedAsync(file, "run", file, "--db", Db, "--no-pdf");
    }

    [TestCaseSource(nameof(Scripts))]
    public async Task BrokenScript_IsRefusedWithFileAndLine(string name)
    {
        var file = Corpus(name);
        await AssertRefusedAsync(file, "audit", "--script", file, "--url", "http://127.0.0.1:1/", "--vendor", "Test", "--db", Db, "--no-pdf");
    }

    [TestCaseSource(nameof(Checklists))]
    public async Task BrokenChecklist_IsRefusedWithFileAndLine(string name)
    {
        var file = Corpus(name);
        await AssertRefusedAsync(file, "audit", "--script", Corpus("../demo-scripts/anmeld-flytning.yaml"), "--checklist", file, "--url", "http://127.0.0.1:1/", "--vendor", "Test", "--db", Db, "--no-pdf");
    }

    [Test]
    public async Task TenMegabyteScript_IsRefusedUnread()
    {
        var file = Path.Combine(_folder.FullName, "kaempe.yaml");
        var line = "# " + new string('x', 1021) + "\n";
        await File.WriteAllTextAsync(file, "id: test\ntitle: Test\nstart: /\n" + string.Concat(Enumerable.Repeat(line, 10 * 1024)));
        await AssertRefusedAsync(file, "audit", "--script", file, "--url", "http://127.0.0.1:1/", "--vendor", "Test", "--db", Db, "--no-pdf");
    }

    [Test]
    public async Task BinaryFileAsScript_IsRefused()
    {
        var file = Path.Combine(_folder.FullName, "skaermbillede.yaml");
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        "\x89PNG\r\n\x1a\n"u8.CopyTo(bytes);
        await File.WriteAllBytesAsync(file, bytes);
        await AssertRefusedAsync(file, "audit", "--script", file, "--url", "http://127.0.0.1:1/", "--vendor", "Test", "--db", Db, "--no-pdf");
    }

    [Test]
    public async Task AssessmentOfACriterionThatDoesNotExist_IsRefused()
    {
        var file = Corpus("vurdering-01-ukendt-kriterium.yaml");
        await AssertRefusedAsync(file, "assess", _auditId.ToString("N")[..8], "--file", file, "--db", Db, "--no-report");
    }

    [TestCase("--url", "ftp://127.0.0.1/", "--url skal være en fuld http- eller https-adresse")]
    [TestCase("--url", "ikke en adresse", "--url skal være en fuld http- eller https-adresse")]
    [TestCase("--timeout", "0", "--timeout skal ligge mellem 1 og 600")]
    [TestCase("--timeout", "ti", "--timeout skal være et helt tal, ikke 'ti'")]
    [TestCase("--step-timeout", "5", "--step-timeout (5 s) må ikke være kortere end --timeout")]
    [TestCase("--audit-timeout", "30", "--audit-timeout (30 s) må ikke være kortere end --step-timeout")]
    [TestCase("--set", "uden-lighedstegn", "navn=værdi")]
    [TestCase("--browser", "/findes/ikke/chromium", "--browser: /findes/ikke/chromium findes ikke")]
    [TestCase("--ukendt", "x", "--ukendt")]
    public async Task BadArgument_IsRefusedWithWhatToDo(string option, string value, string expected)
    {
        var args = new List<string> { "audit", "--script", Corpus("../demo-scripts/anmeld-flytning.yaml"), "--url", "http://127.0.0.1:1/", "--vendor", "Test", "--db", Db, "--no-pdf" };
        var existing = args.IndexOf(option);
        if (existing >= 0)
        {
            args[existing + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        await AssertRefusedByArgumentAsync(expected, [.. args]);
    }

    [Test]
    public async Task MissingRequiredArgument_IsRefused() =>
        await AssertRefusedByArgumentAsync("--vendor", "audit", "--script", Corpus("../demo-scripts/anmeld-flytning.yaml"), "--url", "http://127.0.0.1:1/", "--db", Db);

    [Test]
    public async Task ScriptThatDoesNotExist_IsRefused() =>
        await AssertRefusedByArgumentAsync("findes ikke", "audit", "--script", Path.Combine(_folder.FullName, "mangler.yaml"), "--url", "http://127.0.0.1:1/", "--vendor", "Test", "--db", Db);

    [Test]
    public async Task DatabaseThatIsNotADatabase_IsRefusedAndLeftAlone()
    {
        var notADatabase = Path.Combine(_folder.FullName, "noter.db");
        await File.WriteAllTextAsync(notADatabase, "Mine noter om Nordlys");
        var run = await CliRun.RunAsync("audits", "--db", notADatabase);

        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
            Assert.That(run.Output, Does.Contain("er ikke en SQLite-database"));
            Assert.That(await File.ReadAllTextAsync(notADatabase), Is.EqualTo("Mine noter om Nordlys"));
        });
    }

    [Test]
    public async Task DatabaseThatIsAFolder_IsRefused() =>
        await AssertRefusedByArgumentAsync("er en mappe", "audits", "--db", _folder.FullName);

    [Test]
    [NonParallelizable]
    public async Task BrowserEnvironmentVariableToNowhere_IsRefused()
    {
        var before = Environment.GetEnvironmentVariable("USABILITYLAB_CHROMIUM");
        Environment.SetEnvironmentVariable("USABILITYLAB_CHROMIUM", "/findes/ikke/chromium");
        try
        {
            await AssertRefusedByArgumentAsync("USABILITYLAB_CHROMIUM peger på /findes/ikke/chromium", "audit", "--script", Corpus("../demo-scripts/anmeld-flytning.yaml"), "--url", "http://127.0.0.1:1/", "--vendor", "Test", "--db", Db);
        }
        finally
        {
            Environment.SetEnvironmentVariable("USABILITYLAB_CHROMIUM", before);
        }
    }

    private async Task AssertRefusedByArgumentAsync(string expected, params string[] args)
    {
        var before = await SnapshotAsync();
        var run = await CliRun.RunAsync(args);
        TestContext.Out.WriteLine(run.Output);
        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
            Assert.That(run.Output, Does.Contain(expected));
            Assert.That(await SnapshotAsync(), Is.EqualTo(before), "the database is unchanged");
        });
    }

    private async Task AssertRefusedAsync(string file, params string[] args)
    {
        var before = await SnapshotAsync();
        var run = await CliRun.RunAsync(args);
        TestContext.Out.WriteLine(run.Output);
        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
            Assert.That(run.Output, Does.Match(@$"{System.Text.RegularExpressions.Regex.Escape(Path.GetFileName(file))}:\d+:\d+: \S"), "the file, line and column, then the message");
            Assert.That(run.Output, Does.Contain("Intet er skrevet"));
            Assert.That(await SnapshotAsync(), Is.EqualTo(before), "the database is unchanged");
        });
    }

    /// <summary>Every row of every table, as text: equal snapshots mean nothing was written.</summary>
    private async Task<string> SnapshotAsync()
    {
        var dump = new StringBuilder();
        await using (var connection = new SqliteConnection($"Data Source={Db};Mode=ReadOnly"))
        {
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables)
            {
                await using var select = connection.CreateCommand();
                select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
                await using var reader = await select.ExecuteReaderAsync();
                dump.Append(table).Append(':');
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        dump.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                    }

                    dump.Append('\n');
                }
            }
        }

        SqliteConnection.ClearAllPools();
        return $"{dump.Length} tegn, SHA-256 {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dump.ToString())))}";
    }
}
