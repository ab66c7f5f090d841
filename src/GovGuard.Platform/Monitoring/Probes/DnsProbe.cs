using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using DnsClient;
using DnsClient.Protocol;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Common;
using GovGuard.Platform.Fetching;

namespace GovGuard.Platform.Monitoring.Probes;

/// <summary>What one resolver answered for one name: addresses (A and AAAA), the CNAME chain, or why it failed.</summary>
/// <param name="Resolver">The resolver (<c>system</c> or an address).</param>
/// <param name="Name">The name asked for.</param>
/// <param name="Addresses">A and AAAA addresses, in answer order.</param>
/// <param name="Cnames">CNAME targets, in chain order, lower case without the trailing dot.</param>
/// <param name="NameMissing">NXDOMAIN or no address records: the name does not resolve.</param>
/// <param name="Error">A transport failure (timeout, refused), null when the resolver answered.</param>
public sealed record DnsAnswer(string Resolver, string Name, IReadOnlyList<IPAddress> Addresses, IReadOnlyList<string> Cnames, bool NameMissing, string? Error = null)
{
    public bool Answered => Error is null;
}

/// <summary>
/// DNS and domain compliance (GB/T 38249 5.3.4.3, 7.4.2 b): resolves the name through the configured resolvers
/// (A, AAAA, CNAME), asks for a random name under its zone to find wildcard records, and judges the answers
/// with <see cref="DnsEvaluator"/>. Resolver addresses pass the same SSRF guard as fetches.
/// </summary>
public sealed class DnsProbe(GuardedFetcher fetcher) : IMonitorProbe
{
    public MonitorKind Kind => MonitorKind.Dns;

    public async Task<ProbeOutcome> RunAsync(MonitorDefinition monitor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        var settings = MonitorSettings.Load<DnsSettings>(monitor.Settings);
        var host = monitor.Target.Trim().TrimEnd('.').ToLowerInvariant();
        var clients = new List<(string Name, LookupClient Client)>();
        var timeout = TimeSpan.FromSeconds(Math.Clamp(monitor.TimeoutSeconds / 3.0, 1, 5));
        if (settings.Resolvers.Count == 0)
        {
            clients.Add(("system", new LookupClient(new LookupClientOptions { UseCache = false, Timeout = timeout, Retries = 1, ThrowDnsErrors = false })));
        }

        foreach (var r in settings.Resolvers)
        {
            if (!IPEndPoint.TryParse(r, out var ep))
            {
                continue;
            }

            if (ep.Port == 0)
            {
                ep.Port = 53;
            }

            var verdict = fetcher.Guard.Check(ep.Address);
            if (!verdict.Allowed)
            {
                return ProbeOutcome.Incomplete(verdict.Rule, new Text($"解析服务器 {r} 被拒绝：{verdict.MessageZh}", $"The resolver {r} is refused: {verdict.MessageEn}"));
            }

            clients.Add((r, new LookupClient(new LookupClientOptions(ep) { UseCache = false, Timeout = timeout, Retries = 1, ThrowDnsErrors = false })));
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var answers = await Task.WhenAll(clients.Select(c => AskAsync(c.Client, c.Name, host, ct))).ConfigureAwait(false);
        DnsAnswer? wildcard = null;
        if (settings.CheckWildcard && answers.Any(a => a.Answered && !a.NameMissing))
        {
            var probe = "gg-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) + "." + DnsEvaluator.ZoneOf(host);
            wildcard = await AskAsync(clients[0].Client, clients[0].Name, probe, ct).ConfigureAwait(false);
        }

        var ms = (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return DnsEvaluator.Evaluate(host, settings, monitor.WebsiteDomains, answers, wildcard) with { LatencyMs = ms };
    }

    private static async Task<DnsAnswer> AskAsync(LookupClient client, string resolver, string name, CancellationToken ct)
    {
        try
        {
            var a = await client.QueryAsync(name, QueryType.A, QueryClass.IN, ct).ConfigureAwait(false);
            var aaaa = await client.QueryAsync(name, QueryType.AAAA, QueryClass.IN, ct).ConfigureAwait(false);
            if (a.HasError && a.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
            {
                return new DnsAnswer(resolver, name, [], [], false, a.ErrorMessage);
            }

            var records = a.Answers.Concat(aaaa.Answers).ToList();
            var addresses = records.OfType<ARecord>().Select(r => r.Address)
                .Concat(records.OfType<AaaaRecord>().Select(r => r.Address)).Distinct().ToList();
            var cnames = records.OfType<CNameRecord>().Select(r => r.CanonicalName.Value.TrimEnd('.').ToLowerInvariant()).Distinct().ToList();
            return new DnsAnswer(resolver, name, addresses, cnames, addresses.Count == 0);
        }
        catch (DnsResponseException ex)
        {
            return new DnsAnswer(resolver, name, [], [], false, ex.Code.ToString());
        }
    }
}

/// <summary>
/// The DNS and domain rules, over recorded answers (no I/O). <c>dns.noncompliant</c>: a resolved address outside
/// the registered set (<c>dns.unregistered_address</c>), resolvers that disagree (<c>dns.resolver_disagreement</c>),
/// a name that does not resolve (<c>dns.no_address</c>). <c>domain.noncompliant</c>: a government website's name
/// outside .gov.cn (<c>domain.gov_suffix</c>), wildcard records (<c>domain.wildcard</c>), a CNAME to a host that is
/// neither the website's own nor allow-listed (<c>domain.cname_third_party</c>).
/// </summary>
public static class DnsEvaluator
{
    public static ProbeOutcome Evaluate(string host, DnsSettings settings, IReadOnlyList<string> websiteDomains, IReadOnlyList<DnsAnswer> answers, DnsAnswer? wildcard)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(websiteDomains);
        ArgumentNullException.ThrowIfNull(answers);
        var answered = answers.Where(a => a.Answered).ToList();
        if (answered.Count == 0)
        {
            var why = string.Join(", ", answers.Select(a => $"{a.Resolver}: {a.Error}"));
            return ProbeOutcome.Incomplete("dns.timeout", new Text($"没有解析服务器应答（{why}）", $"No resolver answered ({why})"));
        }

        var findings = new List<Finding>();
        void Add(string category, string rule, Severity severity, string zh, string evidence) =>
            findings.Add(new Finding(category, severity, host, null, null, null, rule, zh, Finding.Excerpt(evidence)));

        // GB/T 38249 7.4.2 b: the name resolves, to the addresses registered for the website, the same everywhere.
        foreach (var a in answered.Where(a => a.NameMissing))
        {
            Add(Categories.DnsNoncompliant, "dns.no_address", Severity.High, $"解析服务器 {a.Resolver} 没有返回 {host} 的地址", $"{a.Resolver}: no A/AAAA for {host}");
        }

        var registered = settings.RegisteredAddresses.Select(ParseRange).Where(n => n is not null).Select(n => n!.Value).ToList();
        if (registered.Count > 0)
        {
            foreach (var a in answered)
            {
                var outside = a.Addresses.Where(ip => !registered.Any(n => n.Contains(Normalise(ip)))).ToList();
                if (outside.Count > 0)
                {
                    Add(Categories.DnsNoncompliant, "dns.unregistered_address", Severity.High,
                        $"{host} 解析到未登记的地址 {string.Join(", ", outside)}（解析服务器 {a.Resolver}）",
                        $"{a.Resolver}: {host} → {string.Join(", ", a.Addresses)}; registered: {string.Join(", ", settings.RegisteredAddresses)}");
                }
            }
        }

        var sets = answered.Where(a => !a.NameMissing).Select(a => (a.Resolver, Set: string.Join(",", a.Addresses.Select(x => x.ToString()).Order(StringComparer.Ordinal)))).ToList();
        if (sets.Select(s => s.Set).Distinct(StringComparer.Ordinal).Count() > 1 || (sets.Count > 0 && answered.Any(a => a.NameMissing)))
        {
            Add(Categories.DnsNoncompliant, "dns.resolver_disagreement", Severity.High,
                $"各解析服务器对 {host} 的应答不一致",
                string.Join("; ", answered.Select(a => $"{a.Resolver}: {(a.NameMissing ? "no address" : string.Join(",", a.Addresses))}")));
        }

        // GB/T 38249 5.3.4.3: a government website uses a government domain name; exceptions are registered per monitor.
        if (settings.GovernmentDomain && !host.EndsWith(".gov.cn", StringComparison.Ordinal))
        {
            Add(Categories.DomainNoncompliant, "domain.gov_suffix", Severity.High,
                $"政府网站域名 {host} 不以 .gov.cn 结尾（如属登记的例外，请关闭 governmentDomain）", host);
        }

        if (wildcard is { Answered: true, NameMissing: false } w)
        {
            Add(Categories.DomainNoncompliant, "domain.wildcard", Severity.High,
                $"{ZoneOf(host)} 存在泛解析记录：随机名称 {w.Name} 也能解析", $"{w.Name} → {string.Join(", ", w.Addresses)}");
        }

        var own = websiteDomains.Select(d => ZoneOf(d.ToLowerInvariant())).Append(ZoneOf(host)).Distinct(StringComparer.Ordinal).ToList();
        var allowed = own.Concat(settings.AllowedCnameSuffixes).ToList();
        foreach (var cname in answered.SelectMany(a => a.Cnames).Distinct(StringComparer.Ordinal))
        {
            if (!allowed.Any(s => cname == s || cname.EndsWith("." + s, StringComparison.Ordinal)))
            {
                Add(Categories.DomainNoncompliant, "domain.cname_third_party", Severity.High,
                    $"{host} 的 CNAME 指向未列入允许清单的第三方主机 {cname}", $"{host} CNAME {cname}; allowed: {string.Join(", ", allowed)}");
            }
        }

        var addresses = answered.SelectMany(a => a.Addresses).Distinct().Take(8).ToList();
        var failed = answers.Count - answered.Count;
        var tail = failed > 0 ? string.Create(CultureInfo.InvariantCulture, $"（{failed} 个解析服务器无应答）") : string.Empty;
        var tailEn = failed > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({failed} resolvers did not answer)") : string.Empty;
        var summary = findings.Count == 0
            ? new Text($"{host} → {string.Join(", ", addresses)}{tail}", $"{host} → {string.Join(", ", addresses)}{tailEn}")
            : new Text(string.Join("；", findings.Select(f => f.Message)) + tail, string.Join("; ", findings.Select(f => f.Rule)) + tailEn);
        return new ProbeOutcome(ProbeOutcome.HealthOf(findings), summary, findings);
    }

    /// <summary>
    /// The registrable name a host belongs to, for wildcard probes and "own host" checks: the last three labels
    /// under .gov.cn and .com.cn (www.beijing.gov.cn → beijing.gov.cn), the last two elsewhere (www.example.cn → example.cn).
    /// </summary>
    public static string ZoneOf(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var labels = host.Split('.');
        var registrable = host.EndsWith(".gov.cn", StringComparison.Ordinal) || host.EndsWith(".com.cn", StringComparison.Ordinal) ? 3 : 2;
        return labels.Length > registrable ? string.Join('.', labels.Skip(labels.Length - registrable)) : host;
    }

    private static IPNetwork? ParseRange(string s)
    {
        if (IPAddress.TryParse(s, out var ip))
        {
            ip = Normalise(ip);
            return new IPNetwork(ip, ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }

        return IPNetwork.TryParse(s, out var n) ? n : null;
    }

    private static IPAddress Normalise(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
}
