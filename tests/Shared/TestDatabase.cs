using GovGuard.Platform.Data;
using Npgsql;

namespace GovGuard.Tests.Shared;

/// <summary>
/// A fresh, migrated database for one test: a SQLite file in a temporary folder, or a new database on the
/// throwaway PostgreSQL server that ./test.sh starts (GOVGUARD_TEST_POSTGRES). Dropped when disposed.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _adminConnection;
    private readonly string? _name;

    private TestDatabase(DatabaseKind kind, DatabaseOptions options, string folder, string? adminConnection, string? name)
    {
        Kind = kind;
        Options = options;
        Folder = folder;
        _adminConnection = adminConnection;
        _name = name;
    }

    public DatabaseKind Kind { get; }

    public DatabaseOptions Options { get; }

    /// <summary>The data folder (SQLite file, keys, evidence).</summary>
    public string Folder { get; }

    public static async Task<TestDatabase> CreateAsync(string kind, bool migrate = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "govguard-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        TestDatabase db;
        if (kind == "sqlite")
        {
            db = new TestDatabase(DatabaseKind.Sqlite, new DatabaseOptions { DataDirectory = folder }, folder, null, null);
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable("GOVGUARD_TEST_POSTGRES");
            if (string.IsNullOrEmpty(admin))
            {
                throw new InvalidOperationException("GOVGUARD_TEST_POSTGRES is not set: run the tests through ./test.sh, which starts a throwaway PostgreSQL.");
            }

            var name = "gg_" + Guid.NewGuid().ToString("N")[..16];
            await using (var conn = new NpgsqlConnection(admin))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
                await cmd.ExecuteNonQueryAsync();
            }

            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
            db = new TestDatabase(DatabaseKind.Postgres, new DatabaseOptions { DataDirectory = folder, Postgres = cs }, folder, admin, name);
        }

        if (migrate)
        {
            await GovGuardDbFactory.MigrateAsync(db.Options, CancellationToken.None);
        }

        return db;
    }

    public GovGuardDbContext Context() => GovGuardDbFactory.Create(Options);

    public async ValueTask DisposeAsync()
    {
        if (_adminConnection is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(_adminConnection);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temporary folder behind.
        }
    }
}

/// <summary>Runs a theory once per database: SQLite and PostgreSQL (bitwarden's DatabaseData idea).</summary>
public sealed class DatabasesAttribute : Xunit.Sdk.DataAttribute
{
    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => [["sqlite"], ["postgres"]];
}
