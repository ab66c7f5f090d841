namespace GovGuard.Catalog.Roles;

/// <summary>Which organisation may hold which engagement role, and which duties an engagement role carries.</summary>
public static class RoleRules
{
    // GB/T 38249 4.1 note: a provider and an agent may be one legal entity, and so may the three kinds of
    // agent; the assessor is independent ("独立的安全评估") and holds no other role.
    private static readonly EngagementRole[] AgentRoles = [EngagementRole.Developer, EngagementRole.Integrator, EngagementRole.SecurityService];

    private static readonly EngagementRole[] ProviderRoles = [EngagementRole.Provider, .. AgentRoles];

    private static readonly EngagementRole[] AssessorRoles = [EngagementRole.Assessor];

    /// <summary>The engagement roles an organisation of this kind may hold; none for the government customer.</summary>
    public static IReadOnlyList<EngagementRole> RolesFor(OrganisationKind kind) => kind switch
    {
        OrganisationKind.GovernmentCustomer => [],
        OrganisationKind.CloudProvider => ProviderRoles,
        OrganisationKind.WebsiteDeveloper or OrganisationKind.SystemIntegrator or OrganisationKind.SecurityServiceProvider => AgentRoles,
        OrganisationKind.ThirdPartyAssessor => AssessorRoles,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>True when an organisation of this kind may hold the engagement role.</summary>
    public static bool CanHold(this OrganisationKind kind, EngagementRole role) => RolesFor(kind).Contains(role);

    /// <summary>The engagement role an organisation of this kind plays by default (its own business).</summary>
    public static EngagementRole? NaturalRole(this OrganisationKind kind) => kind switch
    {
        OrganisationKind.GovernmentCustomer => null,
        OrganisationKind.CloudProvider => EngagementRole.Provider,
        OrganisationKind.WebsiteDeveloper => EngagementRole.Developer,
        OrganisationKind.SystemIntegrator => EngagementRole.Integrator,
        OrganisationKind.SecurityServiceProvider => EngagementRole.SecurityService,
        OrganisationKind.ThirdPartyAssessor => EngagementRole.Assessor,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The duty roles an engagement role answers for: a developer answers for developer and agent duties.</summary>
    public static IReadOnlyList<Role> DutyRoles(this EngagementRole role) => role switch
    {
        EngagementRole.Provider => [Role.Provider],
        EngagementRole.Developer => [Role.Developer, Role.Agent],
        EngagementRole.Integrator => [Role.Integrator, Role.Agent],
        EngagementRole.SecurityService => [Role.SecurityService, Role.Agent],
        EngagementRole.Assessor => [Role.Assessor],
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>True for the three kinds of agent; <see cref="Role.Agent"/> stands for any of them.</summary>
    public static bool IsAgent(this Role role) => role is Role.Agent or Role.Developer or Role.Integrator or Role.SecurityService;

    /// <summary>
    /// True when a duty written for <paramref name="dutyRole"/> concerns <paramref name="asked"/>: the same role,
    /// an agent duty asked by a specific agent, or any agent's duty asked as "agent".
    /// </summary>
    public static bool Concerns(this Role dutyRole, Role asked) =>
        dutyRole == asked
        || (dutyRole == Role.Agent && asked.IsAgent())
        || (asked == Role.Agent && dutyRole.IsAgent());
}
