using System.Globalization;
using System.Security.Cryptography;
using GovGuard.Detection.Exposure;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Http;
using GovGuard.Platform.Common;
using GovGuard.Platform.Fetching;

namespace GovGuard.Platform.Monitoring.Probes;

/// <summary>
/// Content (7.4.3 a) and exposure (7.4.4 a) monitors: fetch the key pages through the guarded fetcher and run
/// the page detectors through <see cref="PageDetectors"/>. A page that could not be fetched whole makes the
/// check incomplete, never clean.
/// </summary>
public sealed class PageProbe(MonitorKind kind, GuardedFetcher fetcher, ProbeLimiter limiter, PageDetectors detectors) : IMonitorProbe
{
    public MonitorKind Kind => kind;

    public async Task<ProbeOutcome> RunAsync(MonitorDefinition monitor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        var settings = MonitorSettings.Load<PageSettings>(monitor.Settings);
        if (!Uri.TryCreate(monitor.Target, UriKind.Absolute, out var site))
        {
            return ProbeOutcome.Incomplete("url.syntax", new Text("目标不是有效的网址。", "The target is not a valid URL."));
        }

        var urls = settings.Paths.Count == 0 ? [site] : settings.Paths.Select(p => new Uri(site.GetLeftPart(UriPartial.Authority) + p)).ToList();
        var findings = new List<Finding>();
        var gaps = new List<string>();
        int? firstStatus = null;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = 0; i < urls.Count; i++)
        {
            var result = await FetchAsync(site.Host, new FetchRequest(urls[i].ToString()) { TotalTimeout = monitor.Timeout }, ct).ConfigureAwait(false);
            var view = PageDetectors.View(result);
            firstStatus ??= result.StatusCode;
            if (view is null || !result.IsComplete)
            {
                gaps.Add($"{urls[i]}: {result.Error?.Rule ?? "fetch"}");
                continue;
            }

            if (kind == MonitorKind.Content)
            {
                findings.AddRange(detectors.Content(view, monitor.Target));
                continue;
            }

            if (settings.Headers && i == 0)
            {
                findings.AddRange(detectors.Headers(view, monitor.Target));
            }

            if (settings.Listings && detectors.Listing(view, monitor.Target) is { } listing)
            {
                findings.Add(listing);
            }
        }

        if (kind == MonitorKind.Exposure && settings.Probes && gaps.Count < urls.Count)
        {
            await ProbeExposuresAsync(site, monitor, findings, gaps, ct).ConfigureAwait(false);
        }

        var ms = (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (gaps.Count > 0)
        {
            var list = string.Join("; ", gaps.Take(5));
            return new ProbeOutcome(MonitorHealth.Incomplete,
                new Text(string.Create(CultureInfo.InvariantCulture, $"{gaps.Count} 个请求未完成，检查不完整（{list}）；已发现 {findings.Count} 项"),
                    string.Create(CultureInfo.InvariantCulture, $"{gaps.Count} requests did not complete, the check is incomplete ({list}); {findings.Count} findings so far")),
                findings, ms, firstStatus, gaps[0].Split(": ").Last());
        }

        var summary = findings.Count == 0
            ? new Text(string.Create(CultureInfo.InvariantCulture, $"检查了 {urls.Count} 个页面，未发现问题"), string.Create(CultureInfo.InvariantCulture, $"{urls.Count} pages checked, nothing found"))
            : new Text(string.Create(CultureInfo.InvariantCulture, $"检查了 {urls.Count} 个页面，发现 {findings.Count} 项：{string.Join("、", findings.Select(f => f.Category).Distinct())}"),
                string.Create(CultureInfo.InvariantCulture, $"{urls.Count} pages checked, {findings.Count} findings: {string.Join(", ", findings.Select(f => f.Category).Distinct())}"));
        return new ProbeOutcome(ProbeOutcome.HealthOf(findings), summary, findings, ms, firstStatus);
    }

    private async Task ProbeExposuresAsync(Uri site, MonitorDefinition monitor, List<Finding> findings, List<string> gaps, CancellationToken ct)
    {
        // Soft-404 canaries: paths that cannot exist, so the site's catch-all page is never taken for an exposed file.
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var soft404 = new List<Soft404Profile>();
        foreach (var canary in Soft404Profile.CanaryRequests(token))
        {
            var r = await SendAsync(site, canary, monitor, ct).ConfigureAwait(false);
            if (PageDetectors.View(r) is { } v)
            {
                soft404.Add(Soft404Profile.From(v));
            }
        }

        foreach (var check in detectors.ExposureChecks(site))
        {
            var r = await SendAsync(site, check.Request, monitor, ct).ConfigureAwait(false);
            var view = PageDetectors.View(r);
            if (view is null)
            {
                gaps.Add($"{check.Path}: {r.Error?.Rule ?? "fetch"}");
                if (gaps.Count > 10)
                {
                    return;
                }

                continue;
            }

            if (detectors.Exposure(check, view, soft404, monitor.Target) is { } f)
            {
                findings.Add(f);
            }
        }
    }

    private Task<FetchResult> SendAsync(Uri site, ProbeRequest request, MonitorDefinition monitor, CancellationToken ct) =>
        FetchAsync(site.Host, new FetchRequest(request.On(site).ToString())
        {
            Method = new HttpMethod(request.Method),
            Headers = request.Headers,
            Body = request.Body.IsEmpty ? null : request.Body,
            FollowRedirects = request.MaxRedirects > 0,
            MaxBodyBytes = 256 * 1024,
            TotalTimeout = monitor.Timeout,
        }, ct);

    private async Task<FetchResult> FetchAsync(string host, FetchRequest request, CancellationToken ct)
    {
        using var lease = await limiter.EnterAsync(host, ct).ConfigureAwait(false);
        return await fetcher.FetchAsync(request, ct).ConfigureAwait(false);
    }
}
