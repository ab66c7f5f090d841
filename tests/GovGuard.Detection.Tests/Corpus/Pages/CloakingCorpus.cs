using System.Globalization;
using System.Text;
using static GovGuard.Detection.Tests.Corpus.Pages.GovPages;

namespace GovGuard.Detection.Tests.Corpus.Pages;

/// <summary>One page fetched as a browser and as each spider (HTML and the URL after redirects), labelled cloaked or not.</summary>
internal sealed record CloakingSample(string Name, string Browser, IReadOnlyList<(string Spider, string Html, string Url)> Spiders, bool Cloaked);

/// <summary>
/// Generates the labelled cloaking corpus with a seeded Random: a government page served to the browser, and to
/// the spiders either the same page with its dynamic bits changed (clock, counter, tokens, a random news order), or
/// a cloaked version (other title, spam text, link farms, redirects) for one, some or all spiders.
/// </summary>
internal static class CloakingCorpus
{
    private static readonly string[] Spiders = ["Baiduspider", "Sogou", "360Spider", "Bytespider", "YisouSpider", "Googlebot", "bingbot"];

    private static string Render(Random rnd, string title, List<(string, string, int)> news, string article, string extraBody = "", string extraHead = "")
    {
        var body = new StringBuilder(Nav(rnd));
        body.Append(CultureInfo.InvariantCulture, $"<div class=\"clock\">今天是{Date(rnd)} 访问量：{rnd.Next(100000, 999999)}</div>");
        body.Append(NewsList(news)).Append(article).Append(extraBody);
        body.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"t\" value=\"{rnd.Next()}\"><div class=\"footer\"><p>主办：区人民政府办公室 京ICP备12345678号</p></div>");
        return Page(title, $"<style>{NavCss}</style><script src=\"/js/app.js?v={rnd.Next()}\"></script>" + extraHead, body.ToString());
    }

    private static string FarmHost(Random r) => $"www.{(char)('a' + r.Next(26))}{(char)('a' + r.Next(26))}{r.Next(100, 9999)}.{new[] { "com", "vip", "xyz", "cc", "top" }[r.Next(5)]}";

    /// <summary>Cloaked versions of a page: (name, maker from title/news/article to HTML and final URL).</summary>
    private static readonly (string Name, Func<Random, string, List<(string, string, int)>, string, (string Html, string Url)> Make)[] Cloaks =
    [
        ("spam-title", (r, t, n, a) => (Render(r, "澳门新葡京-百家乐-" + t, n, a), "/index.html")),
        ("spam-page", (r, t, n, a) => (Page("百家乐_真人荷官_网上赌场", "", "<h1>澳门新葡京娱乐场</h1><p>百家乐真人荷官在线发牌，首存送100%，注册送彩金。</p><p>皇冠体育 足球投注 外围赌球。</p>" + string.Concat(Enumerable.Range(0, 10).Select(_ => $"<a href=\"http://{FarmHost(r)}/\">{t}</a>"))), "/index.html")),
        ("spam-appended", (r, t, n, a) => (Render(r, t, n, a, "<div><p>六合彩一码中特 六肖必中 重庆时时彩 精准计划</p><p>代开各地发票 验证后付款</p></div>"), "/index.html")),
        ("link-farm", (r, t, n, a) => (Render(r, t, n, a, "<div class=\"links\">" + string.Concat(Enumerable.Range(0, r.Next(4, 12)).Select(_ => $"<a href=\"http://{FarmHost(r)}/\">{Headlines[r.Next(Headlines.Length)]}</a>")) + "</div>"), "/index.html")),
        ("risky-link", (r, t, n, a) => (Render(r, t, n, a, $"<p><a href=\"http://{r.Next(1000, 99999)}.vip/\">更多</a></p>"), "/index.html")),
        ("redirect", (r, t, n, a) => (Page("首页", "", "<p>欢迎</p>"), $"http://www.{r.Next(100, 999)}xpj.{new[] { "com", "vip", "cc" }[r.Next(3)]}/")),
        ("meta-refresh", (r, t, n, a) => (Render(r, t, n, a, "", $"<meta http-equiv=\"refresh\" content=\"0;url=http://{FarmHost(r)}/\">"), "/index.html")),
        ("other-content", (r, t, n, a) => (Render(r, t, NewsItems(r, 3).Select(i => ("最新娱乐平台排行榜" + i.Headline[..4], i.Date, i.Id)).ToList(), "<div class=\"article\"><p>" + string.Concat(Enumerable.Repeat("最新热门手机游戏下载排行榜，海量精品游戏免费下载，每日更新。", 8)) + "</p></div>"), "/index.html")),
    ];

    public static IReadOnlyList<CloakingSample> Generate(int seed = 20261203)
    {
        var rnd = new Random(seed);
        var samples = new List<CloakingSample>();
        for (int round = 0; round < 8; round++)
        {
            foreach (var (name, make) in Cloaks)
            {
                var (title, news, article) = Content(rnd);
                var browser = Render(rnd, title, news, article);
                // One spider, a few, or all of them are served the cloaked version; the rest see the real page.
                var cloaked = (round % 3) switch
                {
                    0 => new HashSet<string> { Spiders[rnd.Next(Spiders.Length)] },
                    1 => Spiders.Take(3).ToHashSet(),
                    _ => Spiders.ToHashSet(),
                };
                var spiders = Spiders.Select(s =>
                {
                    if (cloaked.Contains(s))
                    {
                        var (html, url) = make(rnd, title, news, article);
                        return (s, html, url.StartsWith("http", StringComparison.Ordinal) ? url : Origin + url);
                    }

                    return (s, Render(rnd, title, news, article), Origin + "/index.html");
                }).ToList();
                samples.Add(new CloakingSample($"cloaked/{name}/{round}", browser, spiders, true));
            }
        }

        for (int n = 0; n < 60; n++)
        {
            var (title, news, article) = Content(rnd);
            var browser = Render(rnd, title, news, article);
            var spiders = Spiders.Select(s =>
            {
                // Honest differences: tokens and clocks, a shuffled list, a page a little shorter for spiders without scripts.
                var items = n % 4 == 1 ? news.OrderBy(_ => rnd.Next()).ToList() : news;
                var html = Render(rnd, title, items, article, n % 4 == 2 ? "" : "<div class=\"tip\">提示：请使用Chrome浏览器访问</div>");
                return (s, html, Origin + "/index.html");
            }).ToList();
            samples.Add(new CloakingSample($"honest/{n}", browser, spiders, false));
        }

        return samples;
    }

    private static (string Title, List<(string, string, int)> News, string Article) Content(Random rnd)
    {
        var rnd2 = new Random(rnd.Next());
        return (Title(rnd2), NewsItems(rnd2, rnd2.Next(6, 12)), Article(rnd2, rnd2.Next(1, 4)));
    }
}
