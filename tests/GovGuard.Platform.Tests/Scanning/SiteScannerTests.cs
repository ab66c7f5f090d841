using GovGuard.Detection.Findings;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Scanning;

namespace GovGuard.Platform.Tests.Scanning;

public sealed class SiteScannerTests
{
    private static readonly Lazy<SiteScanRules> Rules = new(() => SiteScanRules.Load(null, e => throw e));

    /// <summary>The header problems of a page that sends none of the security headers (plain HTTP: no HSTS).</summary>
    private static readonly string[] MissingHeaders =
        ["header-csp-missing", "header-frame-missing", "header-permissions-missing", "header-referrer-missing", "header-xcto-missing"];

    [Fact]
    public async Task Small_site_yields_exactly_the_expected_findings_each_once()
    {
        await using var server = await TestSite.StartAsync(new TestSiteState());
        var (summary, observer) = await ScanAsync(server.BaseUrl.AbsoluteUri);

        var home = server.Url("/");
        var expected = MissingHeaders.Select(r => (Categories.VulnMissingHeader, home, r))
            .Concat(new[] { "spider-content", "spider-external-links", "spider-harmful-terms", "spider-title" }.Select(r => (Categories.ContentCloaking, home, r)))
            .Append((Categories.ContentHarmfulKeyword, server.Url("/ads/bet.html"), "lexicon:gambling"))
            .Append((Categories.ContentHarmfulKeyword, server.Url("/news/2.html"), "lexicon:gambling"))
            .Append((Categories.ContentDarkLink, server.Url("/news/2.html"), "css-offscreen"))
            .Append((Categories.ContentMaliciousScript, server.Url("/notice.html"), "hidden-iframe"))
            .Append((Categories.ContentMaliciousScript, server.Url("/notice.html"), "referrer-redirect"))
            .Append((Categories.VulnDirListing, server.Url("/files/"), "listing-nginx"))
            .Append((Categories.VulnExposedFile, server.Url("/.git/HEAD"), "git-head"))
            .Append((Categories.VulnTemplate, server.Url("/actuator"), "spring-boot-actuator-exposed"))
            .Order().ToList();
        Assert.Equal(expected, observer.Findings.Select(f => (f.Category, f.Url!, f.Rule)).Order().ToList());
        Assert.All(observer.Findings, f => Assert.Equal(server.BaseUrl.AbsoluteUri, f.Target));
        Assert.All(observer.Findings, f => Assert.Null(f.Path));
        Assert.All(observer.Findings, f => Assert.Null(f.Line));
        Assert.True(summary.Complete, string.Join("; ", summary.Gaps));
        Assert.Equal(6, summary.Pages);
        Assert.DoesNotContain(observer.Findings, f => f.Url == server.Url("/news/1.html"));
        Assert.Equal(observer.Findings.Count, summary.Findings);
        Assert.False(summary.PageLimitReached);
    }

    [Fact]
    public async Task An_unchanged_site_matches_its_baseline_and_a_defaced_page_does_not()
    {
        var state = new TestSiteState();
        await using var server = await TestSite.StartAsync(state);
        var url = server.BaseUrl.AbsoluteUri;
        var baseline = await BaselineAsync(url);
        Assert.All(baseline.Pages.Where(p => p.MediaType == "text/html"), p => Assert.NotNull(p.Page));

        var (unchanged, quiet) = await ScanAsync(url, baseline: baseline);
        Assert.DoesNotContain(quiet.Findings, f => f.Category == Categories.TamperDefacement);
        Assert.Equal(0, unchanged.PagesWithoutBaseline);
        Assert.Equal(0, unchanged.BaselinePagesNotSeen);

        state.Defaced = true;
        var (_, loud) = await ScanAsync(url, baseline: baseline);
        var tamper = loud.Findings.Where(f => f.Category == Categories.TamperDefacement).ToList();
        Assert.NotEmpty(tamper);
        Assert.All(tamper, f => Assert.Equal(server.Url("/news/1.html"), f.Url));
        Assert.All(tamper, f => Assert.Equal(url, f.Target));
    }

    [Fact]
    public async Task A_site_that_answers_200_to_everything_raises_no_exposure()
    {
        await using var server = await TestSite.StartAsync(new TestSiteState { CatchAll = true });
        var (summary, observer) = await ScanAsync(server.BaseUrl.AbsoluteUri);

        Assert.True(summary.Probes > 100);
        Assert.DoesNotContain(observer.Findings, f => f.Category == Categories.VulnExposedFile && f.Url != server.Url("/.git/HEAD"));
        Assert.DoesNotContain(observer.Findings, f => f.Category == Categories.VulnTemplate && f.Url != server.Url("/actuator"));
        Assert.True(summary.Complete);
    }

    [Fact]
    public async Task A_page_over_the_size_cap_is_a_gap_and_the_scan_goes_on()
    {
        await using var server = await TestSite.StartAsync(new TestSiteState { WithHugePage = true });
        var (summary, observer) = await ScanAsync(server.BaseUrl.AbsoluteUri);

        var gap = Assert.Single(observer.Gaps);
        Assert.Equal(server.Url("/huge.html"), gap.Url);
        Assert.Equal("limit.body", gap.Rule);
        Assert.False(gap.IsProbe);
        Assert.False(summary.Complete);
        Assert.Contains(observer.Findings, f => f.Rule == "lexicon:gambling");
        Assert.Contains(observer.Findings, f => f.Rule == "git-head");
    }

    [Fact]
    public async Task The_page_limit_stops_the_crawl_and_says_so()
    {
        await using var server = await TestSite.StartAsync(new TestSiteState());
        var (summary, _) = await ScanAsync(server.BaseUrl.AbsoluteUri, maxPages: 2);

        Assert.Equal(2, summary.Pages);
        Assert.True(summary.PageLimitReached);
    }

    [Fact]
    public async Task An_unreachable_start_url_is_not_scanned()
    {
        var port = TestSite.ClosedPort();
        var (summary, observer) = await ScanAsync($"http://127.0.0.1:{port}/");

        Assert.False(summary.Reachable);
        Assert.Contains($"127.0.0.1:{port}", summary.StartProblem, StringComparison.Ordinal);
        Assert.Empty(observer.Findings);
        Assert.Equal(0, summary.Probes);
    }

    internal static async Task<(SiteScanSummary Summary, RecordingObserver Observer)> ScanAsync(string url, int maxPages = 200, SiteBaseline? baseline = null)
    {
        using var fetcher = new GuardedFetcher(FetchOptions.ForOperator());
        var scanner = new SiteScanner(fetcher, new Crawler(fetcher), Rules.Value);
        var observer = new RecordingObserver();
        var summary = await scanner.ScanAsync(url, new SiteScanOptions { Target = url, MaxPages = maxPages, Language = MessageLanguage.English, Baseline = baseline }, observer);
        return (summary, observer);
    }

    internal static async Task<SiteBaseline> BaselineAsync(string url)
    {
        using var fetcher = new GuardedFetcher(FetchOptions.ForOperator());
        var run = await new SiteBaseliner(fetcher, new Crawler(fetcher), TimeProvider.System)
            .CreateAsync(url, url, 200, MessageLanguage.English, _ => { }, (_, _) => { });
        return run.Baseline!;
    }

    internal sealed class RecordingObserver : ISiteScanObserver
    {
        public List<Finding> Findings { get; } = [];

        public List<ScanGap> Gaps { get; } = [];

        public void Finding(Finding finding) => Findings.Add(finding);

        public void Incomplete(ScanGap gap) => Gaps.Add(gap);

        public void Progress(string phase, int done, int total)
        {
        }
    }
}
