using GovGuard.Detection.Findings;
using GovGuard.Platform.Access;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Common;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Monitoring.Tamper;
using GovGuard.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Monitoring;

/// <summary>The page tamper monitor in the engine against a real local site (GB/T 38249 7.4.3 b), on both databases.</summary>
public sealed class TamperMonitorTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private sealed record World(TestDatabase Db, EngineHost Engine, MonitorView Monitor, TamperSiteState State, TestServers.LocalWebServer Site) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Engine.DisposeAsync();
            await Site.DisposeAsync();
            await Db.DisposeAsync();
        }
    }

    private static async Task<World> WorldAsync(string database)
    {
        var state = new TamperSiteState();
        var farm = await TamperSite.StartAsync(state);
        var db = await TestDatabase.CreateAsync(database);
        var engine = await EngineHost.StartAsync(db, new RecordingSink());
        var site = await engine.WebsiteAsync();
        var m = await engine.MonitorAsync(site.Id, new MonitorInput("tamper", "首页防篡改", farm.Url("/"), IntervalSeconds: 3600, FailuresBeforeDown: 1, TimeoutSeconds: 30));
        // A new monitor is checked within seconds, then hourly: wait for that first scheduled check (it takes the
        // baseline), so that no scheduled check runs between what a test changes and the check it asks for.
        using var cts = new CancellationTokenSource(Bound);
        while ((await engine.ResultsAsync(db, m.Id)).Count == 0)
        {
            cts.Token.ThrowIfCancellationRequested();
            await Task.Delay(100, CancellationToken.None);
        }

        return new World(db, engine, m, state, farm);
    }

    private static async Task<Platform.Monitoring.Engine.CheckReport> CheckAsync(World w)
    {
        var report = await w.Engine.CheckNowAsync(w.Monitor.Id);
        Assert.NotNull(report);
        return report;
    }

    private static async Task<List<CheckResult>> ResultsAsync(World w) => await w.Engine.ResultsAsync(w.Db, w.Monitor.Id);

    [Theory]
    [Databases]
    public async Task The_first_run_takes_the_baseline_and_a_defacement_is_reported_for_review(string database)
    {
        await using var w = await WorldAsync(database);
        var first = await CheckAsync(w);
        Assert.Equal(MonitorHealth.Up, first.RawHealth);
        Assert.Equal(0, first.FindingCount);
        Assert.Contains("2 new baselines", (await ResultsAsync(w))[0].SummaryEn, StringComparison.Ordinal);
        await using (var ctx = w.Db.Context())
        {
            var baselines = await ctx.TamperBaselines.Where(b => b.MonitorId == w.Monitor.Id).ToListAsync();
            Assert.Equal(2, baselines.Count);
            Assert.All(baselines, b => Assert.Equal(TamperBaselineOrigins.First, b.Origin));
            Assert.Contains(baselines, b => b.Url.EndsWith("/news/", StringComparison.Ordinal));
        }

        w.State.Defaced = true;
        var second = await CheckAsync(w);
        Assert.Equal(MonitorHealth.Down, second.RawHealth);
        var stored = (await ResultsAsync(w)).Single(r => r.Id == second.ResultId);
        Assert.Contains(Categories.TamperDefacement, stored.Findings, StringComparison.Ordinal);
        Assert.Contains("title-replaced", stored.Findings, StringComparison.Ordinal);
        Assert.Contains("external-script-added", stored.Findings, StringComparison.Ordinal);

        await using (var ctx = w.Db.Context())
        {
            var change = await ctx.TamperChanges.SingleAsync(c => c.MonitorId == w.Monitor.Id);
            Assert.Equal(TamperChangeState.Pending, change.State);
            Assert.Equal(w.Site.Url("/"), change.Url);
            Assert.Contains(TamperSite.DefacedTitle, change.CurrentPage, StringComparison.Ordinal);
            Assert.Contains("某市人民政府门户网站", change.BaselinePage, StringComparison.Ordinal);
        }

        // The alerting side opened an alert for the page; the review shows both sides as text and names the new script host.
        var alert = await WaitForAlertAsync(w, a => a.State != AlertState.Resolved);
        Assert.Equal(w.Site.Url("/"), alert.Url);
        var review = await w.Engine.In(async sp =>
        {
            var tamper = sp.GetRequiredService<TamperService>();
            var id = await tamper.ForAlertAsync(Caller.System, alert.Id, CancellationToken.None);
            return await tamper.GetAsync(Caller.System, id.Value, CancellationToken.None);
        });
        Assert.True(review.Succeeded);
        Assert.True(review.Value!.Diff.TitleChanged);
        Assert.Contains(review.Value.Diff.Resources, r => r.Added && r.Kind == "script" && r.Host == "evil.example");
        Assert.Contains(review.Value.Diff.Rows, r => r.Kind == "added" && r.After!.Contains(TamperSite.DefacedTitle, StringComparison.Ordinal));
        Assert.Contains(review.Value.Diff.Rows, r => r.Kind == "removed" && r.Before!.Contains("政务服务中心", StringComparison.Ordinal));
        Assert.Contains(alert.Id, review.Value.ActiveAlerts);
    }

    [Theory]
    [Databases]
    public async Task A_new_item_on_the_news_list_is_a_legitimate_update_and_becomes_the_baseline(string database)
    {
        await using var w = await WorldAsync(database);
        await CheckAsync(w);
        Interlocked.Exchange(ref w.State.NewsItems, 4);

        var next = await CheckAsync(w);
        Assert.Equal(0, next.FindingCount);
        Assert.Equal(MonitorHealth.Up, next.RawHealth);
        Assert.Contains("1 legitimate updates", next.SummaryEn, StringComparison.Ordinal);
        await using var ctx = w.Db.Context();
        Assert.False(await ctx.TamperChanges.AnyAsync(c => c.MonitorId == w.Monitor.Id));
        var news = await ctx.TamperBaselines.SingleAsync(b => b.MonitorId == w.Monitor.Id && b.Url.EndsWith("/news/"));
        Assert.Equal(TamperBaselineOrigins.Update, news.Origin);
        Assert.Contains("第4次常务会议", news.Page, StringComparison.Ordinal);
    }

    [Theory]
    [Databases]
    public async Task A_change_the_refetch_does_not_confirm_is_not_reported(string database)
    {
        await using var w = await WorldAsync(database);
        await CheckAsync(w);
        var before = Volatile.Read(ref w.State.HomeRequests);
        w.State.DefaceOnce = true;

        var next = await CheckAsync(w);
        Assert.Equal(0, next.FindingCount);
        Assert.Equal(MonitorHealth.Up, next.RawHealth);
        Assert.Contains("1 not confirmed on re-fetch", next.SummaryEn, StringComparison.Ordinal);
        // The glitch was really served, and the page was fetched again to check it.
        Assert.False(w.State.DefaceOnce);
        Assert.True(Volatile.Read(ref w.State.HomeRequests) >= before + 2);
        await using var ctx = w.Db.Context();
        Assert.False(await ctx.TamperChanges.AnyAsync(c => c.MonitorId == w.Monitor.Id));
        Assert.DoesNotContain(await ctx.TamperBaselines.Where(b => b.MonitorId == w.Monitor.Id).Select(b => b.Page).ToListAsync(),
            p => p.Contains(TamperSite.DefacedTitle, StringComparison.Ordinal));
    }

    [Theory]
    [Databases]
    public async Task Approving_a_change_makes_it_the_baseline_resolves_its_alert_and_the_next_check_is_clean(string database)
    {
        await using var w = await WorldAsync(database);
        await CheckAsync(w);
        w.State.Defaced = true;
        await CheckAsync(w);
        var alert = await WaitForAlertAsync(w, a => a.State != AlertState.Resolved);

        Guid changeId;
        await using (var ctx = w.Db.Context())
        {
            changeId = (await ctx.TamperChanges.SingleAsync(c => c.MonitorId == w.Monitor.Id)).Id;
        }

        var approved = await w.Engine.In(sp => sp.GetRequiredService<TamperService>().ApproveAsync(Caller.System, changeId, new TamperApproveInput("改版上线"), CancellationToken.None));
        Assert.True(approved.Succeeded, approved.Error?.Message.En);
        Assert.Equal("approved", approved.Value!.State);
        var again = await w.Engine.In(sp => sp.GetRequiredService<TamperService>().ApproveAsync(Caller.System, changeId, new TamperApproveInput(null), CancellationToken.None));
        Assert.Equal(ErrorKind.Conflict, again.Error!.Kind);

        await using (var ctx = w.Db.Context())
        {
            var a = await ctx.Alerts.SingleAsync(x => x.Id == alert.Id);
            Assert.Equal(AlertState.Resolved, a.State);
            var home = await ctx.TamperBaselines.SingleAsync(b => b.MonitorId == w.Monitor.Id && b.Url == w.Site.Url("/"));
            Assert.Equal(TamperBaselineOrigins.Approved, home.Origin);
            Assert.True(await ctx.AuditRecords.AnyAsync(r => r.Kind == TamperAudit.Approved && r.ObjectId == changeId.ToString()));
        }

        var clean = await CheckAsync(w);
        Assert.Equal(0, clean.FindingCount);
        Assert.Equal(MonitorHealth.Up, clean.RawHealth);
    }

    [Fact]
    public async Task The_tamper_duty_gets_automatic_evidence_that_fails_while_a_defacement_alert_is_open()
    {
        await using var w = await WorldAsync("sqlite");
        Assert.True(Catalog.Duties.DutyCatalog.Default.TryGet("7.4.3.b", out var duty));
        async Task<Evidence.AutomaticEvidenceItem> EvidenceAsync() => Assert.Single(await w.Engine.In(sp =>
            sp.GetServices<Evidence.IAutomaticEvidenceSource>().OfType<TamperEvidenceSource>().Single().GetAsync(w.Monitor.WebsiteId, duty, CancellationToken.None)));

        await CheckAsync(w);
        var on = await EvidenceAsync();
        Assert.True(on.Satisfied, on.Summary.En);
        Assert.Equal("tamper", on.Source);

        w.State.Defaced = true;
        await CheckAsync(w);
        await WaitForAlertAsync(w, a => a.State != AlertState.Resolved);
        var off = await EvidenceAsync();
        Assert.False(off.Satisfied);
        Assert.Contains("1 page changes to review", off.Summary.En, StringComparison.Ordinal);
    }

    private static async Task<Alert> WaitForAlertAsync(World w, Func<Alert, bool> match)
    {
        using var cts = new CancellationTokenSource(Bound);
        while (true)
        {
            await using (var ctx = w.Db.Context())
            {
                var alerts = await ctx.Alerts.AsNoTracking().Where(a => a.MonitorId == w.Monitor.Id && a.Category == Categories.TamperDefacement).ToListAsync();
                if (alerts.FirstOrDefault(match) is { } hit)
                {
                    return hit;
                }
            }

            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException("no tamper alert was opened");
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }
}
