using System.Globalization;
using System.Net;
using System.Text.Json;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Tests.TestServers;
using GovGuard.Platform.Websites;
using GovGuard.Tests.Shared;
using GovGuard.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Web.Tests.Monitoring;

/// <summary>
/// The engine on a real server against a real local HTTP farm, through to alerts and notices: a site going down
/// alerts by mail, its recovery notifies once; a node_exporter endpoint whose counters show a busy CPU raises
/// <c>resource.threshold</c>, and one under its limits raises nothing.
/// </summary>
public sealed class LiveFarmTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Fetching:AllowedRanges:0"] = "127.0.0.0/8",
        ["Alerts:RetryDelays:0"] = "00:00:00.2",
    };

    private sealed record World(TestHost Host, WebsiteView Site, HttpClient Api);

    private static async Task<World> WorldAsync(string database)
    {
        var host = await TestHost.StartAsync(database, settings: Settings, monitoring: new MonitoringOptions { MinimumIntervalSeconds = 1, BatchWindow = TimeSpan.FromMilliseconds(100) });
        var customer = await host.Organisation("某市人民政府", OrganisationKind.GovernmentCustomer);
        var owner = await host.User("owner", customer.Id, OrgRole.Admin, withPassword: false);
        var site = (await host.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(owner.Caller,
            new WebsiteInput("市政府门户网站", ["www.example.gov.cn"], null, null, null, 2, "iaas", "gov_cloud", null), CancellationToken.None))).Value!;
        return new World(host, site, host.Client(owner.Token));
    }

    [Theory]
    [Databases]
    public async Task A_site_going_down_alerts_by_mail_and_its_recovery_notifies_once(string database)
    {
        var healthy = 1;
        await using var farm = await LocalWebServer.StartAsync(app => app.MapGet("/", (HttpContext c) =>
        {
            c.Response.StatusCode = Volatile.Read(ref healthy) == 1 ? 200 : 503;
            return c.Response.WriteAsync("市政府门户网站");
        }));
        await using var smtp = new SmtpListener();
        var w = await WorldAsync(database);
        await using var _ = w.Host;
        using var mail = await w.Api.PostJson("/api/v1/notification-channels", new
        {
            name = "值班邮箱", kind = "email", minSeverity = "medium", smtpHost = "127.0.0.1", smtpPort = smtp.Port, smtpSecurity = "none",
            from = "govguard@example.gov.cn", to = new[] { "duty@example.gov.cn" },
        });
        Assert.Equal(HttpStatusCode.Created, mail.StatusCode);
        using var created = await w.Api.PostJson($"/api/v1/websites/{w.Site.Id}/monitors", new
        {
            kind = "availability", name = "首页", target = farm.Url("/"), intervalSeconds = 2, failuresBeforeDown = 1, successesBeforeUp = 1, timeoutSeconds = 2,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var monitor = (await created.Json()).GetProperty("id").GetGuid();
        await Until(async () => (await Results(w, monitor)).Any(r => r.GetProperty("health").GetString() == "up"), "the healthy site was not checked");
        Assert.Empty(smtp.Messages);

        Volatile.Write(ref healthy, 0);
        Assert.True(await smtp.WaitForAsync(1, Limit), "no alert e-mail after the site went down");
        var open = await Alerts(w, "open");
        var alert = Assert.Single(open);
        Assert.Equal("availability.down", alert.GetProperty("category").GetString());
        Assert.Contains("告警", smtp.Messages.First().Subject, StringComparison.Ordinal);

        Volatile.Write(ref healthy, 1);
        Assert.True(await smtp.WaitForAsync(2, Limit), "no recovery e-mail after the site came back");
        await Until(async () => (await Alerts(w, "open")).Count == 0, "the alert was not resolved");
        // More healthy checks pass; the recovery is told once and the outage is not told again.
        var checks = (await Results(w, monitor)).Count;
        await Until(async () => (await Results(w, monitor)).Count >= checks + 3, "the monitor stopped checking");
        Assert.Equal(2, smtp.Messages.Count);
        Assert.Contains("已恢复", smtp.Messages.Last().Subject, StringComparison.Ordinal);
    }

    [Theory]
    [Databases]
    public async Task Busy_cpu_from_node_exporter_counters_raises_resource_threshold_and_a_calm_host_raises_nothing(string database)
    {
        // Each scrape: 10 CPU-seconds pass per CPU; the busy host idles 1 of them (90% used), the calm one 8 (20% used).
        var scrapes = new Dictionary<string, int>(StringComparer.Ordinal) { ["busy"] = 0, ["calm"] = 0 };
        await using var farm = await LocalWebServer.StartAsync(app => app.MapGet("/{host}/metrics", (string host, HttpContext c) =>
        {
            int n;
            lock (scrapes)
            {
                n = ++scrapes[host];
            }

            var idlePerScrape = host == "busy" ? 1.0 : 8.0;
            c.Response.ContentType = "text/plain; version=0.0.4";
            return c.Response.WriteAsync(NodeExporter(n * 10.0, n * idlePerScrape, n * 1_000_000.0));
        }));
        var w = await WorldAsync(database);
        await using var _ = w.Host;
        var busy = await CreateResource(w, "busy", farm.Url("/busy/metrics"));
        var calm = await CreateResource(w, "calm", farm.Url("/calm/metrics"));

        foreach (var m in new[] { busy, calm })
        {
            for (var i = 0; i < 2; i++)
            {
                using var check = await w.Api.PostAsync($"/api/v1/monitors/{m}/check-now", null);
                Assert.Equal(HttpStatusCode.OK, check.StatusCode);
            }
        }

        await Until(async () => (await Alerts(w, "open")).Any(a => a.GetProperty("monitorId").GetGuid() == busy), "the busy CPU raised no alert");
        var results = await Results(w, calm);
        // The two checks asked for, and the schedule's own first one when it came meanwhile.
        Assert.True(results.Count >= 2, $"{results.Count} results");
        Assert.All(results, r => Assert.Equal("up", r.GetProperty("health").GetString()));
        Assert.Contains("CPU 20%", results[0].GetProperty("summary").GetProperty("zh").GetString(), StringComparison.Ordinal);
        var alerts = await Alerts(w, "open");
        var cpu = Assert.Single(alerts, a => a.GetProperty("monitorId").GetGuid() == busy);
        Assert.Equal("resource.threshold", cpu.GetProperty("category").GetString());
        Assert.Equal("resource.cpu", cpu.GetProperty("rule").GetString());
        Assert.DoesNotContain(alerts, a => a.GetProperty("monitorId").GetGuid() == calm);
    }

    private static string NodeExporter(double cpuSeconds, double idleSeconds, double rxBytes)
    {
        var c = CultureInfo.InvariantCulture;
        var busyModes = cpuSeconds - idleSeconds;
        return string.Create(c, $$"""
            # HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
            # TYPE node_cpu_seconds_total counter
            node_cpu_seconds_total{cpu="0",mode="idle"} {{idleSeconds}}
            node_cpu_seconds_total{cpu="0",mode="user"} {{busyModes * 0.75}}
            node_cpu_seconds_total{cpu="0",mode="system"} {{busyModes * 0.25}}
            # TYPE node_memory_MemTotal_bytes gauge
            node_memory_MemTotal_bytes 8.589934592e+09
            node_memory_MemAvailable_bytes 6.442450944e+09
            node_filesystem_size_bytes{device="/dev/vda1",fstype="ext4",mountpoint="/"} 1.073741824e+11
            node_filesystem_avail_bytes{device="/dev/vda1",fstype="ext4",mountpoint="/"} 5.36870912e+10
            node_filesystem_size_bytes{device="tmpfs",fstype="tmpfs",mountpoint="/run"} 1000
            node_filesystem_avail_bytes{device="tmpfs",fstype="tmpfs",mountpoint="/run"} 1
            node_network_receive_bytes_total{device="eth0"} {{rxBytes}}
            node_network_receive_bytes_total{device="lo"} 1e+12

            """);
    }

    private static async Task<Guid> CreateResource(World w, string name, string url)
    {
        using var created = await w.Api.PostJson($"/api/v1/websites/{w.Site.Id}/monitors", new
        {
            kind = "resource", name, target = url, intervalSeconds = 3600, settings = new { cpuPercent = 80, memoryPercent = 90, diskPercent = 90 },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Json()).GetProperty("id").GetGuid();
    }

    private static async Task<List<JsonElement>> Results(World w, Guid monitor) =>
        (await (await w.Api.GetAsync($"/api/v1/monitors/{monitor}/results?limit=1000")).Json()).EnumerateArray().ToList();

    private static async Task<List<JsonElement>> Alerts(World w, string state) =>
        (await (await w.Api.GetAsync($"/api/v1/alerts?state={state}&websiteId={w.Site.Id}")).Json()).GetProperty("items").EnumerateArray().ToList();

    private static async Task Until(Func<Task<bool>> condition, string failure)
    {
        using var cts = new CancellationTokenSource(Limit);
        while (!await condition())
        {
            Assert.False(cts.IsCancellationRequested, failure);
            await Task.Delay(200);
        }
    }
}
