using GovGuard.Detection.Content;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Html;
using GovGuard.Detection.Links;
using GovGuard.Detection.Rules;
using GovGuard.Detection.Tests.Content;
using GovGuard.Detection.Tests.Corpus.Pages;

namespace GovGuard.Detection.Tests.Links;

public class DarkLinkDetectorTests
{
    private const string Target = "http://127.0.0.1:19001/";
    private static readonly DarkLinkDetector Detector = new(ShippedPageRules.Links, new HarmfulContentDetector(ShippedLexicons.Lexicon));
    private static readonly DarkLinkDetector WithoutLexicon = new(ShippedPageRules.Links);

    private static IReadOnlyList<Finding> Detect(string body, DarkLinkDetector? detector = null, string head = "", params string[] css) =>
        (detector ?? Detector).Detect(HtmlPage.Parse(new Uri(Target + "news/1.html"), $"<html><head>{head}</head><body><p>正文</p>{body}</body></html>", css), Target);

    [Theory]
    [InlineData("<div style=\"display:none\"><a href=\"http://bet365zx.vip/\">百家乐</a></div>", "css-display-none")]
    [InlineData("<div style=\"visibility:hidden\"><a href=\"http://bet365zx.vip/\">百家乐</a></div>", "css-visibility-hidden")]
    [InlineData("<div style=\"opacity:0\"><a href=\"http://bet365zx.vip/\">百家乐</a></div>", "css-opacity")]
    [InlineData("<a href=\"http://bet365zx.vip/\" style=\"position:absolute;left:-9999px\">x</a>", "css-offscreen")]
    [InlineData("<div style=\"height:0;overflow:hidden\"><a href=\"http://bet365zx.vip/\">百家乐</a></div>", "css-zero-size")]
    [InlineData("<div style=\"height:3px;overflow:hidden\"><a href=\"http://bet365zx.vip/\">百家乐</a></div>", "css-overflow")]
    [InlineData("<div style=\"font-size:1px\"><a href=\"http://bet365zx.vip/\">百家乐</a></div>", "css-tiny-font")]
    [InlineData("<div style=\"text-indent:-9999px\"><a href=\"http://bet365zx.vip/\">百家乐</a></div>", "css-text-indent")]
    [InlineData("<div style=\"position:absolute;clip:rect(0,0,0,0)\"><a href=\"http://bet365zx.vip/\">百家乐</a></div>", "css-clip")]
    [InlineData("<a style=\"color:#fff\" href=\"http://bet365zx.vip/\">百家乐</a>", "css-color-camouflage")]
    [InlineData("<marquee width=\"1\" height=\"1\"><a href=\"http://bet365zx.vip/\">百家乐</a></marquee>", "marquee-tiny")]
    [InlineData("<script>document.write('<a href=\"http://bet365zx.vip/\">百家乐</a>')</script>", "script-written")]
    [InlineData("<script>el.innerHTML = unescape('%3Ca%20href%3D%22http%3A//bet365zx.vip/%22%3E%E7%99%BE%3C/a%3E');</script>", "script-written")]
    [InlineData("<noscript><a href=\"http://bet365zx.vip/\">百家乐</a></noscript>", "noscript")]
    public void Each_technique_has_its_rule(string body, string rule)
    {
        var f = Assert.Single(Detect(body));
        Assert.Equal(Categories.ContentDarkLink, f.Category);
        Assert.Equal(rule, f.Rule);
        Assert.Equal(Target + "news/1.html", f.Url);
        Assert.Null(f.Path);
        Assert.Null(f.Line);
        Assert.Contains("bet365zx.vip", f.Message + f.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Stylesheet_and_external_css_hiding_count_like_inline_hiding()
    {
        var viaStyle = Detect("<div class=\"f\"><a href=\"http://abc123x.top/\">a</a></div>", head: "<style>.f{position:absolute;top:-5000px}</style>");
        var viaExternal = Detect("<div class=\"g\"><a href=\"http://abc123x.top/\">a</a></div>", null, "", ".g { display: none }");
        Assert.Equal("css-offscreen", Assert.Single(viaStyle).Rule);
        Assert.Equal("css-display-none", Assert.Single(viaExternal).Rule);
    }

    [Theory]
    [InlineData("<style>.nav ul{display:none}.nav li:hover ul{display:block}</style><ul class=\"nav\"><li><a href=\"/a/\">a</a><ul><li><a href=\"/a/1.html\">1</a></li></ul></li></ul>")]
    [InlineData("<a href=\"#content\" style=\"position:absolute;left:-9999px\">跳转到主要内容</a>")]
    [InlineData("<span style=\"position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)\"><a href=\"/\">首页</a></span>")]
    [InlineData("<div style=\"display:none\"><a href=\"http://www.gov.cn/\">中国政府网</a><a href=\"http://www.beijing.gov.cn/\">首都之窗</a></div>")]
    [InlineData("<div style=\"display:none\"><a href=\"http://service.weibo.com/share/\">微博</a></div>")]
    [InlineData("<div style=\"display:none\"><a href=\"http://www.icbc.com.cn/\">工商银行</a></div>")]
    [InlineData("<noscript><a href=\"https://www.microsoft.com/edge\">升级浏览器</a></noscript>")]
    [InlineData("<div style=\"background:#1a3c6e\"><a style=\"color:#fff\" href=\"http://www.12377.cn/\">举报</a></div>")]
    [InlineData("<script>document.write('<a href=\"/zt/2026/\">专题</a>')</script>")]
    [InlineData("<div hidden><a href=\"javascript:void(0)\">x</a><a href=\"mailto:a@b.cn\">y</a></div>")]
    public void Legitimate_hidden_links_are_not_reported(string body) => Assert.Empty(Detect(body));

    [Fact]
    public void Colour_camouflage_on_the_default_canvas_needs_every_stylesheet_of_the_page()
    {
        const string body = "<a style=\"color:#fff\" href=\"http://abc123x.top/\">x</a>";
        Assert.Single(Detect(body, head: "<link rel=\"stylesheet\" href=\"/main.css\">", css: "p { margin: 0 }"));
        Assert.Empty(Detect(body, head: "<link rel=\"stylesheet\" href=\"/main.css\">"));
    }

    [Fact]
    public void A_same_site_hidden_link_with_harmful_anchor_text_is_reported()
    {
        var f = Assert.Single(Detect("<div style=\"display:none\"><a href=\"/cache/a.html\">澳门新葡京百家乐</a></div>"));
        Assert.Contains("百家乐", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_hidden_together_are_one_finding_and_a_farm_weighs_more()
    {
        var one = Assert.Single(Detect("<div style=\"display:none\"><a href=\"http://qwe12rty.com/\">a</a></div>", WithoutLexicon));
        var farm = Assert.Single(Detect("<div style=\"display:none\"><a href=\"http://qwe12rty.com/\">a</a><a href=\"http://zxc34vbn.com/\">b</a><a href=\"http://asd56fgh.com/\">c</a></div>", WithoutLexicon));
        Assert.True(farm.Severity > one.Severity, $"{farm.Severity} > {one.Severity}");
        Assert.Contains("3", farm.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Harmful_anchor_text_and_risky_domains_raise_the_severity()
    {
        var plain = Assert.Single(Detect("<a href=\"http://example.com/\" style=\"position:absolute;left:-9999px\">x</a>"));
        var spam = Assert.Single(Detect("<a href=\"http://xpj888.vip/\" style=\"position:absolute;left:-9999px\">澳门新葡京百家乐</a>"));
        Assert.Equal(Severity.Low, plain.Severity);
        Assert.Equal(Severity.Critical, spam.Severity);
    }

    [Fact]
    public void Messages_are_chinese_by_default_and_english_on_request()
    {
        var page = HtmlPage.Parse(new Uri(Target), "<a href=\"http://x.example/\" style=\"position:absolute;left:-9999px\">x</a>");
        Assert.StartsWith("链接被定位到页面可视区域之外", Detector.Detect(page, Target).Single().Message, StringComparison.Ordinal);
        Assert.StartsWith("Links are positioned outside", Detector.Detect(page, Target, MessageLanguage.English).Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evidence_is_at_most_500_characters()
    {
        var f = Assert.Single(Detect("<div style=\"display:none\">" + string.Concat(Enumerable.Repeat("<a href=\"http://xpj888.vip/\">百家乐" + new string('x', 300) + "</a>", 20)) + "</div>"));
        Assert.True(f.Evidence.Length <= Finding.MaxEvidenceLength);
    }

    [Theory]
    [InlineData("@risky-tld\nxyz\t11", 2)]
    [InlineData("@risky-tld\nx y", 2)]
    [InlineData("xyz", 1)]
    [InlineData("# c\n@trusted-host\nnot a host!", 3)]
    [InlineData("@other", 1)]
    public void Bad_link_rule_files_are_refused_with_file_and_line(string text, int line)
    {
        var e = Assert.Throws<RuleFormatException>(() => LinkRuleSet.Load([("links/bad.txt", text)]));
        Assert.Equal("links/bad.txt", e.File);
        Assert.Equal(line, e.Line);
    }

    [Fact]
    public void Shipped_link_rules_load()
    {
        Assert.True(ShippedPageRules.Links.RiskyTopLevelDomains.Count >= 30);
        Assert.True(ShippedPageRules.Links.TrustedHosts.Contains("www.beijing.gov.cn"));
        Assert.Equal(5, ShippedPageRules.Links.TldWeight("a.casino"));
    }

    [Theory]
    [InlineData("x7k2q9zt.com", true)]
    [InlineData("bet365zx.vip", true)]
    [InlineData("www.888888.cc", true)]
    [InlineData("www.12306.cn", false)]
    [InlineData("www.beijing.gov.cn", false)]
    [InlineData("www.xinhuanet.com", false)]
    [InlineData("zhengfu.org", false)]
    [InlineData("127.0.0.1", false)]
    public void Machine_made_domains_are_told_from_names(string host, bool random) =>
        Assert.Equal(random, HostNames.LooksRandom(host));

    [Theory]
    [InlineData("www.beijing.gov.cn", "beijing.gov.cn")]
    [InlineData("a.b.example.com", "example.com")]
    [InlineData("news.bbc.co.uk", "bbc.co.uk")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("localhost", "localhost")]
    public void Sites_are_registrable_names(string host, string site) => Assert.Equal(site, HostNames.SiteOf(host));
}
