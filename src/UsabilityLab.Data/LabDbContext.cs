using Microsoft.EntityFrameworkCore;
using UsabilityLab.Core.Assessments;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Data;

/// <summary>The UsabilityLab database: one SQLite file shared by the CLI (and later the web workbench).</summary>
public sealed class LabDbContext(DbContextOptions<LabDbContext> options) : DbContext(options)
{
    public DbSet<Vendor> Vendors => Set<Vendor>();

    public DbSet<Solution> Solutions => Set<Solution>();

    public DbSet<ChecklistVersion> ChecklistVersions => Set<ChecklistVersion>();

    public DbSet<Audit> Audits => Set<Audit>();

    public DbSet<StepResult> StepResults => Set<StepResult>();

    public DbSet<Finding> Findings => Set<Finding>();

    public DbSet<Evidence> Evidence => Set<Evidence>();

    public DbSet<Assessment> Assessments => Set<Assessment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LabDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite has no DateTimeOffset type; UTC ticks keep ordering and comparison in SQL right.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}
