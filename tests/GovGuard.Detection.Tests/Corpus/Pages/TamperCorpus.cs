using System.Globalization;
using System.Text;
using GovGuard.Detection.Tamper;
using static GovGuard.Detection.Tests.Corpus.Pages.GovPages;

namespace GovGuard.Detection.Tests.Corpus.Pages;

/// <summary>A baseline fetch and a later fetch of one page: a legitimate update or a defacement.</summary>
internal sealed record TamperSample(string Name, string Baseline, string Current, bool Defaced, TamperOptions Options);

/// <summary>
/// Generates the labelled tamper corpus with a seeded Random: a government home page rendered from a state (news
/// list, clock, weather, counter, rotating banner, sidebar sections, tokens, cache busters), then legitimate updates
/// of that state and defacements of the rendered page.
/// </summary>
internal static class TamperCorpus
{
    private sealed record Section(string Heading, List<(string Text, int Id)> Items);

    private sealed record SiteState(
        string Title,
        List<(string Headline, string Date, int Id)> News,
        string Today,
        string Weekday,
        string Weather,
        int Visits,
        int Banner,
        List<Section> Sidebar,
        string Token,
        int CacheBuster,
        string Nonce,
        List<string> ExtraScripts)
    {
        public SiteState Copy() => this with
        {
            News = [.. News],
            Sidebar = Sidebar.Select(s => s with { Items = [.. s.Items] }).ToList(),
            ExtraScripts = [.. ExtraScripts],
        };
    }

    private static readonly string[] Weekdays = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"];
    private static readonly string[] Weathers = ["晴 12℃~25℃ 东南风2级", "多云 8℃~18℃ 北风3级", "小雨 10℃~15℃ 东风1级", "阴 5℃~11℃ 西北风4级"];
    private static readonly string[] BannerCaptions = ["学习贯彻党的二十届三中全会精神", "优化营商环境 我们在行动", "创建全国文明城区", "安全生产月", "全民健身 健康生活"];
    private static readonly string[] SectionHeadings = ["通知公告", "政策解读", "专题专栏", "人事信息", "政府采购"];

    private static SiteState NewSite(Random rnd) => new(
        Title(rnd),
        NewsItems(rnd, rnd.Next(8, 13)),
        Date(rnd),
        Weekdays[rnd.Next(7)],
        Weathers[rnd.Next(Weathers.Length)],
        rnd.Next(100_000, 9_999_999),
        rnd.Next(1, 6),
        SectionHeadings.OrderBy(_ => rnd.Next()).Take(rnd.Next(3, 5))
            .Select(h => new Section(h, Enumerable.Range(0, rnd.Next(4, 8)).Select(i => (Headlines[rnd.Next(Headlines.Length)] + h, rnd.Next(1000, 99999))).ToList())).ToList(),
        Token(rnd),
        rnd.Next(1_000_000, 9_999_999),
        Token(rnd),
        []);

    private static string Token(Random rnd) => string.Concat(Enumerable.Range(0, 24).Select(_ => "0123456789abcdef"[rnd.Next(16)]));

    private static string Render(SiteState s)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"<script src=\"/js/main.js?v={s.CacheBuster}\"></script><script src=\"https://hm.baidu.com/hm.js?{s.Nonce}\"></script>");
        head.Append(CultureInfo.InvariantCulture, $"<script nonce=\"{s.Nonce}\">window.__csrf = '{s.Token}';</script>");
        foreach (var src in s.ExtraScripts)
        {
            head.Append(CultureInfo.InvariantCulture, $"<script src=\"{src}\"></script>");
        }

        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<div class=\"top\"><span class=\"clock\">今天是{s.Today} {s.Weekday}</span><span class=\"weather\">{s.Weather}</span></div>");
        body.Append(CultureInfo.InvariantCulture, $"<div class=\"banner\"><img src=\"/banner/{s.Banner}.jpg\" alt=\"\"><p>{BannerCaptions[s.Banner % BannerCaptions.Length]}</p></div>");
        body.Append(NewsList(s.News));
        body.Append("<div class=\"sidebar\">");
        foreach (var sec in s.Sidebar)
        {
            body.Append(CultureInfo.InvariantCulture, $"<div class=\"box\"><h3>{sec.Heading}</h3><ul>");
            foreach (var (text, id) in sec.Items)
            {
                body.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/col/{id}.html\">{text}</a></li>");
            }

            body.Append("</ul></div>");
        }

        body.Append("</div>");
        body.Append(CultureInfo.InvariantCulture, $"<form action=\"/search\"><input type=\"hidden\" name=\"csrf\" value=\"{s.Token}\"><input name=\"q\"><button>搜索</button></form>");
        body.Append(CultureInfo.InvariantCulture, $"<span style=\"display:none\" class=\"sid\">sid={s.Token}</span>");
        body.Append(CultureInfo.InvariantCulture, $"<div class=\"counter\">您是第{s.Visits}位访客</div>");
        body.Append("<div class=\"footer\"><p>主办：区人民政府办公室 承办：区大数据中心 地址：人民路88号 电话：010-12345678</p><p>京ICP备12345678号 网站标识码1100000000</p></div>");
        return Page(s.Title, head.ToString(), body.ToString());
    }

    /// <summary>Legitimate updates of a site's state.</summary>
    private static readonly (string Name, Action<Random, SiteState> Change)[] Updates =
    [
        ("new-news-item", (r, s) => { s.News.Insert(0, (Headlines[r.Next(Headlines.Length)] + "（新）", Date(r), r.Next(100000, 999999))); s.News.RemoveAt(s.News.Count - 1); }),
        ("three-news-items", (r, s) => { for (int i = 0; i < 3; i++) { s.News.Insert(0, ("关于" + Headlines[r.Next(Headlines.Length)] + "的补充通知", Date(r), r.Next(100000, 999999))); s.News.RemoveAt(s.News.Count - 1); } }),
        ("news-appended", (r, s) => s.News.Add((Headlines[r.Next(Headlines.Length)], Date(r), r.Next(100000, 999999)))),
        ("headline-typo-fixed", (r, s) => s.News[r.Next(s.News.Count)] = s.News[0] with { Headline = s.News[0].Headline + "。" }),
        ("sidebar-item", (r, s) => s.Sidebar[r.Next(s.Sidebar.Count)].Items.Insert(0, ("关于公布第二批名单的公示", r.Next(100000, 999999)))),
        ("sections-reordered", (r, s) => s.Sidebar.Reverse()),
        ("news-reordered", (r, s) => s.News.Reverse()),
        ("banner-rotated", (r, s) => { }),
        ("weather-changed", (r, s) => { }),
        ("tokens-and-cache-busters", (r, s) => { }),
        ("new-same-site-script", (r, s) => s.ExtraScripts.Add("/js/zt2026.js?v=3")),
        ("new-trusted-script", (r, s) => s.ExtraScripts.Add("https://zfwzgl.www.gov.cn/exposure/jiucuo.js")),
        ("title-suffix", (r, s) => { }),
        ("everything-at-once", (r, s) =>
        {
            s.News.Insert(0, (Headlines[r.Next(Headlines.Length)], Date(r), r.Next(100000, 999999)));
            s.News.RemoveAt(s.News.Count - 1);
            s.Sidebar.Reverse();
        }),
    ];

    /// <summary>Defacements of a rendered page.</summary>
    private static readonly (string Name, Func<Random, string, string> Deface)[] Defacements =
    [
        ("title-hacked", (r, html) => ReplaceTitle(html, "Hacked by " + Hacker(r))),
        ("title-gambling", (r, html) => ReplaceTitle(html, "澳门新葡京娱乐场-百家乐真人荷官在线")),
        ("title-blank", (r, html) => ReplaceTitle(html, "")),
        ("body-hacked", (r, html) => ReplaceBody(html, $"<div style=\"background:#000;color:#0f0\"><h1>Hacked by {Hacker(r)}</h1><p>Your security is zero. Greetz to all crew.</p><img src=\"http://{Hacker(r).ToLowerInvariant()}.top/logo.gif\"></div>")),
        ("body-gambling", (r, html) => ReplaceBody(html, "<h1>澳门新葡京</h1><p>百家乐真人荷官在线发牌，首存送100%，注册送彩金。</p><p>网上赌场 龙虎斗 炸金花 日返水1.5%。</p><p>皇冠体育 足球投注 外围赌球 赔率最高。</p><ul><li><a href=\"http://xpj888.vip/\">立即注册</a></li></ul>")),
        ("body-blank-notice", (r, html) => ReplaceBody(html, "<p>此网站已被黑客入侵 —— " + Hacker(r) + " 到此一游</p>")),
        ("external-script", (r, html) => html.Replace("</head>", $"<script src=\"http://{Hacker(r).ToLowerInvariant()}{r.Next(10, 99)}.xyz/tj.js\"></script></head>", StringComparison.Ordinal)),
        ("external-script-body", (r, html) => html.Replace("<div class=\"footer\">", $"<script type=\"text/javascript\" src=\"//cdn.{Hacker(r).ToLowerInvariant()}.cc/jquery.min.js\"></script><div class=\"footer\">", StringComparison.Ordinal)),
        ("iframe", (r, html) => html.Replace("<div class=\"sidebar\">", $"<iframe src=\"http://www.{r.Next(1000, 9999)}bet.com/\" width=\"0\" height=\"0\"></iframe><div class=\"sidebar\">", StringComparison.Ordinal)),
        ("iframe-visible", (r, html) => html.Replace("</body>", $"<iframe src=\"https://{Hacker(r).ToLowerInvariant()}.site/ad.html\" width=\"728\" height=\"90\"></iframe></body>", StringComparison.Ordinal)),
        ("large-removal", (r, html) => RemoveBetween(html, "<div class=\"news\"", "<div class=\"footer\">")),
        ("emptied", (r, html) => ReplaceBody(html, "")),
        ("injected-gambling", (r, html) => html.Replace("<div class=\"sidebar\">", "<div class=\"ad\"><p>澳门新葡京 百家乐真人荷官 注册送彩金 网上赌场</p></div><div class=\"sidebar\">", StringComparison.Ordinal)),
        ("injected-porn", (r, html) => html.Replace("<div class=\"footer\">", "<p>同城约炮 楼凤 外围女 包夜全套服务 裸聊</p><div class=\"footer\">", StringComparison.Ordinal)),
        ("injected-signature", (r, html) => html.Replace("<div class=\"banner\">", $"<div><h2>Hacked By {Hacker(r)} - Security Breach</h2></div><div class=\"banner\">", StringComparison.Ordinal)),
        ("injected-banner-image", (r, html) => html.Replace("<div class=\"banner\">", $"<div style=\"position:fixed;bottom:0\"><a href=\"http://{r.Next(100, 999)}xpj.vip/\"><img src=\"http://img.{Hacker(r).ToLowerInvariant()}{r.Next(10, 99)}.top/ad.gif\"></a></div><div class=\"banner\">", StringComparison.Ordinal)),
        ("hidden-spam-block", (r, html) => html.Replace("<div class=\"footer\">", "<div style=\"display:none\"><a href=\"http://a.vip/\">六合彩一码中特</a><a href=\"http://b.vip/\">重庆时时彩</a><a href=\"http://c.vip/\">代开各地发票</a></div><div class=\"footer\">", StringComparison.Ordinal)),
    ];

    private static string Hacker(Random r) => new[] { "Sh3llTeam", "DarkCrew", "xRoot", "AnonGhost", "N0Name", "GhostSec" }[r.Next(6)];

    private static string ReplaceTitle(string html, string title)
    {
        int a = html.IndexOf("<title>", StringComparison.Ordinal) + 7, b = html.IndexOf("</title>", StringComparison.Ordinal);
        return string.Concat(html.AsSpan(0, a), title, html.AsSpan(b));
    }

    private static string ReplaceBody(string html, string body)
    {
        int a = html.IndexOf("<body>", StringComparison.Ordinal) + 6, b = html.IndexOf("</body>", StringComparison.Ordinal);
        return string.Concat(html.AsSpan(0, a), body, html.AsSpan(b));
    }

    private static string RemoveBetween(string html, string from, string to)
    {
        int a = html.IndexOf(from, StringComparison.Ordinal), b = html.IndexOf(to, StringComparison.Ordinal);
        return string.Concat(html.AsSpan(0, a), html.AsSpan(b));
    }

    /// <summary>Things that change between any two fetches: clock, counter, weather, tokens, banner.</summary>
    private static SiteState Drift(Random rnd, SiteState s, string update)
    {
        var next = s.Copy() with
        {
            Today = Date(rnd),
            Weekday = Weekdays[rnd.Next(7)],
            Visits = s.Visits + rnd.Next(1, 5000),
            Token = Token(rnd),
            Nonce = Token(rnd),
        };
        return update switch
        {
            "banner-rotated" => next with { Banner = s.Banner % 5 + 1 },
            "weather-changed" => next with { Weather = Weathers[(Array.IndexOf(Weathers, s.Weather) + 1) % Weathers.Length] },
            "tokens-and-cache-busters" => next with { CacheBuster = s.CacheBuster + 1 },
            "title-suffix" => next with { Title = s.Title.Replace("门户网站", "门户网", StringComparison.Ordinal) },
            _ => next,
        };
    }

    public static IReadOnlyList<TamperSample> Generate(int seed = 20261202)
    {
        var rnd = new Random(seed);
        var samples = new List<TamperSample>();
        var siteOptions = new[]
        {
            TamperOptions.Default,
            new TamperOptions { IgnoreSelectors = [".weather", ".counter"], MaskPatterns = [@"您是第\S+位访客"] },
        };
        for (int round = 0; round < 6; round++)
        {
            foreach (var (name, change) in Updates)
            {
                var site = NewSite(rnd);
                var next = Drift(rnd, site, name);
                change(rnd, next);
                samples.Add(new TamperSample($"update/{name}/{round}", Render(site), Render(next), false, siteOptions[round % 2]));
            }

            foreach (var (name, deface) in Defacements)
            {
                var site = NewSite(rnd);
                var next = Drift(rnd, site, "");
                samples.Add(new TamperSample($"defaced/{name}/{round}", Render(site), deface(rnd, Render(next)), true, siteOptions[round % 2]));
            }
        }

        return samples;
    }
}
