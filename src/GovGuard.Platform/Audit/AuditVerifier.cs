using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Audit;

/// <summary>The outcome of checking the chain: intact with its head, or the first broken record and why.</summary>
public sealed record AuditVerification(bool Intact, long Records, string HeadHash, long? BrokenAt, Text? Problem);

/// <summary>Recomputes the audit chain from the first record to the last (<c>govguard audit verify</c>).</summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(GovGuardDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        long expected = 1;
        var prev = AuditChain.Genesis;
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

            prev = r.Hash;
            expected++;
        }

        return new AuditVerification(true, expected - 1, prev, null, null);
    }

    private static AuditVerification Broken(long goodCount, string goodHead, long at, Text problem) =>
        new(false, goodCount, goodHead, at, problem);
}
