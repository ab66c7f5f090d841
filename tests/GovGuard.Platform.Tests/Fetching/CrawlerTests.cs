using System.Text;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Tests.TestServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GovGuard.Platform.Tests.Fetching;

public sealed class CrawlerTests
{
    private const int NewsPages = 26;

    /// <summary>
    /// A site of 30 HTML pages with cycles, relative and absolute links, fragments, a frame and an image map,
    /// plus links that must not be followed: off-site, other origins, binary files, mailto/javascript/tel,
    /// a commented-out link, a script-written link and a logout link.
    /// </summary>
    private static async Task<(LocalWebServer Server, CrawlProbe Probe)> StartSiteAsync(TimeSpan? delay = null)
    {
        var probe = new CrawlProbe();
        var server = await LocalWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => Results.Redirect("/index.html"));
            app.MapGet("/index.html", (HttpContext c) => probe.Serve(c, delay, $"""
                <a href="p/1.html">一</a> <A HREF='p/2.html'>二</A> <a href=p/3.html>三</a>
                <a href="/p/4.html#top">四</a> <a href="http://127.0.0.1:{c.Connection.LocalPort}/p/5.html">五</a>
                <a href="/about.html?lang=zh&amp;x=1">关于</a>
                <a href="http://example.invalid/">外站</a> <a href="http://127.0.0.2:{c.Connection.LocalPort}/other.html">别的主机</a>
                <a href="https://127.0.0.1:{c.Connection.LocalPort}/p/1.html">另一协议</a>
                <a href="mailto:webmaster@example.gov.cn">信箱</a> <a href="javascript:void(0)">空</a> <a href="tel:12345">电话</a>
                <a href="#top">顶部</a> <a href="/files/report.pdf">报告</a> <img src="/img/logo.png"> <a href="/img/big.JPG">图</a>
                <a href="/download/setup.exe">下载</a> <link rel="stylesheet" href="/static/site.css"> <a href="/logout">退出</a>
                <!-- <a href="/p/hidden.html">hidden</a> -->
                <script>document.write('<a href="/p/script.html">x</a>');</script>
                """));
            app.MapGet("/p/{n:int}.html", (HttpContext c, int n) =>
            {
                var links = new StringBuilder("<a href=\"/index.html\">首页</a>");
                links.Append(System.Globalization.CultureInfo.InvariantCulture, $"<a href=\"../p/{n}.html#section\">本页</a>");
                if (n + 1 <= NewsPages)
                {
                    links.Append(System.Globalization.CultureInfo.InvariantCulture, $"<a href=\"{n + 1}.html\">下一页</a>");
                }

                if (2 * n <= NewsPages)
                {
                    links.Append(System.Globalization.CultureInfo.InvariantCulture, $"<a href=\"/p/{2 * n}.html\">跳转</a>");
                }

                if (n > 1)
                {
                    links.Append(System.Globalization.CultureInfo.InvariantCulture, $"<a href=\"./{n - 1}.html\">上一页</a>");
                }

                links.Append(n switch
                {
                    3 => "<iframe src=\"/frame.html\" width=0></iframe>",
                    4 => "<map><area href=\"/map.html\" shape=rect></map>",
                    _ => "",
                });
                return probe.Serve(c, delay, links.ToString());
            });
            app.MapGet("/about.html", (HttpContext c) => probe.Serve(c, delay, "<a href=\"/\">首页</a>"));
            app.MapGet("/frame.html", (HttpContext c) => probe.Serve(c, delay, "<base href=\"/p/\"><a href=\"7.html\">七</a>"));
            app.MapGet("/map.html", (HttpContext c) => probe.Serve(c, delay, "<a href=\"/index.html\">首页</a>"));
        });
        return (server, probe);
    }

    private static IEnumerable<string> HtmlPages(LocalWebServer server) =>
        new[] { "/index.html", "/about.html", "/frame.html", "/map.html" }
            .Concat(Enumerable.Range(1, NewsPages).Select(n => $"/p/{n}.html"))
            .Select(p => p == "/about.html" ? server.Url("/about.html?lang=zh&x=1") : server.Url(p));

    [Fact]
    public async Task The_crawl_fetches_exactly_the_same_origin_html_pages_once_each()
    {
        var (server, _) = await StartSiteAsync();
        await using var _s = server;
        using var fetcher = TestFetchers.Loopback();
        var crawler = new Crawler(fetcher, new CrawlOptions { Exclude = { "/logout$" } });
        var run = crawler.Crawl(server.Url("/"));

        var pages = new List<CrawledPage>();
        await foreach (var page in run)
        {
            pages.Add(page);
        }

        Assert.Equal(HtmlPages(server).Order(), pages.Select(p => p.Result.FinalUrl!.AbsoluteUri).Order());
        Assert.All(pages, p => Assert.Equal(FetchOutcome.Ok, p.Result.Outcome));
        Assert.All(pages, p => Assert.True(p.IsHtml));
        Assert.Equal(server.Requests.Count, server.Requests.Distinct().Count());
        Assert.DoesNotContain(server.Requests, r => r.Contains("files", StringComparison.Ordinal) || r.Contains("img", StringComparison.Ordinal)
            || r.Contains("download", StringComparison.Ordinal) || r.Contains("static", StringComparison.Ordinal)
            || r.Contains("logout", StringComparison.Ordinal) || r.Contains("hidden", StringComparison.Ordinal) || r.Contains("script", StringComparison.Ordinal));
        Assert.False(run.LimitReached);
        Assert.Equal(30, run.PagesFetched);
        Assert.Equal(31, server.Requests.Count);
        Assert.Equal(server.Url("/index.html"), run.Start!.AbsoluteUri);
        Assert.Equal(0, pages[0].Depth);
        Assert.Equal(server.Url("/"), pages[0].Url.AbsoluteUri);
        Assert.Equal(server.Url("/index.html"), pages.Single(p => p.Url.AbsolutePath == "/p/1.html").LinkedFrom!.AbsoluteUri);
    }

    [Fact]
    public async Task The_page_limit_stops_the_crawl_and_says_it_was_reached()
    {
        var (server, _) = await StartSiteAsync();
        await using var _s = server;
        using var fetcher = TestFetchers.Loopback();
        var run = new Crawler(fetcher).Crawl(server.Url("/"), new CrawlOptions { MaxPages = 10 });

        var pages = await Collect(run);

        Assert.Equal(10, pages.Count);
        Assert.Equal(10, run.PagesFetched);
        Assert.Equal(11, server.Requests.Count); // the start URL redirects: two requests, one page
        Assert.True(run.LimitReached);
        Assert.All(pages, p => Assert.StartsWith(server.BaseUrl.AbsoluteUri, p.Result.FinalUrl!.AbsoluteUri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_depth_limit_keeps_the_crawl_to_the_start_page_and_its_links()
    {
        var (server, _) = await StartSiteAsync();
        await using var _s = server;
        using var fetcher = TestFetchers.Loopback();
        var run = new Crawler(fetcher).Crawl(server.Url("/"), new CrawlOptions { MaxDepth = 1, Exclude = { "/logout$" } });

        var pages = await Collect(run);

        Assert.Equal(
            new[] { "/index.html", "/p/1.html", "/p/2.html", "/p/3.html", "/p/4.html", "/p/5.html", "/about.html" }.Order(),
            pages.Select(p => p.Result.FinalUrl!.AbsolutePath).Order());
        Assert.All(pages, p => Assert.InRange(p.Depth, 0, 1));
    }

    [Fact]
    public async Task No_more_than_the_per_host_limit_is_fetched_at_once()
    {
        var (server, probe) = await StartSiteAsync(TimeSpan.FromMilliseconds(40));
        await using var _s = server;
        using var fetcher = TestFetchers.Loopback();
        var crawler = new Crawler(fetcher, new CrawlOptions { PerHostConcurrency = 2, GlobalConcurrency = 8, Exclude = { "/logout$" } });

        var pages = await Collect(crawler.Crawl(server.Url("/")));

        Assert.Equal(30, pages.Count);
        Assert.InRange(probe.MaxInFlight, 1, 2);
    }

    [Fact]
    public async Task Stopping_early_cancels_the_crawl_cleanly()
    {
        var (server, _) = await StartSiteAsync(TimeSpan.FromMilliseconds(20));
        await using var _s = server;
        using var fetcher = TestFetchers.Loopback();
        var run = new Crawler(fetcher).Crawl(server.Url("/"));

        var seen = 0;
        await foreach (var _ in run)
        {
            if (++seen == 3)
            {
                break;
            }
        }

        Assert.Equal(3, seen);
        Assert.InRange(server.Requests.Count, 3, 8);
        Assert.Throws<InvalidOperationException>(() => run.GetAsyncEnumerator());
    }

    [Fact]
    public async Task A_crawl_as_a_spider_sends_the_spiders_user_agent()
    {
        var (server, _) = await StartSiteAsync();
        await using var _s = server;
        using var fetcher = TestFetchers.Loopback();
        var run = new Crawler(fetcher).Crawl(server.Url("/"), new CrawlOptions { MaxPages = 3, Purpose = FetchPurpose.Spider, UserAgent = "Sogou web spider/4.0" });

        await Collect(run);

        Assert.All(server.UserAgents, ua => Assert.Equal("Sogou web spider/4.0", ua));
    }

    [Fact]
    public async Task A_refused_start_url_is_one_page_with_the_refusal()
    {
        using var fetcher = TestFetchers.Strict([]);

        var pages = await Collect(new Crawler(fetcher).Crawl("http://192.168.0.1/"));

        Assert.Equal(FetchOutcome.Refused, Assert.Single(pages).Result.Outcome);
    }

    private static async Task<List<CrawledPage>> Collect(CrawlRun run)
    {
        var pages = new List<CrawledPage>();
        await foreach (var page in run)
        {
            pages.Add(page);
        }

        return pages;
    }

    /// <summary>Serves the site's pages and counts how many are being served at once.</summary>
    private sealed class CrawlProbe
    {
        private int inFlight;
        private int maxInFlight;

        public int MaxInFlight => Volatile.Read(ref maxInFlight);

        public async Task Serve(HttpContext context, TimeSpan? delay, string body)
        {
            var now = Interlocked.Increment(ref inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref maxInFlight)) && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
            {
            }

            try
            {
                if (delay is { } d)
                {
                    await Task.Delay(d, context.RequestAborted);
                }

                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync($"<!doctype html><html><head><meta charset=\"utf-8\"><title>页面</title></head><body>{body}</body></html>");
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }
    }
}
