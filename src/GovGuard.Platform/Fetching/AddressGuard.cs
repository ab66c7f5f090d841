using System.Net;
using System.Net.Sockets;

namespace GovGuard.Platform.Fetching;

/// <summary>Whether one address may be connected to, and the rule that decided it.</summary>
/// <param name="Address">The address as resolved or written.</param>
/// <param name="Allowed">True when a connection may be made.</param>
/// <param name="Rule">The rule that decided: <c>ssrf.loopback</c>, <c>ssrf.private</c>, <c>ssrf.metadata</c>, <c>ssrf.public</c>, <c>ssrf.allow-listed</c>…</param>
/// <param name="MessageZh">One sentence in Chinese naming the rule.</param>
/// <param name="MessageEn">The same in English.</param>
public sealed record AddressVerdict(IPAddress Address, bool Allowed, string Rule, string MessageZh, string MessageEn) : IBilingualMessage;

/// <summary>
/// Whether a URL may be fetched: when a monitor is saved (<see cref="AddressGuard.ValidateTarget"/>, no DNS)
/// or when it runs (<see cref="AddressGuard.ValidateTargetAsync"/>, with DNS, every address checked).
/// </summary>
/// <param name="Url">The URL as given.</param>
/// <param name="Target">The parsed URL, or null when it does not parse.</param>
/// <param name="IsAllowed">True when the URL may be fetched.</param>
/// <param name="Rule">The rule that decided: <c>url.syntax</c>, <c>url.scheme</c>, <c>url.userinfo</c>, <c>url.ip-spelling</c>, <c>dns.failed</c>, an <c>ssrf.*</c> rule, or <c>url.ok</c>.</param>
/// <param name="MessageZh">One sentence in Chinese naming the rule.</param>
/// <param name="MessageEn">The same in English.</param>
/// <param name="Addresses">The checked addresses (the literal one, or all that DNS gave); empty when none were looked at.</param>
public sealed record TargetValidation(
    string Url,
    Uri? Target,
    bool IsAllowed,
    string Rule,
    string MessageZh,
    string MessageEn,
    IReadOnlyList<IPAddress> Addresses) : IBilingualMessage;

/// <summary>
/// The SSRF guard (SECURITY.md, "Fetching what users type"): http and https only, every address
/// checked against the blocked ranges, IPv6 forms that embed an IPv4 address judged by that address,
/// numeric host spellings read as the address they spell, cloud metadata refused even when allow-listed.
/// Thread-safe and immutable.
/// </summary>
public sealed class AddressGuard(SsrfPolicy policy)
{
    private const int MaxUrlLength = 8192;

    private static readonly IPNetwork Mapped = IPNetwork.Parse("::ffff:0:0/96");
    private static readonly IPNetwork Translated = IPNetwork.Parse("::ffff:0:0:0/96");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    private static readonly HashSet<IPAddress> Metadata =
    [
        IPAddress.Parse("169.254.169.254"), // AWS, Huawei, Baidu, OpenStack and most others
        IPAddress.Parse("169.254.170.2"),   // AWS ECS task credentials
        IPAddress.Parse("169.254.0.23"),    // Tencent Cloud (metadata.tencentyun.com)
        IPAddress.Parse("100.100.100.200"), // Alibaba Cloud
        IPAddress.Parse("168.63.129.16"),   // Azure wire server
        IPAddress.Parse("fd00:ec2::254"),   // AWS over IPv6
    ];

    private static readonly BlockedRange[] Blocked =
    [
        new("0.0.0.0/8", "ssrf.this-network", "“本网络”地址", "a 'this network' address"),
        new("10.0.0.0/8", "ssrf.private", "私有地址", "a private address"),
        new("100.64.0.0/10", "ssrf.shared", "运营商共享地址（CGNAT）", "a carrier-grade NAT shared address"),
        new("127.0.0.0/8", "ssrf.loopback", "回环地址", "a loopback address"),
        new("169.254.0.0/16", "ssrf.link-local", "链路本地地址", "a link-local address"),
        new("172.16.0.0/12", "ssrf.private", "私有地址", "a private address"),
        new("192.0.0.0/24", "ssrf.reserved", "IETF 协议分配地址", "an IETF protocol assignment"),
        new("192.0.2.0/24", "ssrf.documentation", "文档示例地址", "a documentation address"),
        new("192.88.99.0/24", "ssrf.reserved", "6to4 中继地址", "a 6to4 relay address"),
        new("192.168.0.0/16", "ssrf.private", "私有地址", "a private address"),
        new("198.18.0.0/15", "ssrf.benchmarking", "基准测试地址", "a benchmarking address"),
        new("198.51.100.0/24", "ssrf.documentation", "文档示例地址", "a documentation address"),
        new("203.0.113.0/24", "ssrf.documentation", "文档示例地址", "a documentation address"),
        new("224.0.0.0/4", "ssrf.multicast", "组播地址", "a multicast address"),
        new("240.0.0.0/4", "ssrf.reserved", "保留或广播地址", "a reserved or broadcast address"),
        new("::1/128", "ssrf.loopback", "回环地址", "a loopback address"),
        new("::/96", "ssrf.ipv4-compatible", "IPv4 兼容地址（已废弃）", "an IPv4-compatible address (deprecated)"),
        new("64:ff9b:1::/48", "ssrf.nat64", "本地 NAT64 地址", "a local-use NAT64 address"),
        new("100::/64", "ssrf.reserved", "丢弃前缀地址", "a discard-only address"),
        new("2001::/32", "ssrf.teredo", "Teredo 隧道地址", "a Teredo tunnel address"),
        new("2001:2::/48", "ssrf.benchmarking", "基准测试地址", "a benchmarking address"),
        new("2001:10::/28", "ssrf.reserved", "ORCHID 保留地址", "an ORCHID address"),
        new("2001:db8::/32", "ssrf.documentation", "文档示例地址", "a documentation address"),
        new("fc00::/7", "ssrf.unique-local", "唯一本地地址（IPv6 私有）", "a unique local (private IPv6) address"),
        new("fe80::/10", "ssrf.link-local", "链路本地地址", "a link-local address"),
        new("fec0::/10", "ssrf.site-local", "站点本地地址（已废弃）", "a site-local address (deprecated)"),
        new("ff00::/8", "ssrf.multicast", "组播地址", "a multicast address"),
    ];

    /// <summary>The policy this guard applies.</summary>
    public SsrfPolicy Policy { get; } = policy ?? throw new ArgumentNullException(nameof(policy));

    /// <summary>
    /// Decides whether <paramref name="address"/> may be connected to on <paramref name="port"/>: an exact
    /// allow-listed endpoint (<see cref="SsrfPolicy.AllowedEndpoints"/>) passes, anything else as <see cref="Check(IPAddress)"/>.
    /// </summary>
    public AddressVerdict Check(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        var a = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (Policy.Mode == SsrfMode.Strict && !Metadata.Contains(a)
            && Policy.AllowedEndpoints.Any(e => e.Port == port && (e.Address.Equals(a) || e.Address.Equals(address))))
        {
            return new(address, true, "ssrf.allow-listed-endpoint",
                $"地址 {address} 端口 {port} 是管理员允许的端点，可以访问。",
                $"The address {address} on port {port} may be fetched: it is an allow-listed endpoint.");
        }

        return Check(address);
    }

    /// <summary>Decides whether <paramref name="address"/> may be connected to.</summary>
    public AddressVerdict Check(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var a = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        var embedded = EmbeddedIPv4(a, out var form);

        if (Metadata.Contains(a) || (embedded is not null && Metadata.Contains(embedded)))
        {
            return Refuse(address, "ssrf.metadata", "云平台元数据地址，即使在允许范围内也不可访问", "a cloud metadata address, which stays refused even when allow-listed", null);
        }

        if (a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any))
        {
            return Refuse(address, "ssrf.unspecified", "未指定地址", "the unspecified address", null);
        }

        if (Policy.Mode == SsrfMode.Operator)
        {
            return new(address, true, "ssrf.operator", $"地址 {address} 由操作员指定，可以访问。", $"The address {address} may be fetched: the operator names the targets.");
        }

        foreach (var range in Policy.AllowedRanges)
        {
            if (range.Contains(a) || range.Contains(address))
            {
                return new(address, true, "ssrf.allow-listed",
                    $"地址 {address} 在管理员允许的范围 {range} 内，可以访问。",
                    $"The address {address} may be fetched: it is inside the allowed range {range}.");
            }
        }

        foreach (var range in Blocked)
        {
            if (range.Network.Contains(a))
            {
                return Refuse(address, range.Rule, range.Zh, range.En, range.Network);
            }
        }

        if (embedded is not null && Check(embedded) is { Allowed: false } inner)
        {
            return new(address, false, inner.Rule,
                $"地址 {address} 是内嵌 {embedded} 的 {form} 地址，{inner.MessageZh}",
                $"The address {address} is a {form} form of {embedded}. {inner.MessageEn}");
        }

        return new(address, true, "ssrf.public", $"地址 {address} 是公网地址，可以访问。", $"The address {address} is public and may be fetched.");
    }

    /// <summary>
    /// Checks a URL when it is saved: syntax, http/https only, no credentials in the URL, and the host
    /// when it is an address in any spelling (or <c>localhost</c>). Names are checked again, resolved, when fetched.
    /// </summary>
    public TargetValidation ValidateTarget(string url) => Inspect(url, out _, out _);

    /// <summary>
    /// Checks a URL as it is about to be fetched: <see cref="ValidateTarget"/> plus DNS, every address checked.
    /// Fails closed: no addresses, or a resolver error, refuse the URL.
    /// </summary>
    public async Task<TargetValidation> ValidateTargetAsync(string url, IHostResolver resolver, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        var first = Inspect(url, out var uri, out var literal);
        if (!first.IsAllowed || literal is not null || uri is null)
        {
            return first;
        }

        return await ResolveAsync(url, uri, resolver, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The fetcher's per-hop check of an absolute URL: syntax, scheme, host, then DNS and every address.</summary>
    internal async Task<TargetValidation> CheckHopAsync(Uri uri, IHostResolver resolver, CancellationToken cancellationToken)
    {
        var first = Inspect(uri.OriginalString, out var parsed, out var literal);
        if (!first.IsAllowed || literal is not null || parsed is null)
        {
            return first;
        }

        return await ResolveAsync(uri.OriginalString, parsed, resolver, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TargetValidation> ResolveAsync(string url, Uri uri, IHostResolver resolver, CancellationToken cancellationToken)
    {
        var host = uri.IdnHost.TrimEnd('.');
        IReadOnlyList<IPAddress> addresses;
        try
        {
            addresses = await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Invalid(url, uri, "dns.failed", $"无法解析域名 {host}，为安全起见不访问。", $"The name {host} could not be resolved, so it is not fetched (fail closed).");
        }

        if (addresses.Count == 0)
        {
            return Invalid(url, uri, "dns.failed", $"域名 {host} 没有地址，为安全起见不访问。", $"The name {host} has no addresses, so it is not fetched (fail closed).");
        }

        foreach (var address in addresses)
        {
            var verdict = Check(address, uri.Port);
            if (!verdict.Allowed)
            {
                return new(url, uri, false, verdict.Rule,
                    $"域名 {host} 解析到的{verdict.MessageZh}",
                    $"The name {host} resolves to {address}. {verdict.MessageEn}", addresses);
            }
        }

        return new(url, uri, true, "url.ok", $"{host} 可以访问。", $"{host} may be fetched.", addresses);
    }

    private TargetValidation Inspect(string url, out Uri? uri, out IPAddress? literal)
    {
        uri = null;
        literal = null;
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength
            || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed))
        {
            return Invalid(url ?? "", null, "url.syntax", "网址格式不正确，应为 http:// 或 https:// 开头的完整网址。", "The URL is malformed: a full http:// or https:// URL is expected.");
        }

        // On Unix a rooted path parses as a file: URI; it is no URL the user meant.
        if (parsed.IsFile && !url.TrimStart().StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return Invalid(url, null, "url.syntax", "网址格式不正确，应为 http:// 或 https:// 开头的完整网址。", "The URL is malformed: a full http:// or https:// URL is expected.");
        }

        uri = parsed;
        if (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
        {
            return Invalid(url, parsed, "url.scheme", $"只允许 http 和 https 网址，不允许 {parsed.Scheme}:。", $"Only http and https URLs are allowed, not {parsed.Scheme}:.");
        }

        if (parsed.UserInfo.Length > 0)
        {
            return Invalid(url, parsed, "url.userinfo", "网址中不得包含用户名或密码。", "The URL must not carry a user name or password.");
        }

        var host = parsed.DnsSafeHost;
        if (host.Length == 0)
        {
            return Invalid(url, parsed, "url.host", "网址缺少主机名。", "The URL has no host.");
        }

        if (parsed.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(host, out var address))
        {
            literal = address;
        }
        else
        {
            switch (IpSpelling.Read(host, out var spelled))
            {
                case IpSpelling.Kind.Address:
                    literal = spelled;
                    break;
                case IpSpelling.Kind.Invalid:
                    return Invalid(url, parsed, "url.ip-spelling", $"主机名 {host} 形似数字地址但不是有效的 IPv4 地址。", $"The host {host} looks like a numeric address but is not a valid IPv4 address.");
                default:
                    if (IsLocalhostName(host) && Policy.Mode == SsrfMode.Strict)
                    {
                        // RFC 6761: localhost names are loopback whatever a resolver says.
                        literal = IPAddress.Loopback;
                    }

                    break;
            }
        }

        if (literal is null)
        {
            return new(url, parsed, true, "url.ok", $"{host} 可以保存，访问时再检查其地址。", $"{host} may be saved; its addresses are checked when it is fetched.", []);
        }

        var verdict = Check(literal, parsed.Port);
        return verdict.Allowed
            ? new(url, parsed, true, "url.ok", verdict.MessageZh, verdict.MessageEn, [literal])
            : new(url, parsed, false, verdict.Rule, verdict.MessageZh, verdict.MessageEn, [literal]);
    }

    private static bool IsLocalhostName(string host)
    {
        var h = host.TrimEnd('.');
        return h.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || h.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The IPv4 address that an IPv6 translation or tunnel form carries, or null.</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress a, out string form)
    {
        form = "";
        if (a.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        Span<byte> b = stackalloc byte[16];
        a.TryWriteBytes(b, out _);
        if (Nat64.Contains(a) || Translated.Contains(a) || Mapped.Contains(a))
        {
            form = Nat64.Contains(a) ? "NAT64" : "SIIT";
            return new IPAddress(b[12..]);
        }

        if (SixToFour.Contains(a))
        {
            form = "6to4";
            return new IPAddress(b[2..6]);
        }

        return null;
    }

    private static AddressVerdict Refuse(IPAddress address, string rule, string zh, string en, IPNetwork? network)
    {
        var where = network is { } n ? $"（{n}）" : "";
        var whereEn = network is { } m ? $" ({m})" : "";
        return new(address, false, rule, $"地址 {address} 是{zh}{where}，已拒绝（{rule}）。", $"The address {address} is {en}{whereEn} and is refused ({rule}).");
    }

    private static TargetValidation Invalid(string url, Uri? uri, string rule, string zh, string en) =>
        new(url, uri, false, rule, $"{zh}（{rule}）", $"{en} ({rule})", []);

    private sealed record BlockedRange(IPNetwork Network, string Rule, string Zh, string En)
    {
        public BlockedRange(string cidr, string rule, string zh, string en)
            : this(IPNetwork.Parse(cidr), rule, zh, en)
        {
        }
    }
}
