using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using GovGuard.Benchmarks.Logs;
using GovGuard.Detection.Cloaking;
using GovGuard.Detection.Content;
using GovGuard.Detection.Html;
using GovGuard.Detection.Links;
using GovGuard.Detection.Scripts;
using GovGuard.Detection.Tamper;

namespace GovGuard.Benchmarks.Html;

/// <summary>
/// Parse and page detectors over one generated government home page of about 120 KB (1,600 elements, a 300-rule
/// stylesheet, 400 links, inline and external scripts, a hidden spam block): the per-page cost of a site scan.
/// </summary>
[MemoryDiagnoser]
public class PageBenchmarks
{
    private static readonly Uri Url = new("http://127.0.0.1:19001/index.html");
    private string _html = "";
    private string[] _css = [];
    private HtmlPage _page = null!;
    private PageBaseline _baseline = null!;
    private DarkLinkDetector _darkLinks = null!;
    private MaliciousScriptDetector _scripts = null!;
    private TamperComparer _tamper = null!;
    private CloakingDetector _cloaking = null!;
    private List<(SpiderAgent, HtmlPage)> _spiders = [];

    [GlobalSetup]
    public void Setup()
    {
        var harmful = new HarmfulContentDetector(Lexicon.Parse(BenchRules.Files("lexicons", "*.txt")));
        var links = LinkRuleSet.Load(BenchRules.Files("links", "*.txt"));
        _darkLinks = new DarkLinkDetector(links, harmful);
        _scripts = new MaliciousScriptDetector(ScriptRuleSet.Load(BenchRules.Files("scripts", "*.txt")), links);
        _tamper = new TamperComparer(null, harmful, links);
        _cloaking = new CloakingDetector(harmful, links);
        (_html, _css) = HomePage(new Random(3));
        _page = HtmlPage.Parse(Url, _html, _css);
        _baseline = PageBaseline.Create(HtmlPage.Parse(Url, HomePage(new Random(3)).Html, _css));
        var agents = SpiderAgents.Load(BenchRules.Files("spiders", "*.txt"));
        _spiders = agents.Spiders.Select(a => (a, HtmlPage.Parse(Url, _html, _css))).ToList();
    }

    [Benchmark]
    public int Parse() => HtmlPage.Parse(Url, _html, _css).Links.Count;

    [Benchmark]
    public int DarkLinks() => _darkLinks.Detect(_page, "t").Count;

    [Benchmark]
    public int MaliciousScripts() => _scripts.Detect(_page, "t").Count;

    [Benchmark]
    public int ParseAndDetect()
    {
        var page = HtmlPage.Parse(Url, _html, _css);
        return _darkLinks.Detect(page, "t").Count + _scripts.Detect(page, "t").Count;
    }

    [Benchmark]
    public int TamperCompare() => _tamper.Compare(_baseline, _page, "t").Findings.Count;

    [Benchmark]
    public int CloakingSevenSpiders() => _cloaking.Compare(_page, _spiders, "t").Findings.Count;

    internal static (string Html, string[] Css) HomePage(Random rnd)
    {
        var css = new StringBuilder();
        for (int i = 0; i < 300; i++)
        {
            if (i % 10 == 0)
            {
                css.Append(CultureInfo.InvariantCulture, $".m{i} li ul {{ display: none; position: absolute; }} .m{i} li:hover ul {{ display: block; }}\n");
            }
            else
            {
                css.Append(CultureInfo.InvariantCulture, $".c{i} {{ color: #333; font-size: {12 + i % 6}px; margin: 0 auto; width: {900 + i}px; }}\n");
            }
        }

        var body = new StringBuilder();
        for (int menu = 0; menu < 30; menu++)
        {
            body.Append(CultureInfo.InvariantCulture, $"<ul class=\"m{menu * 10}\"><li><a href=\"/col{menu}/\">栏目{menu}</a><ul>");
            for (int i = 0; i < 6; i++)
            {
                body.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/col{menu}/{i}.html\">子栏目{i}</a></li>");
            }

            body.Append("</ul></li></ul>");
        }

        for (int box = 0; box < 20; box++)
        {
            body.Append(CultureInfo.InvariantCulture, $"<div class=\"c{box * 7 % 300}\"><h3>政务要闻{box}</h3><ul>");
            for (int i = 0; i < 10; i++)
            {
                body.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/art/{rnd.Next(100000)}.html\">区政府召开常务会议研究部署优化营商环境工作（{i}）</a><span>2026-{rnd.Next(1, 12):00}-{rnd.Next(1, 28):00}</span></li>");
            }

            body.Append("</ul><p>为深入贯彻落实党中央、国务院关于优化营商环境的决策部署，区政府召开常务会议，研究部署下一阶段重点工作。</p></div>");
        }

        body.Append("<div style=\"display:none\"><a href=\"http://xpj888.vip/\">澳门新葡京</a><a href=\"http://bet365zx.top/\">百家乐</a></div>");
        body.Append("<script>var _hmt=_hmt||[];(function(){var hm=document.createElement('script');hm.src='https://hm.baidu.com/hm.js?0123';var s=document.getElementsByTagName('script')[0];s.parentNode.insertBefore(hm,s);})();</script>");
        body.Append("<script>").Append(string.Concat(Enumerable.Repeat("function a(b,c){return b.concat(c).map(function(d){return d*2}).filter(Boolean)};", 200))).Append("</script>");
        var html = $"<!DOCTYPE html><html><head><title>区人民政府门户网站</title><style>{css}</style><script src=\"/js/jquery.min.js\"></script></head><body>{body}<div class=\"footer\">京ICP备12345678号</div></body></html>";
        return (html, [".footer { background: #1a3c6e; color: #fff; } .hide { display: none; }"]);
    }
}
