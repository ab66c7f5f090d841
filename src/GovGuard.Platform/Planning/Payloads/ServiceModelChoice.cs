using GovGuard.Platform.Websites;

namespace GovGuard.Platform.Planning.Payloads;

/// <summary>The service model chosen (GB/T 38249 5.3.6) and the reasons, factor by factor.</summary>
public sealed record ServiceModelChoice : IPlanningPayload
{
    [Field("服务模式", "Service model", Clause = "5.3.6")]
    public ServiceModel? Model { get; init; }

    [Field("当地政策要求", "Local policy", Long = true, Clause = "5.3.6")]
    public string? LocalPolicy { get; init; }

    [Field("各服务模式的特点", "Traits of the service models", Long = true, Clause = "5.3.6")]
    public string? ModelCharacteristics { get; init; }

    [Field("自身网站系统的安全管理要求", "The site's security management requirements", Long = true, Clause = "5.3.6")]
    public string? SecurityManagement { get; init; }

    [Field("自身技术能力", "In-house technical capability", Long = true, Clause = "5.3.6")]
    public string? TechnicalCapability { get; init; }

    [Field("市场和技术成熟度", "Market and technical maturity", Long = true, Clause = "5.3.6")]
    public string? Maturity { get; init; }

    [Field("参照 GB/T 31167 的要求", "Requirements of GB/T 31167 followed", Long = true, Clause = "5.3.6")]
    public string? Gbt31167 { get; init; }

    [Field("未选用其他模式的理由", "Why the other models were not chosen", Long = true, Clause = "5.3.6")]
    public string? AlternativesRejected { get; init; }

    public void Check(PayloadRules rules, PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(rules);
        rules.Present("model", Model);
        rules.Required("localPolicy", LocalPolicy);
        rules.Required("modelCharacteristics", ModelCharacteristics);
        rules.Required("securityManagement", SecurityManagement);
        rules.Required("technicalCapability", TechnicalCapability);
        rules.Optional("maturity", Maturity);
        rules.Optional("gbt31167", Gbt31167);
        rules.Required("alternativesRejected", AlternativesRejected);
    }
}
