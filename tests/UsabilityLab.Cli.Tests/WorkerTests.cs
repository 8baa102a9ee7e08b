using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hangfire.Storage.Monitoring;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Audits;
using UsabilityLab.Data;
using UsabilityLab.DemoSites;
using UsabilityLab.Jobs;
using UsabilityLab.Tests.Shared;

namespace UsabilityLab.Cli.Tests;

/// <summary>
/// Audits as jobs on a real PostgreSQL server: the plan queued with <c>run --queue</c>, two worker
/// processes taking them, one killed with SIGKILL in the middle of an audit.
/// </summary>
[NonParallelizable]
public partial class WorkerTests
{
    private const int Audits = 20;
    private static readonly TimeSpan _runLimit = TimeSpan.FromMinutes(15);

    private DemoServer _server = null!;
    private DirectoryInfo _work = null!;
    private string _database = string.Empty;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await DemoServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [SetUp]
    public void CreateFolder()
    {
        _work = Directory.CreateTempSubdirectory("usabilitylab-worker-");
        _database = TestDatabase.Location(TestDatabase.Postgres, _work.FullName);
    }

    [TearDown]
    public async Task DeleteAsync()
    {
        await TestDatabase.DropAsync(_database);
        _work.Delete(recursive: true);
    }

    /// <summary>
    /// Twenty audits of the demo vendors, two workers (one audit at a time each); the first worker is killed (its browser with it)
    /// while an audit of its own runs. Every audit ends completed, the killed one after the engine gave
    /// its job to the other worker; that audit's first run is marked interrupted; no job ran twice at once
    /// or completed twice; every evidence file the database names exists.
    /// </summary>
    [Test]
    public async Task TwoWorkers_OneKilledMidAudit_EveryAuditCompletes_OnceEach()
    {
        // The checks are not what this test is about: the lean checklist halves each audit's time.
        var checklist = LeanChecklist.WriteTo(_work.FullName);
        var plan = new StringBuilder("audits:\n");
        for (var i = 1; i <= Audits; i++)
        {
            // Mostly the well-made vendor, whose audit is the quicker one; every tenth the flawed one.
            var solution = _server.Solutions[i % 10 == 0 ? 1 : 0];
            plan.Append(CultureInfo.InvariantCulture, $"""
                  - vendor: {solution.Vendor.VendorName}
                    solution: Anmeld flytning {i:00}
                    url: {solution.BaseUrl}
                    script: {DemoServer.TaskScriptPath}
                    checklist: {checklist}

                """);
        }

        var planFile = Path.Combine(_work.FullName, "plan.yaml");
        await File.WriteAllTextAsync(planFile, plan.ToString());
        var queued = await CliRun.RunAsync("run", planFile, "--queue", "--db", _database);
        Assert.That(queued.ExitCode, Is.Zero, queued.Output);
        Assert.That(JobLine().Matches(queued.Output), Has.Count.EqualTo(Audits), queued.Output);

        using var first = StartWorker("worker-a");
        using var second = StartWorker("worker-b");
        var clock = Stopwatch.StartNew();

        // Kill the first worker while it runs an audit, after it has finished four (so both share most of the work).
        while (!(Count(first.Output, "færdig:") >= 4 && Count(first.Output, "starter:") > Count(first.Output, "færdig:")))
        {
            Assert.That(first.HasExited, Is.False, first.Output);
            Assert.That(clock.Elapsed, Is.LessThan(_runLimit), "worker-a never ran an audit:\n" + first.Output);
            await Task.Delay(100);
        }

        // "starter" is said before the audit is stored: wait until the job names its stored audit, so the kill lands inside it.
        var running = StartedJob().Matches(first.Output)[^1].Groups[1].Value;
        var storage = LabJobs.Storage(_database);
        while (JobAudit(storage, running) is null)
        {
            Assert.That(first.HasExited, Is.False, first.Output);
            Assert.That(clock.Elapsed, Is.LessThan(_runLimit), $"worker-a's job {running} never stored its audit:\n" + first.Output);
            await Task.Delay(50);
        }

        first.Kill();
        TestContext.Out.WriteLine($"worker-a killed after {clock.Elapsed.TotalSeconds:0.0} s in the middle of its audit no. {Count(first.Output, "starter:")}.");

        await using var db = new LabDbContext(LabDatabase.Options(_database));
        while (await db.Audits.CountAsync(a => a.Status == AuditStatus.Completed) < Audits)
        {
            Assert.That(second.HasExited, Is.False, second.Output);
            if (clock.Elapsed > _runLimit)
            {
                Assert.Fail($"not every audit completed; the queue:\n{await QueueAsync()}\nworker-b:\n{second.Output}");
            }

            await Task.Delay(250);
        }

        TestContext.Out.WriteLine($"{Audits} audits completed after {clock.Elapsed.TotalSeconds:0.0} s. worker-b:\n{second.Output}");
        var audits = await db.Audits.AsNoTracking().Include(a => a.Solution).Include(a => a.Evidence).ToListAsync();
        var monitoring = LabJobs.Storage(_database).GetMonitoringApi();
        var jobs = monitoring.SucceededJobs(0, 100).Select(j => monitoring.JobDetails(j.Key)).ToList();
        var retried = jobs.Where(j => Processings(j).Count > 1).ToList();
        Assert.Multiple(() =>
        {
            var completedPerSolution = audits.GroupBy(a => a.Solution.Name).Select(g => g.Count(a => a.Status == AuditStatus.Completed)).ToList();
            Assert.That(completedPerSolution, Has.Count.EqualTo(Audits), "every audit of the plan was run");
            Assert.That(completedPerSolution, Has.All.EqualTo(1), "every audit of the plan completed exactly once");
            var interrupted = audits.Where(a => a.Status != AuditStatus.Completed).ToList();
            Assert.That(interrupted.Select(a => (a.Status, a.FailureReason)), Is.EqualTo(new[] { (AuditStatus.Aborted, (FailureReason?)FailureReason.Interrupted) }),
                "the audit the kill stopped is marked interrupted, and only that one");
            if (interrupted.Count == 1)
            {
                var again = audits.Single(a => a.Solution.Name == interrupted[0].Solution.Name && a.Status == AuditStatus.Completed);
                Assert.That(again.StartedAt, Is.GreaterThan(interrupted[0].StartedAt), "the retry ran after the killed run, not beside it");
            }

            Assert.That(monitoring.SucceededListCount(), Is.EqualTo(Audits));
            Assert.That(monitoring.FailedCount(), Is.Zero);
            Assert.That(retried, Has.Count.EqualTo(1), "one job was taken again after its worker died");
            Assert.That(retried.SelectMany(Processings).Select(p => p.Data["ServerId"].Split(':')[0]).Distinct(), Is.EquivalentTo(new[] { "worker-a", "worker-b" }),
                "the retry ran on the other worker");
            Assert.That(audits.SelectMany(a => a.Evidence).Where(e => !File.Exists(Path.Combine(LabDatabase.EvidenceFolder(_database), e.RelativePath))), Is.Empty,
                "every evidence file the database names exists");
        });
    }

    /// <summary>The engine's queue table and the advisory locks held, for a failure's message.</summary>
    private async Task<string> QueueAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT 'queue ' || jobid || ' fetched ' || coalesce(fetchedat::text, '-') || ' now ' || now()::text FROM hangfire.jobqueue " +
            "UNION ALL SELECT 'lock ' || objid || ' pid ' || pid || ' granted ' || granted FROM pg_locks WHERE locktype = 'advisory'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new StringBuilder();
        while (await reader.ReadAsync())
        {
            lines.AppendLine(reader.GetString(0));
        }

        return lines.ToString();
    }

    private static List<StateHistoryDto> Processings(JobDetailsDto job) => [.. job.History.Where(h => h.StateName == "Processing")];

    private LabProcess StartWorker(string name) =>
        LabProcess.Start(_work.FullName, "worker", "--db", _database, "--name", name, "--parallel", "1", "--requeue-after", "10");

    private static int Count(string output, string word) => Regex.Count(output, Regex.Escape(word));

    [GeneratedRegex(@"^job \S+ i kø:", RegexOptions.Multiline)]
    private static partial Regex JobLine();

    [GeneratedRegex(@"job (\S+) starter:")]
    private static partial Regex StartedJob();

    /// <summary>The audit a job has stored (its job parameter), or null before the audit is stored.</summary>
    private static string? JobAudit(Hangfire.JobStorage storage, string jobId)
    {
        using var connection = storage.GetConnection();
        return connection.GetJobParameter(jobId, AuditJob.AuditIdParameter);
    }
}
