using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Engagements;
using GovGuard.Platform.Websites;
using GovGuard.Tests.Shared;
using GovGuard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Web.Tests.Compliance;

public sealed class ComplianceApiTests
{
    private static MultipartFormDataContent Form(string kind, string title, string fileName, byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent
        {
            { new StringContent(kind), "kind" },
            { new StringContent(title), "title" },
            { file, "file", fileName },
        };
    }

    [Theory]
    [Databases]
    public async Task Upload_review_download_and_a_refused_transition_through_the_api(string database)
    {
        await using var host = await TestHost.StartAsync(database);
        var customer = await host.Organisation("某市人民政府", OrganisationKind.GovernmentCustomer);
        var integrator = await host.Organisation("某系统集成公司", OrganisationKind.SystemIntegrator);
        var assessor = await host.Organisation("某测评中心", OrganisationKind.ThirdPartyAssessor);
        var outsider = await host.Organisation("无关单位", OrganisationKind.CloudProvider);
        var owner = await host.User("owner", customer.Id, OrgRole.Admin, withPassword: false);
        var builder = await host.User("builder", integrator.Id, withPassword: false);
        var judge = await host.User("judge", assessor.Id, withPassword: false);
        var stranger = await host.User("stranger", outsider.Id, withPassword: false);
        var site = (await host.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(owner.Caller,
            new WebsiteInput("市政府门户网站", ["www.example.gov.cn"], null, null, null, 3, "iaas", "gov_cloud", null), CancellationToken.None))).Value!;
        foreach (var (org, role) in new[] { (integrator.Id, "integrator"), (assessor.Id, "assessor") })
        {
            Assert.True((await host.In(sp => sp.GetRequiredService<EngagementService>().CreateAsync(owner.Caller, site.Id, new EngagementInput(org, role, null), CancellationToken.None))).Succeeded);
        }

        var evidenceUrl = $"/api/v1/websites/{site.Id}/duties/6.2.3.c/evidence";
        var exe = await host.Client(builder.Token).PostAsync(evidenceUrl, Form("document", "安装包", "方案.pdf", [0x4D, 0x5A, 0x90, 0x00]));
        Assert.Equal(HttpStatusCode.BadRequest, exe.StatusCode);
        var problem = await exe.Json();
        Assert.Equal("executable", problem.GetProperty("rules")[0].GetProperty("rule").GetString());
        Assert.Equal("file", problem.GetProperty("rules")[0].GetProperty("field").GetString());

        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF\n");
        var created = await host.Client(builder.Token).PostAsync(evidenceUrl, Form("document", "集成实施方案", "集成实施方案 v1.pdf", pdf));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Json()).GetProperty("id").GetString();

        var download = await host.Client(judge.Token).GetAsync($"/api/v1/evidence/{id}/content");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("集成实施方案 v1.pdf", download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client(stranger.Token).GetAsync($"/api/v1/evidence/{id}/content")).StatusCode);

        var reject = await host.Client(judge.Token).PostJson($"/api/v1/evidence/{id}/reviews", new { verdict = "rejected" });
        Assert.Equal(HttpStatusCode.BadRequest, reject.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await host.Client(judge.Token).PostJson($"/api/v1/evidence/{id}/reviews", new { verdict = "rejected", note = "缺少拓扑图" })).StatusCode);
        var board = await (await host.Client(owner.Token).GetAsync($"/api/v1/websites/{site.Id}/duties?phase=migration&role=integrator")).Json();
        var row = board.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("dutyId").GetString() == "6.2.3.c");
        Assert.Equal("rejected", row.GetProperty("verdict").GetString());
        Assert.Equal(1, row.GetProperty("evidenceCount").GetInt32());
        Assert.Equal(integrator.Id, row.GetProperty("responsibleOrganisationId").GetGuid());

        var move = await host.Client(owner.Token, "en").PostJson($"/api/v1/websites/{site.Id}/transition", new { to = "migration" });
        Assert.Equal(HttpStatusCode.Conflict, move.StatusCode);
        var gates = await move.Json();
        var failures = gates.GetProperty("failures").EnumerateArray().ToList();
        Assert.Contains(failures, f => f.GetProperty("code").GetString() == "contract.unsigned" && f.GetProperty("clause").GetString() == "5.5.1");
        Assert.All(failures, f => Assert.False(string.IsNullOrEmpty(f.GetProperty("message").GetString())));
        Assert.Contains("[5.4.a.1]", gates.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
