using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Tests.Fetching;
using GovGuard.Platform.Tests.TestServers;
using GovGuard.Platform.Websites;
using GovGuard.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GovGuard.Platform.Tests.Monitoring;

/// <summary>
/// A farm of 2,000 monitored sites on loopback, 5% of them hostile: servers that never answer, trickle a byte a
/// second, send an endless body or a gzip bomb, loop or chain redirects, send huge headers, present an invalid
/// certificate, mislabel their encoding, or have names that resolve to private addresses or rebind between checks.
/// Each hostile site ends in a clear, named result; the healthy ones stay up with every check recorded, and memory
/// stays bounded. The figures (schedule lag, missed slots, memory) are printed: run with
/// <c>bench/hostile.sh</c> to see them. Sizes: GOVGUARD_HOSTILE_SITES (2000), GOVGUARD_HOSTILE_SECONDS (60).
/// </summary>
public sealed class HostileFarmTests(ITestOutputHelper output)
{
    private const int Interval = 20;
    private const string Keyword = "政府";

    private static readonly byte[] Page = Encoding.UTF8.GetBytes("<!doctype html><html><head><meta charset=\"utf-8\"><title>某市人民政府</title></head><body><h1>某市人民政府门户网站</h1></body></html>");

    /// <summary>What each hostile kind must end in: the rule names a result may carry (any of them).</summary>
    private sealed record Hostile(string Name, string Target, bool WithKeyword, string[] Rules);

    [Fact]
    public async Task Hostile_sites_each_get_a_clear_result_while_the_healthy_ones_keep_being_checked()
    {
        var sites = int.Parse(Environment.GetEnvironmentVariable("GOVGUARD_HOSTILE_SITES") ?? "2000", CultureInfo.InvariantCulture);
        var seconds = int.Parse(Environment.GetEnvironmentVariable("GOVGUARD_HOSTILE_SECONDS") ?? "60", CultureInfo.InvariantCulture);
        await using var db = await TestDatabase.CreateAsync("sqlite");

        // Each misbehaving server on its own loopback address, as distinct hosts are in the field: the per-host limit
        // keeps a hanging host from holding more than its share of the probes.
        var address = 10;
        IPAddress Next() => IPAddress.Parse($"127.0.0.{address++}");
        await using var healthy = await LocalWebServer.StartAsync(app => app.MapGet("/s/{id:int}/", (HttpContext c) => LocalWebServer.Bytes(c, Page, "text/html; charset=utf-8")));
        await using var hang = await LocalWebServer.StartAsync(app => app.MapGet("/", async (HttpContext c) => await Task.Delay(Timeout.Infinite, c.RequestAborted)), Next());
        await using var trickle = await LocalWebServer.StartAsync(app => app.MapGet("/", async (HttpContext c) =>
        {
            c.Response.ContentType = "text/html";
            await c.Response.StartAsync(c.RequestAborted);
            while (!c.RequestAborted.IsCancellationRequested)
            {
                await c.Response.Body.WriteAsync("x"u8.ToArray(), c.RequestAborted);
                await c.Response.Body.FlushAsync(c.RequestAborted);
                await Task.Delay(1000, c.RequestAborted);
            }
        }), Next());
        await using var endless = await LocalWebServer.StartAsync(app => app.MapGet("/", async (HttpContext c) =>
        {
            c.Response.ContentType = "text/html";
            var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
            while (!c.RequestAborted.IsCancellationRequested)
            {
                await c.Response.Body.WriteAsync(chunk, c.RequestAborted);
            }
        }), Next());
        await using var bomb = await LocalWebServer.StartAsync(app => app.MapGet("/", (HttpContext c) =>
        {
            c.Response.Headers.ContentEncoding = "gzip";
            return LocalWebServer.Bytes(c, Bombs.Gzip, "text/html");
        }), Next());
        await using var loop = await LocalWebServer.StartAsync(app => app.MapGet("/loop", (HttpContext c) => Results.Redirect("/loop")), Next());
        await using var chain = await LocalWebServer.StartAsync(app => app.MapGet("/r/{n:int}", (int n) => Results.Redirect($"/r/{n + 1}")), Next());
        await using var headers = await LocalWebServer.StartAsync(app => app.MapGet("/", (HttpContext c) =>
        {
            c.Response.Headers["X-Filler"] = new string('h', 512 * 1024);
            return LocalWebServer.Bytes(c, Page, "text/html; charset=utf-8");
        }), Next());
        using var certificate = TestCertificates.SelfSigned(DateTimeOffset.UtcNow);
        await using var tls = await LocalWebServer.StartAsync(app => app.MapGet("/", (HttpContext c) => LocalWebServer.Bytes(c, Page, "text/html; charset=utf-8")), Next(), certificate);
        var gbk = CodePagesEncodingProvider.Instance.GetEncoding(936)!.GetBytes("<html><head><title>某市人民政府</title></head><body>政务公开</body></html>");
        await using var labelled = await LocalWebServer.StartAsync(app => app.MapGet("/", (HttpContext c) => LocalWebServer.Bytes(c, gbk, "text/html; charset=gbk")), Next());
        await using var mislabelled = await LocalWebServer.StartAsync(app => app.MapGet("/", (HttpContext c) =>
            LocalWebServer.Bytes(c, [.. gbk, 0xFF, 0xFE, 0xC0, 0x80], "text/html; charset=x-no-such-charset")), Next());
        // The rebinding name first points at a real server (that closes every connection, so each check resolves again).
        await using var rebindTarget = await LocalWebServer.StartAsync(app => app.MapGet("/", (HttpContext c) =>
        {
            c.Response.Headers.Connection = "close";
            return LocalWebServer.Bytes(c, Page, "text/html; charset=utf-8");
        }), Next());
        var resolver = new MapResolver()
            .Map("private.hostile.test", ["10.0.0.7"])
            .Map("rebind.hostile.test", [rebindTarget.BaseUrl.Host], ["169.254.169.254"]);

        var kinds = new List<Hostile>
        {
            new("never answers", hang.Url("/"), false, ["timeout.idle", "timeout.total", "timeout.check"]),
            new("one byte a second", trickle.Url("/"), true, ["timeout.total", "timeout.idle", "timeout.check"]),
            new("endless body", endless.Url("/"), true, ["limit.body"]),
            new("gzip bomb", bomb.Url("/"), true, ["limit.body", "http.decompression"]),
            new("redirect loop", loop.Url("/loop"), false, ["redirect.loop"]),
            new("10,000 redirects", chain.Url("/r/1"), false, ["redirect.limit"]),
            new("huge headers", headers.Url("/"), false, ["limit.headers"]),
            new("invalid certificate", tls.Url("/"), false, ["tls.invalid"]),
            new("GBK, labelled", labelled.Url("/"), true, ["up"]),
            new("bytes under a made-up charset", mislabelled.Url("/"), true, ["up", "availability.keyword"]),
            new("name resolving to a private address", "http://private.hostile.test:80/", false, ["ssrf.private"]),
            new("name rebinding to the metadata address", $"http://rebind.hostile.test:{rebindTarget.Port}/", false, ["ssrf.metadata"]),
        };

        var hostileCount = sites / 20;
        var monitoring = EngineHost.TestOptions();
        monitoring.PerHostConcurrency = 16; // the healthy farm is one address standing for 1,900 hosts
        await using var engine = await EngineHost.StartAsync(db, new RecordingSink(), monitoring, s =>
        {
            s.AddSingleton<IHostResolver>(resolver);
        });
        var site = await engine.WebsiteAsync();
        var plan = new List<(Guid Id, Hostile? Kind)>();
        await using (var ctx = db.Context())
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < sites; i++)
            {
                var kind = i < hostileCount ? kinds[i % kinds.Count] : null;
                var keyword = kind?.WithKeyword ?? i % 2 == 0;
                var monitor = new Platform.Monitoring.Monitor
                {
                    Id = Guid.CreateVersion7(),
                    WebsiteId = site.Id,
                    Kind = MonitorKind.Availability,
                    Name = kind?.Name ?? $"site {i}",
                    Target = kind?.Target ?? healthy.Url($"/s/{i}/"),
                    IntervalSeconds = Interval,
                    Enabled = true,
                    FailuresBeforeDown = 1,
                    SuccessesBeforeUp = 1,
                    TimeoutSeconds = 5,
                    Settings = $"{{\"expectedStatusMin\":200,\"expectedStatusMax\":399,\"keyword\":{(keyword ? "\"" + Keyword + "\"" : "null")},\"maxLatencyMs\":null,\"followRedirects\":true}}",
                    CreatedAt = now,
                    UpdatedAt = now,
                    Version = 1,
                };
                ctx.Monitors.Add(monitor);
                plan.Add((monitor.Id, kind));
            }

            await ctx.SaveChangesAsync();
        }

        var before = Memory();
        var clock = Stopwatch.StartNew();
        var grains = engine.Services.GetRequiredService<IGrainFactory>();
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, _) =>
            await grains.GetGrain<Platform.Monitoring.Engine.IMonitorGrain>(p.Id).Ping());
        var activated = clock.Elapsed;
        var peakManaged = 0.0;
        while (clock.Elapsed < activated + TimeSpan.FromSeconds(seconds))
        {
            await Task.Delay(2000);
            peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false) / 1048576.0);
        }

        var after = Memory();
        List<Row> rows;
        await using (var ctx = db.Context())
        {
            rows = ctx.CheckResults.Select(r => new Row(r.MonitorId, r.At, r.DueAt, r.Health, r.IncompleteReason, r.Findings)).ToList();
        }

        var byMonitor = rows.GroupBy(r => r.MonitorId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.DueAt).ToList());
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{sites} sites ({hostileCount} hostile), {Interval} s interval, {seconds} s after activating the grains in {activated.TotalSeconds:0.0} s; cores {Environment.ProcessorCount}, load {Load()}");

        // Every hostile site: checked, and each result names what went wrong (or is the complete check expected of it).
        var failures = new List<string>();
        foreach (var kind in kinds)
        {
            var mine = plan.Where(p => p.Kind == kind).Select(p => p.Id).ToList();
            var results = mine.SelectMany(id => byMonitor.GetValueOrDefault(id) ?? []).ToList();
            var seen = results.GroupBy(Rule).ToDictionary(g => g.Key, g => g.Count());
            report.AppendLine(CultureInfo.InvariantCulture, $"  {kind.Name,-40} {mine.Count} monitors, {results.Count} checks: {string.Join(", ", seen.Select(s => $"{s.Key} ×{s.Value}"))}");
            foreach (var id in mine)
            {
                var own = byMonitor.GetValueOrDefault(id) ?? [];
                // A rebinding name is fine at its first check (it pointed at a real server then); every later one is refused.
                var judged = kind.Rules.Contains("ssrf.metadata") ? own.Skip(1).ToList() : own;
                if (judged.Count == 0)
                {
                    failures.Add($"{kind.Name}: monitor {id} has no (judged) result");
                }
                else if (judged.FirstOrDefault(r => !kind.Rules.Contains(Rule(r))) is { } odd)
                {
                    failures.Add($"{kind.Name}: monitor {id} ended in {Rule(odd)}, expected {string.Join(" or ", kind.Rules)}");
                }
            }
        }

        // The healthy sites: every one checked, every check up, slots kept.
        var healthyIds = plan.Where(p => p.Kind is null).Select(p => p.Id).ToList();
        var healthyRows = healthyIds.SelectMany(id => byMonitor.GetValueOrDefault(id) ?? []).ToList();
        var neverChecked = healthyIds.Count(id => !byMonitor.ContainsKey(id));
        var notUp = healthyRows.Count(r => r.Health != MonitorHealth.Up);
        var lags = healthyRows.Select(r => (r.At - r.DueAt).TotalMilliseconds).Order().ToArray();
        var missed = healthyIds.Sum(id =>
        {
            var due = (byMonitor.GetValueOrDefault(id) ?? []).Select(r => r.DueAt).ToList();
            return due.Zip(due.Skip(1), (a, b) => (b - a).TotalSeconds).Where(d => d > Interval * 1.5).Sum(d => (int)Math.Round(d / Interval) - 1);
        });
        report.AppendLine(CultureInfo.InvariantCulture,
            $"  healthy: {healthyIds.Count} monitors, {healthyRows.Count} checks, {notUp} not up, {neverChecked} never checked, {missed} missed slots; lag (finish - slot) ms p50 {P(lags, 0.5):0} p99 {P(lags, 0.99):0} max {(lags.Length == 0 ? 0 : lags[^1]):0}");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"  memory: rss {before.Rss:0} -> {after.Rss:0} MB, managed {before.Managed:0} -> {after.Managed:0} MB (peak seen {peakManaged:0} MB)");
        output.WriteLine(report.ToString());

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)) + "\n" + report);
        Assert.True(neverChecked == 0, $"{neverChecked} healthy sites were never checked\n{report}");
        Assert.True(notUp == 0, $"{notUp} checks of healthy sites were not up: the hostile ones hurt them\n{report}");
        // Bounded: a gigabyte bomb and endless bodies are cut at their caps, not held.
        Assert.True(after.Managed - before.Managed < 256, $"the managed heap grew by {after.Managed - before.Managed:0} MB\n{report}");
    }

    private sealed record Row(Guid MonitorId, DateTimeOffset At, DateTimeOffset DueAt, MonitorHealth Health, string? IncompleteReason, string? Findings);

    /// <summary>The rule a result names: its incomplete reason, the rule of its first finding, or "up".</summary>
    private static string Rule(Row r)
    {
        if (r.Health == MonitorHealth.Incomplete)
        {
            return r.IncompleteReason ?? "incomplete";
        }

        if (r.Health == MonitorHealth.Up)
        {
            return "up";
        }

        if (r.Findings is null)
        {
            return "down";
        }

        using var doc = System.Text.Json.JsonDocument.Parse(r.Findings);
        return doc.RootElement.EnumerateArray().Select(f => f.GetProperty("rule").GetString()).FirstOrDefault() ?? "down";
    }

    private static double P(double[] sorted, double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static (double Rss, double Managed) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return (p.WorkingSet64 / 1048576.0, GC.GetTotalMemory(true) / 1048576.0);
    }
}
