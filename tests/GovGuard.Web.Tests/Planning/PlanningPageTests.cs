using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Engagements;
using GovGuard.Platform.Planning;
using GovGuard.Platform.Tests.Planning;
using GovGuard.Platform.Websites;
using GovGuard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Web.Tests.Planning;

/// <summary>The planning pages: forms built from the payload schema, and the printable reports.</summary>
public sealed partial class PlanningPageTests
{
    private sealed record World(TestHost Host, TestUser Owner, TestUser Assessor, WebsiteView Site);

    private static async Task<World> WorldAsync(TestHost host)
    {
        var customer = await host.Organisation("某市人民政府", OrganisationKind.GovernmentCustomer);
        var assessorOrg = await host.Organisation("某测评中心", OrganisationKind.ThirdPartyAssessor);
        var owner = await host.User("owner.admin", customer.Id, OrgRole.Admin, withPassword: false);
        var assessor = await host.User("assessor.lead", assessorOrg.Id, withPassword: false);
        var site = (await host.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(owner.Caller,
            new WebsiteInput("市政府门户网站", ["www.example.gov.cn"], null, null, null, 3, "iaas", "gov_cloud", null), CancellationToken.None))).Value!;
        var e = await host.In(sp => sp.GetRequiredService<EngagementService>().CreateAsync(owner.Caller, site.Id, new EngagementInput(assessorOrg.Id, "assessor", null), CancellationToken.None));
        Assert.True(e.Succeeded);
        return new World(host, owner, assessor, site);
    }

    private static async Task Approve(World w, ArtefactKind kind)
    {
        var code = ArtefactKinds.Of(kind).Code;
        var saved = await w.Host.In(sp => sp.GetRequiredService<PlanningService>().SaveAsync(w.Owner.Caller, w.Site.Id, code, new ArtefactInput(PlanningSamples.For(kind)), CancellationToken.None));
        Assert.True(saved.Succeeded, saved.Error?.Message.En);
        var approved = await w.Host.In(sp => sp.GetRequiredService<PlanningService>().ApproveAsync(w.Owner.Caller, w.Site.Id, code, saved.Value!.Number, CancellationToken.None));
        Assert.True(approved.Succeeded, approved.Error?.Message.En);
    }

    [Fact]
    public async Task Sla_report_is_a_printable_Chinese_page_without_scripts_or_inline_styles()
    {
        await using var host = await TestHost.StartAsync();
        var w = await WorldAsync(host);
        await Approve(w, ArtefactKind.Sla);
        using var r = await host.Client(w.Assessor.Token).GetAsync($"/websites/{w.Site.Id}/planning/sla/report");
        var html = await r.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Contains("<html lang=\"zh-CN\"", html, StringComparison.Ordinal);
        foreach (var text in new[] { "服务水平协议", "市政府门户网站", "依据 GB/T 38249-2019", "可用性（%）", "99.95", "特别重大事件（Ⅰ级）", "恢复点目标（RPO）", "已批准", "批准：" })
        {
            Assert.Contains(text, html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        var css = await host.Client().GetStringAsync("/assets/govguard.css");
        Assert.Contains("@media print", css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Selection_report_shows_the_ranking_and_the_knock_out()
    {
        await using var host = await TestHost.StartAsync();
        var w = await WorldAsync(host);
        await Approve(w, ArtefactKind.ProviderSelection);
        var html = await host.Client(w.Owner.Token).GetStringAsync($"/websites/{w.Site.Id}/planning/provider_selection/report");
        Assert.Contains("评分排名", html, StringComparison.Ordinal);
        Assert.Matches("甲云</td>\\s*<td>92.0</td>", html);
        Assert.Contains("否决（5.4.a.1）", html, StringComparison.Ordinal);
        Assert.Contains("5.4.a.1 选择通过安全审查的云服务", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requirements_report_is_assembled_from_its_analyses()
    {
        await using var host = await TestHost.StartAsync();
        var w = await WorldAsync(host);
        foreach (var k in Platform.Planning.Payloads.RequirementsReport.SourceKinds.Append(ArtefactKind.RequirementsReport))
        {
            await Approve(w, k);
        }

        var html = await host.Client(w.Owner.Token).GetStringAsync($"/websites/{w.Site.Id}/planning/requirements_report/report");
        Assert.Contains("依据的分析（5.3.1～5.3.4）", html, StringComparison.Ordinal);
        foreach (var kind in new[] { "website_inventory", "migration_decision", "resource_needs", "security_requirements" })
        {
            Assert.Contains($"data-kind=\"{kind}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("出口防火墙", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_posts_a_draft_and_shows_rule_messages_beside_the_field()
    {
        await using var host = await TestHost.StartAsync();
        var w = await WorldAsync(host);
        var cookies = new CookieContainer();
        using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = host.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", w.Owner.Token);
        var url = $"/websites/{w.Site.Id}/planning/sla";
        var page = await client.GetStringAsync(url);
        // The template offers one row per incident grade and per term to define.
        Assert.Contains("name=\"p.incidentResponse[3].grade\" value=\"general\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"p.definitions[5].term\" value=\"incident_grade\"", page, StringComparison.Ordinal);

        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "save-artefact",
            ["__RequestVerificationToken"] = TokenField().Match(page).Groups[1].Value,
            ["basedOn"] = "0",
            ["p.availability"] = "101",
            ["p.measurementWindow"] = "month",
            ["p.responseTimeMs"] = "800",
            ["p.responseTimePercentile"] = "95",
            ["p.rtoMinutes"] = "240",
            ["p.rpoMinutes"] = "15",
            ["p.requirementsMapping"] = "对应需求报告",
        };
        var grades = new[] { "especially_major", "major", "relatively_major", "general" };
        for (var i = 0; i < grades.Length; i++)
        {
            fields[$"p.incidentResponse[{i}].grade"] = grades[i];
            fields[$"p.incidentResponse[{i}].responseMinutes"] = ((i + 1) * 15).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var terms = new[] { "availability", "response_time", "rto", "rpo", "incident_response", "incident_grade" };
        for (var i = 0; i < terms.Length; i++)
        {
            fields[$"p.definitions[{i}].term"] = terms[i];
            fields[$"p.definitions[{i}].definition"] = "定义" + i;
        }

        using var bad = await client.PostAsync(url, new FormUrlEncodedContent(fields));
        var answer = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("data-field=\"availability\">可用性（%）（availability）必须在 0 到 100 之间。", answer, StringComparison.Ordinal);
        Assert.Contains("value=\"101\"", answer, StringComparison.Ordinal);

        fields["p.availability"] = "99.9";
        using var good = await client.PostAsync(url, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var saved = await host.In(sp => sp.GetRequiredService<PlanningService>().GetAsync(w.Owner.Caller, w.Site.Id, "sla", null, CancellationToken.None));
        Assert.Equal(99.9m, saved.Value!.Payload.GetProperty("availability").GetDecimal());
        Assert.Equal(30, saved.Value.Payload.GetProperty("incidentResponse")[1].GetProperty("responseMinutes").GetInt32());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
