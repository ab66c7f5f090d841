using System.Text;
using GovGuard.Detection.Html;

namespace GovGuard.Detection.Tests.Html;

public class HtmlPageTests
{
    private static readonly Uri Url = new("http://127.0.0.1:19001/news/index.html");

    private static HtmlPage Parse(string html, params string[] css) => HtmlPage.Parse(Url, html, css);

    [Fact]
    public void Title_links_scripts_frames_and_resources_are_read()
    {
        var page = Parse("""
            <html><head><title>  区政府  门户 </title><meta http-equiv="refresh" content="5; url=/new.html">
            <link rel="stylesheet" href="/s.css"><script src="https://hm.baidu.com/hm.js?1"></script></head>
            <body><p>第一段</p><ul><li><a href="a.html">通知</a></li></ul>
            <iframe src="//map.example.com/x" width="300"></iframe><img src="/logo.png">
            <noscript><a href="http://x.example/">n</a></noscript><script>var a = 1;</script></body></html>
            """);
        Assert.Equal("区政府 门户", page.Title);
        Assert.Equal(new Uri("http://127.0.0.1:19001/news/a.html"), page.Links[0].Url);
        Assert.True(page.Links[1].InNoscript);
        Assert.Equal(2, page.Scripts.Count);
        Assert.Equal("var a = 1;", page.Scripts[1].Text);
        Assert.Equal("map.example.com", Assert.Single(page.Frames).Url!.Host);
        Assert.Equal(new Uri("http://127.0.0.1:19001/new.html"), page.Refresh!.Url);
        Assert.Equal(5, page.Refresh.DelaySeconds);
        Assert.Contains(page.Resources, r => r.Kind == ResourceKind.Image && r.Url.AbsolutePath == "/logo.png");
        Assert.Contains(page.Resources, r => r.Kind == ResourceKind.Stylesheet);
        Assert.Contains(page.Blocks, b => b.Text == "第一段" && b.Path.EndsWith(">p", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<div style=\"display:none\"><a href=\"http://x.example/\">x</a></div>", HidingTechnique.DisplayNone)]
    [InlineData("<a style=\"position:absolute;left:-9999px\" href=\"http://x.example/\">x</a>", HidingTechnique.Offscreen)]
    [InlineData("<div style=\"visibility:hidden\"><span><a href=\"http://x.example/\">x</a></span></div>", HidingTechnique.VisibilityHidden)]
    [InlineData("<div style=\"height:0;overflow:hidden\"><a href=\"http://x.example/\">x</a></div>", HidingTechnique.ZeroSize)]
    [InlineData("<div style=\"font-size:0\"><a href=\"http://x.example/\">x</a></div>", HidingTechnique.TinyFont)]
    [InlineData("<div style=\"text-indent:-9999px\"><a href=\"http://x.example/\">x</a></div>", HidingTechnique.TextIndent)]
    [InlineData("<div style=\"position:absolute;clip:rect(0 0 0 0)\"><a href=\"http://x.example/\">x</a></div>", HidingTechnique.Clip)]
    [InlineData("<div style=\"background:#fff\"><a style=\"color:#ffffff\" href=\"http://x.example/\">x</a></div>", HidingTechnique.ColourCamouflage)]
    [InlineData("<marquee height=\"1\" width=\"1\"><a href=\"http://x.example/\">x</a></marquee>", HidingTechnique.TinyMarquee)]
    [InlineData("<div style=\"opacity:0\"><a href=\"http://x.example/\">x</a></div>", HidingTechnique.Opacity)]
    [InlineData("<div hidden><a href=\"http://x.example/\">x</a></div>", HidingTechnique.DisplayNone)]
    [InlineData("<div style=\"transform:translateX(-10000px)\"><a href=\"http://x.example/\">x</a></div>", HidingTechnique.Offscreen)]
    public void Inline_hiding_is_recognised(string body, HidingTechnique technique)
    {
        var page = Parse("<html><body>" + body + "</body></html>");
        Assert.Equal(technique, Assert.Single(page.Links).Hiding?.Technique);
    }

    [Fact]
    public void Stylesheet_rules_apply_by_specificity_and_importance()
    {
        var page = Parse("""
            <html><head><style>
            .box a { display: none }
            #keep a { display: inline }
            .imp { display: none !important }
            @media print { .print a { display: none } }
            @media (max-width: 600px) { .mobile a { display: none } }
            </style></head><body>
            <div class="box"><a href="/1">1</a></div>
            <div class="box" id="keep"><a href="/2">2</a></div>
            <div class="imp" style="display:block"><a href="/3">3</a></div>
            <div class="print"><a href="/4">4</a></div>
            <div class="mobile"><a href="/5">5</a></div>
            <div class="ext"><a href="/6">6</a></div>
            </body></html>
            """, ".ext { position: absolute; top: -3000px }");
        Assert.Equal(HidingTechnique.DisplayNone, page.Links[0].Hiding?.Technique);
        Assert.Null(page.Links[1].Hiding);
        Assert.Equal(HidingTechnique.DisplayNone, page.Links[2].Hiding?.Technique);
        Assert.Null(page.Links[3].Hiding);
        Assert.Null(page.Links[4].Hiding);
        Assert.Equal(HidingTechnique.Offscreen, page.Links[5].Hiding?.Technique);
        Assert.True(page.Links[5].Hiding!.ByAncestor);
    }

    [Theory]
    [InlineData("<script>document.getElementById('k9').style.display = 'none';</script>", HidingTechnique.DisplayNone)]
    [InlineData("<script>$('#k9').hide();</script>", HidingTechnique.DisplayNone)]
    [InlineData("<script>$(\"#k9\").css(\"visibility\", \"hidden\");</script>", HidingTechnique.VisibilityHidden)]
    public void Elements_hidden_by_the_page_own_script_count_as_hidden(string script, HidingTechnique technique)
    {
        var page = Parse("<html><body><div id=\"k9\"><a href=\"http://x.example/\">x</a></div>" + script + "</body></html>");
        Assert.Equal(technique, Assert.Single(page.Links).Hiding?.Technique);
    }

    [Fact]
    public void Visible_links_have_no_hiding()
    {
        var page = Parse("""
            <html><body style="background:#fff"><div style="position:relative;left:-20px;font-size:14px;color:#333">
            <a href="/a" style="text-indent:2em">政务公开</a></div><div style="width:1px"><a href="/b">b</a></div></body></html>
            """);
        Assert.All(page.Links, l => Assert.Null(l.Hiding));
    }

    [Fact]
    public void Hidden_blocks_are_marked()
    {
        var page = Parse("<html><body><p>可见</p><p>前<span style=\"display:none\">隐藏文字</span>后</p></body></html>");
        Assert.Contains(page.Blocks, b => b.Text == "隐藏文字" && b.Hidden);
        Assert.Contains(page.Blocks, b => b.Text == "可见" && !b.Hidden);
        Assert.DoesNotContain("隐藏文字", page.VisibleText, StringComparison.Ordinal);
        Assert.Contains("隐藏文字", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_never_throws()
    {
        var rnd = new Random(7);
        var garbage = new StringBuilder();
        for (int i = 0; i < 200_000; i++)
        {
            garbage.Append((char)rnd.Next(0, 0xFFFF));
        }

        var inputs = new[]
        {
            garbage.ToString(),
            string.Concat(Enumerable.Repeat("<div>", 100_000)) + "deep",
            "<a href=\"http://[::1\">x</a><a href=\"ht!tp://\">y</a><meta http-equiv=refresh content=\"x;url='\">",
            "<style>a{display:none</style><style>}}}{{{ .a::before{} @media {{ </style><a href=/>z</a>",
            "<table><tr><td><a href=/x>unclosed <b><i></table></a></b>",
            "",
            "\0\0\0<html\0>",
        };
        foreach (var html in inputs)
        {
            var page = HtmlPage.Parse(Url, html, ["a{", "}}", "@import url(x);"]);
            Assert.NotNull(page.Blocks);
        }
    }

    [Fact]
    public void Huge_pages_are_cut_and_marked()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<p>政府信息公开年度报告</p>", 50_000)) + "</body></html>";
        var page = HtmlPage.Parse(Url, html, null, new HtmlPageOptions { MaxChars = 100_000 });
        Assert.True(page.Truncated);
        Assert.True(page.Blocks.Count < 10_000);
    }
}
