using GovGuard.Catalog;
using GovGuard.Catalog.Lifecycle;

namespace GovGuard.Platform.Lifecycle;

/// <summary>
/// The facts of <see cref="LifecycleFacts"/> that people record (with a note and, where there is one, an evidence
/// item). Level and deployment model come from the website; the assessor's signature from a sign-off.
/// </summary>
public enum LifecycleFact
{
    [Term("provider_security_review", "云服务商通过安全审查", "Provider passed the security review")]
    ProviderSecurityReview,

    [Term("provider_enhanced_review", "云服务商通过增强级审查", "Provider passed the enhanced review")]
    ProviderEnhancedReview,

    [Term("decision_report_approved", "迁移决策报告已批准", "Decision report approved")]
    DecisionReportApproved,

    [Term("requirements_report_approved", "需求报告已批准", "Requirements report approved")]
    RequirementsReportApproved,

    [Term("contract_signed", "服务合同已签订", "Contract signed")]
    ContractSigned,

    [Term("contract_exit_terms", "合同约定退出条款", "Contract has exit terms")]
    ContractExitTerms,

    [Term("confidentiality_agreements_signed", "保密协议已签订", "Confidentiality agreements signed")]
    ConfidentialityAgreementsSigned,

    [Term("migration_plan_approved", "迁移方案已批准", "Migration plan approved")]
    MigrationPlanApproved,

    [Term("emergency_plan_in_place", "安全应急预案已制定", "Emergency plan in place")]
    EmergencyPlanInPlace,

    [Term("acceptance_test_passed", "安全合规验收测试通过", "Acceptance test passed")]
    AcceptanceTestPassed,

    [Term("protection_level_refiled", "已重新定级并报备", "Protection level re-filed")]
    ProtectionLevelRefiled,

    [Term("delivery_documents_received", "已收到实施成果文档", "Delivery documents received")]
    DeliveryDocumentsReceived,

    [Term("exit_plan_approved", "退出方案已批准", "Exit plan approved")]
    ExitPlanApproved,

    [Term("pre_exit_backup_done", "退出前已备份", "Pre-exit backup done")]
    PreExitBackupDone,

    [Term("data_return_verified", "返还数据已验证", "Returned data verified")]
    DataReturnVerified,

    [Term("destruction_proven", "数据清除已证明", "Destruction proven")]
    DestructionProven,

    [Term("exit_audit_done", "退出审计已完成", "Exit audit done")]
    ExitAuditDone,

    [Term("service_continuity_confirmed", "迁出后业务连续性已确认", "Service continuity confirmed")]
    ServiceContinuityConfirmed,
}

/// <summary>One recording of a fact; the latest per fact is its value, the earlier ones its history.</summary>
public sealed class LifecycleFactRecord
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public LifecycleFact Fact { get; set; }

    public bool Value { get; set; }

    public required string Note { get; set; }

    /// <summary>The evidence item that shows it, when there is one.</summary>
    public Guid? EvidenceId { get; set; }

    public Guid SetByUserId { get; set; }

    public required string SetByName { get; set; }

    public Guid SetByOrganisationId { get; set; }

    public DateTimeOffset SetAt { get; set; }
}

/// <summary>One move of a website between lifecycle states, with the gate outcome it passed or overrode.</summary>
public sealed class WebsiteTransition
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public LifecycleState From { get; set; }

    public LifecycleState To { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid ByUserId { get; set; }

    public required string ByName { get; set; }

    public Guid ByOrganisationId { get; set; }

    /// <summary>A platform administrator moved it despite blocking gates.</summary>
    public bool Overridden { get; set; }

    public string? Reason { get; set; }

    /// <summary>The gate issues as <c>code@clause</c>, comma-separated: the failures overridden.</summary>
    public string? Failures { get; set; }

    /// <summary>The warnings that stood, as <c>code@clause</c>.</summary>
    public string? Warnings { get; set; }
}

/// <summary>
/// Lets a later feature contribute facts it holds itself (e.g. the planning forms mark the decision report
/// approved). Contributors are asked in registration order after the recorded facts are read.
/// </summary>
public interface ILifecycleFactsContributor
{
    Task<LifecycleFacts> ContributeAsync(Guid websiteId, LifecycleFacts facts, CancellationToken ct);
}
