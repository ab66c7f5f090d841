using GovGuard.Catalog.Duties;
using GovGuard.Catalog.Lifecycle;
using GovGuard.Catalog.Roles;

namespace GovGuard.Catalog.Tests.Roles;

public class RoleRulesTests
{
    [Fact]
    public void Role_codes_are_exactly_the_contract_codes()
    {
        Assert.Equal(["customer", "provider", "agent", "developer", "integrator", "security_service", "assessor"], Terms.Codes<Role>());
        Assert.Equal(["planning", "migration", "operation", "exit"], Terms.Codes<Phase>());
    }

    [Fact]
    public void Every_enum_member_has_a_code_and_both_names()
    {
        AssertTerms<Role>();
        AssertTerms<OrganisationKind>();
        AssertTerms<EngagementRole>();
        AssertTerms<Phase>();
        AssertTerms<LifecycleState>();
        AssertTerms<DeploymentModel>();
        AssertTerms<EvidenceKind>();
        AssertTerms<MonitorKind>();
        AssertTerms<RecordKind>();
    }

    [Fact]
    public void States_and_engagement_roles_use_the_same_words_as_phases_and_duty_roles()
    {
        // The enums are separate concepts declared apart; their shared members must read the same.
        foreach (var phase in Terms.All<Phase>())
        {
            var state = Terms.All<LifecycleState>().Single(s => s.Phase() == phase);
            Assert.Equal((phase.ToWire(), phase.NameZh(), phase.NameEn()), (state.ToWire(), state.NameZh(), state.NameEn()));
        }

        foreach (var engagement in Terms.All<EngagementRole>())
        {
            var role = engagement.DutyRoles()[0];
            Assert.Equal((role.ToWire(), role.NameZh(), role.NameEn()), (engagement.ToWire(), engagement.NameZh(), engagement.NameEn()));
        }
    }

    private static void AssertTerms<T>()
        where T : struct, Enum
    {
        foreach (var v in Terms.All<T>())
        {
            Assert.Matches("^[a-z_]+$", v.ToWire());
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", v.NameZh());
            Assert.False(string.IsNullOrWhiteSpace(v.NameEn()));
            Assert.True(Terms.TryParse<T>(v.ToWire(), out var back));
            Assert.Equal(v, back);
        }

        Assert.False(Terms.TryParse<T>("Customer", out _));
        Assert.False(Terms.TryParse<T>("0", out _));
    }

    [Fact]
    public void A_cloud_provider_may_also_act_as_agent_but_never_as_assessor()
    {
        Assert.True(OrganisationKind.CloudProvider.CanHold(EngagementRole.Provider));
        Assert.True(OrganisationKind.CloudProvider.CanHold(EngagementRole.Integrator));
        Assert.False(OrganisationKind.CloudProvider.CanHold(EngagementRole.Assessor));
    }

    [Fact]
    public void Agents_may_hold_each_others_roles_but_not_the_providers()
    {
        foreach (var kind in new[] { OrganisationKind.WebsiteDeveloper, OrganisationKind.SystemIntegrator, OrganisationKind.SecurityServiceProvider })
        {
            Assert.Equal([EngagementRole.Developer, EngagementRole.Integrator, EngagementRole.SecurityService], RoleRules.RolesFor(kind));
            Assert.Equal(kind.NaturalRole(), RoleRules.RolesFor(kind).Single(r => r == kind.NaturalRole()));
        }
    }

    [Fact]
    public void The_assessor_is_independent_and_the_customer_holds_no_engagement()
    {
        Assert.Equal([EngagementRole.Assessor], RoleRules.RolesFor(OrganisationKind.ThirdPartyAssessor));
        Assert.Empty(RoleRules.RolesFor(OrganisationKind.GovernmentCustomer));
        Assert.Null(OrganisationKind.GovernmentCustomer.NaturalRole());
    }

    [Fact]
    public void Agent_duties_are_covered_by_each_kind_of_agent()
    {
        Assert.Equal([Role.Developer, Role.Agent], EngagementRole.Developer.DutyRoles());
        Assert.Equal([Role.SecurityService, Role.Agent], EngagementRole.SecurityService.DutyRoles());
        Assert.Equal([Role.Provider], EngagementRole.Provider.DutyRoles());
        Assert.True(Role.Agent.Concerns(Role.Integrator));
        Assert.True(Role.Developer.Concerns(Role.Agent));
        Assert.False(Role.Developer.Concerns(Role.Integrator));
        Assert.False(Role.Provider.Concerns(Role.Agent));
    }
}
