using GovGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Evidence;

/// <summary>What a sweep of the file store removed.</summary>
public sealed record StoreSweepResult(int TempFiles, int Orphans);

/// <summary>
/// The rows that hold files of the <see cref="EvidenceStore"/>, and the start-up sweep. A file is renamed into the
/// store before the row naming it is committed, so a crash (or a failed commit) between the two leaves a file no row
/// names, and a crash during the upload leaves a temporary file; the sweep removes both before the server serves.
/// It never removes a file a committed row names.
/// </summary>
public static class StoredFiles
{
    /// <summary>Every SHA-256 a row refers to: evidence files, incident attachments, exit records' files.</summary>
    public static async Task<HashSet<string>> ReferencedAsync(GovGuardDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var set = new HashSet<string>(StringComparer.Ordinal);
        set.UnionWith(await db.Evidence.AsNoTracking().Where(e => e.FileName != null).Select(e => e.Sha256).Distinct().ToListAsync(ct).ConfigureAwait(false));
        set.UnionWith(await db.Set<Incidents.IncidentFile>().AsNoTracking().Select(f => f.Sha256).Distinct().ToListAsync(ct).ConfigureAwait(false));
        set.UnionWith(await db.ExitRecords.AsNoTracking().Where(r => r.FileSha256 != null).Select(r => r.FileSha256!).Distinct().ToListAsync(ct).ConfigureAwait(false));
        return set;
    }

    /// <summary>Whether any row refers to the file.</summary>
    public static async Task<bool> IsReferencedAsync(GovGuardDbContext db, string sha256, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Evidence.AnyAsync(e => e.Sha256 == sha256 && e.FileName != null, ct).ConfigureAwait(false)
            || await db.Set<Incidents.IncidentFile>().AnyAsync(f => f.Sha256 == sha256, ct).ConfigureAwait(false)
            || await db.ExitRecords.AnyAsync(r => r.FileSha256 == sha256, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// After a failed commit: removes the file this request put into the store, unless it was there before or a row
    /// refers to it.
    /// </summary>
    public static async Task ForgetAsync(GovGuardDbContext db, EvidenceStore store, StoredFile file)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(file);
        db.ChangeTracker.Clear();
        if (!file.AlreadyStored && !await IsReferencedAsync(db, file.Sha256, CancellationToken.None).ConfigureAwait(false))
        {
            store.Delete(file.Sha256);
        }
    }

    /// <summary>
    /// Removes temporary upload files and files no row refers to. Run at start, before requests are served (the
    /// uploads of a crashed process are the only ones in flight); never while this node accepts uploads. In a cluster
    /// other nodes may be between rename and commit: files written after <paramref name="cutoff"/> are spared.
    /// </summary>
    public static async Task<StoreSweepResult> SweepAsync(GovGuardDbContext db, EvidenceStore store, DateTimeOffset cutoff, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(store);
        if (!Directory.Exists(store.Root))
        {
            return new StoreSweepResult(0, 0);
        }

        var temps = 0;
        foreach (var temp in Directory.EnumerateFiles(store.Root, ".upload-*.tmp", SearchOption.AllDirectories))
        {
            if (File.GetLastWriteTimeUtc(temp) > cutoff.UtcDateTime)
            {
                continue;
            }

            File.Delete(temp);
            temps++;
        }

        var referenced = await ReferencedAsync(db, ct).ConfigureAwait(false);
        var orphans = 0;
        foreach (var dir in Directory.EnumerateDirectories(store.Root))
        {
            var prefix = Path.GetFileName(dir);
            if (prefix.Length != 2 || !prefix.All(char.IsAsciiHexDigitLower))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(dir))
            {
                var name = Path.GetFileName(file);
                if (name.Length == 64 && name.StartsWith(prefix, StringComparison.Ordinal) && name.All(char.IsAsciiHexDigitLower) && !referenced.Contains(name)
                    && File.GetLastWriteTimeUtc(file) <= cutoff.UtcDateTime)
                {
                    File.Delete(file);
                    orphans++;
                }
            }
        }

        return new StoreSweepResult(temps, orphans);
    }
}
