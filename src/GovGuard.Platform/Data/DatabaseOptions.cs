namespace GovGuard.Platform.Data;

/// <summary>Where the data lives. Empty <see cref="Postgres"/> means the embedded SQLite file in <see cref="DataDirectory"/>.</summary>
public sealed class DatabaseOptions
{
    /// <summary>The data folder: the SQLite file, evidence files, keys.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>A PostgreSQL connection string (<c>Host=…;Database=…;Username=…</c>), or null for SQLite.</summary>
    public string? Postgres { get; set; }

    public DatabaseKind Kind => string.IsNullOrWhiteSpace(Postgres) ? DatabaseKind.Sqlite : DatabaseKind.Postgres;

    /// <summary>The SQLite file under the data folder.</summary>
    public string SqlitePath => Path.Combine(Path.GetFullPath(DataDirectory), "govguard.db");
}
