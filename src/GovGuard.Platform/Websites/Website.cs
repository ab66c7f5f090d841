using GovGuard.Catalog;
using GovGuard.Catalog.Lifecycle;
using GovGuard.Platform.Common;

namespace GovGuard.Platform.Websites;

/// <summary>Cloud service models (GB/T 38249 5.3.6).</summary>
public enum ServiceModel
{
    Saas,
    Paas,
    Iaas,
}

/// <summary>Names for the website enums on pages and in reports.</summary>
public static class WebsiteNames
{
    public static Text Of(ServiceModel m) => m switch
    {
        ServiceModel.Saas => new("软件即服务（SaaS）", "Software as a service (SaaS)"),
        ServiceModel.Paas => new("平台即服务（PaaS）", "Platform as a service (PaaS)"),
        ServiceModel.Iaas => new("基础设施即服务（IaaS）", "Infrastructure as a service (IaaS)"),
        _ => throw new ArgumentOutOfRangeException(nameof(m), m, null),
    };

    public static Text Of(DeploymentModel m) => new(m.NameZh(), m.NameEn());

    public static Text Of(LifecycleState p) => new(p.NameZh(), p.NameEn());
}

/// <summary>A government website, owned by one customer organisation.</summary>
public sealed class Website
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Host names the website answers on, lower case, the first is the main one.</summary>
    public List<string> Domains { get; set; } = [];

    /// <summary>网站标识码 (10 characters), issued for government websites.</summary>
    public string? SiteCode { get; set; }

    /// <summary>ICP备案号, e.g. 京ICP备12345678号-1.</summary>
    public string? IcpRecord { get; set; }

    /// <summary>公安备案号, e.g. 京公网安备11010502030143号.</summary>
    public string? PublicSecurityRecord { get; set; }

    /// <summary>网络安全等级保护 level, 1 to 5.</summary>
    public int ProtectionLevel { get; set; }

    public ServiceModel ServiceModel { get; set; }

    public DeploymentModel DeploymentModel { get; set; }

    public LifecycleState Phase { get; set; }

    /// <summary>The customer organisation that owns the website.</summary>
    public Guid CustomerId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: a stale edit is refused, not merged.</summary>
    public int Version { get; set; }
}
