using GovGuard.Catalog;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Common;

namespace GovGuard.Platform.Engagements;

/// <summary>Rules and names of engagement roles.</summary>
public static class EngagementRoles
{
    public static Text Name(EngagementRole role) => new(role.NameZh(), role.NameEn());

    /// <summary>Whether an organisation of <paramref name="kind"/> may hold <paramref name="role"/> (GB/T 38249 4.1; see RoleRules).</summary>
    public static bool Fits(OrganisationKind kind, EngagementRole role) => kind.CanHold(role);
}

/// <summary>Binds an organisation to a website in a role; the organisation's users then see the website.</summary>
public sealed class Engagement
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public Guid OrganisationId { get; set; }

    public EngagementRole Role { get; set; }

    /// <summary>The contract or agreement the engagement rests on, if recorded.</summary>
    public string? ContractReference { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Set when the engagement ends; the organisation then loses access.</summary>
    public DateTimeOffset? EndedAt { get; set; }
}
