using GovGuard.Detection.Cloaking;
using GovGuard.Detection.Content;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Html;
using GovGuard.Detection.Rules;
using GovGuard.Detection.Tests.Content;
using GovGuard.Detection.Tests.Corpus.Pages;

namespace GovGuard.Detection.Tests.Cloaking;

public class CloakingDetectorTests
{
    private const string Target = "http://127.0.0.1:19001/";
    private static readonly Uri Url = new(Target + "index.html");
    private static readonly CloakingDetector Detector = new(new HarmfulContentDetector(ShippedLexicons.Lexicon), ShippedPageRules.Links);
    private static readonly SpiderAgent Baidu = ShippedPageRules.Spiders.Spiders.Single(s => s.Name == "Baiduspider");

    private static string Page(string title = "区人民政府门户网站", string extra = "", string head = "", int visits = 1) =>
        $"<html><head><title>{title}</title>{head}</head><body><p>为深入贯彻落实党中央、国务院关于优化营商环境的决策部署，区政府召开常务会议。</p>" +
        $"<ul><li><a href=\"/a/1.html\">关于2026年度事业单位公开招聘工作人员的公告</a></li><li><a href=\"/a/2.html\">区卫生健康委开展家庭医生签约服务宣传周活动</a></li></ul>{extra}<p>访问量：{visits}</p></body></html>";

    private static CloakingResult Compare(string spider, string? spiderUrl = null) =>
        Detector.Compare(HtmlPage.Parse(Url, Page()), [(Baidu, HtmlPage.Parse(new Uri(spiderUrl ?? Url.AbsoluteUri), spider))], Target);

    [Fact]
    public void The_same_page_with_other_counters_is_not_cloaking()
    {
        var r = Compare(Page(visits: 98765));
        Assert.Empty(r.Findings);
        Assert.Equal(1.0, r.Comparisons.Single().Kept, 3);
    }

    [Theory]
    [InlineData("spider-title", "澳门新葡京娱乐场", "", "", null)]
    [InlineData("spider-harmful-terms", null, "<p>百家乐真人荷官 网上赌场 注册送彩金</p>", "", null)]
    [InlineData("spider-external-links", null, "<a href=\"http://x1.example/\">a</a><a href=\"http://x2.example/\">b</a><a href=\"http://x3.example/\">c</a>", "", null)]
    [InlineData("spider-redirect", null, "", "<meta http-equiv=\"refresh\" content=\"0;url=http://abc123x.top/\">", null)]
    [InlineData("spider-redirect", null, "", "", "http://www.xpj888.vip/")]
    public void Each_difference_has_its_rule(string rule, string? title, string extra, string head, string? url)
    {
        var r = Compare(Page(title ?? "区人民政府门户网站", extra, head), url);
        var f = Assert.Single(r.Findings, f => f.Rule == rule);
        Assert.Equal(Categories.ContentCloaking, f.Category);
        Assert.Contains("Baiduspider", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entirely_other_content_is_reported()
    {
        var other = "<html><head><title>区人民政府门户网站</title></head><body>" +
            string.Concat(Enumerable.Repeat("<p>最新热门手机游戏下载排行榜，海量精品游戏免费下载，每日更新。</p>", 5)) + "</body></html>";
        Assert.Contains(Compare(other).Findings, f => f.Rule == "spider-content");
    }

    [Fact]
    public void One_finding_per_rule_names_every_spider()
    {
        var spiders = ShippedPageRules.Spiders.Spiders.Select(s => (s, HtmlPage.Parse(Url, Page("百家乐-真人荷官")))).ToList();
        var r = Detector.Compare(HtmlPage.Parse(Url, Page()), spiders, Target);
        var f = Assert.Single(r.Findings, f => f.Rule == "spider-title");
        Assert.Contains("bingbot", f.Message, StringComparison.Ordinal);
        Assert.Contains("Sogou", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shipped_spiders_hold_the_engines_of_the_issue()
    {
        var names = ShippedPageRules.Spiders.Spiders.Select(s => s.Name).ToList();
        Assert.Superset(new HashSet<string>(["Baiduspider", "Sogou", "360Spider", "Bytespider", "Googlebot", "bingbot"]), names.ToHashSet());
        Assert.All(ShippedPageRules.Spiders.Spiders, s => Assert.Contains(s.Name, s.UserAgent, StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("Mozilla/5.0", ShippedPageRules.Spiders.BrowserUserAgent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Baiduspider\tBaidu", 1)]
    [InlineData("# c\nA\tB\tUA\nA\tB\tUA", 3)]
    [InlineData("@browser", 1)]
    [InlineData("@agent\tx", 1)]
    [InlineData("X\tY\tbad\u00e9agent", 1)]
    public void Bad_spider_files_are_refused_with_file_and_line(string text, int line)
    {
        var e = Assert.Throws<RuleFormatException>(() => SpiderAgents.Load([("spiders/bad.txt", text)]));
        Assert.Equal("spiders/bad.txt", e.File);
        Assert.Equal(line, e.Line);
    }
}
