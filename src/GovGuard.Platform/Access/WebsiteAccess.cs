using GovGuard.Catalog.Roles;
using GovGuard.Platform.Data;
using GovGuard.Platform.Engagements;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Access;

/// <summary>How the caller's organisation stands to one website.</summary>
public sealed record WebsiteRelation(bool IsAdmin, bool IsOwner, IReadOnlySet<EngagementRole> Roles)
{
    public static WebsiteRelation None { get; } = new(false, false, new HashSet<EngagementRole>());

    /// <summary>May see it at all: owner, any engagement, or platform administrator.</summary>
    public bool CanRead => IsAdmin || IsOwner || Roles.Count > 0;

    /// <summary>Engaged only as assessor: reads, never edits what it assesses.</summary>
    public bool IsAssessorOnly => !IsAdmin && !IsOwner && Roles.Count > 0 && Roles.All(r => r == EngagementRole.Assessor);

    /// <summary>Does work on the website (owner, or engaged in a role other than assessor).</summary>
    public bool IsContributor => IsAdmin || IsOwner || Roles.Any(r => r != EngagementRole.Assessor);
}

/// <summary>Every website query and every website action goes through here (GovGuard's own access rule).</summary>
public static class WebsiteAccess
{
    /// <summary>The websites the caller may see: owned by their organisation, engaged on, or all for an administrator.</summary>
    public static IQueryable<Website> Visible(GovGuardDbContext db, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsPlatformAdmin)
        {
            return db.Websites;
        }

        var org = caller.OrganisationId;
        return db.Websites.Where(w => w.CustomerId == org
            || db.Engagements.Any(e => e.WebsiteId == w.Id && e.OrganisationId == org && e.EndedAt == null));
    }

    /// <summary>The caller's standing on one website.</summary>
    public static async Task<WebsiteRelation> RelationAsync(GovGuardDbContext db, Caller caller, Website website, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(website);
        var roles = await db.Engagements
            .Where(e => e.WebsiteId == website.Id && e.OrganisationId == caller.OrganisationId && e.EndedAt == null)
            .Select(e => e.Role)
            .ToListAsync(ct).ConfigureAwait(false);
        return new WebsiteRelation(caller.IsPlatformAdmin, website.CustomerId == caller.OrganisationId, roles.ToHashSet());
    }
}
