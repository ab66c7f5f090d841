using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using GovGuard.Catalog.Roles;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Headers;
using GovGuard.Detection.Http;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Websites;
using GovGuard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Web.Tests.Pages;

/// <summary>GovGuard's own answers: they pass its own header check, and stored uploads are only ever downloads.</summary>
public sealed partial class HardeningWebTests
{
    private const string Html = "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n";
    private const string Svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(document.domain)\"><script>alert(1)</script></svg>\n";

    private static async Task<IReadOnlyList<Finding>> CheckAsync(HttpResponseMessage r, Uri url)
    {
        var headers = r.Headers.Concat(r.Content.Headers).SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).ToList();
        var view = HttpResponseView.FromText(url, (int)r.StatusCode, headers, await r.Content.ReadAsStringAsync());
        // The detector `scan site` runs on every page it crawls.
        return SecurityHeaderCheck.Default.Evaluate(view);
    }

    [Fact]
    public async Task Sign_in_page_signed_in_page_and_api_answer_pass_GovGuards_own_header_check()
    {
        await using var host = await TestHost.StartAsync();
        var org = await host.Organisation("某市人民政府", OrganisationKind.GovernmentCustomer);
        var user = await host.User("hdr.owner", org.Id, OrgRole.Admin);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = host.Address };

        using var login = await browser.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var loginHtml = await login.Content.ReadAsStringAsync();
        Assert.DoesNotContain(await CheckAsync(login, new Uri(host.Address, "/login")), f => f.Category == Categories.VulnMissingHeader);

        using var post = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = TokenField().Match(loginHtml).Groups[1].Value,
            ["Form.UserName"] = user.UserName,
            ["Form.Password"] = user.Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        using var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("hdr.owner", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var signedIn = await CheckAsync(home, new Uri(host.Address, "/"));
        Assert.DoesNotContain(signedIn, f => f.Category == Categories.VulnMissingHeader);

        using var api = await host.Client(user.Token).GetAsync("/api/v1/websites");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.DoesNotContain(await CheckAsync(api, new Uri(host.Address, "/api/v1/websites")), f => f.Category == Categories.VulnMissingHeader);
    }

    [Fact]
    public async Task Uploaded_html_and_svg_are_refused_by_name_and_served_only_as_sandboxed_downloads_when_disguised()
    {
        await using var host = await TestHost.StartAsync();
        var org = await host.Organisation("某市人民政府", OrganisationKind.GovernmentCustomer);
        var owner = await host.User("dl.owner", org.Id, OrgRole.Admin, withPassword: false);
        var site = (await host.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(owner.Caller,
            new WebsiteInput("市政府门户网站", ["www.dl.gov.cn"], null, null, null, 2, "iaas", "gov_cloud", null), CancellationToken.None))).Value!;
        var client = host.Client(owner.Token);
        var evidenceUrl = $"/api/v1/websites/{site.Id}/duties/5.2.1.a/evidence";

        // Their own names are refused outright: no HTML or SVG file is ever stored.
        foreach (var (name, body) in new[] { ("page.html", Html), ("logo.svg", Svg) })
        {
            using var refused = await client.PostAsync(evidenceUrl, Form(("kind", "document"), ("title", name), name, body));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        // The same bytes under an allowed name are stored; every serving endpoint hands them out only as attachments.
        using var opened = await client.PostAsJsonAsync($"/api/v1/websites/{site.Id}/incidents", new { title = "首页被篡改", category = "web_tampering", grade = "general" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var incident = await opened.Json();
        var incidentId = (incident.TryGetProperty("incident", out var inner) ? inner : incident).GetProperty("id").GetGuid();
        var served = new List<string>();
        foreach (var (name, body) in new[] { ("page.txt", Html), ("logo.txt", Svg) })
        {
            using var evidence = await client.PostAsync(evidenceUrl, Form(("kind", "document"), ("title", name), name, body));
            Assert.Equal(HttpStatusCode.Created, evidence.StatusCode);
            served.Add($"/api/v1/evidence/{(await evidence.Json()).GetProperty("id").GetString()}/content");
            using var attached = await client.PostAsync($"/api/v1/incidents/{incidentId}/files", Form(("title", name), name, body));
            Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
            served.Add(attached.Headers.Location!.ToString());
        }

        served.Add($"/api/v1/websites/{site.Id}/reports/compliance.csv");
        served.Add($"/api/v1/websites/{site.Id}/reports/compliance.xlsx");
        foreach (var url in served)
        {
            using var r = await client.GetAsync(url);
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{url}: {r.StatusCode}");
            Assert.Equal("attachment", r.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("nosniff", Assert.Single(r.Headers.GetValues("X-Content-Type-Options")));
            var type = r.Content.Headers.ContentType?.MediaType ?? string.Empty;
            Assert.DoesNotContain("html", type, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("svg", type, StringComparison.OrdinalIgnoreCase);
            var csp = Assert.Single(r.Headers.GetValues("Content-Security-Policy"));
            Assert.StartsWith("sandbox", csp, StringComparison.Ordinal);
            Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        }
    }

    private static MultipartFormDataContent Form((string Name, string Value) a, (string Name, string Value) b, string fileName, string body)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".svg", StringComparison.Ordinal) ? "image/svg+xml" : "text/html");
        return new MultipartFormDataContent { { new StringContent(a.Value), a.Name }, { new StringContent(b.Value), b.Name }, { file, "file", fileName } };
    }

    private static MultipartFormDataContent Form((string Name, string Value) a, string fileName, string body)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/html");
        return new MultipartFormDataContent { { new StringContent(a.Value), a.Name }, { file, "file", fileName } };
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
