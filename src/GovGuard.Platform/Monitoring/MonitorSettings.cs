using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using GovGuard.Platform.Common;

namespace GovGuard.Platform.Monitoring;

/// <summary>Availability: the status range that counts as up, an expected keyword, a latency limit.</summary>
public sealed class AvailabilitySettings
{
    public int ExpectedStatusMin { get; set; } = 200;

    public int ExpectedStatusMax { get; set; } = 399;

    /// <summary>Text the page must contain (case-sensitive, after decoding); null for none.</summary>
    public string? Keyword { get; set; }

    /// <summary>Above this the check passes but reports availability.slow; null for no limit.</summary>
    public int? MaxLatencyMs { get; set; }

    public bool FollowRedirects { get; set; } = true;
}

/// <summary>TLS: how early an expiring certificate is reported, and the oldest protocol accepted.</summary>
public sealed class TlsSettings
{
    public int ExpiryWarningDays { get; set; } = 30;

    /// <summary><c>tls12</c> (default) or <c>tls13</c>.</summary>
    public string MinProtocol { get; set; } = "tls12";
}

/// <summary>DNS and domain compliance (GB/T 38249 5.3.4.3, 7.4.2 b).</summary>
public sealed class DnsSettings
{
    /// <summary>Resolver addresses (<c>ip</c> or <c>ip:port</c>); empty for the system's resolvers.</summary>
    public List<string> Resolvers { get; set; } = [];

    /// <summary>The addresses (or CIDR ranges) registered for the website; empty to skip that rule.</summary>
    public List<string> RegisteredAddresses { get; set; } = [];

    /// <summary>Apply the government domain rules (a .gov.cn name); false for a registered exception.</summary>
    public bool GovernmentDomain { get; set; } = true;

    /// <summary>CNAME targets allowed beside the website's own domains (an approved government cloud's suffixes).</summary>
    public List<string> AllowedCnameSuffixes { get; set; } = [];

    /// <summary>Ask for a random name under the domain to find wildcard (泛解析) records.</summary>
    public bool CheckWildcard { get; set; } = true;
}

/// <summary>Content and exposure: the key pages to fetch, relative to the target, and which checks run.</summary>
public sealed class PageSettings
{
    /// <summary>Paths on the target's origin (at most 20); empty means the target itself.</summary>
    public List<string> Paths { get; set; } = [];

    /// <summary>Exposure only: probe for exposed files (with soft-404 canaries).</summary>
    public bool Probes { get; set; } = true;

    /// <summary>Exposure only: check the security headers of the first page.</summary>
    public bool Headers { get; set; } = true;

    /// <summary>Exposure only: look for directory listings on the pages.</summary>
    public bool Listings { get; set; } = true;

    /// <summary>Exposure only: run the vulnerability check templates of rules/templates.</summary>
    public bool Templates { get; set; } = true;

    /// <summary>Content only: fetch the key pages as each search-engine spider too and compare (cloaking).</summary>
    public bool Cloaking { get; set; } = true;
}

/// <summary>Page tamper (GB/T 38249 7.4.3 b): the key pages, the crawl and its limit, and the site's ignore rules.</summary>
public sealed class TamperSettings
{
    /// <summary>Key pages on the target's origin (at most 20); empty means the target itself.</summary>
    public List<string> Paths { get; set; } = [];

    /// <summary>Also crawl the site from the target (same origin, breadth first) up to <see cref="MaxPages"/>.</summary>
    public bool Crawl { get; set; } = true;

    /// <summary>Pages compared per check at most, key pages included (1–200).</summary>
    public int MaxPages { get; set; } = 20;

    /// <summary>CSS selectors of parts that change on their own (weather, clocks, counters), left out of the comparison.</summary>
    public List<string> IgnoreSelectors { get; set; } = [];

    /// <summary>Regular expressions whose matches are masked before comparing (e.g. <c>访问量：\S+</c>).</summary>
    public List<string> MaskPatterns { get; set; } = [];

    /// <summary>A change the detector judges a legitimate update (a new news item) becomes the page's baseline on its own.</summary>
    public bool AcceptUpdates { get; set; } = true;
}

/// <summary>Resources (GB/T 38249 7.4.2 a, 7.4.5): limits on what a node_exporter endpoint reports; null switches one off.</summary>
public sealed class ResourceSettings
{
    /// <summary>CPU usage in percent, from the counters between two scrapes.</summary>
    public double? CpuPercent { get; set; } = 90;

    public double? MemoryPercent { get; set; } = 90;

    /// <summary>Used space of each real file system, in percent.</summary>
    public double? DiskPercent { get; set; } = 90;

    /// <summary>Inbound traffic per network device in Mbit/s, between two scrapes.</summary>
    public double? ReceiveMbps { get; set; }

    /// <summary>Outbound traffic per network device in Mbit/s, between two scrapes.</summary>
    public double? TransmitMbps { get; set; }
}

/// <summary>Parses, checks and normalises each kind's settings JSON; field errors name <c>settings.field</c>.</summary>
public static class MonitorSettings
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The kinds the engine runs today.</summary>
    public static IReadOnlySet<MonitorKind> Supported { get; } = new HashSet<MonitorKind>
    {
        MonitorKind.Availability, MonitorKind.Tls, MonitorKind.Dns, MonitorKind.Tamper, MonitorKind.Content, MonitorKind.Exposure,
        MonitorKind.Resource,
    };

    /// <summary>The settings of <paramref name="kind"/> from <paramref name="json"/> (null: defaults), checked into <paramref name="v"/>.</summary>
    public static string Normalise(MonitorKind kind, JsonElement? json, Validation v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return kind switch
        {
            MonitorKind.Availability => Check(Read<AvailabilitySettings>(json, v), v),
            MonitorKind.Tls => Check(Read<TlsSettings>(json, v), v),
            MonitorKind.Dns => Check(Read<DnsSettings>(json, v), v),
            MonitorKind.Content or MonitorKind.Exposure => Check(Read<PageSettings>(json, v), v),
            MonitorKind.Resource => Check(Read<ResourceSettings>(json, v), v),
            MonitorKind.Tamper => Check(Read<TamperSettings>(json, v), v),
            _ => "{}",
        };
    }

    /// <summary>Reads stored settings (already checked); defaults when they do not parse.</summary>
    public static T Load<T>(string json)
        where T : new()
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Json) ?? new T();
        }
        catch (JsonException)
        {
            return new T();
        }
    }

    private static T Read<T>(JsonElement? json, Validation v)
        where T : new()
    {
        if (json is null || json.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return new T();
        }

        if (json.Value.ValueKind != JsonValueKind.Object)
        {
            v.Add("settings", "json", "监测设置（settings）必须是 JSON 对象。", "The monitor settings (settings) must be a JSON object.");
            return new T();
        }

        try
        {
            return json.Value.Deserialize<T>(Json) ?? new T();
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) ? "settings" : "settings" + ex.Path.TrimStart('$');
            v.Add(where, "json", $"监测设置（{where}）无法识别：字段未知或类型不对。", $"The monitor settings ({where}) are not understood: an unknown field or a wrong type.");
            return new T();
        }
    }

    private static string Check(AvailabilitySettings s, Validation v)
    {
        if (s.ExpectedStatusMin is < 100 or > 599)
        {
            v.Add("settings.expectedStatusMin", "range", "预期状态码下限（settings.expectedStatusMin）必须在 100 到 599 之间。", "The lowest expected status (settings.expectedStatusMin) must be between 100 and 599.");
        }

        if (s.ExpectedStatusMax is < 100 or > 599 || s.ExpectedStatusMax < s.ExpectedStatusMin)
        {
            v.Add("settings.expectedStatusMax", "range", "预期状态码上限（settings.expectedStatusMax）必须在 100 到 599 之间且不小于下限。", "The highest expected status (settings.expectedStatusMax) must be between 100 and 599 and not below the lowest.");
        }

        s.Keyword = string.IsNullOrWhiteSpace(s.Keyword) ? null : s.Keyword.Trim();
        if (s.Keyword is { Length: > 200 })
        {
            v.Add("settings.keyword", "max_length", "关键字（settings.keyword）不能超过 200 个字符。", "The keyword (settings.keyword) must be at most 200 characters.");
        }

        if (s.MaxLatencyMs is < 1 or > 120_000)
        {
            v.Add("settings.maxLatencyMs", "range", "最大响应时间（settings.maxLatencyMs）必须在 1 到 120000 毫秒之间。", "The latency limit (settings.maxLatencyMs) must be between 1 and 120000 ms.");
        }

        return JsonSerializer.Serialize(s, Json);
    }

    private static string Check(TlsSettings s, Validation v)
    {
        if (s.ExpiryWarningDays is < 1 or > 365)
        {
            v.Add("settings.expiryWarningDays", "range", "证书到期预警天数（settings.expiryWarningDays）必须在 1 到 365 之间。", "The expiry warning (settings.expiryWarningDays) must be between 1 and 365 days.");
        }

        s.MinProtocol = s.MinProtocol?.Trim().ToLowerInvariant() ?? "tls12";
        if (s.MinProtocol is not ("tls12" or "tls13"))
        {
            v.Add("settings.minProtocol", "one_of", "最低协议版本（settings.minProtocol）必须是 tls12 或 tls13。", "The oldest protocol (settings.minProtocol) must be tls12 or tls13.");
        }

        return JsonSerializer.Serialize(s, Json);
    }

    private static string Check(DnsSettings s, Validation v)
    {
        s.Resolvers = Clean(s.Resolvers);
        s.RegisteredAddresses = Clean(s.RegisteredAddresses);
        s.AllowedCnameSuffixes = Clean(s.AllowedCnameSuffixes).Select(x => x.TrimStart('.').TrimEnd('.').ToLowerInvariant()).Distinct().ToList();
        if (s.Resolvers.Count > 5)
        {
            v.Add("settings.resolvers", "max_count", "解析服务器（settings.resolvers）最多 5 个。", "At most 5 resolvers (settings.resolvers) are allowed.");
        }

        foreach (var r in s.Resolvers)
        {
            if (!IPEndPoint.TryParse(r, out _))
            {
                v.Add("settings.resolvers", "address", $"解析服务器（settings.resolvers）「{Cut(r)}」不是 IP 地址或 IP:端口。", $"The resolver (settings.resolvers) \"{Cut(r)}\" is not an IP address or IP:port.");
            }
        }

        if (s.RegisteredAddresses.Count > 100)
        {
            v.Add("settings.registeredAddresses", "max_count", "登记地址（settings.registeredAddresses）最多 100 个。", "At most 100 registered addresses (settings.registeredAddresses) are allowed.");
        }

        foreach (var a in s.RegisteredAddresses)
        {
            if (!IPAddress.TryParse(a, out _) && !IPNetwork.TryParse(a, out _))
            {
                v.Add("settings.registeredAddresses", "address", $"登记地址（settings.registeredAddresses）「{Cut(a)}」不是 IP 地址或 CIDR 网段。", $"The registered address (settings.registeredAddresses) \"{Cut(a)}\" is not an IP address or CIDR range.");
            }
        }

        if (s.AllowedCnameSuffixes.Count > 50 || s.AllowedCnameSuffixes.Any(x => x.Length is 0 or > 253))
        {
            v.Add("settings.allowedCnameSuffixes", "format", "允许的 CNAME 后缀（settings.allowedCnameSuffixes）最多 50 个有效域名后缀。", "The allowed CNAME suffixes (settings.allowedCnameSuffixes) must be at most 50 valid domain suffixes.");
        }

        return JsonSerializer.Serialize(s, Json);
    }

    private static string Check(PageSettings s, Validation v)
    {
        s.Paths = CheckPaths(s.Paths, v);
        return JsonSerializer.Serialize(s, Json);
    }

    private static string Check(TamperSettings s, Validation v)
    {
        s.Paths = CheckPaths(s.Paths, v);
        if (s.MaxPages is < 1 or > 200)
        {
            v.Add("settings.maxPages", "range", "每次比对的页面数（settings.maxPages）必须在 1 到 200 之间。", "The pages compared per check (settings.maxPages) must be between 1 and 200.");
        }

        s.IgnoreSelectors = Clean(s.IgnoreSelectors);
        if (s.IgnoreSelectors.Count > 50 || s.IgnoreSelectors.Any(x => x.Length > 300))
        {
            v.Add("settings.ignoreSelectors", "max_count", "忽略的选择器（settings.ignoreSelectors）最多 50 个，每个不超过 300 个字符。", "At most 50 ignore selectors (settings.ignoreSelectors) of at most 300 characters each are allowed.");
        }

        s.MaskPatterns = Clean(s.MaskPatterns);
        if (s.MaskPatterns.Count > 50 || s.MaskPatterns.Any(x => x.Length > 300))
        {
            v.Add("settings.maskPatterns", "max_count", "屏蔽的模式（settings.maskPatterns）最多 50 个，每个不超过 300 个字符。", "At most 50 mask patterns (settings.maskPatterns) of at most 300 characters each are allowed.");
        }

        foreach (var p in s.MaskPatterns)
        {
            try
            {
                _ = new Detection.Tamper.TamperComparer(new Detection.Tamper.TamperOptions { MaskPatterns = [p] });
            }
            catch (ArgumentException)
            {
                v.Add("settings.maskPatterns", "regex", $"屏蔽的模式（settings.maskPatterns）「{Cut(p)}」不是有效的正则表达式。", $"The mask pattern (settings.maskPatterns) \"{Cut(p)}\" is not a valid regular expression.");
            }
        }

        return JsonSerializer.Serialize(s, Json);
    }

    private static List<string> CheckPaths(List<string>? paths, Validation v)
    {
        var clean = Clean(paths);
        if (clean.Count > 20)
        {
            v.Add("settings.paths", "max_count", "关键页面（settings.paths）最多 20 个。", "At most 20 key pages (settings.paths) are allowed.");
        }

        foreach (var p in clean)
        {
            if (!p.StartsWith('/') || p.StartsWith("//", StringComparison.Ordinal) || p.Length > 1000 || p.Any(char.IsControl) || p.Contains('\\', StringComparison.Ordinal))
            {
                v.Add("settings.paths", "path", $"关键页面（settings.paths）「{Cut(p)}」必须是以 / 开头的站内路径。", $"The key page (settings.paths) \"{Cut(p)}\" must be a path on the site starting with /.");
            }
        }

        return clean;
    }

    private static string Check(ResourceSettings s, Validation v)
    {
        foreach (var (field, value) in new[] { ("cpuPercent", s.CpuPercent), ("memoryPercent", s.MemoryPercent), ("diskPercent", s.DiskPercent) })
        {
            if (value is < 1 or > 100 || value is { } x && double.IsNaN(x))
            {
                v.Add($"settings.{field}", "range", $"阈值（settings.{field}）必须在 1 到 100（百分比）之间，或为 null 表示不检查。", $"The limit (settings.{field}) must be between 1 and 100 percent, or null for none.");
            }
        }

        foreach (var (field, value) in new[] { ("receiveMbps", s.ReceiveMbps), ("transmitMbps", s.TransmitMbps) })
        {
            if (value is <= 0 or > 1_000_000 || value is { } x && double.IsNaN(x))
            {
                v.Add($"settings.{field}", "range", $"带宽阈值（settings.{field}）必须大于 0 且不超过 1000000 Mbit/s，或为 null 表示不检查。", $"The bandwidth limit (settings.{field}) must be above 0 and at most 1000000 Mbit/s, or null for none.");
            }
        }

        return JsonSerializer.Serialize(s, Json);
    }

    private static List<string> Clean(List<string>? items) =>
        (items ?? []).Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x.Trim()).Distinct(StringComparer.Ordinal).ToList();

    private static string Cut(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
