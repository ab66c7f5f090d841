namespace GovGuard.Catalog.Lifecycle;

/// <summary>
/// The gates between lifecycle states (GB/T 38249 4.2): a website moves one step forward at a time,
/// planning → migration → operation → exit → closed, and only when the facts satisfy the standard.
/// A pure function: the platform fills <see cref="LifecycleFacts"/> and records the outcome.
/// </summary>
public static class LifecycleGates
{
    private static readonly LifecycleState[] IntoMigration = [LifecycleState.Migration];
    private static readonly LifecycleState[] IntoOperation = [LifecycleState.Operation];
    private static readonly LifecycleState[] IntoMigrationOrOperation = [LifecycleState.Migration, LifecycleState.Operation];
    private static readonly LifecycleState[] IntoExit = [LifecycleState.Exit];
    private static readonly LifecycleState[] IntoClosed = [LifecycleState.Closed];

    private static readonly Rule[] Rules =
    [
        // Into migration: the planning work of chapter 5 is done.
        Block(IntoMigrationOrOperation, "protection_level.missing", "5.3.2.a", f => f.ProtectionLevel is null,
            "尚未确定网站的网络安全等级保护级别", "The website's graded-protection (等保) level has not been determined"),
        Block(IntoMigrationOrOperation, "protection_level.invalid", "5.3.2.a", f => f.ProtectionLevel is < 1 or > 5,
            "等级保护级别须为 1 至 5 级", "The graded-protection level must be 1 to 5"),
        Block(IntoMigrationOrOperation, "deployment_model.missing", "5.2.1.b", f => f.DeploymentModel is null,
            "尚未选定部署模式", "No deployment model has been chosen"),
        Block(IntoMigrationOrOperation, "level4_on_public_cloud", "5.3.2.c", f => f.ProtectionLevel >= 4 && f.DeploymentModel == DeploymentModel.PublicCloud,
            "等保四级及以上的政府网站不得采用社会化云计算服务", "A website graded level 4 or higher may not run on a public (commercial) cloud"),
        Warn(IntoMigrationOrOperation, "level4_on_hybrid_cloud", "5.3.2.c", f => f.ProtectionLevel >= 4 && f.DeploymentModel == DeploymentModel.Hybrid,
            "四级及以上网站采用混合部署：须确认没有部分运行在社会化云上", "Level 4 or higher on a hybrid deployment: confirm that no part runs on a public cloud"),
        Block(IntoMigration, "provider.security_review", "5.4.a.1", f => !f.ProviderPassedSecurityReview,
            "云服务商尚未通过云计算服务安全审查", "The cloud provider has not passed the cloud service security review"),
        Warn(IntoMigration, "provider.enhanced_review", "5.4.a.2", f => f.ProtectionLevel >= 3 && !f.ProviderPassedEnhancedReview,
            "三级及以上网站宜选择通过增强级安全审查的云服务，尚无增强级审查记录", "Level 3 or higher should use a service that passed the enhanced review; none is recorded"),
        Block(IntoMigration, "decision_report.missing", "5.3.2", f => !f.DecisionReportApproved,
            "迁移决策报告尚未批准", "The migration decision report has not been approved"),
        Block(IntoMigration, "requirements_report.missing", "5.3.5", f => !f.RequirementsReportApproved,
            "需求报告尚未批准", "The requirements report has not been approved"),
        Block(IntoMigration, "contract.unsigned", "5.5.1", f => !f.ContractSigned,
            "与云服务商的服务合同尚未签订", "The service contract with the cloud provider has not been signed"),
        Warn(IntoMigration, "contract.exit_terms", "5.5.1.a.3", f => f.ContractSigned && !f.ContractHasExitTerms,
            "合同未约定退出条件和退出责任", "The contract sets no exit conditions or exit duties"),
        Warn(IntoMigration, "confidentiality.unsigned", "5.5.3", f => !f.ConfidentialityAgreementsSigned,
            "尚未与可接触客户信息的服务商签订保密协议", "No confidentiality agreements are recorded with the suppliers that can reach the customer's information"),
        Block(IntoMigration, "migration_plan.missing", "5.6", f => !f.MigrationPlanApproved,
            "迁移方案尚未批准", "The migration plan has not been approved"),

        // Into operation: migration accepted (6.4.2).
        Block(IntoOperation, "acceptance.not_passed", "6.4.2.b", f => !f.AcceptanceTestPassed,
            "安全合规验收测试尚未通过，不得正式开展网站服务", "The security compliance acceptance test has not passed; the website may not go into service"),
        Block(IntoOperation, "acceptance.not_signed", "6.4.2.b", f => f.AcceptanceTestPassed && !f.AcceptanceSignedByAssessor,
            "验收测试结果尚无第三方评估机构签署", "The acceptance test result is not signed by a third-party assessor"),
        Warn(IntoOperation, "protection_level.not_refiled", "6.4.2.c", f => !f.ProtectionLevelRefiled,
            "验收后尚未重新定级并向监管部门报备", "The protection level has not been re-determined and filed with the regulator after acceptance"),
        Warn(IntoOperation, "emergency_plan.missing", "6.2.1.c", f => !f.EmergencyPlanInPlace,
            "尚未制定安全应急预案", "No security emergency plan is recorded"),
        Warn(IntoOperation, "delivery_documents.missing", "6.4.3", f => !f.DeliveryDocumentsReceived,
            "尚未收到各服务商的实施成果文档", "The suppliers' implementation documents have not been handed over"),

        // Into exit: allowed whenever the service ends; what should be ready is warned about.
        Warn(IntoExit, "exit_plan.missing", "8.3.2", f => !f.ExitPlanApproved,
            "退出方案尚未批准，实施退出前须先制定", "The exit plan is not approved yet; it must exist before the exit is carried out"),
        Warn(IntoExit, "pre_exit_backup.missing", "8.2.1.a", f => !f.PreExitBackupDone,
            "尚无退出前的应用和数据备份记录", "No backup of applications and data before the exit is recorded"),
        Warn(IntoExit, "contract.exit_terms", "8.3.1.a", f => !f.ContractHasExitTerms,
            "合同未约定退出条件和退出责任", "The contract sets no exit conditions or exit duties"),

        // Into closed: the data is back and gone from the cloud (8.3).
        Block(IntoClosed, "data_return.unverified", "8.3.4", f => !f.DataReturnVerified,
            "返还数据的完整性尚未验证", "The returned data has not been verified complete"),
        Block(IntoClosed, "destruction.unproven", "8.3.5", f => !f.DestructionProven,
            "尚无云端数据及备份、存储介质已彻底清除的证明", "There is no proof that the data, its backups and the storage media on the cloud side were wiped"),
        Warn(IntoClosed, "exit_audit.missing", "8.2.4", f => !f.ExitAuditDone,
            "退出过程未经第三方评估机构审计", "The exit was not audited by a third-party assessor"),
        Warn(IntoClosed, "service_continuity.unconfirmed", "8.3.1.c", f => !f.ServiceContinuityConfirmed,
            "尚未确认迁出后业务的可用性和连续性", "Availability and continuity of the services after moving out are not confirmed"),
    ];

    /// <summary>Every issue a gate can raise (the phase-step ones aside), for the UI's explanations and cross-checks.</summary>
    public static IReadOnlyList<GateIssue> AllIssues { get; } = Rules.Select(r => r.Issue).ToArray();

    /// <summary>Decides whether a website may move from <paramref name="from"/> to <paramref name="to"/> given the facts.</summary>
    public static GateResult Evaluate(LifecycleState from, LifecycleState to, LifecycleFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (from.Next() != to)
        {
            return new GateResult(from, to, [NotAStep(from, to)], []);
        }

        var failures = new List<GateIssue>();
        var warnings = new List<GateIssue>();
        foreach (var rule in Rules)
        {
            if (rule.Into.Contains(to) && rule.Violated(facts))
            {
                (rule.Blocking ? failures : warnings).Add(rule.Issue);
            }
        }

        return new GateResult(from, to, failures, warnings);
    }

    private static GateIssue NotAStep(LifecycleState from, LifecycleState to) => from.Next() is { } next
        ? new GateIssue("transition.not_next", "4.2",
            $"处于“{from.NameZh()}”阶段的网站只能进入下一阶段“{next.NameZh()}”，不能转到“{to.NameZh()}”",
            $"A website in {from.ToWire()} can only move on to {next.ToWire()}, not to {to.ToWire()}")
        : new GateIssue("transition.closed", "4.2",
            "已关闭的网站不能再变更阶段", "A closed website cannot change state");

    private static Rule Block(LifecycleState[] into, string code, string clause, Func<LifecycleFacts, bool> violated, string zh, string en) =>
        new(into, true, violated, new GateIssue(code, clause, zh, en));

    private static Rule Warn(LifecycleState[] into, string code, string clause, Func<LifecycleFacts, bool> violated, string zh, string en) =>
        new(into, false, violated, new GateIssue(code, clause, zh, en));

    private sealed record Rule(LifecycleState[] Into, bool Blocking, Func<LifecycleFacts, bool> Violated, GateIssue Issue);
}
