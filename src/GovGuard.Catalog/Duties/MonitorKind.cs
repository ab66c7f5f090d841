namespace GovGuard.Catalog.Duties;

/// <summary>The monitors GovGuard runs for a website; each raises alerts of the findings categories it owns.</summary>
public enum MonitorKind
{
    [Term("availability", "可用性监测", "Availability")]
    Availability,

    [Term("tls", "证书监测", "TLS certificate")]
    Tls,

    [Term("dns", "域名解析监测", "DNS resolution")]
    Dns,

    [Term("domain", "域名合规监测", "Domain compliance")]
    Domain,

    [Term("tamper", "网页防篡改监测", "Page tampering")]
    Tamper,

    [Term("file_integrity", "文件完整性监测", "Web-root file integrity")]
    FileIntegrity,

    [Term("content", "网页内容监测", "Page content")]
    Content,

    [Term("webshell", "木马后门监测", "Webshells and backdoors")]
    Webshell,

    [Term("vulnerability", "脆弱性扫描", "Vulnerability scanning")]
    Vulnerability,

    [Term("access_log", "访问行为监测", "Access-log attacks")]
    AccessLog,

    [Term("resource", "资源状态监测", "Resource usage")]
    Resource,
}

/// <summary>Which findings categories (CLI contract codes) each monitor raises.</summary>
public static class MonitorKinds
{
    /// <summary>The contract's category codes the monitor raises.</summary>
    public static IReadOnlyList<string> Categories(this MonitorKind monitor) => monitor switch
    {
        MonitorKind.Availability => ["availability.down", "availability.slow"],
        MonitorKind.Tls => ["tls.invalid", "tls.expiring"],
        MonitorKind.Dns => ["dns.noncompliant"],
        MonitorKind.Domain => ["domain.noncompliant"],
        MonitorKind.Tamper => ["tamper.defacement"],
        MonitorKind.FileIntegrity => ["tamper.file_changed"],
        MonitorKind.Content => ["content.harmful_keyword", "content.dark_link", "content.malicious_script", "content.cloaking"],
        MonitorKind.Webshell => ["webshell.file"],
        MonitorKind.Vulnerability => ["vuln.exposed_file", "vuln.dir_listing", "vuln.missing_header", "vuln.template"],
        MonitorKind.AccessLog =>
        [
            "attack.sqli", "attack.xss", "attack.traversal", "attack.cmdi", "attack.scanner", "attack.bruteforce",
            "attack.webshell_access",
        ],
        MonitorKind.Resource => ["resource.threshold"],
        _ => throw new ArgumentOutOfRangeException(nameof(monitor), monitor, null),
    };

    /// <summary>Every category code of the findings contract, in monitor order.</summary>
    public static IReadOnlyList<string> AllCategories { get; } =
        Terms.All<MonitorKind>().SelectMany(m => m.Categories()).ToArray();

    /// <summary>The monitor that raises the category; false for codes outside the contract.</summary>
    public static bool TryOwnerOf(string category, out MonitorKind monitor)
    {
        foreach (var m in Terms.All<MonitorKind>())
        {
            if (m.Categories().Contains(category, StringComparer.Ordinal))
            {
                monitor = m;
                return true;
            }
        }

        monitor = default;
        return false;
    }
}
