using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Assessments;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Dialogue;

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

    public DbSet<StepResult> StepResults => Set<StepResult>();

    public DbSet<Finding> Findings => Set<Finding>();

    public DbSet<Evidence> Evidence => Set<Evidence>();

    public DbSet<Assessment> Assessments => Set<Assessment>();

    public DbSet<SolutionTask> SolutionTasks => Set<SolutionTask>();

    public DbSet<TrackedFinding> TrackedFindings => Set<TrackedFinding>();

    public DbSet<FindingChange> FindingChanges => Set<FindingChange>();

    public DbSet<FindingComment> FindingComments => Set<FindingComment>();

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
