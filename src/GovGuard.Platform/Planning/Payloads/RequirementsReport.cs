using GovGuard.Catalog;
using GovGuard.Catalog.Roles;

namespace GovGuard.Platform.Planning.Payloads;

/// <summary>The requirements report (需求报告, GB/T 38249 5.3.5 a–d), formed from the analyses of 5.3.1 to 5.3.4.</summary>
public sealed record RequirementsReport : IPlanningPayload
{
    /// <summary>The analyses a requirements report is formed from (5.3.5: "根据 5.3.1~5.3.4 分析形成").</summary>
    public static readonly IReadOnlyList<ArtefactKind> SourceKinds =
        [ArtefactKind.WebsiteInventory, ArtefactKind.MigrationDecision, ArtefactKind.ResourceNeeds, ArtefactKind.SecurityRequirements];

    [Field("安全保护等级要求", "Requirements of the protection level", Long = true, Clause = "5.3.5.a")]
    public string? LevelRequirements { get; init; }

    [Field("网站系统特定的安全要求", "Security requirements specific to the site", Long = true, Clause = "5.3.5.a")]
    public string? SpecificRequirements { get; init; }

    [Field("云服务商提供的技术接口支持", "Technical interfaces the provider supports", Long = true, Clause = "5.3.5.b")]
    public string? ProviderInterfaces { get; init; }

    [Field("云服务代理商提供的服务及产品", "Services and products of the agents", Clause = "5.3.5.c")]
    public List<AgentNeed> AgentServices { get; init; } = [];

    [Field("采取的安全管理措施", "Security management measures", Long = true, Clause = "5.3.5.d")]
    public string? ManagementMeasures { get; init; }

    [Field("依据的分析（5.3.1~5.3.4）", "Analyses it is formed from (5.3.1 to 5.3.4)", Computed = true, Clause = "5.3.5")]
    public List<SourceVersion> Sources { get; init; } = [];

    public void Check(PayloadRules rules, PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(rules);
        rules.Required("levelRequirements", LevelRequirements);
        rules.Required("specificRequirements", SpecificRequirements);
        rules.Required("providerInterfaces", ProviderInterfaces);
        for (var i = 0; i < AgentServices.Count; i++)
        {
            rules.Present($"agentServices[{i}].role", AgentServices[i].Role);
            rules.Required($"agentServices[{i}].services", AgentServices[i].Services);
        }

        rules.Required("managementMeasures", ManagementMeasures);
        foreach (var kind in SourceKinds.Where(k => Sources.All(s => s.Kind != k)))
        {
            rules.Clause("sources", "missing_source", "5.3.5",
                $"需求报告根据 5.3.1~5.3.4 的分析形成，尚无「{kind.NameZh()}」",
                $"The requirements report is formed from the analyses of 5.3.1 to 5.3.4; there is no {kind.NameEn().ToLowerInvariant()} yet");
        }
    }
}

/// <summary>What is needed from one kind of agent (5.3.5 c).</summary>
public sealed record AgentNeed
{
    [Field("代理商类别", "Kind of agent")]
    public EngagementRole? Role { get; init; }

    [Field("所需的服务及产品", "Services and products needed", Long = true)]
    public string? Services { get; init; }
}

/// <summary>The version of another artefact a report was formed from, as it was when the report was saved.</summary>
public sealed record SourceVersion
{
    [Field("分析", "Analysis")]
    public ArtefactKind Kind { get; init; }

    [Field("版本", "Version")]
    public int Number { get; init; }

    [Field("状态", "Status")]
    public ArtefactStatus Status { get; init; }

    [Field("SM3 摘要", "SM3 digest")]
    public string? Digest { get; init; }
}
