using System.Net;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.CloudMigration;
using GovGuard.Platform.Engagements;
using GovGuard.Platform.Exit;
using GovGuard.Platform.Websites;
using GovGuard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Web.Tests.Exit;

/// <summary>The migration and exit pages: what they show, to whom, and that what people typed is shown as text.</summary>
public sealed class MigrationExitPagesTests
{
    [Fact]
    public async Task Pages_show_the_records_escaped_to_the_engaged_and_nothing_to_an_outsider()
    {
        await using var host = await TestHost.StartAsync();
        var customer = await host.Organisation("某市人民政府", OrganisationKind.GovernmentCustomer);
        var providerOrg = await host.Organisation("某政务云公司", OrganisationKind.CloudProvider);
        var otherOrg = await host.Organisation("无关单位", OrganisationKind.CloudProvider);
        var owner = await host.User("owner.admin", customer.Id, OrgRole.Admin, withPassword: false);
        var provider = await host.User("provider.ops", providerOrg.Id, withPassword: false);
        var outsider = await host.User("outsider", otherOrg.Id, withPassword: false);
        var site = (await host.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(owner.Caller,
            new WebsiteInput("市政府门户网站", ["www.example.gov.cn"], null, null, null, 3, "iaas", "gov_cloud", null), CancellationToken.None))).Value!;
        Assert.True((await host.In(sp => sp.GetRequiredService<EngagementService>().CreateAsync(owner.Caller, site.Id, new EngagementInput(providerOrg.Id, "provider", null), CancellationToken.None))).Succeeded);
        Assert.True((await host.In(sp => sp.GetRequiredService<MigrationService>().RecordAsync(provider.Caller, site.Id,
            new MigrationRecordInput("rollback_plan", null, "<script>alert(1)</script>回退方案", "DNS 切回"), CancellationToken.None))).Succeeded);
        Assert.True((await host.In(sp => sp.GetRequiredService<ExitService>().AddItemAsync(owner.Caller, site.Id,
            new HandoverItemInput("dataset", "业务数据库<b>", "信息处"), CancellationToken.None))).Succeeded);

        var migration = await host.Client(owner.Token).GetStringAsync($"/websites/{site.Id}/migration");
        Assert.Contains("部署迁移与交付", migration, StringComparison.Ordinal);
        Assert.Contains("id=\"preparation-table\"", migration, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;回退方案", migration, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", migration, StringComparison.Ordinal);
        Assert.Contains("id=\"trial-start\"", migration, StringComparison.Ordinal);

        var exit = await host.Client(provider.Token).GetStringAsync($"/websites/{site.Id}/exit");
        Assert.Contains("退出服务", exit, StringComparison.Ordinal);
        Assert.Contains("业务数据库&lt;b&gt;", exit, StringComparison.Ordinal);
        Assert.Contains("/exit/certificate", exit, StringComparison.Ordinal);
        // The provider hands over; it does not plan the exit.
        Assert.DoesNotContain("id=\"exit-plan-form\"", exit, StringComparison.Ordinal);

        using var denied = await host.Client(outsider.Token).GetAsync($"/websites/{site.Id}/exit");
        var body = await denied.Content.ReadAsStringAsync();
        Assert.DoesNotContain("业务数据库", body, StringComparison.Ordinal);

        using var certificate = await host.Client(owner.Token).GetAsync($"/api/v1/websites/{site.Id}/exit/certificate");
        Assert.Equal(HttpStatusCode.OK, certificate.StatusCode);
        Assert.Contains("default-src 'none'", certificate.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await certificate.Content.ReadAsStringAsync();
        Assert.Contains("data-complete=\"false\"", html, StringComparison.Ordinal);
        Assert.Contains("客户书面授权", html, StringComparison.Ordinal);
    }
}
