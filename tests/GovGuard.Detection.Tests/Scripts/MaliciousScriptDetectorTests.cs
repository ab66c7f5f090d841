using GovGuard.Detection.Findings;
using GovGuard.Detection.Html;
using GovGuard.Detection.Rules;
using GovGuard.Detection.Scripts;
using GovGuard.Detection.Tests.Corpus.Pages;

namespace GovGuard.Detection.Tests.Scripts;

public class MaliciousScriptDetectorTests
{
    private const string Target = "http://127.0.0.1:19001/";
    private static readonly MaliciousScriptDetector Detector = new(ShippedPageRules.Scripts, ShippedPageRules.Links);

    private static IReadOnlyList<Finding> Detect(string head, string body = "") =>
        Detector.Detect(HtmlPage.Parse(new Uri(Target), $"<html><head>{head}</head><body><p>正文</p>{body}</body></html>"), Target);

    [Theory]
    [InlineData("", "<iframe src=\"http://abc123x.top/\" width=\"0\" height=\"0\"></iframe>", "hidden-iframe")]
    [InlineData("", "<div style=\"display:none\"><iframe src=\"http://ads.example.com/\"></iframe></div>", "hidden-iframe")]
    [InlineData("<script>document.write('<iframe src=\"http://ads.example.com/\"></iframe>')</script>", "", "script-injected-iframe")]
    [InlineData("<script src=\"https://coinhive.com/lib/coinhive.min.js\"></script>", "", "known-miner")]
    [InlineData("<script>var m = new CoinHive.Anonymous('k'); m.start();</script>", "", "known-miner")]
    [InlineData("<script src=\"https://cdn.polyfill.io/v3/polyfill.min.js\"></script>", "", "malware-host")]
    [InlineData("<script>eval(function(p,a,c,k,e,d){return p}('0',1,1,''.split('|'),0,{}))</script>", "", "js-packer")]
    [InlineData("<script>eval(unescape('%61%6c%65%72%74%28%31%29'))</script>", "", "obfuscated-js")]
    [InlineData("<script>if(document.referrer.indexOf('baidu')>-1){location.href='http://abc123x.top/';}</script>", "", "referrer-redirect")]
    [InlineData("<script>top.location.href='http://abc123x.top/';</script>", "", "top-location-hijack")]
    [InlineData("<script>window.opener.location='http://abc123x.top/';</script>", "", "opener-abuse")]
    [InlineData("", "<div style=\"position:fixed;top:0;left:0;width:100%;height:100%;z-index:99999\"><a href=\"http://abc123x.top/\">x</a></div>", "fullscreen-overlay")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=http://abc123x.top/\">", "", "meta-refresh-external")]
    public void Each_technique_has_its_rule(string head, string body, string rule)
    {
        var findings = Detect(head, body);
        var f = Assert.Single(findings, f => f.Rule == rule);
        Assert.Equal(Categories.ContentMaliciousScript, f.Category);
        Assert.True(f.Severity >= Severity.Medium);
        Assert.True(f.Evidence.Length is > 0 and <= Finding.MaxEvidenceLength);
    }

    [Theory]
    [InlineData("<script>var _hmt=_hmt||[];(function(){var hm=document.createElement('script');hm.src='https://hm.baidu.com/hm.js?abc';var s=document.getElementsByTagName('script')[0];s.parentNode.insertBefore(hm,s);})();</script>")]
    [InlineData("<script>var cnzz_protocol=((\"https:\"==document.location.protocol)?\"https://\":\"http://\");document.write(unescape(\"%3Cspan id='cnzz_stat_icon_1'%3E%3C/span%3E%3Cscript src='\"+cnzz_protocol+\"s4.cnzz.com/z_stat.php%3Fid%3D1' type='text/javascript'%3E%3C/script%3E\"));</script>")]
    [InlineData("<script src=\"https://cdn.jsdelivr.net/npm/jquery@3.7.1/dist/jquery.min.js\"></script><script src=\"/js/app.js?v=1\"></script>")]
    [InlineData("<script>" + GovPages.MinifiedLibrary + "</script>")]
    [InlineData("<script>if (top != self) { top.location = self.location; }</script>")]
    [InlineData("<script>function back(){ if (document.referrer.indexOf(location.host) > -1) location.href = document.referrer; }</script>")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"300\"><meta http-equiv=\"refresh\" content=\"0;url=/new/index.html\">")]
    [InlineData("<script>window.open('/hdjl/zxts.html','_blank');</script>")]
    public void Statistics_libraries_and_site_scripts_are_not_reported(string head) => Assert.Empty(Detect(head));

    [Theory]
    [InlineData("<iframe src=\"/keepalive.html\" width=\"0\" height=\"0\"></iframe>")]
    [InlineData("<iframe src=\"https://map.baidu.com/\" width=\"600\" height=\"400\"></iframe>")]
    [InlineData("<div style=\"position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999\"><a href=\"/notice.html\">公告</a></div>")]
    public void Same_site_and_trusted_frames_and_overlays_are_not_reported(string body) => Assert.Empty(Detect("", body));

    [Fact]
    public void Obfuscation_is_a_score_of_features()
    {
        var plain = Detector.Score("var a = 1; function f(x) { return x + a; }");
        var packed = Detector.Score("eval(function(p,a,c,k,e,d){while(c--)if(k[c])p=p.replace(new RegExp('\\\\b'+c+'\\\\b','g'),k[c]);return p}('0 1',2,2,'a|b'.split('|'),0,{}))");
        var obfuscator = Detector.Score(string.Join(";", Enumerable.Range(0, 25).Select(i => $"var _0x{0x1a2b + i:x4}=_0x1a2b[{i}]")));
        Assert.Equal(0, plain.Score);
        Assert.Contains("packer", packed.Features);
        Assert.Contains("hex-identifiers", obfuscator.Features);
        Assert.True(obfuscator.Score >= 6);
    }

    [Fact]
    public void Escapes_split_strings_and_char_codes_are_undone_before_matching()
    {
        var verdict = Detector.Score("var d = docu\\x6dent['refe'+'rrer']; var s = String.fromCharCode(98,97,105,100,117);");
        Assert.Contains("document['referrer']", verdict.Decoded, StringComparison.Ordinal);
        Assert.Contains("\"baidu\"", verdict.Decoded, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@miner\nnot a host", 2)]
    [InlineData("coinhive.com", 1)]
    [InlineData("@search-engine\nab", 2)]
    [InlineData("@evil\nx.com", 1)]
    public void Bad_script_rule_files_are_refused_with_file_and_line(string text, int line)
    {
        var e = Assert.Throws<RuleFormatException>(() => ScriptRuleSet.Load([("scripts/bad.txt", text)]));
        Assert.Equal("scripts/bad.txt", e.File);
        Assert.Equal(line, e.Line);
    }

    [Fact]
    public void Shipped_script_rules_load()
    {
        var rules = ShippedPageRules.Scripts;
        Assert.True(rules.MinerHosts.Contains("www.coinhive.com"));
        Assert.True(rules.BenignHosts.Contains("hm.baidu.com"));
        Assert.Contains("sogou", rules.SearchEngines);
    }
}
