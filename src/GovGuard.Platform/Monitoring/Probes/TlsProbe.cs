using System.Globalization;
using System.Net.Security;
using System.Security.Authentication;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Common;
using GovGuard.Platform.Fetching;

namespace GovGuard.Platform.Monitoring.Probes;

/// <summary>TLS (GB/T 38249 7.4.2): certificate dates, name and chain, the negotiated protocol, the expiry window.</summary>
public sealed class TlsProbe(GuardedFetcher fetcher, ProbeLimiter limiter, TimeProvider time) : IMonitorProbe
{
    public MonitorKind Kind => MonitorKind.Tls;

    public async Task<ProbeOutcome> RunAsync(MonitorDefinition monitor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        var settings = MonitorSettings.Load<TlsSettings>(monitor.Settings);
        var host = Uri.TryCreate(monitor.Target, UriKind.Absolute, out var u) ? u.Host : monitor.Target;
        using var lease = await limiter.EnterAsync(host, ct).ConfigureAwait(false);
        var result = await fetcher.FetchAsync(new FetchRequest(monitor.Target)
        {
            InspectTls = true,
            FollowRedirects = false,
            MaxBodyBytes = 1024,
            TotalTimeout = monitor.Timeout,
        }, ct).ConfigureAwait(false);
        var ms = (int)Math.Round(result.Timings.Total.TotalMilliseconds);
        if (result.Tls is null)
        {
            return result.Outcome switch
            {
                FetchOutcome.TlsError => Invalid(monitor.Target, "tls.handshake", new Text(
                    $"TLS 握手失败：{result.Error?.MessageZh}", $"The TLS handshake failed: {result.Error?.MessageEn}"), ms),
                _ => ProbeOutcome.Incomplete(result.Error?.Rule ?? "tls.no_handshake", new Text(
                    $"未能检查证书：{result.Error?.MessageZh ?? "没有 TLS 握手"}", $"The certificate could not be checked: {result.Error?.MessageEn ?? "no TLS handshake"}"), ms),
            };
        }

        var outcome = Evaluate(monitor.Target, settings, result.Tls, time.GetUtcNow());
        return outcome with { LatencyMs = ms, StatusCode = result.StatusCode };
    }

    /// <summary>The judgement over a handshake's certificate and protocol at <paramref name="now"/>; no I/O.</summary>
    public static ProbeOutcome Evaluate(string target, TlsSettings settings, TlsInfo tls, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(tls);
        var findings = new List<Finding>();
        var evidence = $"subject={tls.Subject}; issuer={tls.Issuer}; notBefore={tls.NotBefore:O}; notAfter={tls.NotAfter:O}; protocol={tls.Protocol}";
        void Add(string rule, Severity severity, string category, string zh) =>
            findings.Add(new Finding(category, severity, target, target, null, null, rule, zh, Finding.Excerpt(evidence)));

        var expired = tls.NotAfter <= now;
        var early = tls.NotBefore > now;
        if (expired)
        {
            Add("tls.expired", Severity.High, Categories.TlsInvalid, string.Create(CultureInfo.InvariantCulture, $"证书已于 {tls.NotAfter:yyyy-MM-dd} 过期"));
        }

        if (early)
        {
            Add("tls.not_yet_valid", Severity.High, Categories.TlsInvalid, string.Create(CultureInfo.InvariantCulture, $"证书 {tls.NotBefore:yyyy-MM-dd} 才生效"));
        }

        if (tls.PolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            Add("tls.name_mismatch", Severity.High, Categories.TlsInvalid, "证书与域名不匹配：" + string.Join(", ", tls.SubjectAlternativeNames.Take(10)));
        }

        // Dates are reported above; the chain rule is for trust (self-signed, unknown issuer, revoked, ...).
        var chain = tls.ChainErrors.Where(e => e is not ("NotTimeValid" or "NotTimeNested")).ToList();
        if (tls.PolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            Add("tls.no_certificate", Severity.High, Categories.TlsInvalid, "服务器没有提供证书");
        }
        else if (chain.Count > 0 || (tls.PolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors) && !expired && !early))
        {
            Add("tls.untrusted_chain", Severity.High, Categories.TlsInvalid, "证书链不受信任：" + (chain.Count > 0 ? string.Join(", ", chain) : "chain errors"));
        }

        var min = settings.MinProtocol == "tls13" ? SslProtocols.Tls13 : SslProtocols.Tls12;
        if (tls.Protocol != SslProtocols.None && (int)tls.Protocol < (int)min)
        {
            Add("tls.weak_protocol", Severity.High, Categories.TlsInvalid, $"协议版本过低：{tls.Protocol}，至少应为 {min}");
        }

        var left = tls.NotAfter - now;
        if (!expired && left < TimeSpan.FromDays(settings.ExpiryWarningDays))
        {
            Add("tls.expiring", Severity.Medium, Categories.TlsExpiring, string.Create(CultureInfo.InvariantCulture,
                $"证书将在 {Math.Max(0, (int)left.TotalDays)} 天后（{tls.NotAfter:yyyy-MM-dd}）过期"));
        }

        var days = (int)Math.Floor(left.TotalDays);
        var summary = findings.Count == 0
            ? new Text(string.Create(CultureInfo.InvariantCulture, $"证书有效，还有 {days} 天到期（{tls.Protocol}）"), string.Create(CultureInfo.InvariantCulture, $"Certificate valid, {days} days left ({tls.Protocol})"))
            : new Text(string.Join("；", findings.Select(f => f.Message)), string.Join("; ", findings.Select(f => f.Rule)) + string.Create(CultureInfo.InvariantCulture, $" (expires {tls.NotAfter:yyyy-MM-dd})"));
        return new ProbeOutcome(ProbeOutcome.HealthOf(findings), summary, findings);
    }

    private static ProbeOutcome Invalid(string target, string rule, Text why, int ms) =>
        new(MonitorHealth.Down, why, [new Finding(Categories.TlsInvalid, Severity.High, target, target, null, null, rule, why.Zh, Finding.Excerpt(why.En))], ms);
}
