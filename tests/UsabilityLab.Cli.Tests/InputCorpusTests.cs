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
    private string _lastOutput = string.Empty;

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

    /// <summary>
    /// What each corpus file is for: the file (when not the corpus file itself), the line and column,
    /// and the start of the message a reviewer must get. A file without its intended error here fails.
    /// </summary>
    private static readonly Dictionary<string, string> _intended = new(StringComparer.Ordinal)
    {
        ["opgave-01-tom.yaml"] = "1:1: filen er tom",
        ["opgave-02-kun-kommentarer.yaml"] = "1:1: filen er tom",
        ["opgave-03-yaml-syntaks.yaml"] = "5:11: ugyldig YAML: et anførselstegn er ikke lukket",
        ["opgave-04-tabulator.yaml"] = "5:1: linjen er rykket ind med tabulator",
        ["opgave-05-liste-i-roden.yaml"] = "1:1: en opgavebeskrivelse skal være en",
        ["opgave-06-ukendt-handling.yaml"] = "7:9: ukendt handling 'clik'. Mente du",
        ["opgave-07-ukendt-felt.yaml"] = "4:1: ukendt felt 'stpes' i opgaven",
        ["opgave-08-mangler-steps.yaml"] = "1:1: opgaven mangler det påkrævede felt 'steps'",
        ["opgave-09-tomme-steps.yaml"] = "4:8: steps er tom",
        ["opgave-10-trin-uden-navn.yaml"] = "5:5: trinnet mangler det påkrævede felt 'name'",
        ["opgave-11-dobbelt-trin.yaml"] = "8:5: trinnet 'Start' findes allerede",
        ["opgave-12-forkert-type.yaml"] = "4:8: steps skal være en liste",
        ["opgave-13-ukendt-rolle.yaml"] = "7:24: ukendt ARIA-rolle 'knap'",
        ["opgave-14-ukendt-data.yaml"] = "7:39: '${fornavn}' er ikke defineret",
        ["opgave-15-dobbelt-noegle.yaml"] = "3:1: ugyldig YAML: den samme nøgle står to gange",
        ["opgave-16-ugyldigt-id.yaml"] = "1:5: id 'Anmeld Flytning' må kun indeholde små",
        ["opgave-17-to-handlinger.yaml"] = "7:9: en handling skal have præcis én af",
        ["opgave-18-forkert-dialogs.yaml"] = "5:12: handle.dialogs er 'maaske'",
        ["opgave-19-forkert-follow.yaml"] = "7:17: follow er 'vindue'",
        ["opgave-20-latin1.yaml"] = "1:1: filen er ikke gyldig UTF-8 tekst",
        ["opgave-21-checked-ikke-sandt.yaml"] = "7:52: check.checked skal være true",
        ["opgave-22-tom-locator.yaml"] = "7:16: click mangler et element",
        ["opgave-23-ukendt-forventning.yaml"] = "7:9: ukendt felt 'farve'",
        ["opgave-24-fill-uden-vaerdi.yaml"] = "7:15: fill mangler det påkrævede felt 'value'",
        ["opgave-25-ukendt-handle-felt.yaml"] = "5:3: ukendt felt 'popups' i handle",
        ["opgave-26-alias-bombe.yaml"] = "6:8: dokumentet står for mere end 100.000 værdier, når dets aliaser (*navn) foldes ud",
        ["opgave-27-utf16.yaml"] = "1:1: filen er ikke gyldig UTF-8 tekst",
        ["plan-01-mangler-url.yaml"] = "2:5: gennemgangen mangler det påkrævede felt 'url'",
        ["plan-02-script-findes-ikke.yaml"] = "4:13: script-filen anmeld-flytnig.yaml",
        ["plan-03-ukendt-testdata.yaml"] = "2:5: set: brugerid=...: 'brugerid' findes",
        ["plan-04-fejl-i-script.yaml"] = "opgave-06-ukendt-handling.yaml:7:9: ukendt handling 'clik'",
        ["plan-05-ftp-adresse.yaml"] = "6:10: url skal være en fuld http- eller https-adresse",
        ["tjekliste-01-tom.yaml"] = "1:1: filen er tom",
        ["tjekliste-08-yaml-syntaks.yaml"] = "8:1: ugyldig YAML: en liste i firkantede parenteser er ikke lukket",
        ["tjekliste-09-kriterier-er-tekst.yaml"] = "8:11: criteria skal være en liste",
    };

    [TestCaseSource(nameof(Plans))]
    public async Task BrokenPlan_IsRefusedWithItsIntendedError(string name)
    {
        var file = Corpus(name);
        await AssertRefusedAsync(file, _intended[name], "run", file, "--db", Db, "--no-pdf");
    }

    [TestCaseSource(nameof(Scripts))]
    public async Task BrokenScript_IsRefusedWithItsIntendedError(string name)
    {
        var file = Corpus(name);
        await AssertRefusedAsync(file, _intended[name], "audit", "--script", file, "--url", "http://127.0.0.1:1/", "--vendor", "Test", "--db", Db, "--no-pdf");
    }

    [TestCaseSource(nameof(Checklists))]
    public async Task BrokenChecklist_IsRefusedWithItsIntendedError(string name)
    {
        var file = Corpus(name);
        await AssertRefusedAsync(file, _intended[name], "audit", "--script", Corpus("../demo-scripts/anmeld-flytning.yaml"), "--checklist", file, "--url", "http://127.0.0.1:1/", "--vendor", "Test", "--db", Db, "--no-pdf");
    }

    /// <summary>
    /// One change to the shipped checklist (the first place the text stands), the error it must give,
    /// and the line the error must point at: the changed line, or the line of <c>at</c>.
    /// </summary>
    public static IEnumerable<TestCaseData> ChecklistChanges()
    {
        static TestCaseData Change(string name, string find, string replace, string expected, string? at = null) =>
            new TestCaseData(find, replace, expected, at).SetName($"Tjekliste med {name}");
        yield return Change("nyere-skema", "schema: 1", "schema: 2", "tjeklisten er skrevet til skema 2");
        yield return Change("skema-er-tekst", "schema: 1", "schema: en", "schema skal være et helt tal");
        yield return Change("dobbelt-id", "  - id: K02", "  - id: K01", "kriteriet 'K01' står to gange");
        yield return Change("ukendt-kontrol", "checks: [progress]", "checks: [progres]", "ukendt kontrol 'progres'. Mente");
        yield return Change("ukendt-alvor", "severity: moderat", "severity: slem", "ukendt alvorlighed 'slem'");
        yield return Change("ukendt-omraade", "area: forventninger", "area: forventning", "området 'forventning' er ikke");
        yield return Change("ugyldig-wcag", "wcag: [\"2.4.8\"]", "wcag: [\"2.4.88\"]", "'2.4.88' er ikke et WCAG");
        yield return Change("regel-to-steder", "axe: [meta-viewport,", "axe: [html-has-lang, meta-viewport,", "axe-reglen 'html-has-lang' er", at: "  - id: K10");
        yield return Change("ugyldigt-moenster", "text-pattern: \"Trin \\\\d+ af \\\\d+\"", "text-pattern: \"Trin (\\\\d+ af\"", "text-pattern er ikke et");
        yield return Change("graense-er-tekst", "max-lix: 45", "max-lix: høj", "max-lix skal være et tal");
        yield return Change("ukendt-indstilling", "min-words: 30", "min-word: 30", "ukendt felt 'min-word'");
    }

    [TestCaseSource(nameof(ChecklistChanges))]
    public async Task ShippedChecklistWithOneMistake_IsRefusedAtThatLine(string find, string replace, string expected, string? at)
    {
        var shipped = await File.ReadAllTextAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "checklists", "kl-selvbetjening.yaml"));
        var index = shipped.IndexOf(find, StringComparison.Ordinal);
        Assert.That(index, Is.GreaterThanOrEqualTo(0), $"the shipped checklist has '{find}'");
        var changed = string.Concat(shipped.AsSpan(0, index), replace, shipped.AsSpan(index + find.Length));
        var anchor = at is null ? index : changed.IndexOf(at, StringComparison.Ordinal);
        var line = changed[..anchor].Count(c => c == '\n') + 1;
        var file = Path.Combine(_folder.FullName, "tjekliste.yaml");
        await File.WriteAllTextAsync(file, changed);

        await AssertRefusedAsync(file, $"{line}:", "audit", "--script", Corpus("../demo-scripts/anmeld-flytning.yaml"), "--checklist", file, "--url", "http://127.0.0.1:1/", "--vendor", "Test", "--db", Db, "--no-pdf");
        Assert.That(Joined(_lastOutput), Does.Contain(expected));
    }

    [Test]
    public async Task TenMegabyteScript_IsRefusedUnread()
    {
        var file = Path.Combine(_folder.FullName, "kaempe.yaml");
        var line = "# " + new string('x', 1021) + "\n";
        await File.WriteAllTextAsync(file, "id: test\ntitle: Test\nstart: /\n" + string.Concat(Enumerable.Repeat(line, 10 * 1024)));
        await AssertRefusedAsync(file, "1:1: filen fylder 10240 kB; højst 1024 kB er tilladt", "audit", "--script", file, "--url", "http://127.0.0.1:1/", "--vendor", "Test", "--db", Db, "--no-pdf");
    }

    [Test]
    public async Task BinaryFileAsScript_IsRefused()
    {
        var file = Path.Combine(_folder.FullName, "skaermbillede.yaml");
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        "\x89PNG\r\n\x1a\n"u8.CopyTo(bytes);
        await File.WriteAllBytesAsync(file, bytes);
        await AssertRefusedAsync(file, "1:1: filen er ikke gyldig UTF-8 tekst", "audit", "--script", file, "--url", "http://127.0.0.1:1/", "--vendor", "Test", "--db", Db, "--no-pdf");
    }

    [Test]
    public async Task AssessmentOfACriterionThatDoesNotExist_IsRefused()
    {
        var file = Corpus("vurdering-01-ukendt-kriterium.yaml");
        await AssertRefusedAsync(file, "6:16: kriteriet 'K42' findes ikke i tjeklisten", "assess", _auditId.ToString("N")[..8], "--file", file, "--db", Db, "--no-report");
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

    /// <param name="intended">
    /// "line:column: message start" in the file itself, or "other.yaml:line:column: message start"
    /// when the error is in a file the input names (a plan's script).
    /// </param>
    private async Task AssertRefusedAsync(string file, string intended, params string[] args)
    {
        var before = await SnapshotAsync();
        var run = await CliRun.RunAsync(args);
        TestContext.Out.WriteLine(run.Output);
        _lastOutput = run.Output;
        var where = intended.Contains(".yaml:", StringComparison.Ordinal) ? intended : $"{Path.GetFileName(file)}:{intended}";
        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
            Assert.That(Joined(run.Output), Does.Contain(where), "the file, line and column, then the intended message");
            Assert.That(run.Output, Does.Contain("Intet er skrevet"));
            Assert.That(await SnapshotAsync(), Is.EqualTo(before), "the database is unchanged");
        });
    }

    /// <summary>The output as one line: the terminal wraps long messages between words.</summary>
    private static string Joined(string output) => System.Text.RegularExpressions.Regex.Replace(output, @" *\r?\n *", " ");

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
