using System.Globalization;
using GovGuard.Catalog;
using GovGuard.Catalog.Lifecycle;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Common;
using GovGuard.Platform.Compliance;
using GovGuard.Platform.Evidence;
using GovGuard.Platform.Websites;

namespace GovGuard.Platform.Reports;

/// <summary>The report's wire codes as names in both languages, and the labels every form of the report shares.</summary>
public static class ReportText
{
    public static Text Status(string code) => Name<DutyStatus>(code);

    public static Text Verdict(string? code) => code is null ? new("未评审", "Not reviewed") : Name<Verdict>(code);

    /// <summary>A duty role or an engagement role (their codes coincide), or <see cref="CustomerRole"/>.</summary>
    public static Text Role(string code) => Name<Role>(code);

    public static Text Phase(string code) => Name<Phase>(code);

    public static Text State(string code) => Name<LifecycleState>(code);

    public static Text Gap(string code) => Name<GapReason>(code);

    public static Text Kind(string code) => Name<SubmittedKind>(code);

    public static Text Deployment(string code) => Name<DeploymentModel>(code);

    public static Text Service(string code) =>
        WireCodes<ServiceModel>.ByCode.TryGetValue(code, out var m) ? WebsiteNames.Of(m) : new(code, code);

    /// <summary>The role code of the owning customer among the participants.</summary>
    public const string CustomerRole = "customer";

    public static readonly Text ReportTitle = new("政府网站云计算服务安全合规报告", "Government website cloud service security compliance report");

    public static readonly Text Standard = new("依据 GB/T 38249-2019《信息安全技术 政府网站云计算服务安全指南》", "Per GB/T 38249-2019, Information security technology — Security guide of cloud computing services for government websites");

    /// <summary>"第三级" / "Level 3".</summary>
    public static Text Level(int level) => new(
        "第" + (level is >= 1 and <= 5 ? "一二三四五"[level - 1].ToString() : level.ToString(CultureInfo.InvariantCulture)) + "级",
        "Level " + level.ToString(CultureInfo.InvariantCulture));

    /// <summary>"3 天" / "3 days": how old evidence was when the report was made.</summary>
    public static Text Age(int days) => days < 1 ? new("不足 1 天", "under a day")
        : new($"{days.ToString(CultureInfo.InvariantCulture)} 天", days == 1 ? "1 day" : $"{days.ToString(CultureInfo.InvariantCulture)} days");

    /// <summary>What recomputing a sign-off's hashes showed.</summary>
    public static Text Verification(ReportSignOff s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return !s.Valid ? new("哈希不符：快照已被改动", "Hashes do not match: the snapshot was altered")
            : s.ChangedSince ? new("哈希有效；签署后职责或证据已有变化", "Hashes valid; duties or evidence changed since signing")
            : new("哈希有效，签署后无变化", "Hashes valid, unchanged since signing");
    }

    /// <summary>A time as users read it: China Standard Time.</summary>
    public static string Local(DateTimeOffset? at) =>
        at is null ? "—" : at.Value.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

    private static Text Name<T>(string code)
        where T : struct, Enum => Terms.TryParse<T>(code, out var v) ? new(v.NameZh(), v.NameEn()) : new(code, code);
}
