using Microsoft.EntityFrameworkCore.Design;

namespace UsabilityLab.Data.Postgres;

/// <summary>
/// Lets <c>dotnet ef migrations add NAME --project src/UsabilityLab.Data.Postgres</c> build the
/// PostgreSQL model without a server (adding a migration never connects).
/// </summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<LabDbContext>
{
    public LabDbContext CreateDbContext(string[] args) => new(LabDatabase.Options("Host=localhost;Database=usabilitylab_design"));
}
