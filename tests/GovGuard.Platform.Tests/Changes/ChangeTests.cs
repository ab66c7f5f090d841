using GovGuard.Catalog.Duties;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Changes;
using GovGuard.Platform.Evidence;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Tests.Alerts;
using GovGuard.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Changes;

/// <summary>Major change notices through the real services: advance notice, the customer's decision, the maintenance window, the risk assessment after it.</summary>
public sealed class ChangeTests
{
    [Theory]
    [Databases]
    public async Task A_change_closer_than_the_notice_period_is_refused_citing_the_clause(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        var now = w.Clock.GetUtcNow();
        var r = await NotifyAsync(w, now.AddDays(2), now.AddDays(2).AddHours(2));
        Assert.Equal(Common.ErrorKind.Validation, r.Error?.Kind);
        var f = Assert.Single(r.Error!.Fields);
        Assert.Equal("plannedStart", f.Field);
        Assert.Equal("advance_notice", f.Rule);
        Assert.Contains("7.2.2 i", f.Message.Zh, StringComparison.Ordinal);
        Assert.Contains("7.2.2 i", f.Message.En, StringComparison.Ordinal);
        var byOwner = await w.S.In(sp => sp.GetRequiredService<ChangeService>().NotifyAsync(w.Owner, w.Site.Id,
            new ChangeInput("x", "y", "z", now.AddDays(10), now.AddDays(10).AddHours(1)), CancellationToken.None));
        Assert.Equal(Common.ErrorKind.Forbidden, byOwner.Error?.Kind);
        await using var db = w.Db.Context();
        Assert.False(await db.ChangeNotices.AnyAsync());
    }

    [Theory]
    [Databases]
    public async Task Approval_opens_the_maintenance_window_on_the_affected_monitor_and_raises_a_pending_risk_assessment(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        await w.HookChannelAsync("webhook", "/hook");
        var monitor = await w.S.In(sp => sp.GetRequiredService<MonitorService>().CreateAsync(w.Owner, w.Site.Id,
            new MonitorInput("availability", "首页", "https://www.example.gov.cn/", IntervalSeconds: 3600), CancellationToken.None));
        Assert.True(monitor.Succeeded, monitor.Error?.Message.En);
        var now = w.Clock.GetUtcNow();
        var start = now.AddDays(7);
        var notice = await NotifyAsync(w, start, start.AddHours(4), [monitor.Value!.Id], supervisor: true);
        Assert.True(notice.Succeeded, notice.Error?.Message.En);
        var id = notice.Value!.Id;

        var service = (Func<IServiceProvider, ChangeService>)(sp => sp.GetRequiredService<ChangeService>());
        var early = await w.S.In(sp => service(sp).DecideAsync(w.Owner, w.Site.Id, id, new DecisionInput("approve", null), CancellationToken.None));
        Assert.Equal(Common.ErrorKind.Conflict, early.Error?.Kind);
        Assert.Contains("7.2.2 i", early.Error!.Message.Zh, StringComparison.Ordinal);
        var byProvider = await w.S.In(sp => service(sp).DecideAsync(w.Provider, w.Site.Id, id, new DecisionInput("approve", null), CancellationToken.None));
        Assert.Equal(Common.ErrorKind.Forbidden, byProvider.Error?.Kind);
        Assert.True((await w.S.In(sp => service(sp).RecordSupervisorReviewAsync(w.Owner, w.Site.Id, id, new SupervisorReviewInput(true, "某网信办审〔2026〕12号"), CancellationToken.None))).Succeeded);
        var approved = await w.S.In(sp => service(sp).DecideAsync(w.Owner, w.Site.Id, id, new DecisionInput("approve", "同意，注意回退预案"), CancellationToken.None));
        Assert.True(approved.Succeeded, approved.Error?.Message.En);
        Assert.Equal("approved", approved.Value!.State);
        Assert.NotNull(approved.Value.MaintenanceWindowId);
        Assert.NotNull(approved.Value.RiskAssessmentId);

        await using (var db = w.Db.Context())
        {
            var window = await db.MaintenanceWindows.SingleAsync(m => m.Id == approved.Value.MaintenanceWindowId);
            Assert.Equal(start, window.StartsAt);
            Assert.Equal(start.AddHours(4), window.EndsAt);
            Assert.Equal([monitor.Value.Id], window.MonitorIds);
            var risk = await db.RiskAssessments.SingleAsync();
            Assert.Equal(RiskAssessmentState.Pending, risk.State);
            Assert.Equal(id, risk.ChangeId);
        }

        // During the change, the affected monitor's alert is recorded silenced and nobody is notified.
        w.Clock.Advance(start.AddMinutes(30) - w.Clock.GetUtcNow());
        var o = new MonitorObservation(w.Site.Id, monitor.Value.Id, Platform.Monitoring.MonitorKind.Availability, MonitorHealth.Down, w.Clock.GetUtcNow(), new("连接超时", "connect timed out"), [AlertWorld.Down()], 1);
        Assert.Equal(0, await w.ApplyAsync(o));
        await using (var db = w.Db.Context())
        {
            Assert.Equal(AlertState.Silenced, (await db.Alerts.SingleAsync()).State);
        }

        // The risk assessment: the evidence says pending until the customer completes it.
        var duty = DutyCatalog.Default.Duties.First(d => d.Automatic?.Record == RecordKind.RiskAssessment);
        var pending = await EvidenceAsync(w, duty);
        Assert.DoesNotContain(pending, i => i.Satisfied);
        var incomplete = await w.S.In(sp => service(sp).CompleteRiskAssessmentAsync(w.Owner, w.Site.Id, approved.Value.RiskAssessmentId!.Value, new RiskAssessmentInput(null, "high", "数据库版本升级后有两项配置回退。", null), CancellationToken.None));
        Assert.Equal("measures", Assert.Single(incomplete.Error!.Fields).Field);
        var done = await w.S.In(sp => service(sp).CompleteRiskAssessmentAsync(w.Owner, w.Site.Id, approved.Value.RiskAssessmentId!.Value,
            new RiskAssessmentInput(null, "medium", "数据库版本升级后有两项配置回退。", "恢复配置并加入基线检查。"), CancellationToken.None));
        Assert.True(done.Succeeded, done.Error?.Message.En);
        var evidence = await EvidenceAsync(w, duty);
        Assert.True(Assert.Single(evidence).Satisfied);
    }

    [Theory]
    [Databases]
    public async Task A_rejection_needs_a_reason_and_opens_no_window(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        var now = w.Clock.GetUtcNow();
        var notice = await NotifyAsync(w, now.AddDays(6), now.AddDays(6).AddHours(1));
        var id = notice.Value!.Id;
        var noReason = await w.S.In(sp => sp.GetRequiredService<ChangeService>().DecideAsync(w.Owner, w.Site.Id, id, new DecisionInput("reject", " "), CancellationToken.None));
        Assert.Equal("reason", Assert.Single(noReason.Error!.Fields).Field);
        var rejected = await w.S.In(sp => sp.GetRequiredService<ChangeService>().DecideAsync(w.Owner, w.Site.Id, id, new DecisionInput("reject", "与网上办事高峰冲突"), CancellationToken.None));
        Assert.Equal("rejected", rejected.Value?.State);
        await using var db = w.Db.Context();
        Assert.False(await db.MaintenanceWindows.AnyAsync());
        Assert.False(await db.RiskAssessments.AnyAsync());
        Assert.Equal(1, await db.AuditRecords.CountAsync(r => r.Kind == ChangeService.ChangeDecided));
    }

    private static Task<Common.Outcome<ChangeView>> NotifyAsync(AlertWorld w, DateTimeOffset start, DateTimeOffset end, IReadOnlyList<Guid>? monitors = null, bool supervisor = false) =>
        w.S.In(sp => sp.GetRequiredService<ChangeService>().NotifyAsync(w.Provider, w.Site.Id,
            new ChangeInput("数据库主备切换与版本升级", "将 MySQL 5.7 升级至 8.0，主备切换一次。", "预计中断 10 分钟；网站只读。", start, end, monitors, supervisor), CancellationToken.None));

    private static Task<List<AutomaticEvidenceItem>> EvidenceAsync(AlertWorld w, Duty duty) => w.S.In(async sp =>
    {
        var all = new List<AutomaticEvidenceItem>();
        foreach (var s in sp.GetServices<IAutomaticEvidenceSource>())
        {
            all.AddRange(await s.GetAsync(w.Site.Id, duty, CancellationToken.None));
        }

        return all;
    });
}
