namespace GovGuard.Catalog.Roles;

/// <summary>
/// The part an organisation plays for one website (an engagement with its customer). The customer
/// itself is the website's owner, not an engagement.
/// </summary>
public enum EngagementRole
{
    [Term("provider", "云服务商", "Cloud service provider")]
    Provider,

    [Term("developer", "网站开发商", "Website developer")]
    Developer,

    [Term("integrator", "系统集成商", "System integrator")]
    Integrator,

    [Term("security_service", "安全服务商", "Security service provider")]
    SecurityService,

    [Term("assessor", "第三方评估机构", "Third-party assessor")]
    Assessor,
}
