using GovGuard.Catalog.Roles;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Alerts;

/// <summary>The website an alerting action is about, and the caller's standing on it.</summary>
internal sealed record SiteStanding(Website Site, WebsiteRelation Relation)
{
    /// <summary>Acts on alerts and their settings: the owner or an engaged contributor, with write access.</summary>
    public bool CanAct(Caller caller) => Relation.IsAdmin || (caller.CanWrite && Relation.IsContributor);

    /// <summary>Plans maintenance (GB/T 38249 7.2.2 i): the owner or the engaged cloud provider, with write access.</summary>
    public bool CanPlanMaintenance(Caller caller) =>
        Relation.IsAdmin || (caller.CanWrite && (Relation.IsOwner || Relation.Roles.Contains(EngagementRole.Provider)));
}

/// <summary>The access checks alerting shares: every object through its website (SECURITY.md, organisations).</summary>
internal static class AlertAccess
{
    public static async Task<SiteStanding?> StandingAsync(GovGuardDbContext db, Caller caller, Guid websiteId, CancellationToken ct)
    {
        var site = await WebsiteAccess.Visible(db, caller).AsNoTracking().FirstOrDefaultAsync(w => w.Id == websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return null;
        }

        return new SiteStanding(site, await WebsiteAccess.RelationAsync(db, caller, site, ct).ConfigureAwait(false));
    }

    /// <summary>Records the refusal (access.denied) and returns the 403.</summary>
    public static async Task<Error> DenyAsync(GovGuardDbContext db, AuditLog audit, Caller caller, string objectType, string? objectId, Website? site, Text why, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return await audit.DenyAsync(db, caller, why, objectType, objectId, site?.CustomerId, site?.Id, ct).ConfigureAwait(false);
    }
}
