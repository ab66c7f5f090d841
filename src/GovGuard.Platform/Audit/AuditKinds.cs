using GovGuard.Platform.Common;

namespace GovGuard.Platform.Audit;

/// <summary>An event kind the audit log knows.</summary>
public sealed record AuditKind(string Code, Text Name, bool Mandatory);

/// <summary>Every audited event kind. The set that is on is configurable; mandatory ones always are.</summary>
public static class AuditKinds
{
    public const string SignIn = "account.sign_in";
    public const string SignInFailed = "account.sign_in_failed";
    public const string SignOut = "account.sign_out";
    public const string PasswordChanged = "account.password_changed";
    public const string TwoFactorEnabled = "account.two_factor_enabled";
    public const string TwoFactorDisabled = "account.two_factor_disabled";
    public const string LockedOut = "account.locked_out";
    public const string TokenCreated = "token.created";
    public const string TokenRevoked = "token.revoked";
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string OrganisationCreated = "organisation.created";
    public const string OrganisationUpdated = "organisation.updated";
    public const string WebsiteCreated = "website.created";
    public const string WebsiteUpdated = "website.updated";
    public const string WebsiteDeleted = "website.deleted";
    public const string EngagementCreated = "engagement.created";
    public const string EngagementEnded = "engagement.ended";
    public const string AccessDenied = "access.denied";
    public const string AuditSettingsChanged = "audit.settings_changed";
    public const string AuditExported = "audit.exported";
    public const string DutiesMaterialised = "compliance.duties_materialised";
    public const string DutyResponsibilityChanged = "compliance.responsibility_changed";
    public const string DutyUpdated = "compliance.duty_updated";
    public const string DutyCommented = "compliance.duty_commented";
    public const string EvidenceSubmitted = "evidence.submitted";
    public const string EvidenceReviewed = "evidence.reviewed";
    public const string PhaseSignedOff = "compliance.phase_signed_off";
    public const string LifecycleFactSet = "lifecycle.fact_set";
    public const string LifecycleTransition = "lifecycle.transition";
    public const string LifecycleOverride = "lifecycle.override";
    public const string AlertAcknowledged = "alert.acknowledged";
    public const string AlertResolved = "alert.resolved";
    public const string AlertSettingsChanged = "alert.settings_changed";
    public const string MaintenanceCreated = "maintenance.created";
    public const string MaintenanceUpdated = "maintenance.updated";
    public const string MaintenanceDeleted = "maintenance.deleted";
    public const string ChannelCreated = "notification_channel.created";
    public const string ChannelUpdated = "notification_channel.updated";
    public const string ChannelDeleted = "notification_channel.deleted";
    public const string ChannelTested = "notification_channel.tested";
    public const string PlanningSaved = "planning.saved";
    public const string PlanningSubmitted = "planning.submitted";
    public const string PlanningApproved = "planning.approved";
    public const string PlanningReviewed = "planning.reviewed";
    public const string ReportExported = "report.exported";

    private static readonly List<AuditKind> Known =
    [
        new(SignIn, new("登录", "Sign-in"), false),
        new(SignInFailed, new("登录失败", "Failed sign-in"), true),
        new(SignOut, new("退出登录", "Sign-out"), false),
        new(PasswordChanged, new("修改密码", "Password changed"), true),
        new(TwoFactorEnabled, new("启用双因素认证", "Second factor enabled"), true),
        new(TwoFactorDisabled, new("停用双因素认证", "Second factor disabled"), true),
        new(LockedOut, new("账号锁定", "Account locked out"), true),
        new(TokenCreated, new("创建访问令牌", "Access token created"), true),
        new(TokenRevoked, new("吊销访问令牌", "Access token revoked"), true),
        new(UserCreated, new("创建用户", "User created"), true),
        new(UserUpdated, new("修改用户", "User updated"), true),
        new(OrganisationCreated, new("创建单位", "Organisation created"), true),
        new(OrganisationUpdated, new("修改单位", "Organisation updated"), false),
        new(WebsiteCreated, new("创建网站", "Website created"), false),
        new(WebsiteUpdated, new("修改网站", "Website updated"), false),
        new(WebsiteDeleted, new("删除网站", "Website deleted"), true),
        new(EngagementCreated, new("建立服务关系", "Engagement created"), true),
        new(EngagementEnded, new("结束服务关系", "Engagement ended"), true),
        new(AccessDenied, new("拒绝访问", "Access denied"), false),
        new(AuditSettingsChanged, new("修改审计设置", "Audit settings changed"), true),
        new(AuditExported, new("导出审计记录", "Audit log exported"), false),
        new(DutiesMaterialised, new("建立网站安全职责", "Duties materialised"), false),
        new(DutyResponsibilityChanged, new("调整职责责任单位", "Duty responsibility changed"), true),
        new(DutyUpdated, new("修改职责状态", "Duty updated"), true),
        new(DutyCommented, new("职责评论", "Duty comment added"), false),
        new(EvidenceSubmitted, new("提交证据", "Evidence submitted"), true),
        new(EvidenceReviewed, new("评审证据", "Evidence reviewed"), true),
        new(PhaseSignedOff, new("阶段签署", "Phase signed off"), true),
        new(LifecycleFactSet, new("记录生命周期事实", "Lifecycle fact set"), true),
        new(LifecycleTransition, new("网站阶段变更", "Lifecycle transition"), true),
        new(LifecycleOverride, new("越过阶段关口", "Lifecycle gate overridden"), true),
        new(AlertAcknowledged, new("确认告警", "Alert acknowledged"), false),
        new(AlertResolved, new("手动关闭告警", "Alert resolved by hand"), true),
        new(AlertSettingsChanged, new("修改告警设置", "Alert settings changed"), true),
        new(MaintenanceCreated, new("创建维护时段", "Maintenance window created"), true),
        new(MaintenanceUpdated, new("修改维护时段", "Maintenance window changed"), true),
        new(MaintenanceDeleted, new("删除维护时段", "Maintenance window deleted"), true),
        new(ChannelCreated, new("创建通知渠道", "Notification channel created"), true),
        new(ChannelUpdated, new("修改通知渠道", "Notification channel changed"), true),
        new(ChannelDeleted, new("删除通知渠道", "Notification channel deleted"), true),
        new(ChannelTested, new("测试通知渠道", "Notification channel tested"), false),
        new(PlanningSaved, new("保存规划材料", "Planning artefact saved"), true),
        new(PlanningSubmitted, new("提交规划材料", "Planning artefact submitted"), true),
        new(PlanningApproved, new("批准规划材料", "Planning artefact approved"), true),
        new(PlanningReviewed, new("评审规划材料", "Planning artefact reviewed"), true),
        new(ReportExported, new("导出合规报告", "Compliance report exported"), true),
    ];

    /// <summary>Every kind, in a stable order.</summary>
    public static IReadOnlyList<AuditKind> All => Known;

    /// <summary>The kind with <paramref name="code"/>, or null.</summary>
    public static AuditKind? Find(string code) => Known.Find(k => k.Code == code);

    /// <summary>Lets a feature add its own kinds at start-up (before the first record is written).</summary>
    public static void Register(AuditKind kind)
    {
        lock (Known)
        {
            if (Find(kind.Code) is null)
            {
                Known.Add(kind);
            }
        }
    }
}
