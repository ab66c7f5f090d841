using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Access;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Monitoring.Engine;
using GovGuard.Platform.Organisations;
using GovGuard.Platform.Websites;
using GovGuard.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovGuard.Bench.Monitoring;

/// <summary>
/// `scale SITES INTERVAL MINUTES DIR`: a farm of SITES sites on 127.0.0.1, one GovGuard node (embedded SQLite, one
/// silo) monitoring each at INTERVAL seconds for MINUTES; prints schedule lag percentiles, memory per monitor and
/// the overview's latency at that size.
/// </summary>
public static class Scale
{
    private static readonly byte[] Page = "<!doctype html><html><head><title>某市政府网站</title></head><body><h1>某市人民政府</h1><p>政务公开</p></body></html>"u8.ToArray();

    public static async Task<int> RunAsync(int sites, int interval, double minutes, string dir)
    {
        Directory.CreateDirectory(dir);
        await using var farm = await FarmAsync();
        var options = new GovGuardWebOptions
        {
            Urls = "http://127.0.0.1:0",
            Database = new DatabaseOptions { DataDirectory = dir },
            RequireAdminTwoFactor = false,
            // The farm is one address: the per-host limit (2) would throttle 10,000 sites on it; in production they are many hosts.
            Monitoring = new MonitoringOptions { PerHostConcurrency = 64, GlobalConcurrency = 64 },
        };
        options.Settings["Fetching:AllowedRanges:0"] = "127.0.0.0/8";
        var app = GovGuardWebHost.Build(options);
        await GovGuardWebHost.PrepareAsync(app, CancellationToken.None);
        var token = await SeedAsync(app, farm, sites, interval);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var before = Memory();

        // Enable every monitor and activate its grain: from here the engine keeps them on schedule.
        var started = TimeProvider.System.GetUtcNow();
        var factory = app.Services.GetRequiredService<IDbContextFactory<GovGuardDbContext>>();
        List<Guid> ids;
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Monitors.ExecuteUpdateAsync(s => s.SetProperty(m => m.Enabled, true));
            ids = await db.Monitors.Select(m => m.Id).ToListAsync();
        }

        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var activation = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, _) => await grains.GetGrain<IMonitorGrain>(id).Ping());
        activation.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"activated {ids.Count} monitors in {activation.Elapsed.TotalSeconds:0.0} s"));

        var end = started + TimeSpan.FromMinutes(minutes);
        while (TimeProvider.System.GetUtcNow() < end)
        {
            await Task.Delay(TimeSpan.FromSeconds(15));
            await using var db = await factory.CreateDbContextAsync();
            var count = await db.CheckResults.CountAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(TimeProvider.System.GetUtcNow() - started).TotalSeconds:0} s: {count} results"));
        }

        var after = Memory();
        using var http = new HttpClient(new SocketsHttpHandler()) { BaseAddress = new Uri(address) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var api = await TimeAsync(http, "/api/v1/monitoring/overview");
        var page = await TimeAsync(http, "/monitoring");

        await using (var db = await factory.CreateDbContextAsync())
        {
            // Warm-up: the first interval holds the activation itself; lag is measured on the slots after it.
            var from = started + TimeSpan.FromSeconds(interval);
            var rows = await db.CheckResults.AsNoTracking().Where(r => !r.Manual && r.DueAt >= from).Select(r => new { r.MonitorId, r.At, r.DueAt, r.Health }).ToListAsync();
            var lags = rows.Select(r => (r.At - r.DueAt).TotalMilliseconds).Order().ToArray();
            // A slot is missed when a monitor's consecutive checks are more than an interval and a half apart.
            var missed = rows.GroupBy(r => r.MonitorId).Sum(g =>
            {
                var due = g.Select(r => r.DueAt).Order().ToList();
                return due.Zip(due.Skip(1), (a, b) => (b - a).TotalSeconds).Where(d => d > interval * 1.5).Sum(d => (int)Math.Round(d / interval) - 1);
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"checks {lags.Length} by {rows.Select(r => r.MonitorId).Distinct().Count()} monitors, missed slots {missed}, up {rows.Count(r => r.Health == MonitorHealth.Up)}; lag (finish - slot) ms: p50 {P(lags, 0.50):0} p99 {P(lags, 0.99):0} max {(lags.Length == 0 ? 0 : lags[^1]):0}"));
            var skipped = app.Services.GetRequiredService<Platform.Alerts.AlertProcessor>().Skipped;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"alerting: {skipped} clean checks of quiet monitors applied without a database round trip"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory: rss {before.Rss:0} MB -> {after.Rss:0} MB, managed {before.Managed:0} MB -> {after.Managed:0} MB; per monitor {(after.Rss - before.Rss) * 1024 / sites:0.0} KB rss, {(after.Managed - before.Managed) * 1024 / sites:0.0} KB managed"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"overview api: {api.Status} {api.Bytes} bytes, median {api.Median:0} ms, max {api.Max:0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"overview page: {page.Status} {page.Bytes} bytes, median {page.Median:0} ms, max {page.Max:0} ms"));
        await app.StopAsync();
        await app.DisposeAsync();
        return 0;
    }

    private static double P(double[] sorted, double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static (double Rss, double Managed) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return (p.WorkingSet64 / 1048576.0, GC.GetTotalMemory(true) / 1048576.0);
    }

    private static async Task<(int Status, long Bytes, double Median, double Max)> TimeAsync(HttpClient http, string path)
    {
        var times = new List<double>();
        var status = 0;
        long bytes = 0;
        for (var i = 0; i < 7; i++)
        {
            var clock = Stopwatch.StartNew();
            using var r = await http.GetAsync(path);
            var body = await r.Content.ReadAsByteArrayAsync();
            clock.Stop();
            status = (int)r.StatusCode;
            bytes = body.Length;
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        // The first call warms the page's code paths; the rest are what a duty room sees.
        var warm = times.Skip(1).Order().ToList();
        return (status, bytes, warm[warm.Count / 2], warm[^1]);
    }

    private static async Task<string> SeedAsync(WebApplication app, Farm farm, int sites, int interval)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var org = (await sp.GetRequiredService<OrganisationService>().CreateAsync(Caller.System,
            new OrganisationInput("某省大数据局", WireCodes<OrganisationKind>.Code(OrganisationKind.GovernmentCustomer), null, null, null, null), CancellationToken.None)).Value!;
        var user = new User { Id = Guid.NewGuid(), UserName = "bench", DisplayName = "bench", OrganisationId = org.Id, Role = OrgRole.Admin, LockoutEnabled = true };
        var created = await sp.GetRequiredService<UserManager<User>>().CreateAsync(user);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("the bench user could not be created");
        }

        var caller = (await sp.GetRequiredService<CallerResolver>().ResolveAsync(user.Id, null, false, null, CancellationToken.None))!;
        var token = (await sp.GetRequiredService<TokenService>().CreateAsync(caller, "bench", 30, true, CancellationToken.None)).Value!.Secret!;
        var template = (await sp.GetRequiredService<WebsiteService>().CreateAsync(caller,
            new WebsiteInput("模板网站", ["www.template.gov.cn"], null, null, null, 2, "iaas", "gov_cloud", null), CancellationToken.None)).Value!;
        var factory = sp.GetRequiredService<IDbContextFactory<GovGuardDbContext>>();
        Website first;
        await using (var db = await factory.CreateDbContextAsync())
        {
            first = await db.Websites.AsNoTracking().FirstAsync(w => w.Id == template.Id);
        }

        var clock = Stopwatch.StartNew();
        var now = TimeProvider.System.GetUtcNow();
        for (var start = 0; start < sites; start += 1000)
        {
            await using var db = await factory.CreateDbContextAsync();
            for (var i = start; i < Math.Min(sites, start + 1000); i++)
            {
                var site = new Website
                {
                    Id = Guid.CreateVersion7(),
                    Name = string.Create(CultureInfo.InvariantCulture, $"网站 {i:00000}"),
                    Domains = [string.Create(CultureInfo.InvariantCulture, $"site{i}.example.gov.cn")],
                    ProtectionLevel = first.ProtectionLevel,
                    ServiceModel = first.ServiceModel,
                    DeploymentModel = first.DeploymentModel,
                    Phase = first.Phase,
                    CustomerId = org.Id,
                    CreatedAt = now,
                    UpdatedAt = now,
                    Version = 1,
                };
                var monitor = new Platform.Monitoring.Monitor
                {
                    Id = Guid.CreateVersion7(),
                    WebsiteId = site.Id,
                    Kind = MonitorKind.Availability,
                    Name = "首页",
                    Target = farm.Url(i),
                    IntervalSeconds = interval,
                    Enabled = false,
                    FailuresBeforeDown = 2,
                    SuccessesBeforeUp = 1,
                    TimeoutSeconds = 10,
                    Settings = "{\"expectedStatusMin\":200,\"expectedStatusMax\":399,\"keyword\":null,\"maxLatencyMs\":null,\"followRedirects\":true}",
                    CreatedAt = now,
                    UpdatedAt = now,
                    Version = 1,
                };
                db.Websites.Add(site);
                db.Monitors.Add(monitor);
                db.MonitorStates.Add(new MonitorState { MonitorId = monitor.Id });
            }

            await db.SaveChangesAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {sites} websites and monitors in {clock.Elapsed.TotalSeconds:0.0} s"));
        return token;
    }

    private sealed class Farm(WebApplication app, string baseUrl) : IAsyncDisposable
    {
        public string Url(int site) => string.Create(CultureInfo.InvariantCulture, $"{baseUrl}s/{site}/");

        public async ValueTask DisposeAsync() => await app.DisposeAsync();

        public WebApplication App => app;
    }

    private static async Task<Farm> FarmAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/s/{id:int}/", (HttpContext c) =>
        {
            c.Response.ContentType = "text/html; charset=utf-8";
            c.Response.ContentLength = Page.Length;
            return c.Response.Body.WriteAsync(Page).AsTask();
        });
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Farm(app, bound.EndsWith('/') ? bound : bound + "/");
    }
}
