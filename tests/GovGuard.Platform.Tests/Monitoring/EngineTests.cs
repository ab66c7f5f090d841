using GovGuard.Detection.Findings;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Tests.TestServers;
using GovGuard.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GovGuard.Platform.Tests.Monitoring;

/// <summary>The engine against a real local HTTP farm: schedules, retries, TLS, restarts. No assertions on exact durations.</summary>
public sealed class EngineTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Theory]
    [Databases]
    public async Task A_site_returning_500_goes_down_after_the_retries_and_up_again_after_recovery(string database)
    {
        var status = StatusCodes.Status200OK;
        await using var farm = await LocalWebServer.StartAsync(app =>
        {
            app.MapGet("/", (HttpContext c) => { c.Response.StatusCode = Volatile.Read(ref status); return "某市人民政府"; });
            app.MapGet("/other", () => "其他网站");
        });
        await using var db = await TestDatabase.CreateAsync(database);
        var sink = new RecordingSink();
        await using var engine = await EngineHost.StartAsync(db, sink);
        var site = await engine.WebsiteAsync();
        var m = await engine.MonitorAsync(site.Id, new MonitorInput("availability", "首页", farm.Url("/"), IntervalSeconds: 1, FailuresBeforeDown: 2, SuccessesBeforeUp: 2, TimeoutSeconds: 1));
        var other = await engine.MonitorAsync(site.Id, new MonitorInput("availability", "另一个", farm.Url("/other"), IntervalSeconds: 1, TimeoutSeconds: 1));

        await sink.WaitAsync(m.Id, o => o.Health == MonitorHealth.Up, Bound);
        Volatile.Write(ref status, StatusCodes.Status500InternalServerError);
        var down = await sink.WaitAsync(m.Id, o => o.Health == MonitorHealth.Down, Bound);
        Assert.Contains(down.Findings, f => f.Category == Categories.AvailabilityDown);
        Assert.NotNull(down.ResultId);

        Volatile.Write(ref status, StatusCodes.Status200OK);
        var up = await sink.WaitAsync(m.Id, o => o.Health == MonitorHealth.Up && o.CheckedAt > down.CheckedAt, Bound);

        // Flap resistance, read from the stored results: the first failure was a retry, the second went down;
        // the first success after the outage was still down, the second came back up.
        var results = await engine.ResultsAsync(db, m.Id);
        var firstFail = results.FindIndex(r => r.RawHealth == MonitorHealth.Down);
        Assert.Equal(MonitorHealth.Up, results[firstFail].Health);
        Assert.Equal(MonitorHealth.Down, results[firstFail + 1].Health);
        var firstBack = results.FindIndex(firstFail, r => r.RawHealth == MonitorHealth.Up);
        Assert.Equal(MonitorHealth.Down, results[firstBack].Health);
        Assert.Equal(MonitorHealth.Up, results[firstBack + 1].Health);
        Assert.Equal(down.ResultId, results.Single(r => r.Id == down.ResultId).Id);
        Assert.True(up.ResultId > down.ResultId);

        // The other monitor on the same host kept answering up all along.
        Assert.DoesNotContain(sink.Seen, o => o.MonitorId == other.Id && o.Health != MonitorHealth.Up);
        Assert.Contains(sink.Seen, o => o.MonitorId == other.Id);
    }

    [Fact]
    public async Task Tls_reports_an_expiring_certificate_and_an_expired_one()
    {
        var now = TimeProvider.System.GetUtcNow();
        using var soon = TestCertificates.SelfSigned(now, "soon.test", days: 10);
        using var old = TestCertificates.SelfSigned(now.AddDays(-60), "old.test", days: 30);
        await using var soonSite = await LocalWebServer.StartAsync(app => app.MapGet("/", () => "ok"), certificate: soon);
        await using var oldSite = await LocalWebServer.StartAsync(app => app.MapGet("/", () => "ok"), certificate: old);
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var sink = new RecordingSink();
        await using var engine = await EngineHost.StartAsync(db, sink);
        var site = await engine.WebsiteAsync();
        var a = await engine.MonitorAsync(site.Id, new MonitorInput("tls", "即将到期", soonSite.Url("/"), IntervalSeconds: 3600, FailuresBeforeDown: 1));
        var b = await engine.MonitorAsync(site.Id, new MonitorInput("tls", "已过期", oldSite.Url("/"), IntervalSeconds: 3600, FailuresBeforeDown: 1));

        var first = await engine.CheckNowAsync(a.Id);
        Assert.NotNull(first);
        var seenA = await sink.WaitAsync(a.Id, o => o.ResultId == first.ResultId, Bound);
        Assert.Contains(seenA.Findings, f => f.Category == Categories.TlsExpiring);
        Assert.Contains(seenA.Findings, f => f.Rule == "tls.untrusted_chain");

        var second = await engine.CheckNowAsync(b.Id);
        Assert.Equal(MonitorHealth.Down, second!.Health);
        var seenB = await sink.WaitAsync(b.Id, o => o.ResultId == second.ResultId, Bound);
        Assert.Contains(seenB.Findings, f => f.Rule == "tls.expired" && f.Category == Categories.TlsInvalid);
        Assert.DoesNotContain(seenB.Findings, f => f.Category == Categories.TlsExpiring);
    }

    [Fact]
    public async Task Content_and_exposure_monitors_run_the_page_detectors()
    {
        await using var farm = await LocalWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => Results.Content("<html><body>欢迎访问 网上赌场 在线博彩 百家乐 真人荷官</body></html>", "text/html; charset=utf-8"));
            app.MapGet("/files/", () => Results.Content("<html><head><title>Index of /files</title></head><body><h1>Index of /files</h1><hr><pre><a href=\"../\">../</a>\n<a href=\"backup.zip\">backup.zip</a></pre></body></html>", "text/html"));
        });
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var sink = new RecordingSink();
        await using var engine = await EngineHost.StartAsync(db, sink);
        var site = await engine.WebsiteAsync();
        var content = await engine.MonitorAsync(site.Id, new MonitorInput("content", "内容", farm.Url("/"), IntervalSeconds: 3600, FailuresBeforeDown: 1));
        var exposure = await engine.MonitorAsync(site.Id, new MonitorInput("exposure", "暴露面", farm.Url("/"), IntervalSeconds: 3600, FailuresBeforeDown: 1,
            Settings: System.Text.Json.JsonDocument.Parse("""{"paths":["/","/files/"]}""").RootElement));

        var c = await engine.CheckNowAsync(content.Id);
        var co = await sink.WaitAsync(content.Id, o => o.ResultId == c!.ResultId, Bound);
        Assert.Contains(co.Findings, f => f.Category == Categories.ContentHarmfulKeyword);

        var e = await engine.CheckNowAsync(exposure.Id);
        var eo = await sink.WaitAsync(exposure.Id, o => o.ResultId == e!.ResultId, Bound);
        Assert.Contains(eo.Findings, f => f.Category == Categories.VulnDirListing);
        Assert.Contains(eo.Findings, f => f.Category == Categories.VulnMissingHeader);
        Assert.DoesNotContain(eo.Findings, f => f.Category == Categories.VulnExposedFile);
    }

    [Theory]
    [Databases]
    public async Task A_restarted_host_on_the_same_database_continues_the_schedule(string database)
    {
        await using var farm = await LocalWebServer.StartAsync(app => app.MapGet("/", () => "ok"));
        await using var db = await TestDatabase.CreateAsync(database);
        var sink = new RecordingSink();
        Guid id;
        await using (var first = await EngineHost.StartAsync(db, sink))
        {
            var site = await first.WebsiteAsync();
            id = (await first.MonitorAsync(site.Id, new MonitorInput("availability", "首页", farm.Url("/"), IntervalSeconds: 1, TimeoutSeconds: 1))).Id;
            await sink.WaitAsync(id, _ => sink.Seen.Count(o => o.MonitorId == id) >= 3, Bound);
        }

        var before = await ResultsOf(db, id);
        var sinkAfter = new RecordingSink();
        await using (var second = await EngineHost.StartAsync(db, sinkAfter))
        {
            // Nothing but the database survived (in-memory reminders): the start-up sweep brings the grain back.
            await sinkAfter.WaitAsync(id, _ => sinkAfter.Seen.Count(o => o.MonitorId == id) >= 3, Bound);
        }

        var all = await ResultsOf(db, id);
        var scheduled = all.Where(r => !r.Manual).ToList();
        Assert.True(all.Count >= before.Count + 3);
        Assert.Equal(scheduled.Count, scheduled.Select(r => r.DueAt).Distinct().Count());
        // Every slot after the restart is on the same one-second grid as before it.
        var phase = before[1].DueAt.ToUnixTimeMilliseconds() % 1000;
        Assert.All(scheduled.Skip(before.Count), r => Assert.Equal(phase, r.DueAt.ToUnixTimeMilliseconds() % 1000));
        Assert.True(scheduled[before.Count].DueAt > before[^1].DueAt);
    }

    private static async Task<List<CheckResult>> ResultsOf(TestDatabase db, Guid id)
    {
        await using var ctx = db.Context();
        return ctx.CheckResults.Where(r => r.MonitorId == id).OrderBy(r => r.Id).ToList();
    }
}
