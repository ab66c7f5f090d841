using GovGuard.Catalog.Lifecycle;

namespace GovGuard.Platform.Planning.Payloads;

/// <summary>The security requirements (GB/T 38249 5.3.4): deployment and isolation, web application, domain and content security.</summary>
public sealed record SecurityRequirements : IPlanningPayload
{
    [Field("安全部署与隔离", "Secure deployment and isolation", Clause = "5.3.4.1")]
    public DeploymentSecurity Deployment { get; init; } = new();

    [Field("Web 应用安全", "Web application security", Clause = "5.3.4.2")]
    public WebApplicationSecurity WebApplication { get; init; } = new();

    [Field("域名安全", "Domain security", Clause = "5.3.4.3")]
    public DomainSecurity Domain { get; init; } = new();

    [Field("内容安全", "Content security", Clause = "5.3.4.4")]
    public ContentSecurity Content { get; init; } = new();

    public void Check(PayloadRules rules, PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(context);
        var d = Deployment;
        rules.Required("deployment.externalAccessPolicy", d.ExternalAccessPolicy);
        rules.Required("deployment.internalAccessPolicy", d.InternalAccessPolicy);
        rules.Required("deployment.deviceAccessPolicy", d.DeviceAccessPolicy);
        rules.Required("deployment.dataExchangePolicy", d.DataExchangePolicy);
        var m = d.ProviderMeasures;
        rules.Required("deployment.providerMeasures.physical", m.Physical);
        rules.Required("deployment.providerMeasures.network", m.Network);
        rules.Required("deployment.providerMeasures.host", m.Host);
        rules.Required("deployment.providerMeasures.application", m.Application);
        rules.Required("deployment.providerMeasures.data", m.Data);
        rules.Required("deployment.providerMeasures.virtualisation", m.Virtualisation);
        rules.RequiredWhen(context.Deployment is DeploymentModel.PublicCloud or DeploymentModel.Hybrid, "deployment.tenantIsolation", d.TenantIsolation, "5.3.4.1",
            "采用社会化云计算服务时", "On a public (commercial) cloud");
        rules.Confirmed("deployment.protectionNotLower", d.ProtectionNotLower, "5.3.4.1");

        rules.Required("webApplication.measures", WebApplication.Measures);

        var n = Domain;
        rules.Required("domain.registrar", n.Registrar, 200);
        rules.Confirmed("domain.registrationFiled", n.RegistrationFiled, "5.3.4.3.a");
        rules.Required("domain.changeProcedure", n.ChangeProcedure);
        rules.Confirmed("domain.domainsCompliant", n.DomainsCompliant, "5.3.4.3.c");
        rules.Required("domain.tamperProtection", n.TamperProtection);

        rules.Required("content.reviewProcess", Content.ReviewProcess);
        rules.Range("content.approvalSteps", Content.ApprovalSteps, 1, 9);
        rules.Confirmed("content.onlyPublicInformation", Content.OnlyPublicInformation, "5.3.4.4");
    }
}

/// <summary>Access policies and the provider's measures (5.3.4.1).</summary>
public sealed record DeploymentSecurity
{
    [Field("外部和内部用户访问网站的访问控制策略：外部用户", "Access control for outside users", Long = true)]
    public string? ExternalAccessPolicy { get; init; }

    [Field("外部和内部用户访问网站的访问控制策略：内部用户", "Access control for inside users", Long = true)]
    public string? InternalAccessPolicy { get; init; }

    [Field("网站系统设备之间的访问策略", "Access policy between the site's devices", Long = true)]
    public string? DeviceAccessPolicy { get; init; }

    [Field("与政务外网和互联网间的数据共享交换策略", "Data exchange with the government extranet and the Internet", Long = true)]
    public string? DataExchangePolicy { get; init; }

    [Field("云服务商提供的安全措施", "Security measures the provider offers")]
    public ProviderMeasures ProviderMeasures { get; init; } = new();

    [Field("与其他租户的隔离（业务系统、虚拟机、虚拟网络、虚拟存储）", "Isolation from other tenants (systems, VMs, virtual networks, virtual storage)", Long = true)]
    public string? TenantIsolation { get; init; }

    [Field("迁移后的防护水平不低于迁移前", "Protection after migration is no lower than before")]
    public bool ProtectionNotLower { get; init; }
}

/// <summary>What the provider does for each layer (5.3.4.1).</summary>
public sealed record ProviderMeasures
{
    [Field("物理", "Physical", Long = true)]
    public string? Physical { get; init; }

    [Field("网络", "Network", Long = true)]
    public string? Network { get; init; }

    [Field("主机", "Host", Long = true)]
    public string? Host { get; init; }

    [Field("应用", "Application", Long = true)]
    public string? Application { get; init; }

    [Field("数据", "Data", Long = true)]
    public string? Data { get; init; }

    [Field("虚拟化", "Virtualisation", Long = true)]
    public string? Virtualisation { get; init; }
}

/// <summary>Web application security after GB/T 31506-2015 (5.3.4.2).</summary>
public sealed record WebApplicationSecurity
{
    [Field("Web 应用安全措施", "Web application security measures", Long = true)]
    public string? Measures { get; init; }

    [Field("依据 GB/T 31506—2015 实施", "Implemented after GB/T 31506-2015")]
    public bool FollowsGbT31506 { get; init; }
}

/// <summary>Domain security (5.3.4.3 a–d).</summary>
public sealed record DomainSecurity
{
    [Field("主管部门批准的域名注册服务机构", "Registrar approved by the competent authority", Clause = "5.3.4.3.a")]
    public string? Registrar { get; init; }

    [Field("已进行域名信息报备", "Domain information filed", Clause = "5.3.4.3.a")]
    public bool RegistrationFiled { get; init; }

    [Field("域名变更、解析地址变更的审批流程", "Approval procedure for domain and resolution changes", Long = true, Clause = "5.3.4.3.b")]
    public string? ChangeProcedure { get; init; }

    [Field("使用的域名符合政府网站管理规定", "Domains comply with the rules for government websites", Clause = "5.3.4.3.c")]
    public bool DomainsCompliant { get; init; }

    [Field("防止域名被恶意篡改的措施", "Measures against malicious changes of the domain", Long = true, Clause = "5.3.4.3.d")]
    public string? TamperProtection { get; init; }
}

/// <summary>Content security (5.3.4.4).</summary>
public sealed record ContentSecurity
{
    [Field("内容发布审核和审批流程", "Review and approval of published content", Long = true)]
    public string? ReviewProcess { get; init; }

    [Field("审批环节数", "Approval steps")]
    public int? ApprovalSteps { get; init; }

    [Field("发布的内容均属于可对外公开信息", "Everything published is information that may be made public")]
    public bool OnlyPublicInformation { get; init; }
}
