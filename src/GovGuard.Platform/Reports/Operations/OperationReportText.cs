using System.Globalization;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Common;

namespace GovGuard.Platform.Reports.Operations;

/// <summary>The operation report's codes as names in both languages, and its fixed wording.</summary>
public static class OperationReportText
{
    public static readonly Text Title = new("政府网站安全运行报告", "Government website security operation report");

    public static readonly Text Basis = new(
        "依据 GB/T 38249-2019 7.2.2 f（定期提供安全运行报告）、7.2.3 b（定期提交服务报告）及服务水平协议（5.5.2）",
        "Per GB/T 38249-2019 7.2.2 f (regular security operation reports), 7.2.3 b (regular service reports) and the service level agreement (5.5.2)");

    /// <summary>How availability and response time are computed, stated in the report itself.</summary>
    public static readonly Text Method = new(
        "可用性按时间加权计算：每次计划检测的结果代表从该次检测到下一次检测之间的时间（最长为检测间隔的 2 倍）；没有检测覆盖的时间和检测未完成的时间计为“未测量”；维护时段内的时间不计入 SLA。可用性 = 正常时长 ÷（正常时长 + 故障时长），合并网站全部可用性监测项，按北京时间自然日统计每日数据。响应时间取检测正常的计划检测的耗时（维护时段除外），百分位按最近秩法计算。",
        "Availability is time-weighted: each scheduled check stands for the time until the next check (at most twice the interval); time no check covers and time after an incomplete check is unmeasured; maintenance windows are excluded from the SLA. Availability = up ÷ (up + down), pooled over the website's availability monitors; days are calendar days in China Standard Time. Response time is the latency of scheduled checks that saw the site up (maintenance excluded); percentiles by nearest rank.");

    public static Text Category(string code) => code switch
    {
        Categories.AvailabilityDown => new("网站不可访问", "Site down"),
        Categories.AvailabilitySlow => new("响应缓慢", "Slow response"),
        Categories.TlsInvalid => new("证书无效", "Invalid certificate"),
        Categories.TlsExpiring => new("证书即将过期", "Certificate expiring"),
        Categories.DnsNoncompliant => new("域名解析不合规", "DNS non-compliant"),
        Categories.DomainNoncompliant => new("域名不合规", "Domain non-compliant"),
        Categories.TamperDefacement => new("网页篡改", "Defacement"),
        Categories.TamperFileChanged => new("文件被改动", "File changed"),
        Categories.ContentHarmfulKeyword => new("有害信息", "Harmful content"),
        Categories.ContentDarkLink => new("暗链", "Hidden link"),
        Categories.ContentMaliciousScript => new("恶意脚本", "Malicious script"),
        Categories.ContentCloaking => new("搜索引擎劫持", "Cloaking"),
        Categories.WebshellFile => new("网页木马（Webshell）", "Webshell"),
        Categories.VulnExposedFile => new("敏感文件暴露", "Exposed file"),
        Categories.VulnDirListing => new("目录浏览", "Directory listing"),
        Categories.VulnMissingHeader => new("缺少安全响应头", "Missing security header"),
        Categories.VulnTemplate => new("已知漏洞", "Known vulnerability"),
        Categories.AttackSqli => new("SQL 注入攻击", "SQL injection attack"),
        Categories.AttackXss => new("跨站脚本攻击", "XSS attack"),
        Categories.AttackTraversal => new("路径遍历攻击", "Path traversal attack"),
        Categories.AttackCmdi => new("命令注入攻击", "Command injection attack"),
        Categories.AttackScanner => new("扫描器探测", "Scanner probing"),
        Categories.AttackBruteforce => new("暴力破解", "Brute force"),
        Categories.AttackWebshellAccess => new("Webshell 访问", "Webshell access"),
        Categories.ResourceThreshold => new("资源超阈值", "Resource threshold"),
        "check.incomplete" => new("检测未完成", "Check incomplete"),
        "monitor.down" => new("监测项故障", "Monitor down"),
        _ => new(code, code),
    };

    public static Text Severity(string code) => code switch
    {
        "critical" => new("严重", "Critical"),
        "high" => new("高", "High"),
        "medium" => new("中", "Medium"),
        "low" => new("低", "Low"),
        "info" => new("提示", "Info"),
        _ => new(code, code),
    };

    /// <summary>Severity codes, worst first.</summary>
    public static IReadOnlyList<string> Severities { get; } = [.. Enum.GetValues<Severity>().Reverse().Select(s => s.ToWire())];

    public static Text Target(string code) => code switch
    {
        BreachTargets.Availability => new("可用性", "Availability"),
        BreachTargets.ResponseTime => new("响应时间", "Response time"),
        BreachTargets.Rto => new("恢复时间目标（RTO）", "Recovery time objective (RTO)"),
        BreachTargets.AlertResponse => new("告警响应时间", "Alert response time"),
        _ => new(code, code),
    };

    public static Text Scope(string code) => code switch
    {
        BreachScopes.Period => new("报告周期", "Period"),
        BreachScopes.Day => new("单日", "Day"),
        BreachScopes.Outage => new("单次中断", "Outage"),
        BreachScopes.Alert => new("单个告警", "Alert"),
        _ => new(code, code),
    };

    public static Text Window(string code) => code switch
    {
        "month" => new("按月", "monthly"),
        "quarter" => new("按季度", "quarterly"),
        "year" => new("按年", "yearly"),
        _ => new(code, code),
    };

    /// <summary>The issuer of a stored report: the customer, an engaged role, or the platform operator.</summary>
    public static Text Issuer(string code) => code switch
    {
        "customer" => new("网站所属单位", "Owning customer"),
        "platform" => new("平台管理员", "Platform administrator"),
        _ => ReportText.Role(code),
    };

    public static Text Kind(string code) => code switch
    {
        "operation_report" => new("安全运行报告", "Security operation report"),
        "service_report" => new("服务报告", "Service report"),
        _ => new(code, code),
    };

    /// <summary>"99.953%" — three decimals, as SLAs state availability; "—" when not measured.</summary>
    public static string Percent(double? p) => p is null ? "—" : p.Value.ToString("0.000", CultureInfo.InvariantCulture) + "%";

    public static string Ms(double? ms) => ms is null ? "—" : Math.Round(ms.Value).ToString("0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>"2 小时 5 分" / "2 h 5 min" (seconds under a minute shown as such).</summary>
    public static Text Duration(long seconds)
    {
        var t = TimeSpan.FromSeconds(seconds);
        if (seconds < 60)
        {
            return new($"{seconds} 秒", $"{seconds} s");
        }

        var h = (long)t.TotalHours;
        var m = t.Minutes;
        return h > 0 ? new($"{h} 小时 {m} 分", $"{h} h {m} min") : new($"{m} 分", $"{m} min");
    }

    public static string Number(double? value, string format = "0.0") => value is null ? "—" : value.Value.ToString(format, CultureInfo.InvariantCulture);
}
