using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Studies;
using UsabilityLab.Data;

namespace UsabilityLab.Web.Tests;

/// <summary>What one vendor has in the seeded database: its ids, for building URLs.</summary>
public sealed record VendorWorld(string Name, int VendorId, int SolutionId, Guid OlderAuditId, Guid NewerAuditId, int EvidenceId, int TrackedFindingId, StudyWorld Study);

/// <summary>One vendor's study: a participant who consented, one finished attempt with a recording, trace, note and a clip on a finding.</summary>
public sealed record StudyWorld(int StudyId, int ParticipantId, int SessionId, int AttemptId, int NoteId, int ClipId);

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
    private static readonly byte[] _png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

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
            await File.WriteAllBytesAsync(path, _png);
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
            var study = await SeedStudyAsync(workbench, db, solution.Id, tracked.Id, text);
            return new VendorWorld(vendor, solution.VendorId, solution.Id, older.Id, newer.Id, evidence, tracked.Id, study);
        });
    }

    /// <summary>A study with one finished attempt, stored as a guided session stores it, and a clip of it on the finding.</summary>
    private static async Task<StudyWorld> SeedStudyAsync(TestWorkbench workbench, LabDbContext db, int solutionId, int findingId, string text)
    {
        var files = new SessionFiles(workbench.EvidenceFolder);
        var store = new StudyStore(db, TimeProvider.System);
        var study = await store.CreateStudyAsync(solutionId, text, "Jeg siger ja til optagelsen.", DateOnly.FromDateTime(DateTime.Today).AddDays(30), 90,
            [new NewStudyTask("Meld flytning", text, "Kvitteringen vises", "/flyt")], "Anne Anmelder");
        var participant = await store.AddParticipantAsync(study.Id, null, null);
        await store.RecordConsentAsync(participant.Id, "Fie Facilitator");
        var attempt = await store.StartAttemptAsync(participant.Id, study.Tasks[0].Id, "Fie Facilitator");

        var recording = SessionFiles.Recording(study.Id, participant.Id, attempt.Id);
        var trace = SessionFiles.Trace(study.Id, participant.Id, attempt.Id);
        var screenshot = SessionFiles.NoteScreenshot(study.Id, participant.Id, attempt.Id, Guid.NewGuid());
        var start = attempt.StartedAt.ToUnixTimeMilliseconds();
        var events = $$$"""
            [{"type":4,"data":{"href":"http://127.0.0.1:9/flyt","width":800,"height":600},"timestamp":{{{start + 100}}}},
             {"type":2,"data":{"node":{"type":0,"childNodes":[{"type":2,"tagName":"html","attributes":{},"childNodes":[{"type":2,"tagName":"body","attributes":{},"childNodes":[{"type":3,"textContent":"Flytning","id":4}],"id":3}],"id":2}],"id":1},"initialOffset":{"left":0,"top":0}},"timestamp":{{{start + 110}}}},
             {"type":3,"data":{"source":2,"type":2,"id":3,"x":10,"y":10},"timestamp":{{{start + 5000}}}}]
            """;
        Directory.CreateDirectory(Path.GetDirectoryName(files.Absolute(recording))!);
        await using (var output = File.Create(files.Absolute(recording)))
        await using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
        {
            await gzip.WriteAsync(System.Text.Encoding.UTF8.GetBytes(events));
        }

        await File.WriteAllBytesAsync(files.Absolute(trace), [0x50, 0x4b, 0x05, 0x06, .. new byte[18]]);
        await File.WriteAllBytesAsync(files.Absolute(screenshot), _png);
        var note = await store.AddNoteAsync(attempt.Id, NoteTag.Confusion, text, "Fie Facilitator", TimeSpan.FromSeconds(3), screenshot);
        await store.FinishAttemptAsync(attempt.Id, new AttemptEnd(AttemptOutcome.SucceededWithHelp, null, [new TimelineEntry { At = TimeSpan.FromSeconds(1), Kind = TimelineKind.Page, Text = text }], recording, new FileInfo(files.Absolute(recording)).Length, trace));
        var clip = await new ClipStore(db, files, TimeProvider.System).AttachClipAsync(findingId, attempt.Id, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(6), "Anne Anmelder");
        return new StudyWorld(study.Id, participant.Id, attempt.SessionId, attempt.Id, note.Id, clip.Id);
    }

    internal static Audit Audit(string vendor, string checklist, string text, DateTimeOffset at, bool withFixedOne)
    {
        var id = Guid.NewGuid();
        var screenshot = new Evidence { AuditId = id, RelativePath = $"{id:N}/trin-01.png", ContentType = "image/png", Sha256 = Convert.ToHexStringLower(SHA256.HashData(_png)), Bytes = _png.Length, Width = 1280, Height = 900 };
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

    internal static Finding Finding(string rule, string text, Severity severity, string wcag, Evidence screenshot) => new()
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
