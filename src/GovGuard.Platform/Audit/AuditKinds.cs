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
    public const string PlanningSaved = "planning.saved";
    public const string PlanningSubmitted = "planning.submitted";
    public const string PlanningApproved = "planning.approved";
    public const string PlanningReviewed = "planning.reviewed";

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
        new(PlanningSaved, new("保存规划材料", "Planning artefact saved"), true),
        new(PlanningSubmitted, new("提交规划材料", "Planning artefact submitted"), true),
        new(PlanningApproved, new("批准规划材料", "Planning artefact approved"), true),
        new(PlanningReviewed, new("评审规划材料", "Planning artefact reviewed"), true),
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
