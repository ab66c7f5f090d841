using GovGuard.Catalog.Roles;
using GovGuard.Platform.Access;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Engagements;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Audit;

/// <summary>Filters of the audit log.</summary>
public sealed record AuditFilter(string? Kind = null, string? Outcome = null, Guid? WebsiteId = null, Guid? ActorUserId = null, DateTimeOffset? From = null, DateTimeOffset? To = null, string? Query = null);

/// <summary>An audit record as readers see it.</summary>
public sealed record AuditRecordView(long Seq, DateTimeOffset At, string Kind, string Outcome, string ActorName, Guid? ActorUserId, Guid? ActorOrganisationId, Guid? OrganisationId, Guid? WebsiteId, string? ObjectType, string? ObjectId, string Summary, string? BeforeDigest, string? AfterDigest, string? Changes, string? ClientAddress, string Hash);

/// <summary>An event kind and whether it is recorded.</summary>
public sealed record AuditKindView(string Code, string NameZh, string NameEn, bool Mandatory, bool Enabled);

/// <summary>
/// Reading the audit log and choosing which event kinds it records. A platform administrator reads everything;
/// an organisation's administrator reads what their organisation did and what was done to its data; an assessor
/// reads the records of the websites it assesses.
/// </summary>
public sealed class AuditService(GovGuardDbContext db, AuditLog audit, TimeProvider time)
{
    public bool CanRead(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsPlatformAdmin || caller.Role == Accounts.OrgRole.Admin || caller.OrganisationKind == GovGuard.Catalog.Roles.OrganisationKind.ThirdPartyAssessor;
    }

    public IQueryable<AuditRecord> Visible(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsPlatformAdmin)
        {
            return db.AuditRecords;
        }

        if (!CanRead(caller))
        {
            return db.AuditRecords.Where(_ => false);
        }

        var org = caller.OrganisationId;
        var assessed = db.Engagements.Where(e => e.OrganisationId == org && e.Role == EngagementRole.Assessor && e.EndedAt == null).Select(e => e.WebsiteId);
        return caller.Role == Accounts.OrgRole.Admin
            ? db.AuditRecords.Where(r => r.ActorOrganisationId == org || r.OrganisationId == org || (r.WebsiteId != null && assessed.Contains(r.WebsiteId.Value)))
            : db.AuditRecords.Where(r => r.WebsiteId != null && assessed.Contains(r.WebsiteId.Value));
    }

    public async Task<Outcome<Page<AuditRecordView>>> ListAsync(Caller caller, AuditFilter filter, Paging paging, CancellationToken ct)
    {
        if (!CanRead(caller))
        {
            return Error.Forbidden(new Text("只有管理员和评估机构可以查看审计记录。", "Only administrators and assessors may read the audit log."));
        }

        var q = Apply(Visible(caller).AsNoTracking(), filter);
        var total = await q.CountAsync(ct).ConfigureAwait(false);
        var items = await q.OrderByDescending(r => r.Seq).Skip(paging.Offset).Take(paging.Limit).ToListAsync(ct).ConfigureAwait(false);
        return new Page<AuditRecordView>(items.Select(ToView).ToList(), total, paging.Offset, paging.Limit);
    }

    /// <summary>Every visible record matching the filter, oldest first, streamed (export); the export itself is audited.</summary>
    public async Task<Outcome<IAsyncEnumerable<AuditRecordView>>> ExportAsync(Caller caller, AuditFilter filter, CancellationToken ct)
    {
        if (!CanRead(caller))
        {
            return Error.Forbidden(new Text("只有管理员和评估机构可以导出审计记录。", "Only administrators and assessors may export the audit log."));
        }

        await audit.RecordAsync(db, caller, new AuditEvent(AuditKinds.AuditExported, "导出审计记录 / exported the audit log", "audit", null, caller.OrganisationId), ct).ConfigureAwait(false);
        var q = Apply(Visible(caller).AsNoTracking(), filter).OrderBy(r => r.Seq);
        return Outcome<IAsyncEnumerable<AuditRecordView>>.Ok(Stream(q, ct));
    }

    public async Task<IReadOnlyList<AuditKindView>> KindsAsync(CancellationToken ct)
    {
        var settings = await db.AuditKindSettings.AsNoTracking().ToDictionaryAsync(s => s.Kind, s => s.Enabled, ct).ConfigureAwait(false);
        return AuditKinds.All.Select(k => new AuditKindView(k.Code, k.Name.Zh, k.Name.En, k.Mandatory, k.Mandatory || settings.GetValueOrDefault(k.Code, true))).ToList();
    }

    /// <summary>Switches event kinds on or off (platform administrators; mandatory kinds stay on).</summary>
    public async Task<Outcome<IReadOnlyList<AuditKindView>>> SetKindsAsync(Caller caller, IReadOnlyDictionary<string, bool> enabled, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(enabled);
        if (!caller.IsPlatformAdmin || !caller.CanWrite)
        {
            await audit.RecordAsync(db, caller, new AuditEvent(AuditKinds.AccessDenied, "拒绝：修改审计设置 / denied: audit settings", "audit", Outcome: AuditOutcomes.Denied), ct).ConfigureAwait(false);
            return Error.Forbidden(new Text("只有平台管理员可以修改审计设置。", "Only a platform administrator may change the audit settings."));
        }

        var v = new Validation();
        foreach (var (code, on) in enabled)
        {
            var kind = AuditKinds.Find(code);
            if (kind is null)
            {
                v.Add("kinds", "unknown", $"未知的审计事件类型（kinds）：{code}。", $"Unknown audit event kind (kinds): {code}.");
            }
            else if (kind.Mandatory && !on)
            {
                v.Add("kinds", "mandatory", $"审计事件类型 {code} 是必须记录的，不能关闭（kinds）。", $"The audit event kind {code} is mandatory and cannot be switched off (kinds).");
            }
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var before = await KindsAsync(ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        var rows = await db.AuditKindSettings.ToDictionaryAsync(s => s.Kind, ct).ConfigureAwait(false);
        foreach (var (code, on) in enabled)
        {
            if (rows.TryGetValue(code, out var row))
            {
                row.Enabled = on;
                row.UpdatedAt = now;
            }
            else
            {
                db.AuditKindSettings.Add(new AuditKindSetting { Kind = code, Enabled = on, UpdatedAt = now });
            }
        }

        var off = before.Where(k => enabled.TryGetValue(k.Code, out var on) ? !on : !k.Enabled).Select(k => k.Code).ToList();
        change.Record(new AuditEvent(AuditKinds.AuditSettingsChanged, $"修改审计设置：关闭 {off.Count} 类 / audit settings changed", "audit", null, null, null,
            new { Off = string.Join(",", before.Where(k => !k.Enabled).Select(k => k.Code)) }, new { Off = string.Join(",", off) }));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return Outcome<IReadOnlyList<AuditKindView>>.Ok(await KindsAsync(ct).ConfigureAwait(false));
    }

    private static async IAsyncEnumerable<AuditRecordView> Stream(IQueryable<AuditRecord> q, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var r in q.AsAsyncEnumerable().WithCancellation(ct).ConfigureAwait(false))
        {
            yield return ToView(r);
        }
    }

    private static IQueryable<AuditRecord> Apply(IQueryable<AuditRecord> q, AuditFilter f)
    {
        if (!string.IsNullOrWhiteSpace(f.Kind))
        {
            q = q.Where(r => r.Kind == f.Kind);
        }

        if (!string.IsNullOrWhiteSpace(f.Outcome))
        {
            q = q.Where(r => r.Outcome == f.Outcome);
        }

        if (f.WebsiteId is { } site)
        {
            q = q.Where(r => r.WebsiteId == site);
        }

        if (f.ActorUserId is { } actor)
        {
            q = q.Where(r => r.ActorUserId == actor);
        }

        if (f.From is { } from)
        {
            q = q.Where(r => r.At >= from);
        }

        if (f.To is { } to)
        {
            q = q.Where(r => r.At < to);
        }

        if (!string.IsNullOrWhiteSpace(f.Query))
        {
            var term = f.Query.Trim();
            q = q.Where(r => r.Summary.Contains(term) || r.ActorName.Contains(term));
        }

        return q;
    }

    private static AuditRecordView ToView(AuditRecord r) => new(
        r.Seq, r.At, r.Kind, r.Outcome, r.ActorName, r.ActorUserId, r.ActorOrganisationId, r.OrganisationId, r.WebsiteId, r.ObjectType, r.ObjectId,
        r.Summary, r.BeforeDigest, r.AfterDigest, r.Changes, r.ClientAddress, r.Hash);
}
