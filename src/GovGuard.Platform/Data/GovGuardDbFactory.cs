using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Data;

/// <summary>Builds contexts for the configured database; background work and grains take this, not a scoped context.</summary>
public sealed class GovGuardDbFactory(DatabaseOptions options) : IDbContextFactory<GovGuardDbContext>
{
    private static readonly SqlitePragmas Pragmas = new();

    public DatabaseOptions Options { get; } = options;

    public GovGuardDbContext CreateDbContext() => Create(Options);

    /// <summary>A context for <paramref name="options"/>, outside any container (CLI commands, tests).</summary>
    public static GovGuardDbContext Create(DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Kind == DatabaseKind.Postgres)
        {
            var b = new DbContextOptionsBuilder<PostgresGovGuardDbContext>();
            b.UseNpgsql(options.Postgres, o => o.MigrationsHistoryTable("__migrations"));
            return new PostgresGovGuardDbContext(b.Options);
        }

        var s = new DbContextOptionsBuilder<SqliteGovGuardDbContext>();
        s.UseSqlite($"Data Source={options.SqlitePath};Pooling=True", o => o.MigrationsHistoryTable("__migrations"));
        s.AddInterceptors(Pragmas);
        return new SqliteGovGuardDbContext(s.Options);
    }

    /// <summary>Creates the data folder and brings the schema up to date (the app migrates on start).</summary>
    public static async Task MigrateAsync(DatabaseOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Kind == DatabaseKind.Sqlite)
        {
            Directory.CreateDirectory(Path.GetFullPath(options.DataDirectory));
        }

        await using var db = Create(options);
        await db.Database.MigrateAsync(ct).ConfigureAwait(false);
    }
}
