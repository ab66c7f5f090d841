using System.Text;
using GovGuard.Platform.Tests.TestServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GovGuard.Platform.Tests.Scanning;

/// <summary>How the test site behaves; changed while it runs (defacement, broken pages).</summary>
public sealed class TestSiteState
{
    /// <summary>Every unknown path answers 200 with the home page (a soft-404 site), instead of 404.</summary>
    public bool CatchAll { get; init; }

    /// <summary>The start page links a page larger than the fetcher's body cap.</summary>
    public bool WithHugePage { get; init; }

    /// <summary>The news page carries a defacement instead of its text.</summary>
    public bool Defaced { get; set; }

    /// <summary>Changes on every fetch, like a clock or a counter on a real site.</summary>
    public int Visits;
}

/// <summary>
/// A small government site on a real local Kestrel server: a clean home page and news pages, a gambling page,
/// hidden links to gambling sites, a notice with a hidden frame and a search-referrer redirect, a home page that
/// shows Baiduspider a casino, a directory listing, an exposed <c>/.git/HEAD</c>, an open Spring Boot Actuator,
/// and none of the security headers.
/// </summary>
public static class TestSite
{
    public const string Home = """
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>某市人民政府门户网站</title></head>
        <body><header><h1>某市人民政府</h1><nav><a href="/news/1.html">政务要闻</a> <a href="/news/2.html">通知公告</a>
        <a href="/ads/bet.html">专题</a> <a href="/files/">公开目录</a> <a href="/notice.html">公告</a> {0}</nav></header>
        <main><p>市政府召开常务会议，研究部署安全生产、民生保障和营商环境优化工作。</p></main>
        <footer>主办：某市人民政府办公室 访问量：{1}</footer></body></html>
        """;

    public static async Task<LocalWebServer> StartAsync(TestSiteState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return await LocalWebServer.StartAsync(app =>
        {
            app.MapGet("/", (HttpContext c) => Results.Content(
                c.Request.Headers.UserAgent.ToString().Contains("Baiduspider", StringComparison.Ordinal) ? SpiderHome : HomePage(state),
                "text/html; charset=utf-8"));
            app.MapGet("/notice.html", () => Results.Content(Notice, "text/html; charset=utf-8"));
            app.MapGet("/news/{n:int}.html", (int n) => Results.Content(News(state, n), "text/html; charset=utf-8"));
            app.MapGet("/ads/bet.html", () => Results.Content(
                "<html><head><title>专题</title></head><body><div style=\"display:none\">澳门赌场 在线百家乐 真人荷官 <a href=\"/\">首页</a></div></body></html>",
                "text/html; charset=utf-8"));
            app.MapGet("/files/", () => Results.Content(
                "<html>\r\n<head><title>Index of /files/</title></head>\r\n<body>\r\n<h1>Index of /files/</h1><hr><pre><a href=\"../\">../</a>\r\n"
                + "<a href=\"report.pdf\">report.pdf</a>                                         01-Jan-2024 10:00              1234\r\n</pre><hr></body>\r\n</html>\r\n",
                "text/html"));
            app.MapGet("/.git/HEAD", () => Results.Text("ref: refs/heads/master\n", "text/plain"));
            app.MapGet("/actuator", () => Results.Text(
                """{"_links":{"self":{"href":"http://localhost/actuator","templated":false},"health":{"href":"http://localhost/actuator/health","templated":false},"env":{"href":"http://localhost/actuator/env","templated":false}}}""",
                "application/vnd.spring-boot.actuator.v3+json"));
            app.MapGet("/huge.html", () => Results.Content("<html><body>" + new string('x', 6 * 1024 * 1024) + "</body></html>", "text/html"));
            app.MapFallback((HttpContext c) => state.CatchAll
                ? Results.Content(HomePage(state), "text/html; charset=utf-8")
                : Results.Content("<html><body><h1>404 页面不存在</h1></body></html>", "text/html; charset=utf-8", Encoding.UTF8, 404));
        });
    }

    /// <summary>A loopback port nothing listens on.</summary>
    public static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string HomePage(TestSiteState state) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Home,
            state.WithHugePage ? "<a href=\"/huge.html\">大文件</a>" : "", Interlocked.Increment(ref state.Visits));

    private const string SpiderHome = """
        <html><head><title>澳门赌场-真人百家乐-网上赌博平台</title></head><body><h1>澳门赌场 官方网站</h1>
        <p>真人百家乐、网上赌博、体育投注，注册即送彩金。</p><a href="http://www.dafa-casino.top/">立即注册</a></body></html>
        """;

    private const string Notice = """
        <html><head><title>通知公告</title></head><body><h1>关于做好节假日值班工作的通知</h1>
        <p>各单位要严格落实值班制度，确保信息畅通。</p>
        <iframe src="http://cnzz-stat.top/c.html" width="0" height="0" frameborder="0"></iframe>
        <script>var r=document.referrer;if(r.indexOf("baidu.com")>-1||r.indexOf("sogou.com")>-1){window.location.href="http://www.dafa-casino.top/";}</script>
        </body></html>
        """;

    private static string News(TestSiteState state, int n) => state.Defaced && n == 1
        ? "<html><head><title>Hacked by xx team</title></head><body><h1>Hacked by xx team</h1><p>your security is zero</p>"
          + "<script src=\"http://evil.example/x.js\"></script></body></html>"
        : $"""
          <html><head><title>政务要闻 {n}</title></head><body><h1>市政府召开第{n}次常务会议</h1>
          <p>会议传达学习了上级有关文件精神，研究了城市更新、老旧小区改造和就业促进等事项。</p>
          <p>会议要求，各部门要压实责任，确保各项任务按期完成。发布时间：2026-11-{n:00}。</p>
          {(n == 2 ? DarkLinks : "")}
          <a href="/">返回首页</a></body></html>
          """;

    private const string DarkLinks = """
        <div style="position:absolute;left:-9999px;top:-9999px"><a href="http://www.dafa-casino.top/">大发娱乐</a>
        <a href="http://www.xpj-bet.top/">新葡京</a> <a href="http://www.hg-sport.top/">皇冠体育</a></div>
        """;
}
