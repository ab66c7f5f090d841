using System.Net;
using System.Text.RegularExpressions;
using GovGuard.Detection.Headers;
using GovGuard.Detection.Http;
using GovGuard.Web.Tests.Infrastructure;

namespace GovGuard.Web.Tests.Pages;

/// <summary>The shell every user meets first: the Chinese sign-in page, the first administrator, operations endpoints.</summary>
public sealed partial class ShellTests
{
    [Fact]
    public async Task Sign_in_page_is_Chinese_and_English_is_one_click_away()
    {
        await using var host = await TestHost.StartAsync();
        using var page = await host.Client(language: "en-US").GetAsync("/login");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.Contains("登录", html, StringComparison.Ordinal);
        Assert.Contains("/lang/en", html, StringComparison.Ordinal);

        using var switchRequest = new HttpRequestMessage(HttpMethod.Get, "/lang/en?returnUrl=/login");
        using var switched = await host.Client().SendAsync(switchRequest);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var cookie = switched.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("govguard.lang=", StringComparison.Ordinal));
        using var english = new HttpRequestMessage(HttpMethod.Get, "/login");
        english.Headers.Add("Cookie", cookie.Split(';')[0]);
        var englishHtml = await (await host.Client().SendAsync(english)).Content.ReadAsStringAsync();
        Assert.Contains("Sign in", englishHtml, StringComparison.Ordinal);

        using var offsite = await host.Client().GetAsync("/lang/en?returnUrl=//evil.example/");
        Assert.Equal("/", offsite.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Pages_ask_anonymous_visitors_to_sign_in()
    {
        await using var host = await TestHost.StartAsync();
        using var r = await host.Client().GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.StartsWith("/login", r.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        using var api = await host.Client().GetAsync("/api/v1/websites");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task First_administrator_signs_in_with_the_printed_password_and_must_change_it()
    {
        await using var host = await TestHost.StartAsync();
        Assert.NotNull(host.AdminOneTimePassword);
        await WrongPasswordIsRefusedInWords(host);
        var cookies = new System.Net.CookieContainer();
        using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = host.Address };
        var form = await client.GetStringAsync("/login");
        var token = TokenField().Match(form).Groups[1].Value;
        using var post = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Form.UserName"] = "admin",
            ["Form.Password"] = host.AdminOneTimePassword!,
        }));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("/account/password", new Uri(host.Address, post.Headers.Location!).AbsolutePath);
        using var home = await client.GetAsync("/");
        Assert.Equal("/account/password", new Uri(host.Address, home.Headers.Location!).AbsolutePath);

    }

    private static async Task WrongPasswordIsRefusedInWords(TestHost host)
    {
        using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = host.Address };
        var token = TokenField().Match(await client.GetStringAsync("/login")).Groups[1].Value;
        using var wrong = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Form.UserName"] = "admin",
            ["Form.Password"] = "not-the-password",
        }));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("用户名或密码不正确", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_form_without_its_anti_forgery_token_is_refused()
    {
        await using var host = await TestHost.StartAsync();
        using var post = await host.Client().PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Form.UserName"] = "admin",
            ["Form.Password"] = host.AdminOneTimePassword!,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
    }

    [Fact]
    public async Task Health_metrics_and_the_api_description_answer()
    {
        await using var host = await TestHost.StartAsync();
        var client = host.Client();
        Assert.Contains("\"ok\"", await client.GetStringAsync("/healthz"), StringComparison.Ordinal);
        await client.GetStringAsync("/api/v1/auth/token").ContinueWith(_ => { }, TaskScheduler.Default);
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
        var openapi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/websites", openapi, StringComparison.Ordinal);
        Assert.Contains("/api/v1/audit/records", openapi, StringComparison.Ordinal);
        using var docs = await client.GetAsync("/api/docs/index.html");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }

    [Fact]
    public async Task GovGuards_own_pages_pass_its_own_security_header_check()
    {
        await using var host = await TestHost.StartAsync();
        using var r = await host.Client().GetAsync("/login");
        var headers = r.Headers.Concat(r.Content.Headers).SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).ToList();
        var view = HttpResponseView.FromText(new Uri(host.Address, "/login"), (int)r.StatusCode, headers, await r.Content.ReadAsStringAsync());
        var findings = SecurityHeaderCheck.Default.Evaluate(view);
        // Plain http on loopback: HSTS applies only over https, which the check knows.
        Assert.Empty(findings);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
