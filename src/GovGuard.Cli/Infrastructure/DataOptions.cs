using System.CommandLine;
using GovGuard.Platform.Data;

namespace GovGuard.Cli.Infrastructure;

/// <summary>The options that say where GovGuard's data lives, shared by `serve`, `audit` and later commands.</summary>
public static class DataOptions
{
    public static Option<string> Data() => new("--data")
    {
        Description = "数据目录（内嵌 SQLite 文件、证据文件） / data folder (embedded SQLite file, evidence files)",
        DefaultValueFactory = _ => "data",
    };

    public static Option<string?> Db() => new("--db")
    {
        Description = "PostgreSQL 连接串，例如 Host=...;Database=...;Username=...（省略则用内嵌 SQLite） / PostgreSQL connection string (default: embedded SQLite)",
    };

    /// <summary>The database options from the parsed values; a --db that is not a PostgreSQL connection string is a usage error.</summary>
    public static DatabaseOptions From(ParseResult r, Option<string> data, Option<string?> db)
    {
        ArgumentNullException.ThrowIfNull(r);
        var conn = r.GetValue(db);
        if (conn is not null)
        {
            try
            {
                var b = new Npgsql.NpgsqlConnectionStringBuilder(conn);
                if (string.IsNullOrEmpty(b.Host))
                {
                    throw new ArgumentException("Host is missing");
                }
            }
            catch (ArgumentException e)
            {
                throw new CliUsageException($"用法错误 / usage error: --db 不是有效的 PostgreSQL 连接串 / is not a PostgreSQL connection string ({e.Message}); expected Host=...;Database=...;Username=....");
            }
        }

        return new DatabaseOptions { DataDirectory = r.GetValue(data)!, Postgres = conn };
    }
}
