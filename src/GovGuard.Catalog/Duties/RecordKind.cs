namespace GovGuard.Catalog.Duties;

/// <summary>Records the platform keeps for a website that count as automatic evidence of a duty.</summary>
public enum RecordKind
{
    [Term("backup", "数据备份记录", "Backup")]
    Backup,

    [Term("backup_restore_drill", "备份恢复演练", "Backup restore drill")]
    BackupRestoreDrill,

    /// <summary>An incident-response drill, tagged with the incident category it rehearsed.</summary>
    [Term("drill", "应急演练", "Incident-response drill")]
    Drill,

    [Term("confidentiality_review", "保密审查", "Confidentiality review")]
    ConfidentialityReview,

    [Term("risk_assessment", "风险评估", "Risk assessment")]
    RiskAssessment,

    [Term("security_inspection", "安全检查", "Security inspection")]
    SecurityInspection,

    [Term("operation_report", "安全运行报告", "Security operation report")]
    OperationReport,

    [Term("service_report", "服务报告", "Service report")]
    ServiceReport,

    [Term("acceptance_test", "安全合规验收测试", "Security acceptance test")]
    AcceptanceTest,

    [Term("data_return_verification", "返还数据验证", "Returned-data verification")]
    DataReturnVerification,

    [Term("data_destruction_proof", "数据销毁证明", "Data destruction proof")]
    DataDestructionProof,

    [Term("exit_audit", "退出审计", "Exit audit")]
    ExitAudit,
}
