using GovGuard.Platform.Audit;

namespace GovGuard.Platform.Improvement;

/// <summary>The audit kinds of inspection and improvement.</summary>
public static class ImprovementAudit
{
    public const string ActionCreated = "improvement.action_created";
    public const string ActionUpdated = "improvement.action_updated";
    public const string PlanSaved = "inspection.plan_saved";
    public const string InspectionRecorded = "inspection.recorded";
    public const string ContinuityPlanSaved = "continuity_plan.saved";
    public const string ConfidentialityReviewed = "confidentiality_review.recorded";

    /// <summary>Adds the kinds to the audit log's list (once, at start-up).</summary>
    public static void Register()
    {
        AuditKinds.Register(new AuditKind(ActionCreated, new("登记改进措施", "Improvement action opened"), true));
        AuditKinds.Register(new AuditKind(ActionUpdated, new("更新改进措施", "Improvement action updated"), true));
        AuditKinds.Register(new AuditKind(PlanSaved, new("制定安全检查计划", "Inspection plan saved"), false));
        AuditKinds.Register(new AuditKind(InspectionRecorded, new("登记安全检查", "Inspection recorded"), true));
        AuditKinds.Register(new AuditKind(ContinuityPlanSaved, new("保存业务连续性计划", "Continuity plan saved"), true));
        AuditKinds.Register(new AuditKind(ConfidentialityReviewed, new("登记保密审查", "Confidentiality review recorded"), true));
    }
}
