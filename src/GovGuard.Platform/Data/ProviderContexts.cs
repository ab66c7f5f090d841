using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GovGuard.Platform.Data;

/// <summary>The embedded default: one SQLite file. Times are stored as UTC ticks so they sort and compare in SQL.</summary>
public sealed class SqliteGovGuardDbContext(DbContextOptions<SqliteGovGuardDbContext> options) : GovGuardDbContext(options)
{
    public override DatabaseKind Kind => DatabaseKind.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>PostgreSQL, for clusters and large installations.</summary>
public sealed class PostgresGovGuardDbContext(DbContextOptions<PostgresGovGuardDbContext> options) : GovGuardDbContext(options)
{
    public override DatabaseKind Kind => DatabaseKind.Postgres;
}

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteGovGuardDbContext</c> build the model.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteGovGuardDbContext>
{
    public SqliteGovGuardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteGovGuardDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresGovGuardDbContext</c> build the model.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresGovGuardDbContext>
{
    public PostgresGovGuardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresGovGuardDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
