using System.Globalization;
using System.Security.Cryptography;
using GovGuard.Detection.Cloaking;
using GovGuard.Detection.Exposure;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Html;
using GovGuard.Detection.Http;
using GovGuard.Detection.Templates;
using GovGuard.Platform.Common;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Scanning;

namespace GovGuard.Platform.Monitoring.Probes;

/// <summary>
/// Content (7.4.3 a) and exposure (7.4.4 a) monitors: fetch the key pages through the guarded fetcher and run
/// the site-scan detectors through <see cref="PageDetectors"/>. Content: harmful terms, hidden links, malicious
/// scripts and, with <c>cloaking</c>, the key pages as each spider sees them. Exposure: headers, directory
/// listings, exposure probes with soft-404 canaries and vulnerability templates. A page or probe that could not be
/// fetched whole makes the check incomplete, never clean.
/// </summary>
public sealed class PageProbe(MonitorKind kind, GuardedFetcher fetcher, ProbeLimiter limiter, PageDetectors detectors) : IMonitorProbe
{
    /// <summary>Key pages compared as spiders see them at most (the site scan's limit).</summary>
    public const int CloakingPages = SiteScanner.CloakingPages;

    private readonly ProbeClient probes = new(fetcher);

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
        var findings = new Findings();
        var gaps = new List<string>();
        var parser = new PageParser(fetcher);
        var htmlPages = new List<(Uri Url, HtmlPage Page)>();
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
                var html = await parser.ParseAsync(view, ct).ConfigureAwait(false);
                findings.AddRange(detectors.Content(view, html, monitor.Target));
                if (html is not null)
                {
                    htmlPages.Add((urls[i], html));
                }

                continue;
            }

            if (settings.Headers && i == 0)
            {
                findings.AddRange(detectors.Headers(view, monitor.Target), siteWide: true);
            }

            if (settings.Listings && detectors.Listing(view, monitor.Target) is { } listing)
            {
                findings.Add(listing);
            }
        }

        if (kind == MonitorKind.Content && settings.Cloaking && htmlPages.Count > 0)
        {
            await CompareAsSpidersAsync(htmlPages.Take(CloakingPages).ToList(), parser, monitor, findings, gaps, ct).ConfigureAwait(false);
        }

        if (kind == MonitorKind.Exposure && gaps.Count < urls.Count)
        {
            var root = new Uri(site, "/");
            if (settings.Probes)
            {
                await ProbeExposuresAsync(root, monitor, findings, gaps, ct).ConfigureAwait(false);
            }

            if (settings.Templates)
            {
                await RunTemplatesAsync(root, monitor, findings, gaps, ct).ConfigureAwait(false);
            }
        }

        var ms = (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var list = findings.List;
        if (gaps.Count > 0)
        {
            var shown = string.Join("; ", gaps.Take(5));
            return new ProbeOutcome(MonitorHealth.Incomplete,
                new Text(string.Create(CultureInfo.InvariantCulture, $"{gaps.Count} 个请求未完成，检查不完整（{shown}）；已发现 {list.Count} 项"),
                    string.Create(CultureInfo.InvariantCulture, $"{gaps.Count} requests did not complete, the check is incomplete ({shown}); {list.Count} findings so far")),
                list, ms, firstStatus, gaps[0].Split(": ").Last());
        }

        return new ProbeOutcome(ProbeOutcome.HealthOf(list), Summary(urls.Count, list), list, ms, firstStatus);
    }

    /// <summary>The one-line summary of a page check that completed.</summary>
    internal static Text Summary(int pages, IReadOnlyList<Finding> findings) => findings.Count == 0
        ? new Text(string.Create(CultureInfo.InvariantCulture, $"检查了 {pages} 个页面，未发现问题"), string.Create(CultureInfo.InvariantCulture, $"{pages} pages checked, nothing found"))
        : new Text(string.Create(CultureInfo.InvariantCulture, $"检查了 {pages} 个页面，发现 {findings.Count} 项：{string.Join("、", findings.Select(f => f.Category).Distinct())}"),
            string.Create(CultureInfo.InvariantCulture, $"{pages} pages checked, {findings.Count} findings: {string.Join(", ", findings.Select(f => f.Category).Distinct())}"));

    /// <summary>GB/T 38249 7.4.3 a: search-engine hijacking serves spiders other content than visitors.</summary>
    private async Task CompareAsSpidersAsync(List<(Uri Url, HtmlPage Page)> pages, PageParser parser, MonitorDefinition monitor, Findings findings, List<string> gaps, CancellationToken ct)
    {
        var agents = detectors.Rules.Spiders;
        foreach (var (url, _) in pages)
        {
            var browser = await FetchPageAsync(FetchRequest.AsBrowser(url.AbsoluteUri) with { UserAgent = agents.BrowserUserAgent, TotalTimeout = monitor.Timeout }, parser, gaps, ct).ConfigureAwait(false);
            var seen = new List<(SpiderAgent Agent, HtmlPage Page)>();
            foreach (var agent in agents.Spiders)
            {
                if (await FetchPageAsync(FetchRequest.AsSpider(url.AbsoluteUri, agent.UserAgent) with { TotalTimeout = monitor.Timeout }, parser, gaps, ct).ConfigureAwait(false) is { } page)
                {
                    seen.Add((agent, page));
                }
            }

            if (browser is not null)
            {
                findings.AddRange(detectors.Scanner.Cloaking(browser, seen, monitor.Target));
            }
        }
    }

    private async Task<HtmlPage?> FetchPageAsync(FetchRequest request, PageParser parser, List<string> gaps, CancellationToken ct)
    {
        var result = await FetchAsync(new Uri(request.Url).Host, request, ct).ConfigureAwait(false);
        if (!result.IsComplete || PageDetectors.View(result) is not { } view)
        {
            gaps.Add($"{request.Url}: {result.Error?.Rule ?? "fetch"}");
            return null;
        }

        return await parser.ParseAsync(view, ct).ConfigureAwait(false);
    }

    private async Task ProbeExposuresAsync(Uri site, MonitorDefinition monitor, Findings findings, List<string> gaps, CancellationToken ct)
    {
        // Soft-404 canaries: paths that cannot exist, so the site's catch-all page is never taken for an exposed file.
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var soft404 = new List<Soft404Profile>();
        foreach (var canary in Soft404Profile.CanaryRequests(token))
        {
            if ((await SendAsync(site, canary, ct).ConfigureAwait(false)).Response is { } v)
            {
                soft404.Add(Soft404Profile.From(v));
            }
        }

        foreach (var check in detectors.ExposureChecks(site))
        {
            var answer = await SendAsync(site, check.Request, ct).ConfigureAwait(false);
            if (answer.Response is not { } view)
            {
                gaps.Add($"{check.Path}: {answer.Result.Error?.Rule ?? "fetch"}");
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

            if (detectors.Listing(view, monitor.Target) is { } listing)
            {
                findings.Add(listing);
            }
        }
    }

    /// <summary>The vulnerability templates (7.4.4 a), each stopping at its first match: one problem, reported once per site.</summary>
    private async Task RunTemplatesAsync(Uri site, MonitorDefinition monitor, Findings findings, List<string> gaps, CancellationToken ct)
    {
        foreach (var template in detectors.Templates)
        {
            var requests = template.Requests(site);
            for (var i = 0; i < requests.Count; i++)
            {
                var answer = await SendAsync(site, requests[i], ct).ConfigureAwait(false);
                if (answer.Response is null)
                {
                    gaps.Add($"{answer.Url}: {answer.Result.Error?.Rule ?? "fetch"}");
                    if (gaps.Count > 10)
                    {
                        return;
                    }

                    continue;
                }

                if (TemplateSet.Evaluate(template, i, answer.Response, MessageLanguage.Chinese, monitor.Target) is { } f)
                {
                    findings.Add(f);
                    break;
                }
            }
        }
    }

    private async Task<ProbeAnswer> SendAsync(Uri site, ProbeRequest request, CancellationToken ct)
    {
        using var lease = await limiter.EnterAsync(site.Host, ct).ConfigureAwait(false);
        return await probes.SendAsync(request, site, ct).ConfigureAwait(false);
    }

    private async Task<FetchResult> FetchAsync(string host, FetchRequest request, CancellationToken ct)
    {
        using var lease = await limiter.EnterAsync(host, ct).ConfigureAwait(false);
        return await fetcher.FetchAsync(request, ct).ConfigureAwait(false);
    }

    /// <summary>Findings of one check, each problem once: same category, rule and page (site-wide ones: same message).</summary>
    private sealed class Findings
    {
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

        public List<Finding> List { get; } = [];

        public void Add(Finding f, bool siteWide = false)
        {
            if (_keys.Add(siteWide ? $"{f.Category}\n{f.Rule}\n*\n{f.Message}" : $"{f.Category}\n{f.Rule}\n{f.Url}"))
            {
                List.Add(f);
            }
        }

        public void AddRange(IEnumerable<Finding> findings, bool siteWide = false)
        {
            foreach (var f in findings)
            {
                Add(f, siteWide);
            }
        }
    }
}
