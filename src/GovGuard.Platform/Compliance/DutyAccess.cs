using GovGuard.Catalog.Duties;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Websites;

namespace GovGuard.Platform.Compliance;

/// <summary>Who may do what to a website's duties: the one place the compliance rules of access live.</summary>
public static class DutyAccess
{
    /// <summary>
    /// May change a duty's status, owner, due date and add comments: a platform administrator, the owning customer,
    /// or an organisation engaged in a role that answers for the duty. The assessor never does (it reviews).
    /// </summary>
    public static bool CanWork(Caller caller, WebsiteRelation relation, Duty duty)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(relation);
        ArgumentNullException.ThrowIfNull(duty);
        return caller.CanWrite && (relation.IsAdmin || relation.IsOwner || relation.Roles.Any(r => r != EngagementRole.Assessor && duty.Concerns(r)));
    }

    /// <summary>May add evidence: whoever may work the duty, and the assessor for the duties the standard puts on it (6.4.1, 8.2.4).</summary>
    public static bool CanSubmitEvidence(Caller caller, WebsiteRelation relation, Duty duty) =>
        CanWork(caller, relation, duty) || (caller.CanWrite && relation.Roles.Contains(EngagementRole.Assessor) && duty.Concerns(EngagementRole.Assessor));

    /// <summary>May review evidence and sign off phases: only an organisation engaged as assessor on the website.</summary>
    public static bool IsEngagedAssessor(Caller caller, WebsiteRelation relation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(relation);
        return caller.CanWrite && relation.Roles.Contains(EngagementRole.Assessor);
    }

    /// <summary>Records a refusal in the audit log and returns the 403 to give.</summary>
    public static async Task<Error> DenyAsync(GovGuardDbContext db, AuditLog audit, Caller caller, Website site, string objectType, string? objectId, Text why, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(site);
        return await audit.DenyAsync(db, caller, why, objectType, objectId, site.CustomerId, site.Id, ct).ConfigureAwait(false);
    }
}
