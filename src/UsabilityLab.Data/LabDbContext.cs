using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Assessments;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Dialogue;
using UsabilityLab.Core.Scans;
using UsabilityLab.Core.Studies;

namespace UsabilityLab.Data;

/// <summary>
/// The UsabilityLab database: one SQLite file shared by the CLI and the web workbench, accounts
/// and roles (ASP.NET Core Identity) included.
/// </summary>
public sealed class LabDbContext(DbContextOptions<LabDbContext> options) : IdentityDbContext<LabUser>(options)
{
    public DbSet<Vendor> Vendors => Set<Vendor>();

    public DbSet<Solution> Solutions => Set<Solution>();

    public DbSet<ChecklistVersion> ChecklistVersions => Set<ChecklistVersion>();

    public DbSet<Audit> Audits => Set<Audit>();

    public DbSet<Scan> Scans => Set<Scan>();

    public DbSet<StepResult> StepResults => Set<StepResult>();

    public DbSet<Finding> Findings => Set<Finding>();

    public DbSet<Advisory> Advisories => Set<Advisory>();

    public DbSet<Evidence> Evidence => Set<Evidence>();

    public DbSet<Assessment> Assessments => Set<Assessment>();

    public DbSet<SolutionTask> SolutionTasks => Set<SolutionTask>();

    public DbSet<TrackedFinding> TrackedFindings => Set<TrackedFinding>();

    public DbSet<FindingChange> FindingChanges => Set<FindingChange>();

    public DbSet<FindingComment> FindingComments => Set<FindingComment>();

    public DbSet<Study> Studies => Set<Study>();

    public DbSet<StudyTask> StudyTasks => Set<StudyTask>();

    public DbSet<Participant> Participants => Set<Participant>();

    public DbSet<StudySession> StudySessions => Set<StudySession>();

    public DbSet<TaskAttempt> TaskAttempts => Set<TaskAttempt>();

    public DbSet<SessionNote> SessionNotes => Set<SessionNote>();

    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();

    public DbSet<FindingClip> FindingClips => Set<FindingClip>();

    /// <summary>Who did what to accounts and to participants' personal data, newest last.</summary>
    public DbSet<AccountEvent> AccountEvents => Set<AccountEvent>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LabDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite has no DateTimeOffset type; UTC ticks keep ordering and comparison in SQL right.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}
