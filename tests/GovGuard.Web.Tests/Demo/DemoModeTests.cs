using GovGuard.Detection.Findings;
using GovGuard.Platform.Access;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Monitoring;
using GovGuard.Tests.Shared;
using GovGuard.Web.Demo;
using GovGuard.Web.Hosting;
using GovGuard.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Web.Tests.Demo;

/// <summary>
/// <c>govguard serve --demo</c> as the command runs it (demo sites first, then the server, then the seeding), with
/// a short defacement delay and short intervals instead of a minute: the defaced site raises a tamper alert, the
/// hijacked one its content alerts, and a second seeding creates nothing.
/// </summary>
public sealed class DemoModeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Demo_seeds_once_and_the_defaced_site_raises_a_tamper_alert()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite", migrate: false);
        var options = new GovGuardWebOptions { Urls = "http://127.0.0.1:0", Database = db.Options, RequireAdminTwoFactor = false };
        await using var demo = await DemoMode.StartAsync(options,
            new DemoOptions { DefaceAfter = TimeSpan.FromSeconds(4), Intervals = new DemoIntervals(Availability: 2, Tamper: 2, Content: 3) }, CancellationToken.None);
        await using var app = GovGuardWebHost.Build(options);
        await GovGuardWebHost.PrepareAsync(app, CancellationToken.None);
        await app.StartAsync();
        try
        {
            var seeded = await demo.SeedAsync(app.Services, CancellationToken.None);
            Assert.Equal(["customer", "provider", "integrator", "assessor"], seeded.SignIns.Select(s => s.Role));
            Assert.Equal(7, seeded.MonitorsCreated);
            Assert.False(demo.Sites.IsDefaced);

            // Every demo monitor watches one of the demo sites, on its exact port.
            await using (var ctx = db.Context())
            {
                var targets = await ctx.Monitors.Select(m => m.Target).ToListAsync();
                Assert.All(targets, t => Assert.Contains(t, demo.Sites.Ports.Values.Select(p => $"http://127.0.0.1:{p}/")));
            }

            // The defaced site turns after the delay and its tamper monitor reports it; the hijacked one shows its problems.
            var defaced = seeded.Websites[DemoSite.Defaced];
            var tamper = await WaitForAlertsAsync(db, defaced, a => a.Category == Categories.TamperDefacement);
            Assert.Contains(tamper, a => a.Rule == "title-replaced");
            Assert.True(demo.Sites.IsDefaced);
            var hijacked = await WaitForAlertsAsync(db, seeded.Websites[DemoSite.Hijacked], a => a.Category == Categories.ContentDarkLink);
            Assert.Contains(hijacked, a => a.Category == Categories.ContentDarkLink);
            await WaitForAlertsAsync(db, seeded.Websites[DemoSite.Hijacked], a => a.Category == Categories.ContentMaliciousScript && a.Rule == "referrer-redirect");
            await using (var ctx = db.Context())
            {
                Assert.False(await ctx.Alerts.AnyAsync(a => a.WebsiteId == seeded.Websites[DemoSite.Healthy] && a.State != AlertState.Resolved));
                Assert.True(await ctx.TamperChanges.AnyAsync(c => c.WebsiteId == defaced));
            }

            // A printed sign-in works.
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            using var client = new HttpClient { BaseAddress = address };
            var customer = seeded.SignIns.Single(s => s.Role == "customer");
            using var token = await client.PostJson("/api/v1/auth/token", new { userName = customer.UserName, password = customer.Password, name = "demo" });
            Assert.Equal(System.Net.HttpStatusCode.Created, token.StatusCode);

            // The allow-list is exact: another port on the same loopback address is refused when a monitor is saved.
            var other = await app.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<MonitorService>().CreateAsync(Caller.System, defaced,
                new MonitorInput("availability", "别的端口", $"http://127.0.0.1:{FreePort()}/"), CancellationToken.None);
            Assert.False(other.Succeeded);
            Assert.Contains(other.Error!.Fields, f => f.Field == "target" && f.Rule == "ssrf.loopback");

            // A second start creates nothing new and prints no sign-ins.
            int orgs, users, monitors;
            await using (var ctx = db.Context())
            {
                (orgs, users, monitors) = (await ctx.Organisations.CountAsync(), await ctx.Users.CountAsync(), await ctx.Monitors.CountAsync());
            }

            var again = await demo.SeedAsync(app.Services, CancellationToken.None);
            Assert.Empty(again.SignIns);
            Assert.Equal(0, again.MonitorsCreated);
            Assert.Equal(seeded.Websites, again.Websites);
            await using (var ctx = db.Context())
            {
                Assert.Equal((orgs, users, monitors), (await ctx.Organisations.CountAsync(), await ctx.Users.CountAsync(), await ctx.Monitors.CountAsync()));
            }
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task<List<Alert>> WaitForAlertsAsync(TestDatabase db, Guid websiteId, Func<Alert, bool> match)
    {
        using var cts = new CancellationTokenSource(Bound);
        while (true)
        {
            await using (var ctx = db.Context())
            {
                var alerts = (await ctx.Alerts.AsNoTracking().Where(a => a.WebsiteId == websiteId).ToListAsync()).Where(match).ToList();
                if (alerts.Count > 0)
                {
                    return alerts;
                }
            }

            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"no matching alert on website {websiteId}");
            }

            await Task.Delay(250, CancellationToken.None);
        }
    }

    private static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }
}
