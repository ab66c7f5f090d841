using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GovGuard.Catalog.Roles;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Engagements;
using GovGuard.Platform.Incidents;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Websites;
using GovGuard.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Web.Tests.Incidents;

/// <summary>The incident and improvement API and pages over the real server: ProblemDetails, files, forms.</summary>
public sealed partial class IncidentsWebTests
{
    private sealed record World(TestUser Owner, TestUser Provider, TestUser Assessor, TestUser Outsider, WebsiteView Site, IReadOnlyList<Guid> Alerts);

    private static async Task<World> WorldAsync(TestHost host)
    {
        var customer = await host.Organisation("某市人民政府", OrganisationKind.GovernmentCustomer);
        var provider = await host.Organisation("某云计算有限公司", OrganisationKind.CloudProvider);
        var assessor = await host.Organisation("某测评中心", OrganisationKind.ThirdPartyAssessor);
        var outsider = await host.Organisation("无关单位", OrganisationKind.CloudProvider);
        var owner = await host.User("inc.owner", customer.Id, OrgRole.Admin, withPassword: false);
        var ops = await host.User("inc.provider", provider.Id, withPassword: false);
        var lead = await host.User("inc.assessor", assessor.Id, withPassword: false);
        var other = await host.User("inc.outsider", outsider.Id, withPassword: false);
        var site = (await host.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(owner.Caller,
            new WebsiteInput("市政府门户网站", ["www.shi.gov.cn"], null, null, null, 2, "iaas", "gov_cloud", null), CancellationToken.None))).Value!;
        foreach (var (org, role) in new[] { (provider.Id, "provider"), (assessor.Id, "assessor") })
        {
            var e = await host.In(sp => sp.GetRequiredService<EngagementService>().CreateAsync(owner.Caller, site.Id, new EngagementInput(org, role, null), CancellationToken.None));
            Assert.True(e.Succeeded, e.Error?.Message.En);
        }

        // A monitor going down while the home page shows a defacement: two alerts from the alerting pipeline.
        var monitor = Guid.NewGuid();
        var deface = new Finding(Categories.TamperDefacement, Severity.Critical, "https://www.shi.gov.cn/", "https://www.shi.gov.cn/", null, null, "tamper.title_changed", "首页标题被篡改", "<b>hacked</b>");
        var down = new Finding(Categories.AvailabilityDown, Severity.High, "https://www.shi.gov.cn/", "https://www.shi.gov.cn/", null, null, "availability.timeout", "网站无法访问", "timeout");
        await host.App.Services.GetRequiredService<AlertProcessor>().ProcessAsync(new MonitorObservation(site.Id, monitor, MonitorKind.Availability,
            MonitorHealth.Down, DateTimeOffset.UtcNow, new("连接超时", "connect timed out"), [down, deface], 1), CancellationToken.None);
        await using var db = host.Db.Context();
        var alerts = await db.Alerts.Where(a => a.WebsiteId == site.Id).Select(a => a.Id).ToListAsync();
        Assert.Equal(2, alerts.Count);
        return new World(owner, ops, lead, other, site, alerts);
    }

    [Fact]
    public async Task The_api_answers_bad_input_with_problem_details_and_drives_an_incident_to_closure()
    {
        await using var host = await TestHost.StartAsync();
        var w = await WorldAsync(host);
        var en = host.Client(w.Provider.Token, "en");
        var zh = host.Client(w.Provider.Token);

        using var bad = await en.PostAsJsonAsync($"/api/v1/websites/{w.Site.Id}/incidents", new { title = "", category = "fire", grade = "huge" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var problem = await bad.Json();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors");
        Assert.Contains("Category (category) must be one of: web_tampering", errors.GetProperty("category")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("especially_major, major, relatively_major, general", errors.GetProperty("grade")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Title (title) is required.", errors.GetProperty("title")[0].GetString());

        using var mixed = await zh.PostAsJsonAsync("/api/v1/alerts/incident", new { alertIds = new[] { w.Alerts[0], Guid.NewGuid() } });
        Assert.Equal(HttpStatusCode.NotFound, mixed.StatusCode);

        using var created = await zh.PostAsJsonAsync("/api/v1/alerts/incident", new { alertIds = w.Alerts, grade = "major" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var incident = await created.Json();
        var id = incident.GetProperty("incident").GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/incidents/{id}", created.Headers.Location?.ToString());
        Assert.Equal("web_tampering", incident.GetProperty("incident").GetProperty("category").GetString());
        Assert.Equal(3, incident.GetProperty("reports").GetArrayLength());

        using var again = await zh.PostAsJsonAsync("/api/v1/alerts/incident", new { alertIds = new[] { w.Alerts[1] } });
        var taken = await again.Json();
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("in_other_incident", taken.GetProperty("rules")[0].GetProperty("rule").GetString());

        using var skipNote = await en.PostAsJsonAsync($"/api/v1/incidents/{id}/stage", new { to = "recovered" });
        Assert.Equal("Note (note) is required.", (await skipNote.Json()).GetProperty("errors").GetProperty("note")[0].GetString());
        using var recovered = await en.PostAsJsonAsync($"/api/v1/incidents/{id}/stage", new { to = "recovered", note = "页面已恢复" });
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        var stages = (await recovered.Json()).GetProperty("incident").GetProperty("stages");
        Assert.Equal("recovered", stages[3].GetProperty("stage").GetString());
        Assert.True(stages[3].GetProperty("current").GetBoolean());

        using var close = await en.PostAsJsonAsync($"/api/v1/incidents/{id}/stage", new { to = "closed", note = "完毕" });
        Assert.Equal(HttpStatusCode.Conflict, close.StatusCode);
        Assert.Contains("post-incident review", (await close.Json()).GetProperty("title").GetString(), StringComparison.Ordinal);

        using var assessorReview = await host.Client(w.Assessor.Token).PutAsJsonAsync($"/api/v1/incidents/{id}/review", new { cause = "a", impact = "b", whatWorked = "c", lessons = "d" });
        Assert.Equal(HttpStatusCode.Forbidden, assessorReview.StatusCode);
        using var review = await zh.PutAsJsonAsync($"/api/v1/incidents/{id}/review", new
        {
            cause = "后台弱口令",
            impact = "首页被篡改",
            whatWorked = "备份站点",
            lessons = "启用双因素认证",
            actions = new[] { new { title = "后台启用双因素认证", ownerOrganisationId = w.Provider.Caller.OrganisationId, dueOn = "2030-01-31" } },
        });
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.Equal(1, (await review.Json()).GetProperty("actions").GetArrayLength());
        using var closed = await zh.PostAsJsonAsync($"/api/v1/incidents/{id}/stage", new { to = "closed", note = "处置完毕" });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        // Files: multipart with a bearer token; a download is an attachment, never rendered.
        using var form = new MultipartFormDataContent
        {
            { new StringContent("登录日志"), "title" },
            { new ByteArrayContent("10.0.0.8 POST /admin/login 200\n"u8.ToArray()), "file", "login.log.txt" },
        };
        using var uploaded = await zh.PostAsync($"/api/v1/incidents/{id}/files", form);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var file = await uploaded.Json();
        using var download = await host.Client(w.Assessor.Token).GetAsync(uploaded.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("10.0.0.8 POST /admin/login 200\n", await download.Content.ReadAsStringAsync());
        Assert.Equal(64, file.GetProperty("sm3").GetString()!.Length);

        using var noFile = await en.PostAsync($"/api/v1/incidents/{id}/files", new MultipartFormDataContent { { new StringContent("x"), "title" } });
        Assert.Equal("Choose a file to upload (file).", (await noFile.Json()).GetProperty("errors").GetProperty("file")[0].GetString());

        using var hidden = await host.Client(w.Outsider.Token).GetAsync($"/api/v1/incidents/{id}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);

        using var improvement = await zh.GetAsync($"/api/v1/websites/{w.Site.Id}/improvement");
        var actions = (await improvement.Json()).GetProperty("actions");
        Assert.Equal("incident_review", actions[0].GetProperty("source").GetString());
        using var badAction = await en.PostAsJsonAsync($"/api/v1/improvement-actions/{actions[0].GetProperty("id").GetGuid()}/status", new { status = "closed" });
        Assert.Equal("Closing note (note) is required.", (await badAction.Json()).GetProperty("errors").GetProperty("note")[0].GetString());
        using var badDate = await en.PostAsJsonAsync($"/api/v1/websites/{w.Site.Id}/inspections", new { performedOn = "2999-01-01", inspectors = "x", scope = "y", report = "z" });
        Assert.Equal("not_future", (await badDate.Json()).GetProperty("rules")[0].GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Pages_render_and_the_forms_group_alerts_and_move_the_incident_on()
    {
        await using var host = await TestHost.StartAsync();
        var w = await WorldAsync(host);
        var cookies = new CookieContainer();
        using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = host.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", w.Provider.Token);

        var list = await client.GetStringAsync("/incidents");
        Assert.Contains("id=\"ungrouped-alerts\"", list, StringComparison.Ordinal);
        Assert.Contains("tamper.defacement", list, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>hacked</b>", list, StringComparison.Ordinal);
        var alertPage = await client.GetStringAsync($"/alerts/{w.Alerts[0]}");
        Assert.Contains("id=\"open-incident\"", alertPage, StringComparison.Ordinal);

        var fields = new List<KeyValuePair<string, string>>
        {
            new("_handler", "from-alerts"),
            new("__RequestVerificationToken", TokenField().Match(list).Groups[1].Value),
            new("Group.Grade", "relatively_major"),
        };
        fields.AddRange(w.Alerts.Select(a => new KeyValuePair<string, string>("alertIds", a.ToString())));
        using var grouped = await client.PostAsync("/incidents", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, grouped.StatusCode);
        var url = grouped.Headers.Location!.AbsolutePath;
        Assert.Matches("^/incidents/[0-9a-f-]{36}$", url);

        var page = await client.GetStringAsync(url);
        Assert.Contains("网页篡改", page, StringComparison.Ordinal);
        Assert.Contains("较大", page, StringComparison.Ordinal);
        Assert.Contains("data-recipient=\"customer\"", page, StringComparison.Ordinal);
        Assert.Contains("data-recipient=\"supervisor\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-recipient=\"emergency_management\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"incident-timeline\"", page, StringComparison.Ordinal);

        var advance = new Dictionary<string, string>
        {
            ["_handler"] = "advance",
            ["__RequestVerificationToken"] = TokenField().Match(page).Groups[1].Value,
            ["Stage.To"] = "analysed",
            ["Stage.Note"] = "",
        };
        using var refused = await client.PostAsync(url, new FormUrlEncodedContent(advance));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("data-field=\"note\">说明（note）为必填项。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        advance["Stage.Note"] = "研判为后台弱口令入侵";
        using var moved = await client.PostAsync(url, new FormUrlEncodedContent(advance));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var after = await client.GetStringAsync(url);
        Assert.Contains("研判为后台弱口令入侵", after, StringComparison.Ordinal);
        Assert.Contains("已研判", after, StringComparison.Ordinal);
        Assert.Contains("此告警已归入安全事件", await client.GetStringAsync($"/alerts/{w.Alerts[0]}"), StringComparison.Ordinal);

        foreach (var path in new[] { "/incidents", url, $"/websites/{w.Site.Id}/improvement", $"/alerts/{w.Alerts[1]}" })
        {
            using var r = await host.Client(w.Assessor.Token).GetAsync(path);
            var html = await r.Content.ReadAsStringAsync();
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{path}: {r.StatusCode}");
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("市政府门户网站", html, StringComparison.Ordinal);
            // The assessor reads: no forms to change anything.
            Assert.DoesNotContain("id=\"advance\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"new-action\"", html, StringComparison.Ordinal);
        }

        var improvement = await client.GetStringAsync($"/websites/{w.Site.Id}/improvement");
        Assert.Contains("id=\"new-action\"", improvement, StringComparison.Ordinal);
        Assert.Contains("业务连续性计划", improvement, StringComparison.Ordinal);
        using var outsider = await host.Client(w.Outsider.Token).GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
