using GovGuard.Catalog;
using System.Text.Json.Serialization;
using GovGuard.Catalog.Lifecycle;

namespace GovGuard.Platform.Planning.Payloads;

/// <summary>How sensitive the website's information is (5.3.2 a, b).</summary>
public enum DataSensitivity
{
    [Term("public", "公开信息", "Public information")]
    Public,

    [Term("internal", "内部信息", "Internal information")]
    Internal,

    [Term("sensitive", "敏感信息", "Sensitive information")]
    Sensitive,
}

/// <summary>How much personal information the website holds (5.3.2 b).</summary>
public enum PersonalDataVolume
{
    [Term("none", "无个人信息", "No personal information")]
    None,

    [Term("small", "少量个人信息", "Some personal information")]
    Small,

    [Term("large", "大量个人信息", "Much personal information")]
    Large,
}

/// <summary>How critical the website's business is (5.3.2 b): key and core business migrate only once security is assured.</summary>
public enum BusinessCriticality
{
    [Term("general", "一般业务", "General business")]
    General,

    [Term("important", "重要业务", "Important business")]
    Important,

    [Term("key", "关键业务", "Key business")]
    Key,

    [Term("core", "核心业务", "Core business")]
    Core,
}

/// <summary>What the decision analysis concludes.</summary>
public enum DecisionOutcome
{
    [Term("migrate", "迁移上云", "Migrate")]
    Migrate,

    [Term("migrate_partially", "部分迁移", "Migrate in part")]
    MigratePartially,

    [Term("defer", "暂缓迁移", "Defer")]
    Defer,

    [Term("not_migrate", "不迁移", "Do not migrate")]
    NotMigrate,
}

/// <summary>The migration decision report (迁移决策报告, GB/T 38249 5.3.2 a–c).</summary>
public sealed record MigrationDecision : IPlanningPayload
{
    [Field("网络安全等级保护级别", "Graded-protection (等保) level", Clause = "5.3.2.a")]
    public int? ProtectionLevel { get; init; }

    [Field("定级备案证明编号", "Grading filing reference", Clause = "5.3.2.a")]
    public string? GradingReference { get; init; }

    [Field("采用云计算服务的安全风险评估", "Assessment of the security risks of using cloud services", Long = true, Clause = "5.3.2.a")]
    public string? RiskAssessment { get; init; }

    [Field("信息敏感程度", "Sensitivity of the information", Clause = "5.3.2.b")]
    public DataSensitivity? DataSensitivity { get; init; }

    [Field("个人信息规模", "Volume of personal information", Clause = "5.3.2.b")]
    public PersonalDataVolume? PersonalData { get; init; }

    [Field("业务重要程度", "Business criticality", Clause = "5.3.2.b")]
    public BusinessCriticality? BusinessCriticality { get; init; }

    [Field("部署模式", "Deployment model", Clause = "5.3.2.c")]
    public DeploymentModel? Deployment { get; init; }

    [Field("决策结论", "Decision", Clause = "5.3.2")]
    public DecisionOutcome? Decision { get; init; }

    [Field("迁移的数据和业务范围", "Data and business in scope", Long = true, Clause = "5.2.1.a")]
    public string? Scope { get; init; }

    [Field("确保安全的措施和理由", "Safeguards and reasons that make the migration safe", Long = true, Clause = "5.3.2.b")]
    public string? SafeguardJustification { get; init; }

    [Field("确认混合部署中没有部分运行在社会化云上", "Confirm no part of the hybrid deployment runs on a public cloud", Clause = "5.3.2.c")]
    public bool HybridWithoutPublicPart { get; init; }

    [Field("决策分析说明", "Reasoning of the decision", Long = true, Clause = "5.3.2")]
    public string? Reasoning { get; init; }

    /// <summary>True when the decision moves anything to the cloud.</summary>
    [JsonIgnore]
    public bool Migrates => Decision is DecisionOutcome.Migrate or DecisionOutcome.MigratePartially;

    /// <summary>Heavy personal or sensitive data, or key or core business: 5.3.2 b asks for migration only once security is assured.</summary>
    [JsonIgnore]
    public bool NeedsExtraJustification =>
        DataSensitivity == Payloads.DataSensitivity.Sensitive
        || PersonalData == PersonalDataVolume.Large
        || BusinessCriticality is Payloads.BusinessCriticality.Key or Payloads.BusinessCriticality.Core;

    /// <summary>Shortest reasoning accepted as a justification under 5.3.2 b: a sentence, not a word.</summary>
    public const int MinimumJustification = 20;

    public void Check(PayloadRules rules, PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(rules);
        rules.Range("protectionLevel", ProtectionLevel, 1, 5);
        rules.Optional("gradingReference", GradingReference, 100);
        rules.Required("riskAssessment", RiskAssessment);
        rules.Present("dataSensitivity", DataSensitivity);
        rules.Present("personalData", PersonalData);
        rules.Present("businessCriticality", BusinessCriticality);
        rules.Present("deployment", Deployment);
        rules.Present("decision", Decision);
        rules.Required("reasoning", Reasoning);
        if (Migrates)
        {
            rules.Required("scope", Scope);
        }
        else
        {
            rules.Optional("scope", Scope);
        }

        if (Migrates && ProtectionLevel >= 4 && Deployment == DeploymentModel.PublicCloud)
        {
            rules.Clause("deployment", "level4_public_cloud", "5.3.2.c",
                $"等保{ProtectionLevel}级的政府网站不宜采用社会化云计算服务（public_cloud），请选择政务云、私有云或不迁移",
                $"A website graded level {ProtectionLevel} should not use a public (commercial) cloud (public_cloud); choose a government or private cloud, or do not migrate");
        }

        if (Migrates && ProtectionLevel >= 4 && Deployment == DeploymentModel.Hybrid)
        {
            rules.Confirmed("hybridWithoutPublicPart", HybridWithoutPublicPart, "5.3.2.c");
        }

        if (Migrates && NeedsExtraJustification && (SafeguardJustification?.Length ?? 0) < MinimumJustification)
        {
            rules.Clause("safeguardJustification", "justification_required", "5.3.2.b",
                $"含大量敏感信息或个人信息、或属关键业务和核心业务的网站，须说明在确保安全的前提下迁移的措施和理由（safeguardJustification，至少 {MinimumJustification} 字）",
                $"A website with much sensitive or personal information, or key or core business, needs the safeguards and reasons that make migrating safe (safeguardJustification, at least {MinimumJustification} characters)");
        }
        else
        {
            rules.Optional("safeguardJustification", SafeguardJustification);
        }
    }
}
