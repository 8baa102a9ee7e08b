using System.Security.Cryptography;
using System.Text;
using UsabilityLab.Core.Audits;
using UsabilityLab.Data;

namespace UsabilityLab.Cli.Tests;

/// <summary>A finished audit of Nordlys' "Anmeld flytning" with the default checklist, stored without a browser.</summary>
internal static class StoredSample
{
    /// <summary>Stores the audit in the database at <paramref name="database"/> (created as needed) and returns its id.</summary>
    public static async Task<Guid> AuditAsync(string database)
    {
        var checklist = await File.ReadAllTextAsync(LabPaths.DefaultChecklist());
        var audit = new Audit
        {
            TaskId = "anmeld-flytning",
            TaskTitle = "Anmeld flytning",
            TaskScript = "id: anmeld-flytning",
            StartedAt = DateTimeOffset.UtcNow,
            FinishedAt = DateTimeOffset.UtcNow,
            Status = AuditStatus.Completed,
            TaskCompleted = true,
            Solution = new Solution { Name = "Anmeld flytning", BaseUrl = "http://127.0.0.1:1/x", Vendor = new Vendor { Name = "Nordlys Digital A/S" } },
            ChecklistVersion = new ChecklistVersion
            {
                ChecklistId = "kl-selvbetjening",
                Version = "2026.1",
                Title = "KL",
                Content = checklist,
                ContentSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(checklist))),
            },
            Steps = [new StepResult { Index = 0, Name = "Start", Outcome = StepOutcome.Passed }],
        };
        await using var db = await LabDatabase.OpenAsync(database);
        await new AuditStore(db).SaveAsync(audit);
        return audit.Id;
    }
}
