namespace GovGuard.Catalog.Incidents;

/// <summary>
/// The typical categories of website security incidents (GB/T 38249 7.5 b asks for a drill of each at least every
/// two years; the national network security incident emergency plan classifies events the same way). Incidents,
/// emergency plans and drills all use these codes.
/// </summary>
public enum IncidentCategory
{
    [Term("web_tampering", "网页篡改", "Web page tampering")]
    WebTampering,

    [Term("harmful_content", "有害信息", "Harmful content")]
    HarmfulContent,

    [Term("trojan_backdoor", "木马后门", "Trojan or backdoor")]
    TrojanBackdoor,

    [Term("malicious_code", "恶意代码与暗链", "Malicious scripts and hidden links")]
    MaliciousCode,

    [Term("availability", "网站不可用", "Website unavailable")]
    Availability,

    [Term("ddos", "拒绝服务攻击", "Denial-of-service attack")]
    Ddos,

    [Term("data_leak", "数据泄露", "Data leak")]
    DataLeak,

    [Term("vulnerability_exploit", "漏洞利用攻击", "Vulnerability exploitation")]
    VulnerabilityExploit,

    [Term("dns_hijack", "域名劫持", "DNS hijacking")]
    DnsHijack,

    [Term("other", "其他事件", "Other")]
    Other,
}

/// <summary>
/// Incident grades of the national network security incident emergency plan (中网办发文〔2017〕4号), highest first.
/// </summary>
public enum IncidentGrade
{
    [Term("especially_major", "特别重大", "Especially major (I)")]
    EspeciallyMajor,

    [Term("major", "重大", "Major (II)")]
    Major,

    [Term("relatively_major", "较大", "Relatively major (III)")]
    RelativelyMajor,

    [Term("general", "一般", "General (IV)")]
    General,
}

/// <summary>The categories a drill must cover every two years (7.5 b): every category except <see cref="IncidentCategory.Other"/>.</summary>
public static class IncidentCategories
{
    public static IReadOnlyList<IncidentCategory> Typical { get; } =
        Enum.GetValues<IncidentCategory>().Where(c => c != IncidentCategory.Other).ToArray();
}
