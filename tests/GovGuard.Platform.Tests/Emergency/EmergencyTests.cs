using GovGuard.Catalog.Duties;
using GovGuard.Catalog.Lifecycle;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Emergency;
using GovGuard.Platform.Evidence;
using GovGuard.Platform.Notifications;
using GovGuard.Platform.Tests.Alerts;
using GovGuard.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Emergency;

/// <summary>Emergency plans, drills and restore drills through the real services; the overdue check on a fake clock.</summary>
public sealed class EmergencyTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Theory]
    [Databases]
    public async Task Overdue_drill_raises_one_alert_on_the_day_after_two_years_and_a_drill_resolves_it(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        await w.EmailChannelAsync();
        await InOperationAsync(w);
        // Every typical category drilled today, except data leaks: drilled on 2026-06-15, so due by 2028-06-15.
        foreach (var c in DrillChecker.TypicalCodes.Where(c => c != "data_leak"))
        {
            Assert.True((await DrillAsync(w, c, new DateOnly(2026, 12, 1))).Succeeded);
        }

        Assert.True((await DrillAsync(w, "data_leak", new DateOnly(2026, 6, 15))).Succeeded);
        var checker = w.Get<DrillChecker>();

        MoveTo(w, new DateTimeOffset(2028, 6, 15, 23, 59, 0, China));
        Assert.Equal(0, await checker.CheckAllAsync(CancellationToken.None));
        Assert.Equal(0, await OverdueCountAsync(w));

        MoveTo(w, new DateTimeOffset(2028, 6, 16, 0, 1, 0, China));
        Assert.Equal(1, await checker.CheckAllAsync(CancellationToken.None));
        await w.Get<NotificationDispatcher>().RunDueAsync(CancellationToken.None);
        Assert.True(await w.Smtp.WaitForAsync(1));
        Assert.Contains("数据泄露", w.Smtp.Messages.Single().Text, StringComparison.Ordinal);

        // The daily check again: the same alert, seen twice, no second notice.
        MoveTo(w, new DateTimeOffset(2028, 6, 17, 0, 1, 0, China));
        Assert.Equal(0, await checker.CheckAllAsync(CancellationToken.None));
        await using (var db = w.Db.Context())
        {
            var alert = await db.Alerts.SingleAsync();
            Assert.Equal(AlertSource.Routine, alert.Source);
            Assert.Equal(DrillChecker.OverdueCategory, alert.Category);
            Assert.Equal("data_leak", alert.Rule);
            Assert.Equal(2, alert.Count);
            Assert.Equal(AlertState.Open, alert.State);
        }

        Assert.True((await DrillAsync(w, "data_leak", new DateOnly(2028, 6, 16))).Succeeded);
        await using (var db = w.Db.Context())
        {
            var alert = await db.Alerts.SingleAsync();
            Assert.Equal(AlertState.Resolved, alert.State);
            Assert.Contains(await db.AlertEvents.Where(e => e.AlertId == alert.Id).Select(e => e.Kind).ToListAsync(), k => k == AlertEventKind.Recovered);
        }
    }

    [Theory]
    [Databases]
    public async Task A_website_outside_operation_gets_no_drill_alert(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        MoveTo(w, new DateTimeOffset(2029, 1, 1, 12, 0, 0, China));
        Assert.Equal(0, await w.Get<DrillChecker>().CheckAllAsync(CancellationToken.None));
        await InOperationAsync(w);
        Assert.Equal(DrillChecker.TypicalCodes.Count, await w.Get<DrillChecker>().CheckAllAsync(CancellationToken.None));
    }

    [Theory]
    [Databases]
    public async Task A_plan_is_approved_only_with_every_section_and_a_new_version_follows_approval(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        var sections = Sections();
        sections["safeguards"] = "无";
        var draft = await w.S.In(sp => sp.GetRequiredService<EmergencyService>().SaveDraftAsync(w.Provider, w.Site.Id,
            new PlanInput("web_tampering", "网页篡改事件应急预案", sections), CancellationToken.None));
        Assert.True(draft.Succeeded, draft.Error?.Message.En);
        Assert.Equal(["safeguards"], draft.Value!.Missing);

        // The owner writes no plan; the provider approves none.
        var byOwner = await w.S.In(sp => sp.GetRequiredService<EmergencyService>().SaveDraftAsync(w.Owner, w.Site.Id, new PlanInput("web_tampering", "x", sections), CancellationToken.None));
        Assert.Equal(Common.ErrorKind.Forbidden, byOwner.Error?.Kind);
        var byProvider = await w.S.In(sp => sp.GetRequiredService<EmergencyService>().ApproveAsync(w.Provider, w.Site.Id, draft.Value.Id, CancellationToken.None));
        Assert.Equal(Common.ErrorKind.Forbidden, byProvider.Error?.Kind);

        var refused = await w.S.In(sp => sp.GetRequiredService<EmergencyService>().ApproveAsync(w.Owner, w.Site.Id, draft.Value.Id, CancellationToken.None));
        Assert.Equal(Common.ErrorKind.Validation, refused.Error?.Kind);
        var field = Assert.Single(refused.Error!.Fields);
        Assert.Equal("sections.safeguards", field.Field);
        Assert.Contains("保障措施", field.Message.Zh, StringComparison.Ordinal);
        Assert.Contains("Safeguards", field.Message.En, StringComparison.Ordinal);

        sections["safeguards"] = "人员、经费、技术和物资保障：应急队伍 7×24 小时待命，备用服务器与离线备份随时可用。";
        var fixedDraft = await w.S.In(sp => sp.GetRequiredService<EmergencyService>().SaveDraftAsync(w.Provider, w.Site.Id,
            new PlanInput("web_tampering", "网页篡改事件应急预案", sections, draft.Value.Version), CancellationToken.None));
        Assert.Equal(draft.Value.Id, fixedDraft.Value!.Id);
        var approved = await w.S.In(sp => sp.GetRequiredService<EmergencyService>().ApproveAsync(w.Owner, w.Site.Id, draft.Value.Id, CancellationToken.None));
        Assert.True(approved.Succeeded, approved.Error?.Message.En);
        Assert.Equal("approved", approved.Value!.State);

        var second = await w.S.In(sp => sp.GetRequiredService<EmergencyService>().SaveDraftAsync(w.Provider, w.Site.Id,
            new PlanInput("web_tampering", "网页篡改事件应急预案（修订）", sections), CancellationToken.None));
        Assert.Equal(2, second.Value!.Number);
        Assert.Equal("draft", second.Value.State);
        Assert.True((await w.S.In(sp => sp.GetRequiredService<EmergencyService>().ApproveAsync(w.Owner, w.Site.Id, second.Value.Id, CancellationToken.None))).Succeeded);
        await using var db = w.Db.Context();
        var states = await db.EmergencyPlans.OrderBy(p => p.Number).Select(p => p.State).ToListAsync();
        Assert.Equal([PlanState.Superseded, PlanState.Approved], states);
        Assert.Equal(3, await db.AuditRecords.CountAsync(r => r.Kind == EmergencyService.PlanSaved));
        Assert.Equal(2, await db.AuditRecords.CountAsync(r => r.Kind == EmergencyService.PlanApproved));
    }

    [Theory]
    [Databases]
    public async Task Automatic_evidence_reads_drills_per_category_and_restore_drills(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        var drillDuty = DutyCatalog.Default.Duties.First(d => d.Automatic?.Record == RecordKind.Drill && d.Automatic.EachIncidentCategory);
        var restoreDuty = DutyCatalog.Default.Duties.First(d => d.Automatic?.Record == RecordKind.BackupRestoreDrill && d.Automatic.WithinDays is not null);
        Assert.True((await DrillAsync(w, "ddos", new DateOnly(2026, 11, 20))).Succeeded);
        var restore = await w.S.In(sp => sp.GetRequiredService<EmergencyService>().RecordRestoreDrillAsync(w.Provider, w.Site.Id,
            new RestoreDrillInput(new DateOnly(2026, 11, 25), "2026-11-24 全量备份", true, 42, true, null), CancellationToken.None));
        Assert.True(restore.Succeeded, restore.Error?.Message.En);

        var items = await w.S.In(async sp =>
        {
            var sources = sp.GetServices<IAutomaticEvidenceSource>().ToList();
            var all = new List<AutomaticEvidenceItem>();
            foreach (var s in sources)
            {
                all.AddRange(await s.GetAsync(w.Site.Id, drillDuty, CancellationToken.None));
                all.AddRange(await s.GetAsync(w.Site.Id, restoreDuty, CancellationToken.None));
            }

            return all;
        });
        var drills = items.Where(i => i.Source == "drill").ToList();
        Assert.Equal(DrillChecker.TypicalCodes.Count, drills.Count);
        Assert.Single(drills, i => i.Satisfied);
        Assert.Contains(drills, i => i.Satisfied && i.Summary.Zh.Contains("拒绝服务攻击", StringComparison.Ordinal));
        Assert.True(Assert.Single(items, i => i.Source == "backup_restore_drill").Satisfied);
    }

    [Theory]
    [Databases]
    public async Task Bad_drill_and_backup_input_names_the_field_and_writes_nothing(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        var drill = await w.S.In(sp => sp.GetRequiredService<EmergencyService>().RecordDrillAsync(w.Provider, w.Site.Id,
            new DrillInput("earthquake", new DateOnly(2030, 1, 1), " ", "场景", "great", null), CancellationToken.None));
        Assert.Equal(["category", "heldOn", "participants", "result"], drill.Error!.Fields.Select(f => f.Field).Order().ToArray());
        var backup = await w.S.In(sp => sp.GetRequiredService<EmergencyService>().SetBackupStrategyAsync(w.Provider, w.Site.Id,
            new BackupStrategyInput(7, 200, 30, "同城灾备中心", true, null), CancellationToken.None));
        Assert.Contains(backup.Error!.Fields, f => f.Field == "incrementalEveryHours" && f.Rule == "range");
        await using var db = w.Db.Context();
        Assert.False(await db.Drills.AnyAsync());
        Assert.False(await db.BackupStrategies.AnyAsync());
    }

    [Theory]
    [Databases]
    public async Task The_drill_section_of_the_operation_report_lists_drills_and_overdue_categories(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        Assert.True((await DrillAsync(w, "web_tampering", new DateOnly(2026, 11, 10))).Succeeded);
        Assert.True((await DrillAsync(w, "ddos", new DateOnly(2026, 10, 10))).Succeeded);
        MoveTo(w, new DateTimeOffset(2029, 1, 1, 12, 0, 0, China));
        var section = await w.S.In(async sp =>
        {
            var s = sp.GetServices<Platform.Reports.Operations.IOperationReportSection>().Single(x => x is DrillReportSection);
            return await s.BuildAsync(w.Site.Id, new Platform.Reports.Operations.ReportPeriod(new DateTimeOffset(2026, 11, 1, 0, 0, 0, China), new DateTimeOffset(2026, 12, 1, 0, 0, 0, China)), CancellationToken.None);
        });
        Assert.NotNull(section);
        Assert.Contains("1 次", section!.Summary[0].Zh, StringComparison.Ordinal);
        // At the end of November 2026 nothing is overdue yet: the clock of a never-drilled category started on 2026-12-01.
        Assert.Contains($"{DrillChecker.TypicalCodes.Count} 个典型事件类别中 0 个逾期", section.Summary[1].Zh, StringComparison.Ordinal);
        var inPeriod = Assert.Single(section.Tables[1].Rows);
        Assert.Equal("2026-11-10", inPeriod[0]);
    }

    internal static Dictionary<string, string?> Sections() => new()
    {
        ["general"] = "编制目的、依据（国家网络安全事件应急预案、GB/T 38249-2019）、适用范围和工作原则。",
        ["roles"] = "应急领导小组、技术处置组、信息报送组的组成及各自职责，云服务商与客户的分工。",
        ["prevention"] = "网页篡改监测 5 分钟一轮，告警推送值班人员；每日巡检；重大节日前专项检查。",
        ["grading"] = "按特别重大、重大、较大、一般四级分级响应，对应启动条件与响应时限。",
        ["procedure"] = "发现、研判、断开、取证、恢复、通报、总结七个步骤，每步的负责人和时限。",
        ["safeguards"] = "人员、经费、技术和物资保障；应急队伍 7×24 小时待命。",
    };

    internal static Task<Common.Outcome<DrillView>> DrillAsync(AlertWorld w, string category, DateOnly held) =>
        w.S.In(sp => sp.GetRequiredService<EmergencyService>().RecordDrillAsync(w.Provider, w.Site.Id,
            new DrillInput(category, held, "云服务商运维组 3 人；客户信息中心 2 人", "模拟首页被篡改", "effective", "告警到处置用时 12 分钟"), CancellationToken.None));

    internal static async Task InOperationAsync(AlertWorld w)
    {
        await using var db = w.Db.Context();
        var site = await db.Websites.SingleAsync(s => s.Id == w.Site.Id);
        site.Phase = LifecycleState.Operation;
        await db.SaveChangesAsync();
    }

    internal static void MoveTo(AlertWorld w, DateTimeOffset at)
    {
        var delta = at - w.Clock.GetUtcNow();
        Assert.True(delta >= TimeSpan.Zero, "the test clock only moves forward");
        w.Clock.Advance(delta);
    }

    private static async Task<int> OverdueCountAsync(AlertWorld w)
    {
        await using var db = w.Db.Context();
        return await db.Alerts.CountAsync(a => a.Category == DrillChecker.OverdueCategory);
    }
}
