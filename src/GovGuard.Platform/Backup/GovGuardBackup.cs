using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using GovGuard.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GovGuard.Platform.Backup;

/// <summary>What a finished backup wrote.</summary>
public sealed record BackupResult(string Archive, long Bytes, string ArchiveSha256, string ManifestSha256, BackupManifest Manifest);

/// <summary>What a finished restore put in place; <see cref="KeptAside"/> is where the data it replaced now lives.</summary>
public sealed record RestoreResult(BackupManifest Manifest, string ManifestSha256, string? KeptAside);

/// <summary>
/// Backup and restore of GovGuard itself: a consistent snapshot of the database (SQLite's online backup, or
/// <c>pg_dump</c>'s snapshot for PostgreSQL) and the data folder (evidence store, keys, audit anchor) in one
/// <c>.tar.gz</c> that ends with a manifest of every entry's SHA-256. The archive is written to a temporary name and
/// renamed when complete, so a crash leaves no half-written backup. A restore unpacks into a staging folder beside the
/// data folder, checks every entry against the manifest and the schema against this build, and only then swaps the
/// staging folder in; the data it replaces is kept aside, never deleted.
/// </summary>
public static class GovGuardBackup
{
    private const string DatabasePrefix = "database/";
    private const string DataPrefix = "data/";
    private const string SqliteEntry = DatabasePrefix + "govguard.db";
    private const string PostgresEntry = DatabasePrefix + "govguard.pgdump";

    public static async Task<BackupResult> CreateAsync(DatabaseOptions options, string archive, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var data = Path.GetFullPath(options.DataDirectory);
        var target = Path.GetFullPath(archive);
        if (options.Kind == DatabaseKind.Sqlite && !File.Exists(options.SqlitePath))
        {
            throw new BackupException($"找不到数据库 / database not found: {options.SqlitePath}");
        }

        string? migration;
        await using (var context = GovGuardDbFactory.Create(options))
        {
            if (!await context.Database.CanConnectAsync(ct).ConfigureAwait(false))
            {
                throw new BackupException("无法连接数据库 / cannot connect to the database");
            }

            migration = (await context.Database.GetAppliedMigrationsAsync(ct).ConfigureAwait(false)).LastOrDefault();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var stage = Directory.CreateTempSubdirectory("govguard-backup-");
        var partial = target + ".partial";
        try
        {
            // 1. The database, as one consistent snapshot.
            var dbFile = Path.Combine(stage.FullName, options.Kind == DatabaseKind.Sqlite ? "govguard.db" : "govguard.pgdump");
            if (options.Kind == DatabaseKind.Sqlite)
            {
                SnapshotSqlite(options.SqlitePath, dbFile);
            }
            else
            {
                await RunPgAsync("pg_dump", options.Postgres!, ["--format=custom", "--no-owner", "--no-privileges", "--file", dbFile], ct).ConfigureAwait(false);
            }

            // 2. The data folder, taken after the snapshot: the evidence store only grows, so every file the snapshot refers to is there.
            var entries = new List<BackupEntry>();
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await using (var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true))
                await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
                {
                    entries.Add(await AddAsync(tar, dbFile, options.Kind == DatabaseKind.Sqlite ? SqliteEntry : PostgresEntry, ct).ConfigureAwait(false));
                    if (Directory.Exists(data))
                    {
                        foreach (var path in DataFiles(data, target, partial))
                        {
                            var name = DataPrefix + Path.GetRelativePath(data, path).Replace('\\', '/');
                            entries.Add(await AddAsync(tar, path, name, ct).ConfigureAwait(false));
                        }
                    }

                    var manifest = new BackupManifest(BackupManifest.CurrentFormat, "GovGuard", time.GetUtcNow(), options.Kind == DatabaseKind.Sqlite ? "sqlite" : "postgres", migration, entries);
                    var bytes = manifest.ToBytes();
                    var entry = new PaxTarEntry(TarEntryType.RegularFile, BackupManifest.EntryName) { DataStream = new MemoryStream(bytes) };
                    await tar.WriteEntryAsync(entry, ct).ConfigureAwait(false);
                    await tar.DisposeAsync().ConfigureAwait(false);
                    await gzip.DisposeAsync().ConfigureAwait(false);
                    await file.FlushAsync(ct).ConfigureAwait(false);
                    file.Flush(flushToDisk: true);
                    await file.DisposeAsync().ConfigureAwait(false);
                    File.Move(partial, target, overwrite: true);
                    var archiveHash = await Sha256FileAsync(target, ct).ConfigureAwait(false);
                    return new BackupResult(target, new FileInfo(target).Length, archiveHash, BackupManifest.Sha256Hex(bytes), manifest);
                }
            }
        }
        finally
        {
            stage.Delete(recursive: true);
            if (File.Exists(partial))
            {
                File.Delete(partial);
            }
        }
    }

    /// <summary>
    /// Restores <paramref name="archive"/> into <paramref name="options"/>' database and data folder. Refuses (changing
    /// nothing) when an entry does not match the manifest, the schema is unknown to this build, or the target already
    /// holds data and <paramref name="force"/> is not set. GovGuard must not be running against the target.
    /// </summary>
    public static async Task<RestoreResult> RestoreAsync(DatabaseOptions options, string archive, bool force, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var source = Path.GetFullPath(archive);
        if (!File.Exists(source))
        {
            throw new BackupException($"找不到备份文件 / backup not found: {source}");
        }

        var data = Path.GetFullPath(options.DataDirectory);
        var parent = Path.GetDirectoryName(data)!;
        Directory.CreateDirectory(parent);
        var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var stage = Path.Combine(parent, $".{Path.GetFileName(data)}.restore-{stamp}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(stage);
        var staged = Path.Combine(stage, "data");
        Directory.CreateDirectory(staged);
        try
        {
            var (manifest, manifestHash, seen, dbFile) = await UnpackAsync(source, stage, staged, ct).ConfigureAwait(false);
            Check(manifest, seen, options);

            await using (var context = GovGuardDbFactory.Create(options))
            {
                if (manifest.Migration is { } m && !context.Database.GetMigrations().Contains(m))
                {
                    throw new BackupException($"备份来自更新的版本（迁移 {m}），请用相同或更新的 GovGuard 恢复 / the backup comes from a newer schema ({m}): restore it with the same or a newer GovGuard");
                }

                if (!force && await HoldsDataAsync(options, context, ct).ConfigureAwait(false))
                {
                    throw new BackupException("目标已有数据；确认覆盖请加 --force（原数据会另存，不会删除） / the target already holds data: add --force to replace it (the current data is kept aside, not deleted)");
                }
            }

            string? keptAside = null;
            if (options.Kind == DatabaseKind.Postgres)
            {
                await RunPgAsync("pg_restore", options.Postgres!, ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", dbFile], ct).ConfigureAwait(false);
            }
            else
            {
                File.Move(dbFile, Path.Combine(staged, "govguard.db"));
            }

            if (Directory.Exists(data) && !Directory.EnumerateFileSystemEntries(data).Any())
            {
                Directory.Delete(data);
            }

            if (Directory.Exists(data))
            {
                keptAside = Path.Combine(parent, $"{Path.GetFileName(data)}.before-restore-{stamp}");
                Directory.Move(data, keptAside);
            }

            Directory.Move(staged, data);
            return new RestoreResult(manifest, manifestHash, keptAside);
        }
        finally
        {
            if (Directory.Exists(stage))
            {
                Directory.Delete(stage, recursive: true);
            }
        }
    }

    private static void SnapshotSqlite(string live, string copy)
    {
        using var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = live, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString());
        from.Open();
        to.Open();
        from.BackupDatabase(to);
        using var cmd = to.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=DELETE;";
        cmd.ExecuteNonQuery();
    }

    /// <summary>Every file of the data folder except the live SQLite files (the snapshot replaces them), temporary uploads and the archive itself.</summary>
    private static IEnumerable<string> DataFiles(string data, params string[] skip)
    {
        var live = new HashSet<string>(StringComparer.Ordinal) { "govguard.db", "govguard.db-wal", "govguard.db-shm", "govguard.db-journal" };
        foreach (var path in Directory.EnumerateFiles(data, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if ((Path.GetDirectoryName(path) == data && live.Contains(name)) || name.EndsWith(".tmp", StringComparison.Ordinal) || skip.Contains(path, StringComparer.Ordinal))
            {
                continue;
            }

            yield return path;
        }
    }

    private static async Task<BackupEntry> AddAsync(TarWriter tar, string path, string name, CancellationToken ct)
    {
        await using var hashing = new HashingStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan));
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = hashing };
        await tar.WriteEntryAsync(entry, ct).ConfigureAwait(false);
        return new BackupEntry(name, hashing.Count, hashing.Sha256());
    }

    private static async Task<(BackupManifest Manifest, string ManifestSha256, Dictionary<string, BackupEntry> Seen, string DbFile)> UnpackAsync(string source, string stage, string staged, CancellationToken ct)
    {
        var seen = new Dictionary<string, BackupEntry>(StringComparer.Ordinal);
        BackupManifest? manifest = null;
        string? manifestHash = null;
        string? dbFile = null;
        try
        {
            await using var file = File.OpenRead(source);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false) is { } entry)
            {
                if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
                {
                    continue;
                }

                var name = entry.Name;
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !SafeName(name))
                {
                    throw new BackupException($"备份中有不允许的条目 / the backup holds an entry that is not allowed: {name}");
                }

                if (name == BackupManifest.EntryName)
                {
                    using var ms = new MemoryStream();
                    if (entry.DataStream is { } s)
                    {
                        await s.CopyToAsync(ms, ct).ConfigureAwait(false);
                    }

                    manifest = BackupManifest.Parse(ms.ToArray());
                    manifestHash = BackupManifest.Sha256Hex(ms.ToArray());
                    continue;
                }

                string dest;
                if (name is SqliteEntry or PostgresEntry)
                {
                    dest = dbFile = Path.Combine(stage, Path.GetFileName(name));
                }
                else if (name.StartsWith(DataPrefix, StringComparison.Ordinal))
                {
                    dest = Path.Combine(staged, name[DataPrefix.Length..]);
                }
                else
                {
                    throw new BackupException($"备份中有未知条目 / the backup holds an unknown entry: {name}");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
                await using var hashing = new HashingStream(entry.DataStream ?? Stream.Null);
                await using (var output = new FileStream(dest, FileMode.CreateNew, FileAccess.Write))
                {
                    await hashing.CopyToAsync(output, ct).ConfigureAwait(false);
                    output.Flush(flushToDisk: true);
                }

                if (!seen.TryAdd(name, new BackupEntry(name, hashing.Count, hashing.Sha256())))
                {
                    throw new BackupException($"备份中条目重复 / the backup holds an entry twice: {name}");
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new BackupException($"备份文件已损坏或不完整 / the backup is corrupt or incomplete ({e.Message})");
        }

        if (manifest is null || manifestHash is null)
        {
            throw new BackupException("备份缺少清单（backup-manifest.json），可能不完整 / the backup has no manifest (backup-manifest.json): it is incomplete");
        }

        return (manifest, manifestHash, seen, dbFile ?? string.Empty);
    }

    /// <summary>Every entry as the manifest lists it, nothing more, nothing less, and the database the target expects.</summary>
    private static void Check(BackupManifest manifest, Dictionary<string, BackupEntry> seen, DatabaseOptions options)
    {
        if (manifest.Format != BackupManifest.CurrentFormat)
        {
            throw new BackupException($"不支持的备份格式 {manifest.Format} / unsupported backup format {manifest.Format}");
        }

        var problems = new List<string>();
        foreach (var f in manifest.Files)
        {
            if (!seen.TryGetValue(f.Path, out var got))
            {
                problems.Add($"缺失 / missing: {f.Path}");
            }
            else if (got.Size != f.Size || !string.Equals(got.Sha256, f.Sha256, StringComparison.Ordinal))
            {
                problems.Add($"内容不符 / altered: {f.Path}");
            }
        }

        problems.AddRange(seen.Keys.Except(manifest.Files.Select(f => f.Path), StringComparer.Ordinal).Select(p => $"清单外 / not in the manifest: {p}"));
        if (problems.Count > 0)
        {
            throw new BackupException("备份与清单不符，未做任何更改 / the backup does not match its manifest, nothing was changed:\n  " + string.Join("\n  ", problems));
        }

        var expected = options.Kind == DatabaseKind.Sqlite ? "sqlite" : "postgres";
        if (!string.Equals(manifest.Database, expected, StringComparison.Ordinal))
        {
            throw new BackupException($"备份来自 {manifest.Database} 数据库，目标是 {expected} / the backup holds a {manifest.Database} database, the target is {expected}");
        }
    }

    private static async Task<bool> HoldsDataAsync(DatabaseOptions options, GovGuardDbContext context, CancellationToken ct)
    {
        if (options.Kind == DatabaseKind.Sqlite)
        {
            return File.Exists(options.SqlitePath);
        }

        return await context.Database.CanConnectAsync(ct).ConfigureAwait(false)
            && (await context.Database.GetAppliedMigrationsAsync(ct).ConfigureAwait(false)).Any();
    }

    private static bool SafeName(string name) =>
        name.Length is > 0 and < 1024 && !name.StartsWith('/') && !name.Contains('\\', StringComparison.Ordinal) && !name.Contains('\0', StringComparison.Ordinal)
        && name.Split('/').All(p => p.Length > 0 && p != "." && p != "..");

    private static async Task<string> Sha256FileAsync(string path, CancellationToken ct)
    {
        await using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(s, ct).ConfigureAwait(false));
    }

    /// <summary>Runs pg_dump or pg_restore against the connection string's server; the password goes by environment, never on the command line.</summary>
    private static async Task RunPgAsync(string tool, string connection, IReadOnlyList<string> args, CancellationToken ct)
    {
        var b = new NpgsqlConnectionStringBuilder(connection);
        var psi = new ProcessStartInfo(tool)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        psi.Environment["PGHOST"] = b.Host;
        psi.Environment["PGPORT"] = b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["PGDATABASE"] = b.Database;
        psi.Environment["PGUSER"] = b.Username;
        if (!string.IsNullOrEmpty(b.Password))
        {
            psi.Environment["PGPASSWORD"] = b.Password;
        }

        if (tool == "pg_restore")
        {
            psi.ArgumentList.Add("--dbname");
            psi.ArgumentList.Add(b.Database ?? string.Empty);
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new BackupException($"无法启动 {tool} / cannot start {tool}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new BackupException($"找不到 {tool}，请安装 PostgreSQL 客户端（postgresql-client） / {tool} not found: install the PostgreSQL client tools");
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(ct);
            _ = process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new BackupException($"{tool} 失败 / failed (exit {process.ExitCode}): {(await stderr.ConfigureAwait(false)).Trim()}");
            }
        }
    }
}
