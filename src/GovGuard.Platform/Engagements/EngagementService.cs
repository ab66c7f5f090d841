using GovGuard.Catalog.Roles;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Organisations;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Engagements;

/// <summary>What a caller sends to engage an organisation on a website.</summary>
public sealed record EngagementInput(Guid? OrganisationId, string? Role, string? ContractReference);

/// <summary>An engagement as callers see it.</summary>
public sealed record EngagementView(Guid Id, Guid WebsiteId, string WebsiteName, Guid OrganisationId, string OrganisationName, string OrganisationKind, string Role, string? ContractReference, DateTimeOffset StartedAt, DateTimeOffset? EndedAt);

/// <summary>Engaging organisations on a website and ending engagements: the owning customer's administrators decide.</summary>
public sealed class EngagementService(GovGuardDbContext db, AuditLog audit, TimeProvider time)
{
    private static readonly Text SiteLabel = new("网站", "website");

    public async Task<Outcome<IReadOnlyList<EngagementView>>> ListAsync(Caller caller, Guid websiteId, bool includeEnded, CancellationToken ct)
    {
        var site = await WebsiteAccess.Visible(db, caller).AsNoTracking().FirstOrDefaultAsync(w => w.Id == websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        var q = db.Engagements.AsNoTracking().Where(e => e.WebsiteId == websiteId);
        if (!includeEnded)
        {
            q = q.Where(e => e.EndedAt == null);
        }

        var rows = await q.Join(db.Organisations, e => e.OrganisationId, o => o.Id, (e, o) => new { e, o.Name, o.Kind })
            .OrderBy(x => x.e.StartedAt).ToListAsync(ct).ConfigureAwait(false);
        return rows.Select(x => ToView(x.e, site.Name, x.Name, x.Kind)).ToList();
    }

    public async Task<Outcome<EngagementView>> CreateAsync(Caller caller, Guid websiteId, EngagementInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var site = await WebsiteAccess.Visible(db, caller).AsNoTracking().FirstOrDefaultAsync(w => w.Id == websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        var relation = await WebsiteAccess.RelationAsync(db, caller, site, ct).ConfigureAwait(false);
        if (!(relation.IsAdmin || (relation.IsOwner && caller.IsOrgAdmin)))
        {
            await audit.RecordAsync(db, caller, new AuditEvent(AuditKinds.AccessDenied, "拒绝：建立服务关系 / denied: create engagement", "engagement",
                null, site.CustomerId, site.Id, Outcome: AuditOutcomes.Denied), ct).ConfigureAwait(false);
            return Error.Forbidden(new Text("只有网站所属单位的管理员可以建立服务关系。", "Only an administrator of the owning customer may engage organisations."));
        }

        var v = new Validation();
        var role = v.OneOf("role", new("服务角色", "Engagement role"), input.Role, WireCodes<EngagementRole>.ByCode);
        var contract = v.Optional("contractReference", new("合同编号", "Contract reference"), input.ContractReference, 200);
        Organisation? org = null;
        if (input.OrganisationId is null)
        {
            v.Add("organisationId", "required", "服务单位（organisationId）为必填项。", "The organisation (organisationId) is required.");
        }
        else
        {
            org = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == input.OrganisationId, ct).ConfigureAwait(false);
            if (org is null)
            {
                v.Add("organisationId", "exists", "服务单位（organisationId）不存在。", "The organisation (organisationId) does not exist.");
            }
        }

        if (org is not null && role is { } r)
        {
            if (!EngagementRoles.Fits(org.Kind, r))
            {
                var kindName = OrganisationKinds.Name(org.Kind);
                var roleName = EngagementRoles.Name(r);
                v.Add("role", "kind_fits_role", $"{kindName.Zh}不能担任{roleName.Zh}（role）。", $"An organisation of kind {kindName.En} cannot be engaged as {roleName.En} (role).");
            }
            else if (await db.Engagements.AnyAsync(e => e.WebsiteId == site.Id && e.OrganisationId == org.Id && e.Role == r && e.EndedAt == null, ct).ConfigureAwait(false))
            {
                v.Add("role", "unique", "该单位已在此网站担任这一角色（role）。", "The organisation already holds this role (role) on the website.");
            }
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var engagement = new Engagement
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = site.Id,
            OrganisationId = org!.Id,
            Role = role!.Value,
            ContractReference = contract,
            StartedAt = now,
        };
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.Engagements.Add(engagement);
        change.Record(new AuditEvent(AuditKinds.EngagementCreated,
            $"「{org.Name}」以{EngagementRoles.Name(engagement.Role).Zh}身份参与网站「{site.Name}」 / engaged as {WireCodes<EngagementRole>.Code(engagement.Role)}",
            "engagement", engagement.Id.ToString(), site.CustomerId, site.Id, null, Snapshot(engagement)));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return ToView(engagement, site.Name, org.Name, org.Kind);
    }

    public async Task<Outcome<EngagementView>> EndAsync(Caller caller, Guid websiteId, Guid engagementId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var site = await WebsiteAccess.Visible(db, caller).AsNoTracking().FirstOrDefaultAsync(w => w.Id == websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        var engagement = await db.Engagements.FirstOrDefaultAsync(e => e.Id == engagementId && e.WebsiteId == websiteId, ct).ConfigureAwait(false);
        if (engagement is null)
        {
            return Error.NotFound(new Text("服务关系", "engagement"));
        }

        var relation = await WebsiteAccess.RelationAsync(db, caller, site, ct).ConfigureAwait(false);
        if (!(relation.IsAdmin || (relation.IsOwner && caller.IsOrgAdmin)))
        {
            db.ChangeTracker.Clear();
            await audit.RecordAsync(db, caller, new AuditEvent(AuditKinds.AccessDenied, "拒绝：结束服务关系 / denied: end engagement", "engagement",
                engagement.Id.ToString(), site.CustomerId, site.Id, Outcome: AuditOutcomes.Denied), ct).ConfigureAwait(false);
            return Error.Forbidden(new Text("只有网站所属单位的管理员可以结束服务关系。", "Only an administrator of the owning customer may end engagements."));
        }

        if (engagement.EndedAt is not null)
        {
            return Error.Conflict(new Text("该服务关系已经结束。", "The engagement has already ended."));
        }

        var before = Snapshot(engagement);
        engagement.EndedAt = time.GetUtcNow();
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(AuditKinds.EngagementEnded, "结束服务关系 / ended engagement", "engagement", engagement.Id.ToString(),
            site.CustomerId, site.Id, before, Snapshot(engagement)));
        await change.CommitAsync(ct).ConfigureAwait(false);
        var org = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == engagement.OrganisationId, ct).ConfigureAwait(false);
        return ToView(engagement, site.Name, org.Name, org.Kind);
    }

    private static object Snapshot(Engagement e) => new
    {
        e.WebsiteId,
        e.OrganisationId,
        Role = WireCodes<EngagementRole>.Code(e.Role),
        e.ContractReference,
        e.StartedAt,
        e.EndedAt,
    };

    private static EngagementView ToView(Engagement e, string siteName, string orgName, OrganisationKind kind) => new(
        e.Id, e.WebsiteId, siteName, e.OrganisationId, orgName, WireCodes<OrganisationKind>.Code(kind), WireCodes<EngagementRole>.Code(e.Role),
        e.ContractReference, e.StartedAt, e.EndedAt);
}
