namespace GovGuard.Catalog.Roles;

/// <summary>Who a duty of the catalog falls on (GB/T 38249 4.1); codes are the CLI contract's.</summary>
public enum Role
{
    [Term("customer", "云服务客户", "Cloud service customer")]
    Customer,

    [Term("provider", "云服务商", "Cloud service provider")]
    Provider,

    /// <summary>Any cloud service agent: website developer, system integrator or security service provider.</summary>
    [Term("agent", "云服务代理商", "Cloud service agent")]
    Agent,

    [Term("developer", "网站开发商", "Website developer")]
    Developer,

    [Term("integrator", "系统集成商", "System integrator")]
    Integrator,

    [Term("security_service", "安全服务商", "Security service provider")]
    SecurityService,

    [Term("assessor", "第三方评估机构", "Third-party assessor")]
    Assessor,
}
