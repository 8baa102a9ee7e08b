using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Data;

namespace UsabilityLab.Web.Tests;

/// <summary>What one vendor has in the seeded database: its ids, for building URLs.</summary>
public sealed record VendorWorld(string Name, int VendorId, int SolutionId, Guid OlderAuditId, Guid NewerAuditId, int EvidenceId, int TrackedFindingId);

/// <summary>
/// Two vendors, each with one solution audited twice (one finding fixed in between), screenshots on
/// disk, tracked findings, and an account for every role. Texts can carry a payload, for the
/// tests that check content from audited pages never runs in the workbench.
/// </summary>
public sealed record SeededWorld(VendorWorld Nordlys, VendorWorld Blokform)
{
    public const string Reviewer = "anmelder";
    public const string Facilitator = "facilitator";
    public const string Admin = "admin2";
    public const string NordlysUser = "nordlys";
    public const string BlokformUser = "blokform";

    /// <summary>A 1×1 PNG, the smallest real picture.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    public static async Task<SeededWorld> CreateAsync(TestWorkbench workbench, string text = "Billede uden alternativ tekst")
    {
        ArgumentNullException.ThrowIfNull(workbench);
        var checklist = File.ReadAllText(Path.Combine(TestWorkbench.RepositoryRoot, "checklists", "kl-selvbetjening.yaml"));
        var nordlys = await SeedVendorAsync(workbench, "Nordlys Digital A/S", checklist, text);
        var blokform = await SeedVendorAsync(workbench, "Blokform ApS", checklist, text);
        await workbench.CreateUserAsync(Reviewer, LabRoles.Reviewer);
        await workbench.CreateUserAsync(Facilitator, LabRoles.Facilitator);
        await workbench.CreateUserAsync(Admin, LabRoles.Admin);
        await workbench.CreateUserAsync(NordlysUser, LabRoles.Vendor, nordlys.VendorId);
        await workbench.CreateUserAsync(BlokformUser, LabRoles.Vendor, blokform.VendorId);
        return new SeededWorld(nordlys, blokform);
    }

    private static async Task<VendorWorld> SeedVendorAsync(TestWorkbench workbench, string vendor, string checklist, string text)
    {
        var older = Audit(vendor, checklist, text, new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero), withFixedOne: true);
        var newer = Audit(vendor, checklist, text, new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero), withFixedOne: false);
        foreach (var audit in new[] { older, newer })
        {
            var shot = audit.Steps[0].Screenshot!;
            var path = Path.Combine(workbench.EvidenceFolder, shot.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, Png);
        }

        return await workbench.WithDatabaseAsync(async db =>
        {
            var store = new AuditStore(db);
            await store.SaveAsync(older);
            await store.SaveAsync(newer);
            await new FindingTracker(db).CatchUpAsync();
            var solution = await db.Solutions.SingleAsync(s => s.Vendor.Name == vendor);
            var tracked = await db.TrackedFindings.Where(t => t.SolutionId == solution.Id).OrderBy(t => t.Id).FirstAsync();
            var evidence = await db.Evidence.Where(e => e.AuditId == newer.Id).Select(e => e.Id).FirstAsync();
            return new VendorWorld(vendor, solution.VendorId, solution.Id, older.Id, newer.Id, evidence, tracked.Id);
        });
    }

    private static Audit Audit(string vendor, string checklist, string text, DateTimeOffset at, bool withFixedOne)
    {
        var id = Guid.NewGuid();
        var screenshot = new Evidence { AuditId = id, RelativePath = $"{id:N}/trin-01.png", ContentType = "image/png", Sha256 = Convert.ToHexStringLower(SHA256.HashData(Png)), Bytes = Png.Length, Width = 1280, Height = 900 };
        var audit = new Audit
        {
            Id = id,
            TaskId = "anmeld-flytning",
            TaskTitle = "Anmeld flytning",
            TaskScript = "id: anmeld-flytning\ntitle: Anmeld flytning\nstart: /\nsteps:\n  - name: Start\n    do:\n      - expect: { text: Flytning }\n",
            StartedAt = at,
            FinishedAt = at.AddSeconds(12),
            Status = AuditStatus.Completed,
            TaskCompleted = true,
            AxeVersion = "4.14.0",
            Solution = new Solution { Name = "Anmeld flytning", BaseUrl = "http://127.0.0.1:9/flyt", Vendor = new Vendor { Name = vendor } },
            ChecklistVersion = new ChecklistVersion { ChecklistId = "kl-selvbetjening", Version = "2026.1", Title = "KL's tjekliste", Content = checklist, ContentSha256 = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(checklist))) },
            Steps = [new StepResult { Index = 0, Name = "Start", Outcome = StepOutcome.Passed, Url = "http://127.0.0.1:9/flyt", PageTitle = text, Screenshot = screenshot }],
        };
        audit.Findings.Add(Finding("image-alt", text, Severity.Critical, "1.1.1", screenshot));
        if (withFixedOne)
        {
            audit.Findings.Add(Finding("color-contrast", "Lav kontrast", Severity.Serious, "1.4.3", screenshot));
        }

        return audit;
    }

    private static Finding Finding(string rule, string text, Severity severity, string wcag, Evidence screenshot) => new()
    {
        CriterionId = "K11",
        Source = FindingSource.Axe,
        RuleId = rule,
        Severity = severity,
        Title = text,
        Description = text,
        StepIndex = 0,
        Selector = "img.logo",
        Html = text,
        Wcag = [wcag],
        Fingerprint = Fingerprints.For(FindingSource.Axe, rule, "Start", "img.logo"),
        Box = new ElementBox(10, 10, 200, 50),
        Evidence = screenshot,
    };
}
