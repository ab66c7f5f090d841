using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Audit;

/// <summary>The outcome of checking the chain: intact with its head, or the first broken record and why.</summary>
public sealed record AuditVerification(bool Intact, long Records, string HeadHash, long? BrokenAt, Text? Problem, long Archived = 0);

/// <summary>
/// Recomputes the audit chain from the first record to the last (<c>govguard audit verify</c>): through the archive
/// files of the data folder first (each checked against the manifest), then the live table.
/// </summary>
public static class AuditVerifier
{
    /// <summary>Walks the chain; with <paramref name="anchor"/>, also the archive in its data folder, and checks that it reaches the anchored head unchanged.</summary>
    public static async Task<AuditVerification> VerifyAsync(GovGuardDbContext db, CancellationToken ct, AuditAnchor? anchor = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sealOk = true;
        var anchored = anchor is null ? null : anchor.Read(out sealOk);
        if (anchored is not null && !sealOk)
        {
            return new AuditVerification(false, 0, AuditChain.Genesis, 0, new Text(
                "审计锚点文件（data/audit-anchor.json）被改动：其签名不符。", "The audit anchor (data/audit-anchor.json) was altered: its seal does not match."));
        }

        var walk = new Walk(anchored);
        Dictionary<long, string>? lastArchive = null;
        if (anchor is not null)
        {
            var folder = new AuditArchiveFolder(anchor.DataDirectory);
            var prevEntry = AuditChain.Genesis;
            foreach (var entry in folder.Entries())
            {
                var name = entry.File;
                if (!File.Exists(Path.Combine(folder.Root, Path.GetFileName(name))))
                {
                    return walk.Fail(entry.FirstSeq, new Text($"审计归档文件 {name} 不见了（记录 {entry.FirstSeq}–{entry.LastSeq}）。", $"The audit archive file {name} is missing (records {entry.FirstSeq}-{entry.LastSeq})."));
                }

                if (entry.PrevEntryHash != prevEntry
                    || entry.EntryHash != AuditArchiveEntry.HashOf(entry.PrevEntryHash, name, entry.FirstSeq, entry.LastSeq, entry.FirstPrevHash, entry.HeadHash, entry.Records, entry.Sha256))
                {
                    return walk.Fail(entry.FirstSeq, new Text($"审计归档清单中 {name} 一项被改动或删除了前一项。", $"The archive manifest's entry for {name} was altered, or an entry before it was removed."));
                }

                if (folder.Sha256Of(entry) != entry.Sha256)
                {
                    return walk.Fail(entry.FirstSeq, new Text($"审计归档文件 {name} 被改动（SHA-256 与清单不符）。", $"The audit archive file {name} was altered (its SHA-256 differs from the manifest)."));
                }

                prevEntry = entry.EntryHash;
                lastArchive = [];
                foreach (var r in folder.Read(entry))
                {
                    if (walk.Step(r) is { } broken)
                    {
                        return broken;
                    }

                    lastArchive[r.Seq] = r.Hash;
                }

                if (walk.Expected - 1 != entry.LastSeq || walk.Prev != entry.HeadHash)
                {
                    return walk.Fail(entry.LastSeq, new Text($"审计归档文件 {name} 的内容与清单记下的末条记录和哈希不符。", $"The audit archive file {name} does not end at the record and hash its manifest entry holds."));
                }
            }

            walk.Archived = walk.Expected - 1;
        }

        await foreach (var r in db.AuditRecords.AsNoTracking().OrderBy(r => r.Seq).AsAsyncEnumerable().WithCancellation(ct).ConfigureAwait(false))
        {
            if (r.Seq < walk.Expected && lastArchive is not null && lastArchive.TryGetValue(r.Seq, out var archivedHash))
            {
                // Archived by a run interrupted before its delete: the row must be the archived one.
                if (r.Hash != archivedHash || AuditChain.HashOf(r) != r.Hash)
                {
                    return walk.Fail(r.Seq, new Text($"第 {r.Seq} 条审计记录与归档中的同一条不一致。", $"Audit record {r.Seq} differs from the archived copy."));
                }

                continue;
            }

            if (walk.Step(r) is { } broken)
            {
                return broken;
            }
        }

        return walk.End();
    }

    private sealed class Walk((long Seq, string Hash)? anchored)
    {
        private string? _anchoredHashSeen;

        public long Expected { get; private set; } = 1;

        public string Prev { get; private set; } = AuditChain.Genesis;

        public long Archived { get; set; }

        public AuditVerification? Step(AuditRecord r)
        {
            if (r.Seq != Expected)
            {
                var missing = r.Seq > Expected ? $"{Expected}" : $"{r.Seq}";
                return Fail(r.Seq, new Text(
                    $"第 {r.Seq} 条审计记录之前缺少第 {missing} 条（记录被删除或序号被改动）。",
                    $"Audit record {missing} is missing before record {r.Seq} (a record was removed or renumbered)."));
            }

            if (!string.Equals(r.PrevHash, Prev, StringComparison.Ordinal))
            {
                return Fail(r.Seq, new Text(
                    $"第 {r.Seq} 条审计记录与前一条不相连（记录被重排、替换或删除）。",
                    $"Audit record {r.Seq} does not link to the record before it (records were reordered, replaced or removed)."));
            }

            if (!string.Equals(AuditChain.HashOf(r), r.Hash, StringComparison.Ordinal))
            {
                return Fail(r.Seq, new Text(
                    $"第 {r.Seq} 条审计记录的内容被改动（哈希不符）。",
                    $"Audit record {r.Seq} was altered (its hash does not match its content)."));
            }

            if (anchored is { } a && r.Seq == a.Seq)
            {
                _anchoredHashSeen = r.Hash;
                if (!string.Equals(r.Hash, a.Hash, StringComparison.Ordinal))
                {
                    return Fail(r.Seq, new Text(
                        $"第 {r.Seq} 条审计记录与锚点记下的不一致（该记录及其后的记录被替换）。",
                        $"Audit record {r.Seq} differs from the anchored one (it and the records after it were replaced)."));
                }
            }

            Prev = r.Hash;
            Expected++;
            return null;
        }

        public AuditVerification Fail(long at, Text problem) => new(false, Expected - 1, Prev, at, problem, Archived);

        public AuditVerification End()
        {
            if (anchored is { } head && _anchoredHashSeen is null && head.Seq > 0)
            {
                return Fail(Expected, new Text(
                    $"审计链在第 {Expected - 1} 条结束，但锚点记下的最新记录是第 {head.Seq} 条：第 {Expected} 条起的记录被删除。",
                    $"The audit chain ends at record {Expected - 1}, but the anchor holds record {head.Seq}: records from {Expected} on were removed."));
            }

            return new AuditVerification(true, Expected - 1, Prev, null, null, Archived);
        }
    }
}
