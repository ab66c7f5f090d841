using GovGuard.Platform.Common;
using GovGuard.Platform.Organisations;

namespace GovGuard.Platform.Engagements;

/// <summary>The role an organisation is engaged in on a website (GB/T 38249 4.1).</summary>
public enum EngagementRole
{
    Provider,
    Developer,
    Integrator,
    SecurityService,
    Assessor,
}

/// <summary>Rules and names of engagement roles.</summary>
public static class EngagementRoles
{
    public static Text Name(EngagementRole role) => role switch
    {
        EngagementRole.Provider => new("云服务商", "Cloud provider"),
        EngagementRole.Developer => new("网站开发商", "Website developer"),
        EngagementRole.Integrator => new("系统集成商", "System integrator"),
        EngagementRole.SecurityService => new("安全服务商", "Security service provider"),
        EngagementRole.Assessor => new("第三方评估机构", "Third-party assessor"),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>
    /// Whether an organisation of <paramref name="kind"/> may hold <paramref name="role"/>. A provider and the
    /// agents may be one legal entity (4.1, note), so they may hold each other's roles; an assessor must be an
    /// assessor and nothing else, to stay independent; the customer owns the website and is not engaged on it.
    /// </summary>
    public static bool Fits(OrganisationKind kind, EngagementRole role) => (kind, role) switch
    {
        (OrganisationKind.ThirdPartyAssessor, EngagementRole.Assessor) => true,
        (OrganisationKind.ThirdPartyAssessor, _) => false,
        (_, EngagementRole.Assessor) => false,
        (OrganisationKind.GovernmentCustomer, _) => false,
        _ => true,
    };
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
