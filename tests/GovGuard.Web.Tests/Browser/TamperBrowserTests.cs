using GovGuard.Catalog.Roles;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Tests.Monitoring;
using GovGuard.Platform.Websites;
using GovGuard.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace GovGuard.Web.Tests.Browser;

/// <summary>
/// The acceptance: a page served by a real local HTTP server changes, the tamper monitor reports it, and an
/// operator reviews the side-by-side diff in the browser and approves the change as the new baseline.
/// </summary>
public sealed class TamperBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_operator_approves_a_reported_page_change_as_the_new_baseline()
    {
        var state = new TamperSiteState();
        await using var site = await TamperSite.StartAsync(state);
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["Fetching:AllowedRanges:0"] = "127.0.0.0/8" });
        var org = await host.Organisation("某市人民政府办公室", OrganisationKind.GovernmentCustomer);
        var owner = await host.User("wang.fang", org.Id, OrgRole.Admin);
        var website = (await host.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(owner.Caller,
            new WebsiteInput("市政府门户网站", ["www.example.gov.cn"], null, null, null, 2, "iaas", "gov_cloud", null), CancellationToken.None))).Value!;
        var monitor = await host.In(sp => sp.GetRequiredService<MonitorService>().CreateAsync(owner.Caller, website.Id,
            new MonitorInput("tamper", "首页防篡改", site.Url("/"), IntervalSeconds: 3600, FailuresBeforeDown: 1, TimeoutSeconds: 30), CancellationToken.None));
        Assert.True(monitor.Succeeded, monitor.Error?.Message.En);
        var monitorId = monitor.Value!.Id;

        // The first check takes the baseline; the page is then defaced, and the next check reports it.
        Assert.Equal(0, (await CheckAsync(host, owner, monitorId)).Findings);
        state.Defaced = true;
        Assert.True((await CheckAsync(host, owner, monitorId)).Findings > 0);
        var alertId = await WaitForOpenAlertAsync(host, monitorId);

        using var browser = new Browser();
        browser.Go(new Uri(host.Address, $"/alerts/{alertId}"));
        browser.Type(By.Name("Form.UserName"), owner.UserName);
        browser.Type(By.Name("Form.Password"), owner.Password);
        browser.Wait(By.CssSelector("form button[type=submit]")).Click();
        browser.Wait(By.Id("tamper-diff")).Click();

        // Side by side, as text: the baseline's paragraph removed, the defacer's heading added, the new script host named.
        var diff = browser.Wait(By.Id("change-diff"));
        Assert.Contains(TamperSite.DefacedTitle, diff.FindElement(By.CssSelector("tr[data-kind=added] td.added")).Text, StringComparison.Ordinal);
        Assert.Contains("政务服务中心", string.Join("\n", diff.FindElements(By.CssSelector("tr[data-kind=removed] td.removed")).Select(e => e.Text)), StringComparison.Ordinal);
        var resources = browser.Wait(By.Id("change-resources"));
        Assert.Contains("evil.example", resources.FindElement(By.CssSelector("tr[data-added=true][data-kind=script]")).Text, StringComparison.Ordinal);
        // The fetched page is never live HTML on GovGuard's page: no script or frame of it was loaded.
        Assert.Empty(browser.Driver.FindElements(By.CssSelector("script[src*='evil.example'], iframe")));
        Assert.Contains($"/incidents/new?alert=", browser.Wait(By.Id("open-incident")).GetAttribute("href"), StringComparison.Ordinal);
        output.WriteLine("screenshot: " + browser.Screenshot("tamper-diff"));

        browser.Type(By.Id("approve-note"), "网站改版上线，内容经审核");
        browser.Wait(By.Id("approve-submit")).Click();
        Assert.Equal("approved", browser.Wait(By.CssSelector("#change-state[data-state=approved]")).GetAttribute("data-state"));

        // The alert resolved by the approval, and the next check against the new baseline is clean.
        await using (var ctx = host.Db.Context())
        {
            var alerts = await ctx.Alerts.AsNoTracking().Where(a => a.MonitorId == monitorId && a.Category == Categories.TamperDefacement).ToListAsync();
            Assert.NotEmpty(alerts);
            Assert.All(alerts, a => Assert.Equal(AlertState.Resolved, a.State));
            Assert.Contains(alerts, a => a.Id == alertId && a.ResolvedByName == owner.UserName);
        }

        var next = await CheckAsync(host, owner, monitorId);
        Assert.Equal(0, next.Findings);
        Assert.Equal("up", next.RawHealth);
    }

    private static async Task<CheckNowView> CheckAsync(TestHost host, TestUser owner, Guid monitorId)
    {
        var r = await host.In(sp => sp.GetRequiredService<MonitorService>().CheckNowAsync(owner.Caller, monitorId, CancellationToken.None));
        Assert.True(r.Succeeded, r.Error?.Message.En);
        return r.Value!;
    }

    private static async Task<Guid> WaitForOpenAlertAsync(TestHost host, Guid monitorId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            await using (var ctx = host.Db.Context())
            {
                var id = await ctx.Alerts.AsNoTracking()
                    .Where(a => a.MonitorId == monitorId && a.Category == Categories.TamperDefacement && a.Rule == "title-replaced" && a.State == AlertState.Open)
                    .Select(a => (Guid?)a.Id).FirstOrDefaultAsync();
                if (id is { } found)
                {
                    return found;
                }
            }

            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException("no tamper alert opened");
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }
}
