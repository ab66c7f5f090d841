using GovGuard.Platform.Tests.TestServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GovGuard.Platform.Tests.Monitoring;

/// <summary>How the tamper test site answers; changed while it runs.</summary>
public sealed class TamperSiteState
{
    /// <summary>The home page carries a defacement instead of its content.</summary>
    public volatile bool Defaced;

    /// <summary>The next home page request (only that one) is defaced: a transient glitch.</summary>
    public volatile bool DefaceOnce;

    /// <summary>News items on the list page, newest first.</summary>
    public int NewsItems = 3;

    /// <summary>Home page requests so far.</summary>
    public int HomeRequests;
}

/// <summary>A small government site on a real local Kestrel server: a home page with a visitor counter and a news list.</summary>
public static class TamperSite
{
    public const string DefacedTitle = "Hacked by Team X";

    public static Task<LocalWebServer> StartAsync(TamperSiteState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return LocalWebServer.StartAsync(app =>
        {
            app.MapGet("/", () =>
            {
                var n = Interlocked.Increment(ref state.HomeRequests);
                var once = state.DefaceOnce;
                state.DefaceOnce = false;
                return Results.Content(state.Defaced || once ? Defaced : Home(n), "text/html; charset=utf-8");
            });
            app.MapGet("/news/", () => Results.Content(NewsList(Volatile.Read(ref state.NewsItems)), "text/html; charset=utf-8"));
        });
    }

    private static string Home(int visits) => $"""
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>某市人民政府门户网站</title></head>
        <body><header><h1>某市人民政府</h1><nav><a href="/news/">政务要闻</a></nav></header>
        <main><p>市政府召开常务会议，研究部署安全生产、民生保障和营商环境优化工作，要求各部门压实责任。</p>
        <p>政务服务中心周末照常办公，市民可通过网上办事大厅办理社保、公积金和不动产登记等业务。</p></main>
        <footer>主办：某市人民政府办公室 访问量：{visits}</footer></body></html>
        """;

    private const string Defaced = $"""
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>{DefacedTitle}</title></head>
        <body><h1>{DefacedTitle}</h1><p>your security is zero, we were here</p>
        <script src="http://evil.example/x.js"></script></body></html>
        """;

    private static string NewsList(int items)
    {
        var list = string.Join("\n", Enumerable.Range(1, items).Reverse().Select(i =>
            $"<li><a href=\"/news/\">市政府召开第{i}次常务会议，研究城市更新和就业促进工作</a> <span>2026-11-{i:00}</span></li>"));
        return $"""
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>政务要闻 - 某市人民政府</title></head>
            <body><header><h1>某市人民政府</h1><nav><a href="/">首页</a></nav></header>
            <main><h2>政务要闻</h2><ul>{list}</ul><p>本栏目发布市政府重要会议、政策解读和工作动态。</p></main>
            <footer>主办：某市人民政府办公室</footer></body></html>
            """;
    }
}
