using System.Net;
using System.Text.Json;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Organisations;
using GovGuard.Platform.Websites;
using GovGuard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Web.Tests.Monitoring;

/// <summary>The monitors API on a real server with its embedded silo: validation, the SSRF guard on save, defaults, check now, overview.</summary>
public sealed class MonitorsApiTests(MonitorsApiTests.SharedHost shared) : IClassFixture<MonitorsApiTests.SharedHost>
{
    public sealed class SharedHost : IAsyncLifetime
    {
        public TestHost Host { get; private set; } = null!;

        public TestUser Owner { get; private set; } = null!;

        public WebsiteView Site { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Host = await TestHost.StartAsync();
            var customer = await Host.Organisation("某市人民政府（监测）", OrganisationKind.GovernmentCustomer);
            Owner = await Host.User("monitor.owner", customer.Id, OrgRole.Admin, withPassword: false);
            var caller = Owner.Caller;
            Site = (await Host.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(caller,
                new WebsiteInput("市政府门户网站", ["www.jiance.gov.cn", "jiance.gov.cn"], null, null, null, 2, "iaas", "gov_cloud", null), CancellationToken.None))).Value!;
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    private HttpClient Client => shared.Host.Client(shared.Owner.Token, "en");

    private string Monitors => $"/api/v1/websites/{shared.Site.Id}/monitors";

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "ssrf.metadata")]
    [InlineData("http://10.0.0.1/", "ssrf.private")]
    [InlineData("http://127.0.0.1:8080/", "ssrf.loopback")]
    [InlineData("http://[::ffff:169.254.169.254]/", "ssrf.metadata")]
    [InlineData("http://0x7f000001/", "ssrf.loopback")]
    [InlineData("file:///etc/passwd", "url.scheme")]
    public async Task A_target_the_ssrf_guard_refuses_is_refused_on_save_with_its_rule(string target, string rule)
    {
        using var r = await Client.PostJson(Monitors, new { kind = "availability", name = "metadata", target });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var body = await r.Json();
        Assert.Contains(body.GetProperty("rules").EnumerateArray(), e => e.GetProperty("field").GetString() == "target" && e.GetProperty("rule").GetString() == rule);
        Assert.Contains(rule, body.GetProperty("errors").GetProperty("target")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Field_errors_name_the_fields()
    {
        using var r = await Client.PostJson(Monitors, new
        {
            kind = "tls",
            name = "",
            target = "http://www.jiance.gov.cn/",
            intervalSeconds = 5,
            failuresBeforeDown = 0,
            settings = new { expiryWarningDays = 0, bogus = 1 },
        });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var fields = (await r.Json()).GetProperty("rules").EnumerateArray().Select(e => e.GetProperty("field").GetString() + ":" + e.GetProperty("rule").GetString()).ToList();
        Assert.Contains("name:required", fields);
        Assert.Contains("target:url.https", fields);
        Assert.Contains("intervalSeconds:range", fields);
        Assert.Contains("failuresBeforeDown:range", fields);
        Assert.Contains(fields, f => f.StartsWith("settings", StringComparison.Ordinal));

        using var tamper = await Client.PostJson(Monitors, new { kind = "tamper", name = "篡改", target = "https://www.jiance.gov.cn/", settings = new { maxPages = 0, maskPatterns = new[] { "(" } } });
        var tamperFields = (await tamper.Json()).GetProperty("rules").EnumerateArray().Select(e => e.GetProperty("field").GetString() + ":" + e.GetProperty("rule").GetString()).ToList();
        Assert.Contains("settings.maxPages:range", tamperFields);
        Assert.Contains("settings.maskPatterns:regex", tamperFields);
    }

    [Fact]
    public async Task Defaults_create_availability_tls_and_dns_once()
    {
        var site = (await shared.Host.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(shared.Owner.Caller,
            new WebsiteInput("区政府网站", ["www.qu.gov.cn", "qu.gov.cn"], null, null, null, 2, "iaas", "gov_cloud", null), CancellationToken.None))).Value!;
        using var first = await Client.PostAsync($"/api/v1/websites/{site.Id}/monitors/defaults", null);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var made = (await first.Json()).EnumerateArray().Select(m => m.GetProperty("kind").GetString() + " " + m.GetProperty("target").GetString()).Order().ToList();
        Assert.Equal(["availability https://www.qu.gov.cn/", "dns qu.gov.cn", "dns www.qu.gov.cn", "tls https://www.qu.gov.cn/"], made);

        using var again = await Client.PostAsync($"/api/v1/websites/{site.Id}/monitors/defaults", null);
        Assert.Empty((await again.Json()).EnumerateArray());
        using var list = await Client.GetAsync($"/api/v1/websites/{site.Id}/monitors");
        Assert.Equal(4, (await list.Json()).GetArrayLength());
    }

    [Fact]
    public async Task Check_now_runs_through_the_grain_and_its_result_is_listed_and_on_the_overview()
    {
        using var created = await Client.PostJson(Monitors, new { kind = "availability", name = "首页", target = "https://www.jiance.gov.cn/", intervalSeconds = 3600 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Json()).GetProperty("id").GetString();

        // No network here: the name does not resolve, so the check fails closed (a failure, retried before Down).
        using var check = await Client.PostAsync($"/api/v1/monitors/{id}/check-now", null);
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var report = await check.Json();
        Assert.Equal("down", report.GetProperty("rawHealth").GetString());
        var resultId = report.GetProperty("resultId").GetInt64();

        using var results = await Client.GetAsync($"/api/v1/monitors/{id}/results?limit=10");
        Assert.Contains((await results.Json()).EnumerateArray(), r => r.GetProperty("id").GetInt64() == resultId);

        using var details = await Client.GetAsync($"/api/v1/monitors/{id}");
        var d = await details.Json();
        Assert.Equal(3, d.GetProperty("uptime").GetArrayLength());
        Assert.True(d.GetProperty("monitor").GetProperty("state").GetProperty("lastResultId").GetInt64() >= resultId);

        using var overview = await Client.GetAsync("/api/v1/monitoring/overview");
        var o = await overview.Json();
        var site = o.GetProperty("websites").EnumerateArray().Single(w => w.GetProperty("id").GetString() == shared.Site.Id.ToString());
        Assert.Contains(site.GetProperty("monitors").EnumerateArray(), m => m.GetProperty("id").GetString() == id && m.GetProperty("health").ValueKind == JsonValueKind.String);

        using var gone = await Client.DeleteAsync($"/api/v1/monitors/{id}");
        Assert.Equal(HttpStatusCode.NoContent, gone.StatusCode);
        using var after = await Client.GetAsync($"/api/v1/monitors/{id}");
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }
}
