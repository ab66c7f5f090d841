namespace GovGuard.Catalog.Roles;

/// <summary>The kinds of organisation that take part in a government website on cloud services (GB/T 38249 4.1).</summary>
public enum OrganisationKind
{
    /// <summary>Owner or operator of the government website.</summary>
    [Term("government_customer", "云服务客户（政府网站主管单位）", "Government customer")]
    GovernmentCustomer,

    [Term("cloud_provider", "云服务商", "Cloud service provider")]
    CloudProvider,

    [Term("website_developer", "网站开发商", "Website developer")]
    WebsiteDeveloper,

    [Term("system_integrator", "系统集成商", "System integrator")]
    SystemIntegrator,

    [Term("security_service_provider", "安全服务商", "Security service provider")]
    SecurityServiceProvider,

    [Term("third_party_assessor", "第三方评估机构", "Third-party assessor")]
    ThirdPartyAssessor,
}
