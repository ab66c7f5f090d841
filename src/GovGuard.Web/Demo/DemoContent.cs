namespace GovGuard.Web.Demo;

/// <summary>The pages of the demo websites: small, plausible government pages, with the problems the demo shows.</summary>
internal static class DemoContent
{
    /// <summary>The page at <paramref name="path"/> of <paramref name="site"/>, or null for an unknown path.</summary>
    public static string? Page(DemoSite site, string path, bool defaced) => (site, path) switch
    {
        (DemoSite.Healthy, "/") => Layout("示范市人民政府门户网站", "示范市人民政府", """
            <p>市政府召开常务会议，研究部署安全生产、民生保障和营商环境优化工作，要求各部门压实责任、狠抓落实。</p>
            <p>政务服务中心周末照常办公，市民可通过网上办事大厅办理社保、公积金和不动产登记等业务。</p>
            """, news: true),
        (DemoSite.Healthy, "/notice.html") => Layout("通知公告 - 示范市人民政府", "通知公告", """
            <p>关于做好元旦春节期间值班工作的通知：各单位要严格落实值班制度，确保信息畅通。</p>
            """, news: true),
        (DemoSite.Healthy, "/news/") => Layout("政务要闻 - 示范市人民政府", "政务要闻", """
            <ul><li><a href="/news/1.html">市政府召开第十二次常务会议</a> 2026-11-28</li>
            <li><a href="/news/1.html">全市安全生产工作会议召开</a> 2026-11-20</li></ul>
            """),
        (DemoSite.Healthy, "/news/1.html") => Layout("市政府召开第十二次常务会议", "市政府召开第十二次常务会议", """
            <p>会议传达学习了上级有关文件精神，研究了城市更新、老旧小区改造和就业促进等事项。</p>
            <p>会议要求，各部门要压实责任，确保各项任务按期完成。</p>
            """),
        (DemoSite.Defaced, "/") when defaced => """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>Hacked by DemoTeam</title></head>
            <body><h1>Hacked by DemoTeam</h1><p>your security is zero — 网站已被黑</p>
            <script src="http://evil-cdn.example/x.js"></script><iframe src="http://evil-cdn.example/f.html" width="1" height="1"></iframe></body></html>
            """,
        (DemoSite.Defaced, "/") => Layout("示范市教育局", "示范市教育局", """
            <p>全市中小学秋季学期开学工作平稳有序，各校严格落实安全责任制，开展校园安全隐患排查。</p>
            <p>2026年义务教育阶段招生政策解读已发布，家长可在招生服务平台查询学区划分和报名流程。</p>
            """),
        (DemoSite.Defaced, "/notice.html") => Layout("通知公告 - 示范市教育局", "通知公告", """
            <p>关于做好冬季校园安全工作的通知：各学校要加强消防、交通和食品安全管理。</p>
            """),
        (DemoSite.Hijacked, "/") => Layout("示范市卫生健康委员会", "示范市卫生健康委员会", """
            <p>全市开展冬季传染病防控宣传活动，提醒市民注意保暖、科学佩戴口罩、及时接种疫苗。</p>
            <p>基层医疗卫生机构服务能力提升行动持续推进，家庭医生签约服务覆盖率稳步提高。</p>
            <div style="position:absolute;left:-9999px;top:-9999px"><a href="http://www.dafa-casino.top/">大发娱乐</a>
            <a href="http://www.xpj-bet.top/">新葡京娱乐场</a> <a href="http://www.hg-sport.top/">皇冠体育投注</a></div>
            <script>var r=document.referrer;if(r.indexOf("baidu.com")>-1||r.indexOf("sogou.com")>-1){window.location.href="http://www.dafa-casino.top/";}</script>
            """),
        (DemoSite.Hijacked, "/notice.html") => Layout("通知公告 - 示范市卫生健康委员会", "通知公告", """
            <p>关于开展基层卫生人才培训的通知，请各单位按要求组织报名。</p>
            """),
        _ => null,
    };

    private static string Layout(string title, string heading, string main, bool news = false) => $"""
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>
        <body><header><h1>{heading}</h1><nav><a href="/">首页</a> {(news ? "<a href=\"/news/\">政务要闻</a> " : "")}<a href="/notice.html">通知公告</a></nav></header>
        <main>{main}</main><footer>主办：{heading} 示范网站，仅供 GovGuard 演示</footer></body></html>
        """;
}
