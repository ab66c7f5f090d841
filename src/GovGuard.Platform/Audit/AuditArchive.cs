using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GovGuard.Platform.Access;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Audit;

/// <summary>
/// How long audit records stay in the live table (configuration section <c>GovGuard:Audit</c>). The Cybersecurity
/// Law (art. 21) asks network logs to be kept at least six months: a shorter retention is refused at start, and
/// older records are archived, never deleted.
/// </summary>
public sealed class AuditOptions
{
    public const string Section = "GovGuard:Audit";

    public const int MinimumRetainMonths = 6;

    /// <summary>Records older than this many months move to the archive (at least 6).</summary>
    public int RetainMonths { get; set; } = MinimumRetainMonths;

    /// <summary>Whether the daily archiving job runs on this node.</summary>
    public bool ArchiveDaily { get; set; } = true;

    /// <summary>The refusal of a retention below the minimum, naming the setting and the rule; null when valid.</summary>
    public string? Problem() => RetainMonths < MinimumRetainMonths
        ? $"GovGuard:Audit:RetainMonths = {RetainMonths}：审计记录至少保留 {MinimumRetainMonths} 个月（《网络安全法》第二十一条：网络日志留存不少于六个月）。 / "
          + $"GovGuard:Audit:RetainMonths = {RetainMonths} is refused: audit records must be kept at least {MinimumRetainMonths} months (Cybersecurity Law art. 21: network logs are kept no less than six months)."
        : null;
}

/// <summary>One archive file as the manifest lists it; <see cref="EntryHash"/> chains the entries.</summary>
public sealed record AuditArchiveEntry(
    string File,
    long FirstSeq,
    long LastSeq,
    string FirstPrevHash,
    string HeadHash,
    long Records,
    string Sha256,
    DateTimeOffset Before,
    DateTimeOffset CreatedAt,
    string PrevEntryHash,
    string EntryHash)
{
    /// <summary>SHA-256 over the previous entry's hash and this entry's fields.</summary>
    public static string HashOf(string prevEntryHash, string file, long first, long last, string firstPrev, string head, long records, string sha256) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
            prevEntryHash, file, first.ToString(CultureInfo.InvariantCulture), last.ToString(CultureInfo.InvariantCulture), firstPrev, head,
            records.ToString(CultureInfo.InvariantCulture), sha256))));
}

/// <summary>What an archiving run did.</summary>
public sealed record AuditArchiveResult(long Records, long? FirstSeq, long? LastSeq, string? File, DateTimeOffset Before);

/// <summary>
/// The archive folder <c>audit-archive/</c> of the data folder: gzip files of JSON lines, one audit record a line in
/// chain order, and <c>manifest.json</c> listing each file with its first and last sequence, the hash its first
/// record links to, its head hash and its SHA-256. Files and manifest are written under temporary names, flushed
/// and renamed, so a crash leaves either the old or the new manifest.
/// </summary>
public sealed class AuditArchiveFolder(string dataDirectory)
{
    public const string FolderName = "audit-archive";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Root { get; } = Path.Combine(Path.GetFullPath(dataDirectory), FolderName);

    public string ManifestPath => Path.Combine(Root, "manifest.json");

    /// <summary>The manifest's entries in chain order (empty when nothing was archived).</summary>
    public IReadOnlyList<AuditArchiveEntry> Entries() => File.Exists(ManifestPath)
        ? JsonSerializer.Deserialize<List<AuditArchiveEntry>>(File.ReadAllBytes(ManifestPath), Json) ?? []
        : [];

    /// <summary>Reads the records of one archive file, in order.</summary>
    public IEnumerable<AuditRecord> Read(AuditArchiveEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var file = File.OpenRead(Path.Combine(Root, Path.GetFileName(entry.File)));
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gz, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return JsonSerializer.Deserialize<AuditRecord>(line, AuditJson.Options)!;
            }
        }
    }

    /// <summary>SHA-256 of an archive file as it is on disk.</summary>
    public string Sha256Of(AuditArchiveEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var file = File.OpenRead(Path.Combine(Root, Path.GetFileName(entry.File)));
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    /// <summary>Writes the records into a new archive file and adds it to the manifest; returns the entry.</summary>
    internal AuditArchiveEntry Write(IReadOnlyList<AuditRecord> records, DateTimeOffset before, DateTimeOffset now)
    {
        Directory.CreateDirectory(Root);
        var entries = Entries().ToList();
        var name = $"audit-{records[0].Seq:D12}-{records[^1].Seq:D12}.jsonl.gz";
        var path = Path.Combine(Root, name);
        var temp = path + ".tmp";
        using (var fs = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using (var gz = new GZipStream(fs, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                foreach (var r in records)
                {
                    gz.Write(JsonSerializer.SerializeToUtf8Bytes(r, AuditJson.Options));
                    gz.WriteByte((byte)'\n');
                }
            }

            fs.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        string sha;
        using (var read = File.OpenRead(path))
        {
            sha = Convert.ToHexStringLower(SHA256.HashData(read));
        }

        var prevEntry = entries.Count == 0 ? AuditChain.Genesis : entries[^1].EntryHash;
        var entry = new AuditArchiveEntry(name, records[0].Seq, records[^1].Seq, records[0].PrevHash, records[^1].Hash, records.Count, sha, before, now, prevEntry,
            AuditArchiveEntry.HashOf(prevEntry, name, records[0].Seq, records[^1].Seq, records[0].PrevHash, records[^1].Hash, records.Count, sha));
        entries.Add(entry);
        var manifestTemp = ManifestPath + ".tmp";
        using (var fs = new FileStream(manifestTemp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            fs.Write(JsonSerializer.SerializeToUtf8Bytes(entries, Json));
            fs.Flush(flushToDisk: true);
        }

        File.Move(manifestTemp, ManifestPath, overwrite: true);
        return entry;
    }
}

/// <summary>
/// Moves audit records older than the retention from the live table into the archive (<c>govguard audit archive</c>
/// and the daily job). Under the chain's lock: the records are written and the manifest updated first, then the
/// same records leave the table in the transaction that records <c>audit.archived</c>; a crash in between leaves
/// them in both places, which the verifier accepts when they agree. The newest record always stays, so new records
/// keep chaining. This is the only code that removes audit rows.
/// </summary>
public sealed class AuditArchiver(GovGuardDbContext db, AuditLog log, TimeProvider time, IOptions<AuditOptions> options, DatabaseOptions database)
{
    public const string Archived = "audit.archived";

    private const int MaxPerRun = 200_000;

    /// <summary>The newest moment a record may have and still be archived now.</summary>
    public DateTimeOffset Limit => time.GetUtcNow().AddMonths(-Math.Max(options.Value.RetainMonths, AuditOptions.MinimumRetainMonths));

    /// <summary>Archives records older than <paramref name="before"/> (default: the retention limit); refuses a date inside the retention.</summary>
    public async Task<Outcome<AuditArchiveResult>> ArchiveAsync(DateTimeOffset? before, CancellationToken ct)
    {
        var limit = Limit;
        var cutoff = before ?? limit;
        if (cutoff > limit)
        {
            var shown = limit.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var months = options.Value.RetainMonths;
            return Error.Invalid([new FieldError("before", "retention", new Text(
                $"归档日期（before）不能晚于 {shown} UTC：审计记录须在表中保留 {months} 个月（GovGuard:Audit:RetainMonths，不少于 6 个月）。",
                $"The archive date (before) cannot be later than {shown} UTC: audit records stay {months} months (GovGuard:Audit:RetainMonths, at least 6)."))]);
        }

        var folder = new AuditArchiveFolder(database.DataDirectory);
        await using var change = await log.BeginAsync(db, Caller.System, ct).ConfigureAwait(false);
        await log.LockChainAsync(db, ct).ConfigureAwait(false);
        var archivedUpTo = folder.Entries() is { Count: > 0 } e ? e[^1].LastSeq : 0;
        var newest = await db.AuditRecords.MaxAsync(r => (long?)r.Seq, ct).ConfigureAwait(false) ?? 0;
        var records = await db.AuditRecords.AsNoTracking()
            .Where(r => r.Seq > archivedUpTo && r.Seq < newest && r.At < cutoff)
            .OrderBy(r => r.Seq).Take(MaxPerRun).ToListAsync(ct).ConfigureAwait(false);
        // Only an unbroken run from the last archived record: the archive stays one chain.
        var run = records.TakeWhile((r, i) => r.Seq == archivedUpTo + 1 + i).ToList();
        AuditArchiveEntry? entry = null;
        if (run.Count > 0)
        {
            entry = folder.Write(run, cutoff, time.GetUtcNow());
        }

        var upTo = entry?.LastSeq ?? archivedUpTo;
        // Rows archived by a run that crashed before its delete leave now as well.
        var removed = upTo == 0 ? 0 : await db.AuditRecords.Where(r => r.Seq <= upTo).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        if (entry is not null || removed > 0)
        {
            change.Record(new AuditEvent(Archived,
                $"归档审计记录 {entry?.FirstSeq ?? 0}–{upTo}（早于 {cutoff:yyyy-MM-dd}） / archived audit records up to {upTo} (before {cutoff:yyyy-MM-dd})",
                "audit_archive", entry?.File, After: new { entry?.File, entry?.FirstSeq, LastSeq = upTo, entry?.HeadHash, entry?.Sha256 }));
        }

        await change.CommitAsync(ct).ConfigureAwait(false);
        return new AuditArchiveResult(run.Count, entry?.FirstSeq, entry?.LastSeq, entry?.File, cutoff);
    }
}

/// <summary>Archives once a day (and once shortly after start), when <see cref="AuditOptions.ArchiveDaily"/> is on.</summary>
internal sealed class AuditArchiveJob(IServiceScopeFactory scopes, TimeProvider time, IOptions<AuditOptions> options, ILogger<AuditArchiveJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ArchiveDaily)
        {
            return;
        }

        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(TimeSpan.FromDays(1), time);
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var r = await scope.ServiceProvider.GetRequiredService<AuditArchiver>().ArchiveAsync(null, stoppingToken).ConfigureAwait(false);
                    if (r.Value is { Records: > 0 } done)
                    {
                        logger.LogInformation("Audit: archived records {First}-{Last} into {File}", done.FirstSeq, done.LastSeq, done.File);
                    }
                }
                catch (Exception e) when (e is DbUpdateException or IOException or InvalidOperationException or System.Data.Common.DbException)
                {
                    logger.LogError(e, "Audit: archiving failed; it is retried tomorrow");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

/// <summary>Registration of the retention, the archiver and its daily job.</summary>
public static class AuditArchiveServices
{
    public static IServiceCollection AddGovGuardAuditArchive(this IServiceCollection services)
    {
        AuditKinds.Register(new AuditKind(AuditArchiver.Archived, new Text("归档审计记录", "Audit records archived"), true));
        services.AddOptions<AuditOptions>()
            .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(AuditOptions.Section).Bind(o))
            .Validate(o => o.Problem() is null, "GovGuard:Audit:RetainMonths must be at least 6 (Cybersecurity Law art. 21: network logs are kept no less than six months).")
            .ValidateOnStart();
        services.AddScoped<AuditArchiver>();
        services.AddHostedService<AuditArchiveJob>();
        return services;
    }
}
