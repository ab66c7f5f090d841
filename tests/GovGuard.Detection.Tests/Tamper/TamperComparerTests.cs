using GovGuard.Detection.Content;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Html;
using GovGuard.Detection.Tamper;
using GovGuard.Detection.Tests.Content;
using GovGuard.Detection.Tests.Corpus.Pages;

namespace GovGuard.Detection.Tests.Tamper;

public class TamperComparerTests
{
    private const string Target = "http://127.0.0.1:19001/";
    private static readonly Uri Url = new(Target + "index.html");
    private static readonly TamperComparer Comparer = new(null, new HarmfulContentDetector(ShippedLexicons.Lexicon), ShippedPageRules.Links);

    private static string Home(string title = "区人民政府门户网站", string news = "", string extraHead = "", string extraBody = "", string date = "2026-12-01", int visits = 12345) =>
        $"<html><head><title>{title}</title><script src=\"/js/main.js?v={visits}\"></script>{extraHead}</head><body>" +
        $"<div class=\"top\">今天是{date} 星期二</div><div class=\"news\"><ul>{news}" +
        "<li><a href=\"/a/1.html\">区政府召开常务会议研究部署优化营商环境工作</a> 2026-11-30</li>" +
        "<li><a href=\"/a/2.html\">关于2026年度事业单位公开招聘工作人员的公告</a> 2026-11-29</li>" +
        "<li><a href=\"/a/3.html\">区卫生健康委开展家庭医生签约服务宣传周活动</a> 2026-11-28</li>" +
        "<li><a href=\"/a/4.html\">区生态环境局通报第一季度空气质量情况</a> 2026-11-27</li></ul></div>" +
        "<div class=\"article\"><p>为深入贯彻落实党中央、国务院关于优化营商环境的决策部署，区政府召开常务会议，研究部署下一阶段重点工作。</p>" +
        "<p>政务服务中心一楼设有综合受理窗口，群众可通过“一网通办”平台在线预约办理社保、医保、公积金等业务。</p></div>" +
        $"{extraBody}<div class=\"counter\">访问量：{visits}</div><div class=\"weather\">晴 12℃</div></body></html>";

    private static TamperResult Compare(string before, string after, TamperOptions? options = null)
    {
        var baseline = PageBaseline.Create(HtmlPage.Parse(Url, before), options);
        var comparer = options is null ? Comparer : new TamperComparer(options, null, ShippedPageRules.Links);
        return comparer.Compare(baseline, HtmlPage.Parse(Url, after), Target);
    }

    [Fact]
    public void The_same_page_with_other_dates_counters_and_cache_busters_is_unchanged()
    {
        var r = Compare(Home(), Home(date: "2026-12-02", visits: 99999));
        Assert.Equal(TamperStatus.Unchanged, r.Status);
        Assert.Empty(r.Findings);
        Assert.Equal(1.0, r.Kept, 3);
    }

    [Fact]
    public void Legitimate_news_item_is_not_defacement()
    {
        var r = Compare(Home(), Home(news: "<li><a href=\"/a/5.html\">区应急管理局组织防汛应急演练</a> 2026-12-01</li>"));
        Assert.Equal(TamperStatus.Changed, r.Status);
        Assert.Empty(r.Findings);
        Assert.Contains("区应急管理局组织防汛应急演练 2026-12-01", r.Diff.Added[0], StringComparison.Ordinal);
        Assert.Contains("+ ", r.Diff.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("title-replaced", "Hacked by DarkCrew", "", "")]
    [InlineData("body-replaced", null, "", "<h1>Hacked by DarkCrew</h1><p>Your security is zero, greetings to all our friends and crew members worldwide.</p>")]
    [InlineData("external-script-added", null, "<script src=\"http://evil123.xyz/a.js\"></script>", "")]
    [InlineData("iframe-added", null, "", "<iframe src=\"http://ads.example.com/\"></iframe>")]
    [InlineData("injected-content", null, "", "<p>澳门新葡京 百家乐真人荷官 注册送彩金</p>")]
    [InlineData("injected-content", null, "", "<img src=\"http://img.example.net/banner.gif\">")]
    public void Defacement_techniques_have_their_rules(string rule, string? title, string head, string body)
    {
        var after = rule == "body-replaced"
            ? $"<html><head><title>区人民政府门户网站</title></head><body>{body}</body></html>"
            : Home(title: title ?? "区人民政府门户网站", extraHead: head, extraBody: body);
        var r = Compare(Home(), after);
        Assert.Equal(TamperStatus.Defaced, r.Status);
        var f = Assert.Single(r.Findings, f => f.Rule == rule);
        Assert.Equal(Categories.TamperDefacement, f.Category);
        Assert.Equal(Url.AbsoluteUri, f.Url);
    }

    [Fact]
    public void Large_removal_is_reported()
    {
        var r = Compare(Home(), "<html><head><title>区人民政府门户网站</title></head><body><div class=\"top\">今天是2026-12-01</div></body></html>");
        Assert.Contains(r.Findings, f => f.Rule == "large-removal");
        Assert.NotEmpty(r.Diff.Removed);
    }

    [Fact]
    public void Ignore_selectors_and_mask_patterns_drop_what_the_site_changes_on_its_own()
    {
        var before = Home(extraBody: "<div class=\"ad-slot\"><img src=\"http://ad.partner-cdn.net/1.gif\"><p>合作伙伴广告位招租热线电话</p></div>");
        var after = Home(extraBody: "<div class=\"ad-slot\"><img src=\"http://ad2.other-cdn.org/2.gif\"><p>本周推荐：区图书馆新书上架一百种</p></div>")
            .Replace("晴 12℃", "暴雨 8℃ 请注意出行安全", StringComparison.Ordinal);
        var plain = Compare(before, after, new TamperOptions());
        var ignoring = Compare(before, after, new TamperOptions { IgnoreSelectors = [".ad-slot"], MaskPatterns = [@"(晴|暴雨)[^<]*"] });
        Assert.Contains(plain.Findings, f => f.Rule == "injected-content");
        Assert.Empty(ignoring.Findings);
        Assert.Equal(TamperStatus.Unchanged, ignoring.Status);
    }

    [Fact]
    public void Baselines_round_trip_through_json()
    {
        var baseline = PageBaseline.Create(HtmlPage.Parse(Url, Home()), new TamperOptions { IgnoreSelectors = [".weather"] });
        var json = baseline.ToJson();
        var back = PageBaseline.FromJson(json);
        Assert.Equal(baseline.Title, back.Title);
        Assert.Equal(baseline.Blocks, back.Blocks);
        Assert.Equal(baseline.Structure, back.Structure);
        Assert.Equal(baseline.ScriptHosts, back.ScriptHosts);
        Assert.Equal([".weather"], back.IgnoreSelectors);
        Assert.Contains("\"version\":1", json, StringComparison.Ordinal);
        Assert.Contains("区人民政府门户网站", json, StringComparison.Ordinal);
        Assert.DoesNotContain(back.Blocks, b => b.Text.Contains("晴", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"version\":99}")]
    [InlineData("not json")]
    public void Bad_baselines_are_refused(string json) => Assert.Throws<FormatException>(() => PageBaseline.FromJson(json));

    [Fact]
    public void A_bad_mask_pattern_is_refused_when_the_comparer_is_built() =>
        Assert.Throws<ArgumentException>(() => new TamperComparer(new TamperOptions { MaskPatterns = ["(unclosed"] }));

    [Fact]
    public void The_diff_is_plain_text_even_when_the_page_carries_markup_in_text()
    {
        var r = Compare(Home(), Home(extraBody: "<p>&lt;script&gt;alert(1)&lt;/script&gt; 访问者留言\u0007</p>"));
        Assert.DoesNotContain('\u0007', r.Diff.Summary);
        Assert.Contains("<script>alert(1)</script>", r.Diff.Added.Single(), StringComparison.Ordinal);
    }
}
