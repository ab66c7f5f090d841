using System.Net;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Organisations;
using GovGuard.Platform.Websites;
using GovGuard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Web.Tests.Monitoring;

/// <summary>The monitoring pages render server-side, without scripts or inline styles (the CSP forbids both).</summary>
public sealed class MonitoringPagesTests
{
    [Fact]
    public async Task Overview_wall_list_and_history_render_without_scripts()
    {
        await using var host = await TestHost.StartAsync();
        var customer = await host.Organisation("某县人民政府", OrganisationKind.GovernmentCustomer);
        var owner = await host.User("pages.owner", customer.Id, OrgRole.Admin, withPassword: false);
        var site = (await host.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(owner.Caller,
            new WebsiteInput("县政府门户网站", ["www.xian.gov.cn"], null, null, null, 2, "iaas", "gov_cloud", null), CancellationToken.None))).Value!;
        var monitor = (await host.In(sp => sp.GetRequiredService<MonitorService>().CreateAsync(owner.Caller, site.Id,
            new MonitorInput("availability", "首页", "https://www.xian.gov.cn/", IntervalSeconds: 3600), CancellationToken.None))).Value!;
        for (var i = 0; i < 3; i++)
        {
            var r = await host.In(sp => sp.GetRequiredService<MonitorService>().CheckNowAsync(owner.Caller, monitor.Id, CancellationToken.None));
            Assert.True(r.Succeeded, r.Error?.Message.En);
        }

        var client = host.Client(owner.Token);
        foreach (var path in new[] { "/monitoring", "/monitoring/wall", $"/websites/{site.Id}/monitors", $"/websites/{site.Id}/monitors/{monitor.Id}" })
        {
            using var page = await client.GetAsync(path);
            var html = await page.Content.ReadAsStringAsync();
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{path}: {page.StatusCode}");
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(path.EndsWith(monitor.Id.ToString(), StringComparison.Ordinal) ? "首页" : "县政府门户网站", html, StringComparison.Ordinal);
            if (path == "/monitoring/wall")
            {
                Assert.Equal("30", page.Headers.GetValues("Refresh").Single());
                Assert.Contains("http-equiv=\"refresh\" content=\"30\"", html, StringComparison.Ordinal);
            }
        }

        using var history = await client.GetAsync($"/websites/{site.Id}/monitors/{monitor.Id}");
        var h = await history.Content.ReadAsStringAsync();
        Assert.Contains("id=\"uptime\"", h, StringComparison.Ordinal);
        Assert.Contains("id=\"results\"", h, StringComparison.Ordinal);
        Assert.Contains("<polyline", h, StringComparison.Ordinal);

        var outsiderOrg = await host.Organisation("无关单位", OrganisationKind.CloudProvider);
        var outsider = await host.User("pages.outsider", outsiderOrg.Id, withPassword: false);
        using var hidden = await host.Client(outsider.Token).GetAsync($"/websites/{site.Id}/monitors/{monitor.Id}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.DoesNotContain("县政府门户网站", await host.Client(outsider.Token).GetStringAsync("/monitoring/wall"), StringComparison.Ordinal);
    }
}
