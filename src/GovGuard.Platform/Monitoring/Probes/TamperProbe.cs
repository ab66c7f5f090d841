using System.Globalization;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Html;
using GovGuard.Detection.Tamper;
using GovGuard.Platform.Common;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Monitoring.Engine;
using GovGuard.Platform.Monitoring.Tamper;
using GovGuard.Platform.Scanning;

namespace GovGuard.Platform.Monitoring.Probes;

/// <summary>
/// Page tamper (GB/T 38249 7.4.3 b): fetches the key pages and crawls the site within the monitor's page limit,
/// compares every HTML page with its approved baseline in the database, and reports only what a second fetch
/// confirms (a transient error page or a half-deployed update is not defacement). A page seen for the first time
/// becomes its own baseline; a legitimate update (new list items, rotated banners) does too when the monitor
/// accepts updates. Reported pages are kept as pending changes for an operator to review side by side.
/// </summary>
public sealed class TamperProbe(GuardedFetcher fetcher, Crawler crawler, ProbeLimiter limiter, PageDetectors detectors, TamperStore store) : IMonitorProbe
{
    public MonitorKind Kind => MonitorKind.Tamper;

    public async Task<ProbeOutcome> RunAsync(MonitorDefinition monitor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        var settings = MonitorSettings.Load<TamperSettings>(monitor.Settings);
        if (!Uri.TryCreate(monitor.Target, UriKind.Absolute, out var site))
        {
            return ProbeOutcome.Incomplete("url.syntax", new Text("目标不是有效的网址。", "The target is not a valid URL."));
        }

        var options = new TamperOptions { IgnoreSelectors = settings.IgnoreSelectors, MaskPatterns = settings.MaskPatterns };
        var comparer = detectors.Tamper(options);
        var baselines = await store.BaselinesAsync(monitor.Id, ct).ConfigureAwait(false);
        var parser = new PageParser(fetcher);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var run = new Run();

        await foreach (var (url, result) in PagesAsync(site, settings, monitor, ct).ConfigureAwait(false))
        {
            run.Pages++;
            run.FirstStatus ??= result.StatusCode;
            if (!result.IsComplete || PageDetectors.View(result) is not { } view)
            {
                run.Gaps.Add($"{url}: {result.Error?.Rule ?? "fetch"}");
                continue;
            }

            // Error pages and redirects are the availability monitor's business; only pages the site serves are baselined.
            if (view.Status is < 200 or >= 300 || await parser.ParseAsync(view, ct).ConfigureAwait(false) is not { } html)
            {
                continue;
            }

            await JudgeAsync(run, url, html, result, baselines, comparer, options, settings.AcceptUpdates, parser, monitor, ct).ConfigureAwait(false);
        }

        await store.ApplyAsync(monitor.Id, monitor.WebsiteId, run.Decisions, ct).ConfigureAwait(false);
        var ms = (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var counts = string.Create(CultureInfo.InvariantCulture, $"比对 {run.Html} 个页面：新建基线 {run.New}，合法更新 {run.Updates}，复核未确认 {run.Transient}，篡改 {run.Defaced}");
        var countsEn = string.Create(CultureInfo.InvariantCulture, $"{run.Html} pages compared: {run.New} new baselines, {run.Updates} legitimate updates, {run.Transient} not confirmed on re-fetch, {run.Defaced} tampered");
        if (run.Gaps.Count > 0)
        {
            var shown = string.Join("; ", run.Gaps.Take(5));
            return new ProbeOutcome(MonitorHealth.Incomplete,
                new Text(string.Create(CultureInfo.InvariantCulture, $"{run.Gaps.Count} 个页面未能完整获取，检查不完整（{shown}）；{counts}"),
                    string.Create(CultureInfo.InvariantCulture, $"{run.Gaps.Count} pages could not be fetched whole, the check is incomplete ({shown}); {countsEn}")),
                run.Findings, ms, run.FirstStatus, run.Gaps[0].Split(": ").Last());
        }

        if (run.Html == 0)
        {
            return ProbeOutcome.Incomplete("tamper.no_html", new Text("没有获取到 HTML 页面，无法比对。", "No HTML page was fetched; nothing could be compared."), ms);
        }

        return new ProbeOutcome(ProbeOutcome.HealthOf(run.Findings), new Text(counts, countsEn), run.Findings, ms, run.FirstStatus);
    }

    private async Task JudgeAsync(Run run, Uri url, HtmlPage html, FetchResult result, Dictionary<string, TamperBaseline> baselines,
        TamperComparer comparer, TamperOptions options, bool acceptUpdates, PageParser parser, MonitorDefinition monitor, CancellationToken ct)
    {
        var key = html.Url.AbsoluteUri;
        if (!run.Seen.Add(key))
        {
            return;
        }

        run.Html++;
        if (!baselines.TryGetValue(key, out var baseline))
        {
            // GB/T 38249 7.4.3 b: the first look at a page is its baseline (first run, or a page new to the site).
            run.New++;
            run.Decisions.Add(new PageDecision.NewBaseline(key, PageBaseline.Create(html, options).ToJson(), SiteBaseline.Sha256(result.Body.Span)));
            return;
        }

        var stored = PageBaseline.FromJson(baseline.Page);
        var first = comparer.Compare(stored, html, monitor.Target);
        if (first.Status != TamperStatus.Defaced)
        {
            Accept(run, first.Status, key, html, result, options, acceptUpdates);
            return;
        }

        // A transient error page or a half-deployed update is not defacement: fetch again and report only what persists.
        var again = await FetchAsync(new FetchRequest(url.AbsoluteUri) { TotalTimeout = monitor.Timeout }, ct).ConfigureAwait(false);
        var view = again.IsComplete ? PageDetectors.View(again) : null;
        var page = view is null ? null : await parser.ParseAsync(view, ct).ConfigureAwait(false);
        if (page is null)
        {
            run.Gaps.Add($"{url}: {again.Error?.Rule ?? "refetch"}");
            return;
        }

        var second = comparer.Compare(stored, page, monitor.Target);
        if (second.Status != TamperStatus.Defaced)
        {
            run.Transient++;
            return;
        }

        run.Defaced++;
        run.Findings.AddRange(second.Findings);
        run.Decisions.Add(new PageDecision.Reported(key, baseline.Id, baseline.Page, PageBaseline.Create(page, options).ToJson(),
            SiteBaseline.Sha256(again.Body.Span), MonitorChecker.FindingsJson(second.Findings), second.Findings.Max(f => f.Severity).ToWire()));
    }

    private static void Accept(Run run, TamperStatus status, string key, HtmlPage html, FetchResult result, TamperOptions options, bool acceptUpdates)
    {
        if (status == TamperStatus.Changed && acceptUpdates)
        {
            run.Updates++;
            run.Decisions.Add(new PageDecision.Updated(key, PageBaseline.Create(html, options).ToJson(), SiteBaseline.Sha256(result.Body.Span)));
            return;
        }

        run.Decisions.Add(new PageDecision.Clean(key));
    }

    /// <summary>The key pages first, then the crawl from the target, at most <see cref="TamperSettings.MaxPages"/> in all.</summary>
    private async IAsyncEnumerable<(Uri Url, FetchResult Result)> PagesAsync(Uri site, TamperSettings settings, MonitorDefinition monitor,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var origin = site.GetLeftPart(UriPartial.Authority);
        var keys = settings.Paths.Count == 0 ? [site] : settings.Paths.Select(p => new Uri(origin + p)).ToList();
        var fetched = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        foreach (var key in keys.Take(settings.MaxPages))
        {
            var r = await FetchAsync(new FetchRequest(key.AbsoluteUri) { TotalTimeout = monitor.Timeout }, ct).ConfigureAwait(false);
            fetched.Add(key.AbsoluteUri);
            if (r.FinalUrl is { } final)
            {
                fetched.Add(final.AbsoluteUri);
            }

            count++;
            yield return (key, r);
        }

        if (!settings.Crawl || count >= settings.MaxPages)
        {
            yield break;
        }

        var crawl = crawler.Crawl(site.AbsoluteUri, new CrawlOptions { MaxPages = settings.MaxPages });
        await foreach (var page in crawl.WithCancellation(ct).ConfigureAwait(false))
        {
            if (fetched.Contains(page.Url.AbsoluteUri) || (page.Result.FinalUrl is { } f && fetched.Contains(f.AbsoluteUri)))
            {
                continue;
            }

            if (count++ >= settings.MaxPages)
            {
                yield break;
            }

            yield return (page.Url, page.Result);
        }
    }

    private async Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken ct)
    {
        using var lease = await limiter.EnterAsync(new Uri(request.Url).Host, ct).ConfigureAwait(false);
        return await fetcher.FetchAsync(request, ct).ConfigureAwait(false);
    }

    private sealed class Run
    {
        public int Pages { get; set; }

        public int Html { get; set; }

        public int New { get; set; }

        public int Updates { get; set; }

        public int Transient { get; set; }

        public int Defaced { get; set; }

        public int? FirstStatus { get; set; }

        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

        public List<string> Gaps { get; } = [];

        public List<Finding> Findings { get; } = [];

        public List<PageDecision> Decisions { get; } = [];
    }
}
