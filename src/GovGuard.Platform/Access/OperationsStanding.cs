using GovGuard.Catalog.Roles;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Access;

/// <summary>
/// The caller's standing on a website for the operation records of chapter 7 (emergency plans, drills, backups,
/// the duty rota, change notices, risk assessments): who reads, who writes as the provider, who decides as the customer.
/// </summary>
public sealed record OperationsStanding(Website Site, WebsiteRelation Relation)
{
    /// <summary>Writes what the cloud provider keeps (GB/T 38249 7.2.2 g, 7.5): the engaged provider or a platform administrator, with write access.</summary>
    public bool IsProviderWriter(Caller caller) =>
        caller is not null && (Relation.IsAdmin || (caller.CanWrite && Relation.Roles.Contains(EngagementRole.Provider)));

    /// <summary>Acts for the customer (7.2.1 e, 7.6 d): a member of the owner with write access.</summary>
    public bool IsCustomerWriter(Caller caller) =>
        caller is not null && (Relation.IsAdmin || (caller.CanWrite && Relation.IsOwner));

    /// <summary>Approves for the customer: an administrator of the owner.</summary>
    public bool IsCustomerAdmin(Caller caller) =>
        caller is not null && (Relation.IsAdmin || (caller.IsOrgAdmin && Relation.IsOwner));

    /// <summary>Runs the website's duty rota: the owner or the engaged provider, with write access.</summary>
    public bool IsOperator(Caller caller) => IsProviderWriter(caller) || IsCustomerWriter(caller);

    /// <summary>The website; null when the caller may not see it (answered as 404).</summary>
    public static async Task<OperationsStanding?> OfAsync(GovGuardDbContext db, Caller caller, Guid websiteId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var site = await WebsiteAccess.Visible(db, caller).AsNoTracking().FirstOrDefaultAsync(w => w.Id == websiteId, ct).ConfigureAwait(false);
        return site is null ? null : new OperationsStanding(site, await WebsiteAccess.RelationAsync(db, caller, site, ct).ConfigureAwait(false));
    }

    /// <summary>Records the refusal (access.denied) and returns the 403.</summary>
    public Task<Error> DenyAsync(GovGuardDbContext db, AuditLog audit, Caller caller, string objectType, string? objectId, Text why, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return audit.DenyAsync(db, caller, why, objectType, objectId, Site.CustomerId, Site.Id, ct);
    }
}
