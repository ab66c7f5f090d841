using System.Globalization;
using System.Text;

namespace GovGuard.Detection.Tests.Corpus.Pages;

/// <summary>
/// Building blocks of generated government pages: navigation with dropdown menus, news lists with dates, tabs,
/// carousels, footers, statistics snippets and the other legitimate things that hide links or run scripts.
/// </summary>
internal static class GovPages
{
    public const string Origin = "http://127.0.0.1:19001";

    public static readonly string[] Districts = ["朝阳区", "海淀区", "浦东新区", "天河区", "武侯区", "雁塔区", "江北区", "鼓楼区", "南山区", "历下区"];

    public static readonly string[] Headlines =
    [
        "区政府召开常务会议研究部署优化营商环境工作", "关于2026年度事业单位公开招聘工作人员的公告", "我区举行安全生产月活动启动仪式",
        "区卫生健康委开展家庭医生签约服务宣传周活动", "关于做好春节期间安全生产工作的通知", "区生态环境局通报第一季度空气质量情况",
        "政务服务中心推出“一网通办”预约服务", "区教育局发布2026年义务教育招生政策解读", "关于开展第五次全国经济普查的公告",
        "区人社局举办高校毕业生专场招聘会", "区市场监管局开展食品安全专项检查", "区住建委发布老旧小区改造计划",
        "区民政局开展敬老月慰问活动", "区文旅局发布国庆假期文化活动安排", "区应急管理局组织防汛应急演练",
        "区财政局公开2025年度部门决算", "区统计局发布上半年经济运行情况", "区司法局开展法治宣传进社区活动",
    ];

    public static readonly string[] Paragraphs =
    [
        "为深入贯彻落实党中央、国务院关于优化营商环境的决策部署，区政府召开常务会议，研究部署下一阶段重点工作。",
        "根据《中华人民共和国政府信息公开条例》，现将本机关2025年度政府信息公开工作年度报告予以公布。",
        "今年以来，我区持续推进乡村振兴，新建高标准农田1.2万亩，完成农村公路提档升级45公里。",
        "政务服务中心一楼设有综合受理窗口，群众可通过“一网通办”平台在线预约办理社保、医保、公积金等业务。",
        "区卫生健康委组织开展家庭医生签约服务宣传周活动，为辖区居民提供免费健康体检。",
        "近日，区生态环境局召开大气污染防治工作推进会，通报了第一季度空气质量情况。",
        "各街道、各部门要切实压实安全责任，全面排查整治各类风险隐患，确保人民群众生命财产安全。",
        "会议强调，要坚持以人民为中心的发展思想，着力解决群众急难愁盼问题，不断提升群众获得感。",
    ];

    public static string Date(Random rnd) =>
        new DateOnly(2026, 1, 1).AddDays(rnd.Next(0, 330)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Page(string title, string head, string body) =>
        $"<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{title}</title>\n" +
        $"<link rel=\"stylesheet\" href=\"/css/main.css?v=20261101\">{head}</head>\n<body>\n{body}\n</body></html>";

    public static string Title(Random rnd) => $"{Districts[rnd.Next(Districts.Length)]}人民政府门户网站";

    /// <summary>A header with a dropdown menu hidden by a stylesheet until hover: same-site links.</summary>
    public static string Nav(Random rnd)
    {
        var sb = new StringBuilder("<div class=\"header\"><a class=\"skip\" href=\"#content\">跳转到主要内容</a><ul class=\"nav\">");
        string[] menus = ["首页", "政务公开", "政务服务", "互动交流", "走进本区"];
        foreach (var m in menus)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/{m.GetHashCode(StringComparison.Ordinal) & 0xFFF}/\">{m}</a><ul class=\"sub\">");
            for (int i = 0; i < rnd.Next(3, 6); i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/col/{rnd.Next(100, 999)}/index.html\">{m}栏目{i + 1}</a></li>");
            }

            sb.Append("</ul></li>");
        }

        return sb.Append("</ul></div>").ToString();
    }

    /// <summary>The text of /css/main.css that every generated page links.</summary>
    public const string MainCss = "body { margin: 0; font: 14px/1.6 \"Microsoft YaHei\", sans-serif; color: #333; }\n.footer { padding: 20px 0; }\n.top { background: #1a3c6e; height: 32px; }\n";

    public const string NavCss =
        ".nav li ul.sub { display: none; position: absolute; }\n.nav li:hover ul.sub { display: block; }\n" +
        ".skip { position: absolute; left: -9999px; }\n.skip:focus { left: 0; }\n" +
        ".sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0,0,0,0); }\n" +
        "@media print { .header, .footer { display: none } }\n@media (max-width: 768px) { .sidebar { display: none } }\n";

    /// <summary>A news list: items with same-site links and dates.</summary>
    public static string NewsList(IEnumerable<(string Headline, string Date, int Id)> items)
    {
        var sb = new StringBuilder("<div class=\"news\" id=\"content\"><h2>政务要闻</h2><ul>");
        foreach (var (h, d, id) in items)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/art/2026/{id}.html\">{h}</a><span class=\"date\">{d}</span></li>");
        }

        return sb.Append("</ul></div>").ToString();
    }

    public static List<(string Headline, string Date, int Id)> NewsItems(Random rnd, int count)
    {
        var items = new List<(string, string, int)>();
        for (int i = 0; i < count; i++)
        {
            items.Add((Headlines[rnd.Next(Headlines.Length)] + (i % 3 == 0 ? "" : "（" + (i + 1).ToString(CultureInfo.InvariantCulture) + "）"), Date(rnd), rnd.Next(1000, 99999)));
        }

        return items;
    }

    public static string Article(Random rnd, int paragraphs) =>
        "<div class=\"article\">" + string.Concat(Enumerable.Range(0, paragraphs).Select(_ => "<p>" + Paragraphs[rnd.Next(Paragraphs.Length)] + "</p>")) + "</div>";

    public static string Footer(Random rnd) =>
        "<div class=\"footer\" style=\"background:#1a3c6e;color:#ffffff\"><p>主办：区人民政府办公室 承办：区大数据中心</p>" +
        $"<p><a style=\"color:#fff\" href=\"https://beian.miit.gov.cn/\">京ICP备{rnd.Next(10000000, 99999999)}号</a> " +
        $"<a href=\"http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={rnd.Next(100000, 999999)}\">京公网安备</a> 网站标识码{rnd.Next(1000000000, 2000000000)}</p>" +
        "<p><a href=\"https://zfwzgl.www.gov.cn/exposure/jiucuo.html\"><img src=\"/images/jiucuo.png\" alt=\"政府网站找错\"></a></p></div>";

    /// <summary>Legitimate things that hide links or run scripts; a page gets a random few.</summary>
    public static readonly (string Name, string Head, string Body)[] Benign =
    [
        ("tabs", "<style>.tab-pane{display:none}.tab-pane.active{display:block}</style>",
            "<div class=\"tabs\"><div class=\"tab-pane active\"><a href=\"/zwgk/tzgg/\">通知公告</a></div><div class=\"tab-pane\"><a href=\"/zwgk/zcjd/\">政策解读</a><a href=\"http://www.gov.cn/zhengce/\">国务院政策</a><a href=\"http://www.beijing.gov.cn/\">首都之窗</a></div></div>"),
        ("carousel", "<style>.slide{display:none}.slide.on{display:block}</style>",
            "<div class=\"banner\"><div class=\"slide on\"><a href=\"/zt/2026/a.html\"><img src=\"/banner/1.jpg\" alt=\"专题一\"></a></div><div class=\"slide\"><a href=\"/zt/2026/b.html\"><img src=\"/banner/2.jpg\" alt=\"专题二\"></a></div></div>"),
        ("share", "<style>.share-menu{display:none}</style>",
            "<div class=\"share\">分享到：<div class=\"share-menu\"><a href=\"http://service.weibo.com/share/share.php?url=x\">微博</a><a href=\"https://connect.qq.com/widget/shareqq/index.html?url=x\">QQ</a><a href=\"https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url=x\">QQ空间</a></div></div>"),
        ("friend-links", "<style>.flinks{display:none}</style>",
            "<div class=\"flink\">政府网站链接<ul class=\"flinks\"><li><a href=\"http://www.gov.cn/\">中国政府网</a></li><li><a href=\"http://www.shanghai.gov.cn/\">上海市政府</a></li><li><a href=\"http://www.gd.gov.cn/\">广东省政府</a></li><li><a href=\"http://www.people.com.cn/\">人民网</a></li><li><a href=\"http://www.xinhuanet.com/\">新华网</a></li></ul></div>"),
        ("sr-only", "", "<h1><span class=\"sr-only\"><a href=\"/\">返回首页</a></span>欢迎访问</h1>"),
        ("baidu-tongji", "<script>var _hmt = _hmt || [];(function() {var hm = document.createElement(\"script\");hm.src = \"https://hm.baidu.com/hm.js?0123456789abcdef0123456789abcdef\";var s = document.getElementsByTagName(\"script\")[0];s.parentNode.insertBefore(hm, s);})();</script>", ""),
        ("cnzz", "", "<script type=\"text/javascript\">var cnzz_protocol = ((\"https:\" == document.location.protocol) ? \"https://\" : \"http://\");document.write(unescape(\"%3Cspan id='cnzz_stat_icon_1280000000'%3E%3C/span%3E%3Cscript src='\" + cnzz_protocol + \"s4.cnzz.com/z_stat.php%3Fid%3D1280000000%26show%3Dpic' type='text/javascript'%3E%3C/script%3E\"));</script><noscript><a href=\"http://www.cnzz.com/stat/website.php?web_id=1280000000\">站长统计</a></noscript>"),
        ("bdshare", "", "<script>window._bd_share_config={\"common\":{\"bdSnsKey\":{},\"bdText\":\"\",\"bdMini\":\"2\",\"bdPic\":\"\",\"bdStyle\":\"0\",\"bdSize\":\"16\"},\"share\":{}};with(document)0[(getElementsByTagName('head')[0]||body).appendChild(createElement('script')).src='http://bdimg.share.baidu.com/static/api/js/share.js?v=89860593.js?cdnversion='+~(-new Date()/36e5)];</script>"),
        ("jquery-min", "<script>" + MinifiedLibrary + "</script>", ""),
        ("cdn-libs", "<script src=\"https://cdn.jsdelivr.net/npm/jquery@3.7.1/dist/jquery.min.js\"></script><script src=\"https://lib.baomitu.com/vue/3.4.0/vue.global.prod.js\"></script><script src=\"/js/common.js?t=1700000000\"></script>", ""),
        ("frame-buster", "<script>if (top != self) { top.location = self.location; }</script>", ""),
        ("keepalive-iframe", "", "<iframe src=\"/session/keepalive.html\" width=\"0\" height=\"0\" style=\"display:none\"></iframe>"),
        ("map", "", "<iframe src=\"https://map.baidu.com/?newmap=1&s=inf\" width=\"600\" height=\"400\"></iframe>"),
        ("refresh", "<meta http-equiv=\"refresh\" content=\"600\">", ""),
        ("noscript-hint", "", "<noscript><p>您的浏览器不支持JavaScript，请<a href=\"https://www.microsoft.com/zh-cn/edge\">升级浏览器</a>。</p></noscript>"),
        ("back-link", "<script>function goBack(){ if (document.referrer.indexOf(location.host) > -1) { location.href = document.referrer; } else { location.href = '/'; } }</script>", "<a href=\"javascript:goBack()\">返回</a>"),
        ("notice-modal", "", "<div class=\"modal\" style=\"position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999;background:rgba(0,0,0,.5)\"><div><a href=\"/tzgg/2026/notice.html\">关于网站系统升级的公告</a> <a href=\"javascript:close()\">关闭</a></div></div>"),
        ("white-on-dark", "", "<div style=\"background-color:#333333\"><a href=\"http://www.12377.cn/\" style=\"color:#ffffff\">违法和不良信息举报</a></div>"),
        ("gray-day", "<style>html{filter:grayscale(100%)}</style>", ""),
        ("popup-window", "<script>function openWin(u){ window.open(u, '_blank', 'width=800,height=600'); }</script>", "<a href=\"javascript:openWin('/hdjl/zxts.html')\">在线投诉</a>"),
        ("json-ld", "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"GovernmentOrganization\",\"url\":\"http://127.0.0.1:19001/\"}</script>", ""),
        ("template", "<script type=\"text/template\" id=\"tpl\"><a href=\"{{url}}\" style=\"display:none\">{{title}}</a></script>", ""),
        ("partner-tab", "<style>.pane2{display:none}</style>",
            "<div class=\"partners\"><div class=\"pane1\"><a href=\"/fw/\">便民服务</a></div><div class=\"pane2\"><a href=\"http://www.icbc.com.cn/\">工商银行</a><a href=\"http://www.ccb.com/\">建设银行</a><a href=\"http://www.10086.cn/\">中国移动</a><a href=\"http://www.95598.cn/\">国家电网</a><a href=\"https://www.12306.cn/\">铁路12306</a></div></div>"),
        ("header-white-links", "<style>.top a{color:#fff}</style>",
            "<div class=\"top\"><a href=\"http://english.example-city.com/\">English</a><a href=\"/wza/\">无障碍</a></div>"),
        ("js-tabs", "", "<div id=\"tab2\"><a href=\"/zwgk/\">政务公开</a><a href=\"http://www.gov.cn/\">中国政府网</a></div><script>$('#tab2').hide();</script>"),
        ("wechat-qr", "<style>.qr{display:none;position:absolute}</style>", "<div class=\"wx\">微信<div class=\"qr\"><img src=\"/images/wx.jpg\" alt=\"微信公众号\"><a href=\"https://mp.weixin.qq.com/s/abc\">关注政务微信</a></div></div>"),
    ];

    /// <summary>A minified-library-like inline script: short names, many functions, fromCharCode and eval words used the way libraries do.</summary>
    public const string MinifiedLibrary =
        "!function(e,t){\"use strict\";\"object\"==typeof module&&\"object\"==typeof module.exports?module.exports=e.document?t(e,!0):function(e){if(!e.document)throw new Error(\"requires a window\");return t(e)}:t(e)}(\"undefined\"!=typeof window?window:this,function(C,e){var t=[],r=Object.getPrototypeOf,s=t.slice,g=t.flat?function(e){return t.flat.call(e)}:function(e){return t.concat.apply([],e)},u=t.push,i=t.indexOf,n={},o=n.toString,y=n.hasOwnProperty,a=y.toString,l=a.call(Object),v={};function m(e,t,n){var r,i,o=(n=n||E).createElement(\"script\");if(o.text=e,t)for(r in c)(i=t[r]||t.getAttribute&&t.getAttribute(r))&&o.setAttribute(r,i);n.head.appendChild(o).parentNode.removeChild(o)}" +
        "var ne=function(e,t){var n=\"0x\"+e.slice(1)-65536;return t||(n<0?String.fromCharCode(n+65536):String.fromCharCode(n>>10|55296,1023&n|56320))};S.globalEval=function(e,t,n){m(e,{nonce:t&&t.nonce},n)};S.fn.extend({text:function(e){return $(this,function(e){return void 0===e?S.text(this):this.empty().each(function(){1!==this.nodeType&&11!==this.nodeType&&9!==this.nodeType||(this.textContent=e)})},null,e,arguments.length)}});" +
        "var Ut=/\\[\\]$/,Xt=/\\r?\\n/g,Vt=/^(?:submit|button|image|reset|file)$/i;S.param=function(e,t){var n,r=[],i=function(e,t){var n=m(t)?t():t;r[r.length]=encodeURIComponent(e)+\"=\"+encodeURIComponent(null==n?\"\":n)};return r.join(\"&\")};return S});";
}
