using System.Net;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Engagements;
using GovGuard.Platform.Websites;
using GovGuard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Web.Tests.Routine;

/// <summary>Emergency plans, the duty rota and change notices on a real server: ProblemDetails in the caller's language, and the pages.</summary>
public sealed class OperationsWebTests
{
    private sealed record World(TestHost Host, TestUser Owner, TestUser Provider, TestUser Outsider, WebsiteView Site);

    private static async Task<World> WorldAsync(TestHost host)
    {
        var customer = await host.Organisation("某市人民政府", OrganisationKind.GovernmentCustomer);
        var providerOrg = await host.Organisation("某云计算有限公司", OrganisationKind.CloudProvider);
        var outsiderOrg = await host.Organisation("无关单位", OrganisationKind.CloudProvider);
        var owner = await host.User("ops.owner", customer.Id, OrgRole.Admin, withPassword: false);
        var provider = await host.User("ops.provider", providerOrg.Id, withPassword: false);
        var outsider = await host.User("ops.outsider", outsiderOrg.Id, withPassword: false);
        var site = (await host.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(owner.Caller,
            new WebsiteInput("市政府门户网站", ["www.example.gov.cn"], null, null, null, 2, "iaas", "gov_cloud", null), CancellationToken.None))).Value!;
        var e = await host.In(sp => sp.GetRequiredService<EngagementService>().CreateAsync(owner.Caller, site.Id, new EngagementInput(providerOrg.Id, "provider", null), CancellationToken.None));
        Assert.True(e.Succeeded, e.Error?.Message.En);
        return new World(host, owner, provider, outsider, site);
    }

    [Fact]
    public async Task An_incomplete_plan_and_a_late_change_are_refused_with_problem_details_naming_the_rule()
    {
        await using var host = await TestHost.StartAsync();
        var w = await WorldAsync(host);
        var provider = host.Client(w.Provider.Token);
        using var draft = await provider.PutJson($"/api/v1/websites/{w.Site.Id}/emergency/plans", new
        {
            category = "web_tampering",
            title = "网页篡改事件应急预案",
            sections = new Dictionary<string, string>
            {
                ["general"] = "编制目的、依据、适用范围和工作原则（国家网络安全事件应急预案）。",
                ["roles"] = "应急领导小组、技术处置组、信息报送组的组成及职责分工。",
            },
        });
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        var plan = (await draft.Json()).GetProperty("id").GetGuid();

        using var zh = await host.Client(w.Owner.Token).PostAsync($"/api/v1/websites/{w.Site.Id}/emergency/plans/{plan}/approve", null);
        Assert.Equal(HttpStatusCode.BadRequest, zh.StatusCode);
        Assert.Equal("application/problem+json", zh.Content.Headers.ContentType?.MediaType);
        var errors = (await zh.Json()).GetProperty("errors");
        Assert.Contains("预防和预警机制", errors.GetProperty("sections.prevention")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("保障措施", errors.GetProperty("sections.safeguards")[0].GetString(), StringComparison.Ordinal);
        Assert.False(errors.TryGetProperty("sections.general", out _));

        using var en = await host.Client(w.Owner.Token, "en-US").PostAsync($"/api/v1/websites/{w.Site.Id}/emergency/plans/{plan}/approve", null);
        Assert.Contains("Handling procedure", (await en.Json()).GetProperty("errors").GetProperty("sections.procedure")[0].GetString(), StringComparison.Ordinal);

        using var late = await host.Client(w.Provider.Token, "en-US").PostJson($"/api/v1/websites/{w.Site.Id}/changes", new
        {
            title = "核心交换机更换", description = "更换核心交换机。", impact = "中断 5 分钟。",
            plannedStart = DateTimeOffset.UtcNow.AddDays(1), plannedEnd = DateTimeOffset.UtcNow.AddDays(1).AddHours(1),
        });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        var message = (await late.Json()).GetProperty("errors").GetProperty("plannedStart")[0].GetString();
        Assert.Contains("GB/T 38249 7.2.2 i", message, StringComparison.Ordinal);
        Assert.Contains("in advance", message, StringComparison.Ordinal);

        using var badShift = await provider.PostJson($"/api/v1/websites/{w.Site.Id}/duty/shifts", new { memberId = Guid.NewGuid(), kind = "nights", from = "2026-10-07", to = "2026-10-01" });
        Assert.Equal(HttpStatusCode.BadRequest, badShift.StatusCode);
        var shiftErrors = (await badShift.Json()).GetProperty("errors");
        Assert.True(shiftErrors.TryGetProperty("memberId", out _));
        Assert.True(shiftErrors.TryGetProperty("kind", out _));
        Assert.True(shiftErrors.TryGetProperty("to", out _));
    }

    [Fact]
    public async Task The_operation_pages_render_for_those_who_see_the_website_and_not_for_others()
    {
        await using var host = await TestHost.StartAsync();
        var w = await WorldAsync(host);
        var provider = host.Client(w.Provider.Token);
        using var member = await provider.PostJson($"/api/v1/websites/{w.Site.Id}/duty/members", new { name = "值班员 李四", email = "lisi@example.gov.cn", phone = "13800000001" });
        var memberId = (await member.Json()).GetProperty("id").GetGuid();
        using var shift = await provider.PostJson($"/api/v1/websites/{w.Site.Id}/duty/shifts", new { memberId, kind = "office", from = "2026-01-01", to = "2026-12-31" });
        Assert.Equal(HttpStatusCode.Created, shift.StatusCode);
        using var rota = await provider.PutJson($"/api/v1/websites/{w.Site.Id}/duty", new { timeZone = "Asia/Shanghai", officeStart = "00:00", officeEnd = "23:59" });
        Assert.Equal(HttpStatusCode.OK, rota.StatusCode);
        using var drill = await provider.PostJson($"/api/v1/websites/{w.Site.Id}/emergency/drills", new
        {
            category = "ddos", heldOn = "2026-01-15", participants = "运维组 3 人", scenario = "模拟 CC 攻击", result = "partly_effective", findings = "清洗切换慢",
        });
        Assert.Equal(HttpStatusCode.Created, drill.StatusCode);

        var owner = host.Client(w.Owner.Token);
        foreach (var (path, expect) in new[]
        {
            ($"/websites/{w.Site.Id}/emergency", "模拟 CC 攻击"),
            ($"/websites/{w.Site.Id}/duty", "值班员 李四"),
            ($"/websites/{w.Site.Id}/changes", "没有重大变更通知"),
        })
        {
            using var page = await owner.GetAsync(path);
            var html = await page.Content.ReadAsStringAsync();
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{path}: {page.StatusCode}");
            Assert.Contains(expect, html, StringComparison.Ordinal);
            Assert.Contains("市政府门户网站", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
            using var hidden = await host.Client(w.Outsider.Token).GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        var emergency = await owner.GetStringAsync($"/websites/{w.Site.Id}/emergency");
        Assert.Contains("data-category=\"web_tampering\"", emergency, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"drill-form\"", emergency, StringComparison.Ordinal);
        Assert.Contains("id=\"drill-form\"", await provider.GetStringAsync($"/websites/{w.Site.Id}/emergency"), StringComparison.Ordinal);
        using var onDuty = await owner.GetAsync($"/api/v1/websites/{w.Site.Id}/duty/on-duty?at=2026-03-03T02:00:00Z");
        var now = (await onDuty.Json()).GetProperty("now");
        Assert.Equal("office", now.GetProperty("kind").GetString());
        Assert.Equal("值班员 李四", now.GetProperty("member").GetProperty("name").GetString());
    }
}
