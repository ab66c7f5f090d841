using System.Security.Cryptography;
using GovGuard.Detection.Cloaking;
using GovGuard.Detection.Exposure;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Html;
using GovGuard.Detection.Http;
using GovGuard.Platform.Fetching;

namespace GovGuard.Platform.Scanning;

/// <summary>
/// One scan of a website (GB/T 38249 7.4.2–7.4.4): crawl the site's own pages and run the page detectors on
/// each (and the tamper comparison with a baseline), then the site probes once (soft-404 canaries, exposure probes,
/// vulnerability templates) and the cloaking comparison of the key pages as spiders see them. Findings stream
/// to the observer as they are made, each problem once. What could not be fetched whole is reported as a gap:
/// a scan with gaps is incomplete, never clean (SECURITY.md).
/// </summary>
public sealed class SiteScanner
{
    /// <summary>Pages fetched as every spider: the start page and the first pages it links to (where hijackers aim).</summary>
    public const int CloakingPages = 4;

    private readonly GuardedFetcher fetcher;
    private readonly Crawler crawler;
    private readonly SiteScanRules rules;
    private readonly ProbeClient probes;

    public SiteScanner(GuardedFetcher fetcher, Crawler crawler, SiteScanRules rules)
    {
        this.fetcher = fetcher ?? throw new ArgumentNullException(nameof(fetcher));
        this.crawler = crawler ?? throw new ArgumentNullException(nameof(crawler));
        this.rules = rules ?? throw new ArgumentNullException(nameof(rules));
        probes = new ProbeClient(fetcher);
    }

    public async Task<SiteScanSummary> ScanAsync(string url, SiteScanOptions options, ISiteScanObserver observer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(observer);
        var run = new Run(options, observer, new PageScanner(rules, options.Language), new PageParser(fetcher));
        var crawl = SiteCrawl.Start(crawler, url, options.MaxPages);
        await foreach (var page in crawl.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (run.Pages == 0 && SiteCrawl.Unreachable(page))
            {
                return new SiteScanSummary { Reachable = false, StartProblem = SiteCrawl.UnreachableSentence(options.Target, page.Result, options.Language) };
            }

            await ScanPageAsync(run, page, cancellationToken).ConfigureAwait(false);
            observer.Progress("pages", run.Pages, Math.Max(options.MaxPages, crawl.PagesFetched));
        }

        var site = crawl.Start!;
        await ProbeSiteAsync(run, new Uri(site, "./"), cancellationToken).ConfigureAwait(false);
        await CompareAsSpidersAsync(run, cancellationToken).ConfigureAwait(false);
        return new SiteScanSummary
        {
            Reachable = true,
            Start = site,
            Pages = run.Pages,
            HtmlPages = run.HtmlPages,
            Probes = run.Probes,
            Findings = run.Reported,
            Gaps = run.Gaps,
            PageLimitReached = crawl.LimitReached,
            PagesWithoutBaseline = run.WithoutBaseline,
            BaselinePagesNotSeen = options.Baseline is { } b ? b.Pages.Count(e => e.Page is not null && !run.SeenBaselineEntries.Contains(e)) : 0,
        };
    }

    private async Task ScanPageAsync(Run run, CrawledPage page, CancellationToken cancellationToken)
    {
        run.Pages++;
        var pageUrl = SiteCrawl.UrlOf(page);
        if (SiteCrawl.GapOf(pageUrl.AbsoluteUri, page.Result, probe: false, run.Options.Language) is { } gap)
        {
            run.Gap(gap);
        }

        // What arrived before a limit hit is still judged: a cut page's findings are real, only its all-clear is not.
        if (ResponseViews.From(page.Result) is not { } view)
        {
            return;
        }

        var target = run.Options.Target;
        var html = await run.Parser.ParseAsync(view, cancellationToken).ConfigureAwait(false);
        foreach (var f in run.Pager.Content(view, html, target))
        {
            run.Report(f);
        }

        if (html is null)
        {
            return;
        }

        run.HtmlPages++;
        if (run.KeyPages.Count < CloakingPages && page.Depth <= 1 && page.Result.IsComplete)
        {
            run.KeyPages.Add(page.Url);
        }

        foreach (var f in run.Pager.Headers(view, target))
        {
            // One finding per header problem per site: the first page that shows it stands for all.
            run.Report(f, siteWide: true);
        }

        if (run.Options.Baseline is { } baseline)
        {
            await CompareWithBaselineAsync(run, baseline, page, view, html, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CompareWithBaselineAsync(Run run, SiteBaseline baseline, CrawledPage page, HttpResponseView view, HtmlPage html, CancellationToken cancellationToken)
    {
        if ((baseline.Find(page.Url) ?? baseline.Find(view.Url)) is not { } entry)
        {
            run.WithoutBaseline++;
            return;
        }

        run.SeenBaselineEntries.Add(entry);
        if (!page.Result.IsComplete || run.Pager.CompareWithBaseline(entry, html, run.Options.Target).Count == 0)
        {
            return;
        }

        // A transient error page or a half-deployed update is not defacement: fetch again and report only what persists.
        var again = await fetcher.FetchAsync(new FetchRequest(page.Url.AbsoluteUri), cancellationToken).ConfigureAwait(false);
        var second = ResponseViews.From(again);
        var secondPage = second is null || !again.IsComplete ? null : await run.Parser.ParseAsync(second, cancellationToken).ConfigureAwait(false);
        if (secondPage is null)
        {
            run.Gap(SiteCrawl.GapOf(page.Url.AbsoluteUri, again, probe: false, run.Options.Language)
                ?? new ScanGap(page.Url.AbsoluteUri, "refetch", run.Options.Language.Pick("复核抓取没有得到 HTML 页面", "the confirming fetch got no HTML page"), false));
            return;
        }

        foreach (var f in run.Pager.CompareWithBaseline(entry, secondPage, run.Options.Target))
        {
            run.Report(f);
        }
    }

    /// <summary>
    /// Fetches the key pages as a browser and as every spider of rules/spiders and compares them (GB/T 38249 7.4.3 a:
    /// search-engine hijacking serves spiders other content than visitors).
    /// </summary>
    private async Task CompareAsSpidersAsync(Run run, CancellationToken cancellationToken)
    {
        var agents = rules.Spiders;
        var done = 0;
        foreach (var url in run.KeyPages)
        {
            var browser = await FetchPageAsync(run, url, FetchRequest.AsBrowser(url.AbsoluteUri) with { UserAgent = agents.BrowserUserAgent }, cancellationToken).ConfigureAwait(false);
            var spiders = new (SpiderAgent Agent, HtmlPage? Page)[agents.Spiders.Count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, spiders.Length),
                new ParallelOptions { MaxDegreeOfParallelism = run.Options.ProbeConcurrency, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    var agent = agents.Spiders[i];
                    spiders[i] = (agent, await FetchPageAsync(run, url, FetchRequest.AsSpider(url.AbsoluteUri, agent.UserAgent), ct).ConfigureAwait(false));
                }).ConfigureAwait(false);
            run.Observer.Progress("spiders", ++done, run.KeyPages.Count);
            if (browser is null)
            {
                continue;
            }

            var seen = spiders.Where(s => s.Page is not null).Select(s => (s.Agent, s.Page!)).ToList();
            foreach (var f in run.Pager.Cloaking(browser, seen, run.Options.Target))
            {
                run.Report(f);
            }
        }
    }

    /// <summary>One page fetched under another identity and parsed; null (and a gap) when it did not arrive whole as HTML.</summary>
    private async Task<HtmlPage?> FetchPageAsync(Run run, Uri url, FetchRequest request, CancellationToken cancellationToken)
    {
        var result = await fetcher.FetchAsync(request, cancellationToken).ConfigureAwait(false);
        run.Count(new ProbeAnswer(Detection.Http.ProbeRequest.Get(url.PathAndQuery), url, result, ResponseViews.From(result)));
        if (SiteCrawl.GapOf(url.AbsoluteUri, result, probe: true, run.Options.Language) is { } gap)
        {
            if (result.StatusCode is not null)
            {
                run.Gap(gap);
            }

            return null;
        }

        return ResponseViews.From(result) is { } view ? await run.Parser.ParseAsync(view, cancellationToken).ConfigureAwait(false) : null;
    }

    private async Task ProbeSiteAsync(Run run, Uri site, CancellationToken cancellationToken)
    {
        var lang = run.Options.Language;
        var target = run.Options.Target;

        // Canaries first: how the site answers paths that cannot exist decides what an exposure answer means.
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var canaries = await SendAllAsync(run, Soft404Profile.CanaryRequests(token), site, cancellationToken).ConfigureAwait(false);
        var profiles = canaries.Where(a => a.Response is not null).Select(a => Soft404Profile.From(a.Response!)).ToList();

        var checks = rules.Exposures.Requests(site);
        var answers = await SendAllAsync(run, checks.Select(c => c.Request).ToList(), site, cancellationToken).ConfigureAwait(false);
        var detector = new ExposureDetector(lang);
        for (var i = 0; i < checks.Count; i++)
        {
            var a = answers[i];
            if (a.Response is not { } response)
            {
                continue;
            }

            if (detector.Evaluate(checks[i], response, profiles, target) is { } f)
            {
                run.Report(f);
            }
            else if (!a.Result.IsComplete && !Soft404Profile.AnyResembles(profiles, response))
            {
                // Judged on a cut or broken answer and found nothing: that is not an all-clear.
                run.Gap(SiteCrawl.GapOf(a.Url.AbsoluteUri, a.Result, probe: true, lang)!);
            }

            if (run.Pager.Listing(response, target) is { } listing)
            {
                run.Report(listing);
            }
        }

        await RunTemplatesAsync(run, site, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunTemplatesAsync(Run run, Uri site, CancellationToken cancellationToken)
    {
        var templates = rules.Templates.Templates;
        var results = new Finding?[templates.Count];
        var done = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, templates.Count),
            new ParallelOptions { MaxDegreeOfParallelism = run.Options.ProbeConcurrency, CancellationToken = cancellationToken },
            async (t, ct) =>
            {
                var template = templates[t];
                var requests = template.Requests(site);
                for (var i = 0; i < requests.Count; i++)
                {
                    var a = await probes.SendAsync(requests[i], site, ct).ConfigureAwait(false);
                    run.Count(a);
                    if (a.Response is null)
                    {
                        continue;
                    }

                    // Nuclei's stop-at-first-match, always: a template is one problem, reported once per site.
                    if (Detection.Templates.TemplateSet.Evaluate(template, i, a.Response, run.Options.Language, run.Options.Target) is { } f)
                    {
                        results[t] = f;
                        break;
                    }

                    if (SiteCrawl.GapOf(a.Url.AbsoluteUri, a.Result, probe: true, run.Options.Language) is { } gap)
                    {
                        run.Gap(gap);
                    }
                }

                run.Observer.Progress("templates", Interlocked.Increment(ref done), templates.Count);
            }).ConfigureAwait(false);
        foreach (var f in results)
        {
            if (f is not null)
            {
                run.Report(f);
            }
        }
    }

    /// <summary>Sends requests a few at a time; answers come back in request order, gaps are recorded as they arrive.</summary>
    private async Task<ProbeAnswer[]> SendAllAsync(Run run, IReadOnlyList<ProbeRequest> requests, Uri site, CancellationToken cancellationToken)
    {
        var answers = new ProbeAnswer[requests.Count];
        var done = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, requests.Count),
            new ParallelOptions { MaxDegreeOfParallelism = run.Options.ProbeConcurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                answers[i] = await probes.SendAsync(requests[i], site, ct).ConfigureAwait(false);
                run.Count(answers[i]);
                run.Observer.Progress("probes", Interlocked.Increment(ref done), requests.Count);
            }).ConfigureAwait(false);
        return answers;
    }

    /// <summary>The state of one scan. Reports go through one lock: the observer is called from one thread at a time.</summary>
    private sealed class Run(SiteScanOptions options, ISiteScanObserver observer, PageScanner pager, PageParser parser)
    {
        private readonly HashSet<string> reported = new(StringComparer.Ordinal);
        private readonly List<ScanGap> gaps = [];
        private readonly Lock gate = new();
        private int probes;

        public SiteScanOptions Options { get; } = options;

        public ISiteScanObserver Observer { get; } = new LockedObserver(observer);

        public PageScanner Pager { get; } = pager;

        public PageParser Parser { get; } = parser;

        /// <summary>The pages compared as spiders see them, in crawl order.</summary>
        public List<Uri> KeyPages { get; } = [];

        public int Pages { get; set; }

        public int HtmlPages { get; set; }

        public int Probes => Volatile.Read(ref probes);

        public int Reported { get; private set; }

        public int WithoutBaseline { get; set; }

        public HashSet<BaselineEntry> SeenBaselineEntries { get; } = new(ReferenceEqualityComparer.Instance);

        public IReadOnlyList<ScanGap> Gaps
        {
            get
            {
                lock (gate)
                {
                    return gaps.ToList();
                }
            }
        }

        /// <summary>Reports a finding unless the same problem was reported already: same category, rule and page (or, site-wide, same message).</summary>
        public void Report(Finding f, bool siteWide = false)
        {
            var key = siteWide ? $"{f.Category}\n{f.Rule}\n*\n{f.Message}" : $"{f.Category}\n{f.Rule}\n{f.Url}";
            lock (gate)
            {
                if (!reported.Add(key))
                {
                    return;
                }

                Reported++;
            }

            Observer.Finding(f);
        }

        public void Gap(ScanGap gap)
        {
            lock (gate)
            {
                gaps.Add(gap);
            }

            Observer.Incomplete(gap);
        }

        /// <summary>Counts a probe and records it as a gap when no response came at all.</summary>
        public void Count(ProbeAnswer a)
        {
            Interlocked.Increment(ref probes);
            if (a.Response is null)
            {
                Gap(SiteCrawl.GapOf(a.Url.AbsoluteUri, a.Result, probe: true, Options.Language)!);
            }
        }
    }

    private sealed class LockedObserver(ISiteScanObserver inner) : ISiteScanObserver
    {
        private readonly Lock gate = new();

        public void Finding(Finding finding)
        {
            lock (gate)
            {
                inner.Finding(finding);
            }
        }

        public void Incomplete(ScanGap gap)
        {
            lock (gate)
            {
                inner.Incomplete(gap);
            }
        }

        public void Progress(string phase, int done, int total)
        {
            lock (gate)
            {
                inner.Progress(phase, done, total);
            }
        }
    }
}
