using GovGuard.Catalog;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Common;
using GovGuard.Platform.Planning.Payloads;

namespace GovGuard.Platform.Planning;

/// <summary>The planning artefacts of GB/T 38249 5.3 to 5.6, one per kind and website, each versioned.</summary>
public enum ArtefactKind
{
    [Term("website_inventory", "政府网站现状梳理报告", "Website inventory")]
    WebsiteInventory,

    [Term("migration_decision", "迁移决策报告", "Migration decision report")]
    MigrationDecision,

    [Term("resource_needs", "资源需求", "Resource needs")]
    ResourceNeeds,

    [Term("security_requirements", "安全要求", "Security requirements")]
    SecurityRequirements,

    [Term("requirements_report", "需求报告", "Requirements report")]
    RequirementsReport,

    [Term("service_model", "服务模式选择", "Service model choice")]
    ServiceModelChoice,

    [Term("provider_selection", "云服务商和代理商选择", "Provider and agent selection")]
    ProviderSelection,

    [Term("contract_checklist", "服务合同检查单", "Contract checklist")]
    ContractChecklist,

    [Term("sla", "服务水平协议", "Service level agreement")]
    Sla,

    [Term("confidentiality", "保密协议登记", "Confidentiality agreements register")]
    Confidentiality,

    [Term("migration_plan", "云迁移方案", "Cloud migration plan")]
    MigrationPlan,
}

/// <summary>What each kind of artefact is: its clause, its payload type, and who besides the customer writes it.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Clause">The clause of GB/T 38249 it implements.</param>
/// <param name="PayloadType">The record its content is read into and checked by.</param>
/// <param name="Contributors">
/// Engaged roles that may draft and edit it besides the owning customer. Taken from the roles the catalog gives the
/// kind's clauses, narrowed where the clause's duty is not authorship: candidates never score their own selection
/// (5.4), and the contract checklist is the customer's check of the contracts the others signed (5.5.1).
/// </param>
public sealed record ArtefactKindInfo(ArtefactKind Kind, string Clause, Type PayloadType, IReadOnlyList<EngagementRole> Contributors)
{
    public string Code => Kind.ToWire();

    public Text Name => new(Kind.NameZh(), Kind.NameEn());
}

/// <summary>The table of artefact kinds.</summary>
public static class ArtefactKinds
{
    private static readonly EngagementRole[] Agents = [EngagementRole.Developer, EngagementRole.Integrator, EngagementRole.SecurityService];

    /// <summary>Every kind, in the standard's order.</summary>
    public static IReadOnlyList<ArtefactKindInfo> All { get; } =
    [
        new(ArtefactKind.WebsiteInventory, "5.3.1", typeof(WebsiteInventory), []),
        new(ArtefactKind.MigrationDecision, "5.3.2", typeof(MigrationDecision), []),
        new(ArtefactKind.ResourceNeeds, "5.3.3", typeof(ResourceNeeds), []),
        // 5.3.4.1 gives the provider the isolation of tenants; 5.3.4.2 the developer the web application security.
        new(ArtefactKind.SecurityRequirements, "5.3.4", typeof(SecurityRequirements), [EngagementRole.Provider, EngagementRole.Developer]),
        new(ArtefactKind.RequirementsReport, "5.3.5", typeof(RequirementsReport), []),
        new(ArtefactKind.ServiceModelChoice, "5.3.6", typeof(ServiceModelChoice), []),
        new(ArtefactKind.ProviderSelection, "5.4", typeof(ProviderSelection), []),
        new(ArtefactKind.ContractChecklist, "5.5.1", typeof(ContractChecklist), []),
        new(ArtefactKind.Sla, "5.5.2", typeof(ServiceLevelAgreement), [EngagementRole.Provider]),
        new(ArtefactKind.Confidentiality, "5.5.3", typeof(ConfidentialityRegister), [EngagementRole.Provider, .. Agents]),
        // The provider drafts the plan (5.2.2 c); every supplier writes its safeguards into it (5.6 b).
        new(ArtefactKind.MigrationPlan, "5.6", typeof(MigrationPlan), [EngagementRole.Provider, .. Agents]),
    ];

    public static ArtefactKindInfo Of(ArtefactKind kind) => All[(int)kind];

    /// <summary>The kind with this wire code, or null.</summary>
    public static ArtefactKindInfo? Find(string? code) => Terms.TryParse<ArtefactKind>(code, out var k) ? Of(k) : null;
}

/// <summary>Where a version stands: drafted, handed in for approval, approved (frozen), or replaced by a newer approval.</summary>
public enum ArtefactStatus
{
    [Term("draft", "草稿", "Draft")]
    Draft,

    [Term("submitted", "已提交", "Submitted")]
    Submitted,

    [Term("approved", "已批准", "Approved")]
    Approved,

    [Term("superseded", "已被取代", "Superseded")]
    Superseded,
}

/// <summary>The assessor's verdict on one version (5.2.4).</summary>
public enum ReviewVerdict
{
    [Term("accepted", "认可", "Accepted")]
    Accepted,

    [Term("concerns", "有保留意见", "Concerns raised")]
    Concerns,

    [Term("rejected", "不认可", "Rejected")]
    Rejected,
}
