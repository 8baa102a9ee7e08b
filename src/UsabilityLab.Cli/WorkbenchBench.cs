using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Dialogue;
using UsabilityLab.Data;
using UsabilityLab.Web;

using static UsabilityLab.Cli.BenchFormat;

namespace UsabilityLab.Cli;

/// <summary>
/// The workbench with a large history: seeds a fresh database with solutions × audits × findings,
/// starts the real server on 127.0.0.1, logs in as a reviewer and times the dashboard, an audit page
/// and a comparison over HTTP, printing median, p95 and max against the 200 ms goal.
/// </summary>
internal static partial class WorkbenchBench
{
    public const double GoalMs = 200;

    private static readonly string[] _figureNames = ["dashboard", "audit", "compare"];

    public static async Task<bool> RunAsync(IAnsiConsole console, int solutions, int auditsPerSolution, int findingsPerAudit, int requests, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("usabilitylab-webbench-");
        try
        {
            var database = Path.Combine(folder.FullName, "lab.db");
            var seed = Stopwatch.StartNew();
            var (auditIds, pairs) = await SeedAsync(database, solutions, auditsPerSolution, findingsPerAudit, cancellationToken);
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"Workbench: {solutions} løsninger × {auditsPerSolution} gennemgange × {findingsPerAudit} fund = {solutions * auditsPerSolution * findingsPerAudit:N0} fund, seedet på {seed.Elapsed.TotalSeconds:0.0} s ({new FileInfo(database).Length / 1024 / 1024} MB)"));

            await using var app = Workbench.Create([$"--urls=http://127.0.0.1:0", $"--{WorkbenchOptions.Section}:{nameof(WorkbenchOptions.Database)}={database}"]);
            await app.StartAsync(cancellationToken);
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<LabUser>>();
                var reviewer = new LabUser { UserName = "bench", DisplayName = "Bench" };
                await users.CreateAsync(reviewer, "bench-adgangskode-2026");
                await users.AddToRoleAsync(reviewer, LabRoles.Reviewer);
            }

            using var client = await LoginAsync(address, cancellationToken);
            var random = new Random(20261123);
            var table = new Table().AddColumns("Side", "Median ms", "p95 ms", "Maks ms", "p95 mod mål (200 ms)");
            var results = new List<(string Name, double P95)>();
            foreach (var (name, next) in new (string, Func<string>)[]
            {
                ("Overblik (alle løsninger)", () => "/"),
                ("En gennemgang (trin, fund, score)", () => $"/gennemgange/{auditIds[random.Next(auditIds.Count)]}"),
                ("Sammenligning af to gennemgange", () => { var (from, to) = pairs[random.Next(pairs.Count)]; return $"/sammenlign?fra={from}&til={to}"; }),
            })
            {
                var times = await TimeAsync(client, next, requests, cancellationToken);
                var p95 = Percentile(times, 0.95);
                results.Add((name, p95));
                table.AddRow(name, Ms(Percentile(times, 0.5)), Ms(p95), Ms(times.Max()), $"{(p95 <= GoalMs ? "[green]" : "[red]")}{Ms(p95 / GoalMs * 100)} %[/]");
            }

            console.Write(table);
            var figures = string.Join(' ', results.Select((r, i) => string.Create(CultureInfo.InvariantCulture, $"{_figureNames[i]}_p95_ms={r.P95:0.0}")));
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench-web: solutions={solutions} audits={solutions * auditsPerSolution} findings={solutions * auditsPerSolution * findingsPerAudit} requests={requests} {figures}"));
            await app.StopAsync(CancellationToken.None);
            return results.All(r => r.P95 <= GoalMs);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<List<double>> TimeAsync(HttpClient client, Func<string> next, int requests, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 3; i++)
        {
            using var warm = await client.GetAsync(next(), cancellationToken);
            warm.EnsureSuccessStatusCode();
        }

        var times = new List<double>();
        for (var i = 0; i < requests; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(next(), cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (response.StatusCode != HttpStatusCode.OK || body.Length == 0)
            {
                throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}.");
            }
        }

        return times;
    }

    private static async Task<HttpClient> LoginAsync(Uri address, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();

        // The login cookie is Secure (fine for a browser on loopback); this client is told the same.
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = address };
        var page = await client.GetStringAsync("/login", cancellationToken);
        var token = TokenPattern().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["brugernavn"] = "bench",
            ["adgangskode"] = "bench-adgangskode-2026",
        });
        using var response = await client.PostAsync("/login", form, cancellationToken);
        foreach (var header in response.Headers.GetValues("Set-Cookie"))
        {
            var pair = header.Split(';', 2)[0].Split('=', 2);
            cookies.Add(address, new Cookie(pair[0], pair[1]));
        }

        return client;
    }

    /// <summary>Writes the history straight into a fresh database: thousands of audits in a few seconds.</summary>
    private static async Task<(List<Guid> Audits, List<(Guid From, Guid To)> Pairs)> SeedAsync(string database, int solutions, int auditsPerSolution, int findingsPerAudit, CancellationToken cancellationToken)
    {
        var checklist = await File.ReadAllTextAsync(LabPaths.DefaultChecklist(), cancellationToken);
        var parsed = ChecklistParser.Parse(LabPaths.DefaultChecklist(), checklist);
        var auditIds = new List<Guid>();
        var pairs = new List<(Guid, Guid)>();
        await using var db = await LabDatabase.OpenAsync(database, cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var version = new ChecklistVersion { ChecklistId = parsed.Id, Version = parsed.Version, Title = parsed.Title, Content = checklist, ContentSha256 = new string('b', 64) };
        db.ChecklistVersions.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        var severities = Enum.GetValues<Severity>();
        var criteria = parsed.Criteria.Select(c => c.Id).ToList();
        var start = new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.Zero);
        var vendors = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < solutions; s++)
        {
            // Four solutions per vendor.
            var vendorName = $"Leverandør {s / 4 + 1:000}";
            var solution = new Solution { Name = $"Løsning {s + 1:000}", BaseUrl = $"https://loesning{s + 1}.example.dk" };
            if (vendors.TryGetValue(vendorName, out var vendorId))
            {
                solution.VendorId = vendorId;
            }
            else
            {
                solution.Vendor = new Vendor { Name = vendorName };
            }

            db.Solutions.Add(solution);
            Guid? previous = null;
            var tracked = new Dictionary<string, TrackedFinding>();
            for (var a = 0; a < auditsPerSolution; a++)
            {
                var audit = new Audit
                {
                    Solution = solution,
                    ChecklistVersionId = version.Id,
                    TaskId = "anmeld-flytning",
                    TaskTitle = "Anmeld flytning",
                    TaskScript = "id: anmeld-flytning",
                    StartedAt = start.AddDays(a * 14 + s % 14),
                    Status = AuditStatus.Completed,
                    TaskCompleted = a % 3 != 0,
                    FindingsTracked = true,
                    AxeVersion = "4.14.0",
                };
                audit.FinishedAt = audit.StartedAt.AddSeconds(12);
                for (var step = 0; step < 5; step++)
                {
                    var shot = new Evidence { AuditId = audit.Id, RelativePath = $"{audit.Id:N}/trin-{step + 1:00}.jpg", ContentType = "image/jpeg", Sha256 = new string('0', 64), Bytes = 1, Width = 1280, Height = 2000 };
                    audit.Evidence.Add(shot);
                    audit.Steps.Add(new StepResult { Index = step, Name = $"Trin {step + 1}", Outcome = StepOutcome.Passed, Url = solution.BaseUrl, PageTitle = $"Trin {step + 1}", Screenshot = shot });
                }

                // Findings drift: each audit keeps most of the last one's problems, fixes a few and has a few new.
                for (var f = 0; f < findingsPerAudit; f++)
                {
                    var key = f + a * 2;
                    var fingerprint = $"s{s}-f{key}";
                    var finding = new Finding
                    {
                        CriterionId = criteria[key % criteria.Count],
                        Source = FindingSource.Axe,
                        RuleId = $"regel-{key % 17}",
                        Severity = severities[key % severities.Length],
                        Title = $"Fund nummer {key}",
                        Description = "Elementet mangler et tilgængeligt navn, så skærmlæsere kan ikke læse det op.",
                        StepIndex = key % 5,
                        Selector = $"#element-{key}",
                        Html = $"<button id=\"element-{key}\"></button>",
                        Wcag = ["4.1.2"],
                        Fingerprint = fingerprint,
                        Box = new ElementBox(10, 10 + key * 3, 200, 40),
                        Evidence = audit.Evidence[key % 5],
                    };
                    audit.Findings.Add(finding);
                    if (!tracked.TryGetValue(fingerprint, out var item))
                    {
                        item = new TrackedFinding
                        {
                            Solution = solution, TaskId = audit.TaskId, Fingerprint = fingerprint, CriterionId = finding.CriterionId, RuleId = finding.RuleId,
                            Title = finding.Title, Severity = finding.Severity, StepName = $"Trin {finding.StepIndex + 1}", State = (FindingState)(key % 6),
                            FirstAuditId = audit.Id, FirstSeenAt = audit.StartedAt, UpdatedAt = audit.StartedAt,
                        };
                        tracked[fingerprint] = item;
                        db.TrackedFindings.Add(item);
                    }

                    item.LastSeenAuditId = audit.Id;
                }

                db.Audits.Add(audit);
                auditIds.Add(audit.Id);
                if (previous is { } before)
                {
                    pairs.Add((before, audit.Id));
                }

                previous = audit.Id;
            }

            // Fingerprints the last audit no longer has are verified.
            foreach (var item in tracked.Values.Where(t => t.LastSeenAuditId != previous))
            {
                item.State = FindingState.Verified;
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            vendors[vendorName] = solution.VendorId;
            db.ChangeTracker.Clear();
        }

        return (auditIds, pairs);
    }

    private static double Percentile(List<double> values, double share)
    {
        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(share * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }


    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
