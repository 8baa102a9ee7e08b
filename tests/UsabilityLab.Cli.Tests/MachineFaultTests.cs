using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Audits;
using UsabilityLab.Data;
using UsabilityLab.DemoSites;
using UsabilityLab.Tests.Shared;

namespace UsabilityLab.Cli.Tests;

/// <summary>
/// What the machine does to an audit: the process killed at random moments, several processes on
/// one database file, a full disk, an evidence folder that cannot be written. Each runs the real
/// program against a real SQLite file and the demo vendors on a loopback server.
/// </summary>
[NonParallelizable]
public class MachineFaultTests
{
    private static readonly TimeSpan _runLimit = TimeSpan.FromMinutes(10);

    private DemoServer _server = null!;
    private DirectoryInfo _work = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await DemoServer.StartAsync(faultPages: true);

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [SetUp]
    public void CreateFolder() => _work = Directory.CreateTempSubdirectory("usabilitylab-maskine-");

    [TearDown]
    public void DeleteFolder()
    {
        Unmount(Path.Combine(_work.FullName, "data", "evidence"));
        _work.Delete(recursive: true);
    }

    /// <summary>
    /// Twenty audits, each killed with SIGKILL at a random moment between start-up and its end
    /// (seeded, so a failure can be replayed). After every kill the next run opens the same file.
    /// </summary>
    [Test]
    public async Task KilledAtRandomMoments_TwentyTimes_NothingIsLostOrShownComplete()
    {
        // Bounded as a whole, below the test run's 20-minute hang stop: once (in CI, not seen again in local runs)
        // this test waited for ever, and the stop took the rest of the project's tests with it. A wait that
        // does not end now fails this test alone, after the progress lines that say where it was.
        await KilledAtRandomMomentsAsync().WaitAsync(TimeSpan.FromMinutes(12));
    }

    private async Task KilledAtRandomMomentsAsync()
    {
        const int kills = 20;
        var seed = Environment.GetEnvironmentVariable("USABILITYLAB_KILL_SEED") is { } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        TestContext.Out.WriteLine($"Seed {seed} (USABILITYLAB_KILL_SEED={seed} replays it).");
        var random = new Random(seed);
        var finished = 0;
        for (var i = 0; i < kills; i++)
        {
            var vendor = _server.Solutions[i % 2];
            using var run = StartAudit(vendor, pdf: i % 4 == 0);

            // From before the database is opened to about when the audit ends (2-7 s here with the lean checklist).
            var moment = TimeSpan.FromMilliseconds(random.Next(200, 7_000));
            var exited = await Task.WhenAny(run.WaitAsync(_runLimit), Task.Delay(moment));
            if (exited is Task<int> { IsCompletedSuccessfully: true })
            {
                finished++;
            }

            run.Kill();
            TestContext.Progress.WriteLine($"kill {i + 1}: {(exited is Task<int> ? "had exited" : $"killed at {moment.TotalMilliseconds:0} ms")}");
            await AssertConsistentAsync(afterKill: i + 1);
        }

        // A last, whole run on the same file: the interrupted ones are marked, the new one completes (about 10 s).
        using (var last = StartAudit(_server.Solutions[0], pdf: false))
        {
            Assert.That(await last.WaitAsync(TimeSpan.FromMinutes(5)), Is.Zero, last.Output);
        }

        await using var db = await LabDatabase.OpenAsync(DatabasePath);
        var statuses = await db.Audits.Select(a => new { a.Status, a.FailureReason }).ToListAsync();
        TestContext.Out.WriteLine($"{kills} kills: {statuses.Count(s => s.Status == AuditStatus.Aborted)} audits marked interrupted, " +
            $"{statuses.Count(s => s.Status == AuditStatus.Completed) - 1} finished before their kill ({finished} processes had exited), none running.");
        Assert.Multiple(() =>
        {
            Assert.That(statuses.Select(s => s.Status), Has.None.EqualTo(AuditStatus.Running));
            Assert.That(statuses.Where(s => s.Status == AuditStatus.Aborted).Select(s => s.FailureReason), Is.All.EqualTo(FailureReason.Interrupted));
            Assert.That(statuses.Count(s => s.Status == AuditStatus.Completed), Is.GreaterThanOrEqualTo(1));
        });
    }

    [Test]
    public async Task TwoAuditsAndAReport_AtTheSameTime_OnOneDatabase_NeverLock()
    {
        using (var first = StartAudit(_server.Solutions[0], pdf: false))
        {
            Assert.That(await first.WaitAsync(_runLimit), Is.Zero, first.Output);
        }

        using var nordlys = StartAudit(_server.Solutions[0], pdf: false);
        using var blokform = StartAudit(_server.Solutions[1], pdf: false);
        var reports = new List<LabProcess>();
        try
        {
            // Reports again and again while both audits write (bounded: an audit that never ends fails below, it does not hang the run).
            var until = Stopwatch.StartNew();
            while ((!nordlys.HasExited || !blokform.HasExited) && until.Elapsed < _runLimit)
            {
                var report = LabProcess.Start(_work.FullName, "report", "latest", "--db", DatabasePath, "--reports", Path.Combine(_work.FullName, "reports"), "--no-pdf");
                reports.Add(report);
                Assert.That(await report.WaitAsync(_runLimit), Is.Zero, report.Output);
            }

            Assert.Multiple(async () =>
            {
                Assert.That(await nordlys.WaitAsync(_runLimit), Is.Zero, nordlys.Output);
                Assert.That(await blokform.WaitAsync(_runLimit), Is.Zero, blokform.Output);
            });
            var all = string.Concat(reports.Select(r => r.Output)) + nordlys.Output + blokform.Output;
            Assert.That(all, Does.Not.Contain("locked").IgnoreCase);
            TestContext.Out.WriteLine($"{reports.Count} reports written while two audits ran.");
        }
        finally
        {
            reports.ForEach(r => r.Dispose());
        }

        await using var db = await LabDatabase.OpenAsync(DatabasePath);
        Assert.That(await db.Audits.CountAsync(a => a.Status == AuditStatus.Completed), Is.EqualTo(3));
        await AssertConsistentAsync(afterKill: 0);
    }

    [Test]
    public async Task Plan_WithBrokenSolutions_AuditsEveryOne_InOneRun()
    {
        await WriteOnwardScriptAsync();
        var plan = Path.Combine(_work.FullName, "plan.yaml");
        await File.WriteAllTextAsync(plan, $"""
            audits:
              - vendor: Fejl 500 A/S
                url: {_server.BaseUrl}/fejl/status/500
                script: videre.yaml
              - vendor: Fastlåst ApS
                url: {_server.BaseUrl}/fejl/fastlaast
                script: videre.yaml
              - vendor: {_server.Solutions[0].Vendor.VendorName}
                url: {_server.Solutions[0].BaseUrl}
                script: {DemoServer.TaskScriptPath}
            """);

        // The stuck page is stopped by the step limit, below the page-load limit, so that limit decides every time.
        var run = await CliRun.RunAsync("run", plan, "--db", DatabasePath, "--reports", Path.Combine(_work.FullName, "reports"), "--no-pdf", "--timeout", "5", "--step-timeout", "12");

        Assert.That(run.ExitCode, Is.Zero, run.Output);
        await using var db = await LabDatabase.OpenAsync(DatabasePath);
        var audits = await db.Audits.AsNoTracking().Include(a => a.Solution).ThenInclude(s => s.Vendor).ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(audits.Select(a => a.Status), Is.All.EqualTo(AuditStatus.Completed));
            Assert.That(audits.Single(a => a.Solution.Vendor.Name == "Fejl 500 A/S").FailureReason, Is.EqualTo(FailureReason.HttpError));
            Assert.That(audits.Single(a => a.Solution.Vendor.Name == "Fastlåst ApS").FailureReason, Is.EqualTo(FailureReason.StepTimeout));
            Assert.That(audits.Single(a => a.Solution.Vendor.Name == _server.Solutions[0].Vendor.VendorName).TaskCompleted, Is.True, "the working solution after two broken ones");
        });
    }

    /// <summary>
    /// A plan of four solutions (the two demo vendors, one whose server never answers, one that answers 500) run
    /// three at a time gives each solution exactly the result it gets when the plan runs one at a
    /// time: the same verdict, step outcomes and findings. The hanging one holds up no other.
    /// </summary>
    [Test]
    public async Task Plan_ThreeAtATime_WithOneHanging_GivesEachTheResultItGetsAlone()
    {
        var plan = Path.Combine(_work.FullName, "plan.yaml");
        await WriteOnwardScriptAsync();
        await File.WriteAllTextAsync(plan, $"""
            audits:
              - vendor: {_server.Solutions[0].Vendor.VendorName}
                url: {_server.Solutions[0].BaseUrl}
                script: {DemoServer.TaskScriptPath}
              - vendor: Svarer ikke ApS
                url: {_server.BaseUrl}/fejl/svarer-ikke
                script: videre.yaml
              - vendor: {_server.Solutions[1].Vendor.VendorName}
                url: {_server.Solutions[1].BaseUrl}
                script: {DemoServer.TaskScriptPath}
              - vendor: Fejl 500 A/S
                url: {_server.BaseUrl}/fejl/status/500
                script: videre.yaml
            """);

        var together = await RunPlanAsync(plan, "sammen", 3);
        var alone = await RunPlanAsync(plan, "hver-for-sig", 1);

        Assert.Multiple(() =>
        {
            Assert.That(together.Keys, Is.EquivalentTo(alone.Keys));
            Assert.That(together.Keys, Has.Count.EqualTo(4));
            foreach (var (vendor, result) in alone)
            {
                Assert.That(together[vendor], Is.EqualTo(result), vendor);
            }

            Assert.That(alone["Svarer ikke ApS"], Does.StartWith("Completed task=False"), "the hanging one hung until its limits stopped it");
            Assert.That(alone[_server.Solutions[0].Vendor.VendorName], Does.StartWith("Completed task=True"));
        });
    }

    /// <summary>videre.yaml in the work folder: follow the link "Videre" to a page titled "Færdig", for the plans' broken solutions.</summary>
    private Task WriteOnwardScriptAsync() => File.WriteAllTextAsync(Path.Combine(_work.FullName, "videre.yaml"), """
        id: videre
        title: Videre
        start: /
        steps:
          - name: Første side
            do:
              - click: { role: link, name: "Videre" }
          - name: Færdig
            expect:
              - title: "Færdig"
        """);

    /// <summary>
    /// Runs the plan into a database of its own; per vendor, what the audit found, as one comparable
    /// line. The step limit is above the page-load limit, so the server that never answers fails by
    /// the page-load time-out every time, not by whichever limit a millisecond decides.
    /// </summary>
    private async Task<Dictionary<string, string>> RunPlanAsync(string plan, string name, int parallel)
    {
        var database = Path.Combine(_work.FullName, name, "lab.db");
        var run = await CliRun.RunAsync("run", plan, "--parallel", parallel.ToString(CultureInfo.InvariantCulture), "--db", database,
            "--reports", Path.Combine(_work.FullName, name, "reports"), "--no-pdf", "--timeout", "5", "--page-timeout", "8", "--step-timeout", "20");
        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(run.Output, Does.Contain("[4/4]").And.Contain("Sammenligning"), "every audit's summary, in the plan's order, and the comparison");
        await using var db = await LabDatabase.OpenAsync(database);
        var audits = await db.Audits.AsNoTracking().Include(a => a.Solution).ThenInclude(s => s.Vendor).Include(a => a.Steps).Include(a => a.Findings).ToListAsync();
        return audits.ToDictionary(a => a.Solution.Vendor.Name, a =>
            $"{a.Status} task={a.TaskCompleted} {a.FailureReason} at {a.FailedStepIndex} keyboard={a.KeyboardCompleted} · "
            + string.Join(" ", a.Steps.OrderBy(s => s.Index).Select(s => $"{s.Index}:{s.Outcome}")) + " · "
            + string.Join(" ", a.Findings.Select(f => $"{f.RuleId}@{f.StepIndex}:{f.Fingerprint[..8]}").Order(StringComparer.Ordinal)));
    }

    [Test]
    public async Task DiskFull_GivesAClearError_AndLeavesNothingHalfStored()
    {
        // 48 kB of disk for the evidence: the start-up check passes, the screenshots soon do not fit.
        var evidence = Path.Combine(_work.FullName, "data", "evidence");
        if (!Mount(evidence, "size=48k"))
        {
            Assert.Ignore("This machine does not allow mounting a small tmpfs (needs root and mount rights), so a full disk cannot be made here.");
        }

        using var run = StartAudit(_server.Solutions[1], pdf: false, lean: false);
        var code = await run.WaitAsync(_runLimit);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), run.Output);
            Assert.That(OneLine(run.Output), Does.Contain("Kunne ikke gemme").And.Contain("plads på disken"));
            Assert.That(Directory.EnumerateFiles(evidence, "*.tmp-*", SearchOption.AllDirectories), Is.Empty, "no half-written file is left");
        });
        await using var db = await LabDatabase.OpenAsync(DatabasePath);
        var audit = await db.Audits.SingleAsync();
        Assert.Multiple(() =>
        {
            Assert.That(audit.Status, Is.EqualTo(AuditStatus.Aborted));
            Assert.That(audit.FailureReason, Is.EqualTo(FailureReason.StorageFailed));
        });
        await AssertConsistentAsync(afterKill: 0);
    }

    [Test]
    public async Task EvidenceFolderNotWritable_GivesAClearError_AndStoresNothing()
    {
        var evidence = Path.Combine(_work.FullName, "data", "evidence");
        if (!Mount(evidence, "ro"))
        {
            // Without mount rights: a file where the folder should be cannot be written into either.
            Directory.CreateDirectory(Path.GetDirectoryName(evidence)!);
            await File.WriteAllTextAsync(evidence, "ikke en mappe");
        }

        using var run = StartAudit(_server.Solutions[0], pdf: false);
        var code = await run.WaitAsync(_runLimit);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), run.Output);
            Assert.That(OneLine(run.Output), Does.Contain("kan ikke skrives").And.Contain("evidence"));
            Assert.That(File.Exists(DatabasePath), Is.False, "nothing is stored: the check comes before the database is opened");
        });
    }

    /// <summary>The console wraps long lines at its width; the tests read the words.</summary>
    private static string OneLine(string output) => System.Text.RegularExpressions.Regex.Replace(output, @"\s*\n\s*", " ");

    private string DatabasePath => Path.Combine(_work.FullName, "data", "lab.db");

    /// <param name="lean">With the lean checklist (most tests here are about the storing around the audit, not its checks; it halves each audit); else the shipped one.</param>
    private LabProcess StartAudit(DemoSolution solution, bool pdf, bool lean = true)
    {
        var args = new List<string>
        {
            "audit", "--script", DemoServer.TaskScriptPath, "--url", solution.BaseUrl, "--vendor", solution.Vendor.VendorName,
            "--db", DatabasePath, "--reports", Path.Combine(_work.FullName, "reports"),
        };
        if (lean)
        {
            args.AddRange(["--checklist", LeanChecklist.WriteTo(_work.FullName)]);
        }

        if (!pdf)
        {
            args.Add("--no-pdf");
        }

        return LabProcess.Start(_work.FullName, [.. args]);
    }

    /// <summary>
    /// The file passes SQLite's own check; every audit shown as completed has all its steps; every
    /// evidence row names a whole file (its SHA-256 matches); and once the database has been opened
    /// again, no audit is left running and no temporary file is left in the evidence.
    /// </summary>
    private async Task AssertConsistentAsync(int afterKill)
    {
        if (!File.Exists(DatabasePath))
        {
            return;
        }

        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            Assert.That(await check.ExecuteScalarAsync(), Is.EqualTo("ok"), $"after kill {afterKill}");
        }

        // Opening runs the recovery, as the next run of the program does.
        TestContext.Progress.WriteLine($"  after kill {afterKill}: integrity checked; opening");
        await using var db = await LabDatabase.OpenAsync(DatabasePath);
        TestContext.Progress.WriteLine($"  after kill {afterKill}: opened");
        var audits = await db.Audits.AsNoTracking().Include(a => a.Steps).Include(a => a.Evidence).ToListAsync();
        var evidenceRoot = LabDatabase.EvidenceFolder(DatabasePath);
        Assert.Multiple(() =>
        {
            Assert.That(audits.Where(a => a.Status == AuditStatus.Running).Select(a => a.Id), Is.Empty, $"after kill {afterKill}: no audit left running");
            foreach (var audit in audits.Where(a => a.Status == AuditStatus.Completed))
            {
                Assert.That(audit.Steps, Has.Count.EqualTo(5), $"after kill {afterKill}: a completed audit has every step");
                Assert.That(audit.FinishedAt, Is.Not.Null);
            }

            foreach (var evidence in audits.SelectMany(a => a.Evidence))
            {
                var path = Path.Combine(evidenceRoot, evidence.RelativePath);
                Assert.That(File.Exists(path), Is.True, $"after kill {afterKill}: {evidence.RelativePath} exists");
                if (File.Exists(path))
                {
                    Assert.That(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), Is.EqualTo(evidence.Sha256), $"after kill {afterKill}: {evidence.RelativePath} is whole");
                }
            }

            if (Directory.Exists(evidenceRoot))
            {
                var interrupted = audits.Where(a => a.Status != AuditStatus.Completed).Select(a => a.Id.ToString("N")).ToHashSet();
                Assert.That(
                    Directory.EnumerateFiles(evidenceRoot, "*.tmp-*", SearchOption.AllDirectories).Where(f => interrupted.Contains(Path.GetFileName(Path.GetDirectoryName(f)!))),
                    Is.Empty,
                    $"after kill {afterKill}: half-written files of interrupted audits are cleaned up");
            }
        });
    }

    private static bool Mount(string folder, string options)
    {
        Directory.CreateDirectory(folder);
        using var mount = Process.Start("mount", ["-t", "tmpfs", "-o", options, "tmpfs", folder]);
        mount.WaitForExit();
        return mount.ExitCode == 0;
    }

    private static void Unmount(string folder)
    {
        if (Directory.Exists(folder) && File.ReadAllText("/proc/mounts").Contains(" " + folder + " ", StringComparison.Ordinal))
        {
            using var umount = Process.Start("umount", [folder]);
            umount.WaitForExit();
        }
    }
}
