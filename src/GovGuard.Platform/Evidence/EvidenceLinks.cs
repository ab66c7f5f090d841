using GovGuard.Platform.Common;
using GovGuard.Platform.Compliance;
using GovGuard.Platform.Data;
using GovGuard.Platform.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Evidence;

/// <summary>A type of GovGuard record that evidence may link to. Later features (drills, backups, reports) add their own.</summary>
public interface IEvidenceLinkTarget
{
    /// <summary>The wire code, e.g. <c>engagement</c>.</summary>
    string Type { get; }

    Text Name { get; }

    /// <summary>True when a record with this id exists and belongs to the website.</summary>
    Task<bool> ExistsAsync(GovGuardDbContext db, Guid websiteId, string id, CancellationToken ct);
}

/// <summary>The record types GovGuard itself holds.</summary>
internal static class BuiltInLinkTargets
{
    public static IReadOnlyList<IEvidenceLinkTarget> All { get; } =
    [
        new Target("website", new("网站", "Website"), (db, site, id, ct) => Task.FromResult(id == site)),
        new Target("engagement", new("服务关系", "Engagement"), (db, site, id, ct) => db.Engagements.AnyAsync(e => e.Id == id && e.WebsiteId == site, ct)),
        new Target("evidence", new("证据", "Evidence"), (db, site, id, ct) => db.Set<EvidenceEntry>().AnyAsync(e => e.Id == id && e.WebsiteId == site, ct)),
        new Target("sign_off", new("阶段签署", "Sign-off"), (db, site, id, ct) => db.Set<SignOff>().AnyAsync(s => s.Id == id && s.WebsiteId == site, ct)),
        new Target("lifecycle_fact", new("生命周期事实", "Lifecycle fact"), (db, site, id, ct) => db.Set<LifecycleFactRecord>().AnyAsync(f => f.Id == id && f.WebsiteId == site, ct)),
    ];

    private sealed class Target(string type, Text name, Func<GovGuardDbContext, Guid, Guid, CancellationToken, Task<bool>> exists) : IEvidenceLinkTarget
    {
        public string Type => type;

        public Text Name => name;

        public Task<bool> ExistsAsync(GovGuardDbContext db, Guid websiteId, string id, CancellationToken ct) =>
            Guid.TryParse(id, out var g) ? exists(db, websiteId, g, ct) : Task.FromResult(false);
    }
}

/// <summary>Audit records are numbered, not Guids: one of the website's records by its sequence number.</summary>
internal sealed class AuditRecordLinkTarget : IEvidenceLinkTarget
{
    public string Type => "audit_record";

    public Text Name => new("审计记录", "Audit record");

    public Task<bool> ExistsAsync(GovGuardDbContext db, Guid websiteId, string id, CancellationToken ct) =>
        long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seq)
            ? db.AuditRecords.AnyAsync(r => r.Seq == seq && r.WebsiteId == websiteId, ct)
            : Task.FromResult(false);
}
