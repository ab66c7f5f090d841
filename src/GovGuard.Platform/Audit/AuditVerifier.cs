using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Audit;

/// <summary>The outcome of checking the chain: intact with its head, or the first broken record and why.</summary>
public sealed record AuditVerification(bool Intact, long Records, string HeadHash, long? BrokenAt, Text? Problem);

/// <summary>Recomputes the audit chain from the first record to the last (<c>govguard audit verify</c>).</summary>
public static class AuditVerifier
{
    /// <summary>Walks the chain; with <paramref name="anchor"/>, also checks that it reaches the anchored head unchanged.</summary>
    public static async Task<AuditVerification> VerifyAsync(GovGuardDbContext db, CancellationToken ct, AuditAnchor? anchor = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        long expected = 1;
        var prev = AuditChain.Genesis;
        var sealOk = true;
        var anchored = anchor is null ? null : anchor.Read(out sealOk);
        if (anchored is not null && !sealOk)
        {
            return new AuditVerification(false, 0, prev, 0, new Text(
                "审计锚点文件（data/audit-anchor.json）被改动：其签名不符。", "The audit anchor (data/audit-anchor.json) was altered: its seal does not match."));
        }

        string? anchoredHashSeen = null;
        await foreach (var r in db.AuditRecords.AsNoTracking().OrderBy(r => r.Seq).AsAsyncEnumerable().WithCancellation(ct).ConfigureAwait(false))
        {
            if (r.Seq != expected)
            {
                var missing = r.Seq > expected ? $"{expected}" : $"{r.Seq}";
                return Broken(expected - 1, prev, r.Seq, new Text(
                    $"第 {r.Seq} 条审计记录之前缺少第 {missing} 条（记录被删除或序号被改动）。",
                    $"Audit record {missing} is missing before record {r.Seq} (a record was removed or renumbered)."));
            }

            if (!string.Equals(r.PrevHash, prev, StringComparison.Ordinal))
            {
                return Broken(expected - 1, prev, r.Seq, new Text(
                    $"第 {r.Seq} 条审计记录与前一条不相连（记录被重排、替换或删除）。",
                    $"Audit record {r.Seq} does not link to the record before it (records were reordered, replaced or removed)."));
            }

            if (!string.Equals(AuditChain.HashOf(r), r.Hash, StringComparison.Ordinal))
            {
                return Broken(expected - 1, prev, r.Seq, new Text(
                    $"第 {r.Seq} 条审计记录的内容被改动（哈希不符）。",
                    $"Audit record {r.Seq} was altered (its hash does not match its content)."));
            }

            if (anchored is { } a && r.Seq == a.Seq)
            {
                anchoredHashSeen = r.Hash;
                if (!string.Equals(r.Hash, a.Hash, StringComparison.Ordinal))
                {
                    return Broken(expected - 1, prev, r.Seq, new Text(
                        $"第 {r.Seq} 条审计记录与锚点记下的不一致（该记录及其后的记录被替换）。",
                        $"Audit record {r.Seq} differs from the anchored one (it and the records after it were replaced)."));
                }
            }

            prev = r.Hash;
            expected++;
        }

        if (anchored is { } head && anchoredHashSeen is null && head.Seq > 0)
        {
            return Broken(expected - 1, prev, expected, new Text(
                $"审计链在第 {expected - 1} 条结束，但锚点记下的最新记录是第 {head.Seq} 条：第 {expected} 条起的记录被删除。",
                $"The audit chain ends at record {expected - 1}, but the anchor holds record {head.Seq}: records from {expected} on were removed."));
        }

        return new AuditVerification(true, expected - 1, prev, null, null);
    }

    private static AuditVerification Broken(long goodCount, string goodHead, long at, Text problem) =>
        new(false, goodCount, goodHead, at, problem);
}
