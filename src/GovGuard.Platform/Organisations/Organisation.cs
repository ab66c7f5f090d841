using GovGuard.Platform.Common;

namespace GovGuard.Platform.Organisations;

/// <summary>The kinds of organisation that take part in a government website on the cloud (GB/T 38249 4.1).</summary>
public enum OrganisationKind
{
    /// <summary>云服务客户: the government body that owns or runs the website.</summary>
    GovernmentCustomer,

    /// <summary>云服务商.</summary>
    CloudProvider,

    /// <summary>网站开发商 (a cloud service agent).</summary>
    WebsiteDeveloper,

    /// <summary>系统集成商 (a cloud service agent).</summary>
    SystemIntegrator,

    /// <summary>安全服务商 (a cloud service agent).</summary>
    SecurityServiceProvider,

    /// <summary>第三方评估机构.</summary>
    ThirdPartyAssessor,
}

/// <summary>Names of organisation kinds for pages and reports.</summary>
public static class OrganisationKinds
{
    public static Text Name(OrganisationKind kind) => kind switch
    {
        OrganisationKind.GovernmentCustomer => new("云服务客户（政府机构）", "Government customer"),
        OrganisationKind.CloudProvider => new("云服务商", "Cloud provider"),
        OrganisationKind.WebsiteDeveloper => new("网站开发商", "Website developer"),
        OrganisationKind.SystemIntegrator => new("系统集成商", "System integrator"),
        OrganisationKind.SecurityServiceProvider => new("安全服务商", "Security service provider"),
        OrganisationKind.ThirdPartyAssessor => new("第三方评估机构", "Third-party assessor"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>An organisation: a customer, a provider, an agent or an assessor. Every user belongs to one.</summary>
public sealed class Organisation
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public OrganisationKind Kind { get; set; }

    /// <summary>统一社会信用代码 (18 characters), when known.</summary>
    public string? CreditCode { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    public string? ContactEmail { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
