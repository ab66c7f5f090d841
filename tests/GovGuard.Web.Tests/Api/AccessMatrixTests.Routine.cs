using System.Collections.Concurrent;
using GovGuard.Platform.Changes;
using GovGuard.Platform.DutyRota;
using GovGuard.Platform.Emergency;
using GovGuard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Web.Tests.Api;

/// <summary>The access-matrix rows of the operation records: emergency plans and drills, the duty rota, change notices.</summary>
public sealed partial class AccessMatrixTests
{
    /// <summary>What each world holds of the operation records, by website.</summary>
    private sealed record RoutineSeed(Guid Plan, Guid Member, Guid Shift, Guid Change, Guid Risk);

    private static readonly ConcurrentDictionary<Guid, RoutineSeed> RoutineSeeds = new();

    private static RoutineSeed Seed(World w) => RoutineSeeds[w.Site.Id];

    private static Dictionary<string, string> FullPlan => new()
    {
        ["general"] = "编制目的、依据（国家网络安全事件应急预案）、适用范围和工作原则。",
        ["roles"] = "应急领导小组、技术处置组、信息报送组的组成及各自职责和分工。",
        ["prevention"] = "网页篡改监测五分钟一轮，告警推送值班人员，每日巡检一次。",
        ["grading"] = "按特别重大、重大、较大、一般四级分级响应，对应启动条件与时限。",
        ["procedure"] = "发现、研判、断开、取证、恢复、通报、总结七个步骤及负责人。",
        ["safeguards"] = "人员、经费、技术和物资保障，应急队伍七乘二十四小时待命。",
    };

    // A property, not a field: the table in the other part of the class reads it during its own initialisation.
    private static Row[] RoutineRows =>
    [
        new("GET", "/api/v1/websites/{websiteId:guid}/emergency/", (w, _) => $"/api/v1/websites/{w.Site.Id}/emergency", null, "401 404 200 200 200 200 200 200"),
        new("PUT", "/api/v1/websites/{websiteId:guid}/emergency/plans", (w, _) => $"/api/v1/websites/{w.Site.Id}/emergency/plans",
            (_, c) => new { category = "ddos", title = "拒绝服务攻击应急预案 " + c, sections = FullPlan }, "401 404 403 403 200 403 403 200"),
        new("GET", "/api/v1/websites/{websiteId:guid}/emergency/plans/{planId:guid}", (w, _) => $"/api/v1/websites/{w.Site.Id}/emergency/plans/{Seed(w).Plan}", null, "401 404 200 200 200 200 200 200"),
        new("POST", "/api/v1/websites/{websiteId:guid}/emergency/plans/{planId:guid}/approve", (w, _) => $"/api/v1/websites/{w.Site.Id}/emergency/plans/{Seed(w).Plan}/approve", null,
            "401 404 403 403 403 403 200 200", FreshWorldAfterSuccess: true),
        new("POST", "/api/v1/websites/{websiteId:guid}/emergency/drills", (w, _) => $"/api/v1/websites/{w.Site.Id}/emergency/drills",
            (_, c) => new { category = "web_tampering", heldOn = "2026-01-15", participants = "运维组 " + c, scenario = "首页被篡改", result = "effective" }, "401 404 403 403 201 403 403 201"),
        new("PUT", "/api/v1/websites/{websiteId:guid}/emergency/backup-strategy", (w, _) => $"/api/v1/websites/{w.Site.Id}/emergency/backup-strategy",
            (_, c) => new { fullEveryDays = 7, incrementalEveryHours = 24, retentionDays = 90, location = "同城灾备中心 " + c, offSite = true }, "401 404 403 403 200 403 403 200"),
        new("POST", "/api/v1/websites/{websiteId:guid}/emergency/restore-drills", (w, _) => $"/api/v1/websites/{w.Site.Id}/emergency/restore-drills",
            (_, c) => new { heldOn = "2026-01-20", backupRestored = "2026-01-19 全量备份 " + c, succeeded = true, durationMinutes = 35, dataVerified = true }, "401 404 403 403 201 403 403 201"),

        new("GET", "/api/v1/websites/{websiteId:guid}/duty/", (w, _) => $"/api/v1/websites/{w.Site.Id}/duty", null, "401 404 200 200 200 200 200 200"),
        new("PUT", "/api/v1/websites/{websiteId:guid}/duty/", (w, _) => $"/api/v1/websites/{w.Site.Id}/duty",
            (_, _) => new { timeZone = "Asia/Shanghai", officeStart = "09:00", officeEnd = "18:00" }, "401 404 403 403 200 200 200 200"),
        new("GET", "/api/v1/websites/{websiteId:guid}/duty/on-duty", (w, _) => $"/api/v1/websites/{w.Site.Id}/duty/on-duty", null, "401 404 200 200 200 200 200 200"),
        new("POST", "/api/v1/websites/{websiteId:guid}/duty/members", (w, _) => $"/api/v1/websites/{w.Site.Id}/duty/members",
            (_, c) => new { name = "值班员 " + c, email = "duty@example.gov.cn", phone = "13800000000" }, "401 404 403 403 201 201 201 201"),
        new("DELETE", "/api/v1/websites/{websiteId:guid}/duty/members/{memberId:guid}", (w, _) => $"/api/v1/websites/{w.Site.Id}/duty/members/{Seed(w).Member}", null,
            "401 404 403 403 204 204 204 204", FreshWorldAfterSuccess: true),
        new("POST", "/api/v1/websites/{websiteId:guid}/duty/shifts", (w, _) => $"/api/v1/websites/{w.Site.Id}/duty/shifts",
            (w, _) => new { memberId = Seed(w).Member, kind = "all_day", from = "2026-10-01", to = "2026-10-07" }, "401 404 403 403 201 201 201 201"),
        new("DELETE", "/api/v1/websites/{websiteId:guid}/duty/shifts/{shiftId:guid}", (w, _) => $"/api/v1/websites/{w.Site.Id}/duty/shifts/{Seed(w).Shift}", null,
            "401 404 403 403 204 204 204 204", FreshWorldAfterSuccess: true),
        new("GET", "/api/v1/duty-calendar/", (_, _) => "/api/v1/duty-calendar?year=2026", null, "401 200 200 200 200 200 200 200"),
        new("PUT", "/api/v1/duty-calendar/", (_, _) => "/api/v1/duty-calendar",
            (_, c) => new { from = "2030-03-01", to = "2030-03-05", kind = "sensitive", name = "重要会议 " + c }, "401 403 403 403 403 403 200 200"),
        // The owner's own entry; the platform administrator's organisation has none.
        new("DELETE", "/api/v1/duty-calendar/{date}", (_, _) => "/api/v1/duty-calendar/2030-01-02", null, "401 403 403 403 403 403 204 404", FreshWorldAfterSuccess: true),

        new("GET", "/api/v1/websites/{websiteId:guid}/changes/", (w, _) => $"/api/v1/websites/{w.Site.Id}/changes", null, "401 404 200 200 200 200 200 200"),
        new("POST", "/api/v1/websites/{websiteId:guid}/changes/", (w, _) => $"/api/v1/websites/{w.Site.Id}/changes",
            (_, c) => new { title = "平台扩容 " + c, description = "增加两台云主机。", impact = "无中断。", plannedStart = DateTimeOffset.UtcNow.AddDays(10), plannedEnd = DateTimeOffset.UtcNow.AddDays(10).AddHours(2) },
            "401 404 403 403 201 403 403 201"),
        new("GET", "/api/v1/websites/{websiteId:guid}/changes/{id:guid}", (w, _) => $"/api/v1/websites/{w.Site.Id}/changes/{Seed(w).Change}", null, "401 404 200 200 200 200 200 200"),
        new("POST", "/api/v1/websites/{websiteId:guid}/changes/{id:guid}/supervisor-review", (w, _) => $"/api/v1/websites/{w.Site.Id}/changes/{Seed(w).Change}/supervisor-review",
            (_, c) => new { approved = true, reference = "审核 " + c }, "401 404 403 403 403 200 200 200"),
        new("POST", "/api/v1/websites/{websiteId:guid}/changes/{id:guid}/decision", (w, _) => $"/api/v1/websites/{w.Site.Id}/changes/{Seed(w).Change}/decision",
            (_, c) => new { decision = "reject", reason = "时间冲突 " + c }, "401 404 403 403 403 200 200 200", FreshWorldAfterSuccess: true),
        new("POST", "/api/v1/websites/{websiteId:guid}/changes/{id:guid}/withdraw", (w, _) => $"/api/v1/websites/{w.Site.Id}/changes/{Seed(w).Change}/withdraw", null,
            "401 404 403 403 200 403 403 200", FreshWorldAfterSuccess: true),
        new("POST", "/api/v1/websites/{websiteId:guid}/risk-assessments/", (w, _) => $"/api/v1/websites/{w.Site.Id}/risk-assessments",
            (_, c) => new { title = "年度风险评估 " + c, level = "low", findings = "未发现高风险问题。" }, "401 404 403 403 403 201 201 201"),
        new("POST", "/api/v1/websites/{websiteId:guid}/risk-assessments/{id:guid}/complete", (w, _) => $"/api/v1/websites/{w.Site.Id}/risk-assessments/{Seed(w).Risk}/complete",
            (_, _) => new { level = "low", findings = "变更后未发现新增风险。" }, "401 404 403 403 403 200 200 200", FreshWorldAfterSuccess: true),
    ];

    /// <summary>A draft plan, a rota with a member and a shift, a calendar entry of the owner, a proposed change and a pending risk assessment.</summary>
    private static async Task SeedRoutineAsync(TestHost host, Dictionary<string, TestUser> users, Guid site)
    {
        var provider = users["provider"].Caller;
        var owner = users["owner"].Caller;
        var plan = await host.In(sp => sp.GetRequiredService<EmergencyService>().SaveDraftAsync(provider, site,
            new PlanInput("web_tampering", "网页篡改事件应急预案", FullPlan.ToDictionary(p => p.Key, p => (string?)p.Value)), CancellationToken.None));
        var rota = await host.In(sp => sp.GetRequiredService<RotaService>().SetAsync(owner, site, new RotaInput(null, null, null, null, null), CancellationToken.None));
        var member = await host.In(sp => sp.GetRequiredService<RotaService>().AddMemberAsync(provider, site, new MemberInput("值班员", "duty@example.gov.cn", "13800000000"), CancellationToken.None));
        var shift = await host.In(sp => sp.GetRequiredService<RotaService>().AddShiftAsync(provider, site, new ShiftInput(member.Value!.Id, "office", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), CancellationToken.None));
        var day = await host.In(sp => sp.GetRequiredService<RotaService>().SetCalendarAsync(owner, new CalendarInput(new DateOnly(2030, 1, 2), null, "holiday", "单位假日"), CancellationToken.None));
        var start = DateTimeOffset.UtcNow.AddDays(10);
        var change = await host.In(sp => sp.GetRequiredService<ChangeService>().NotifyAsync(provider, site,
            new ChangeInput("数据库升级", "升级数据库版本。", "中断 10 分钟。", start, start.AddHours(1)), CancellationToken.None));
        var other = await host.In(sp => sp.GetRequiredService<ChangeService>().NotifyAsync(provider, site,
            new ChangeInput("网络割接", "更换核心交换机。", "中断 5 分钟。", start.AddDays(1), start.AddDays(1).AddHours(1)), CancellationToken.None));
        var approved = await host.In(sp => sp.GetRequiredService<ChangeService>().DecideAsync(owner, site, other.Value!.Id, new DecisionInput("approve", null), CancellationToken.None));
        Assert.True(plan.Succeeded && rota.Succeeded && shift.Succeeded && day.Succeeded && change.Succeeded && approved.Succeeded);
        RoutineSeeds[site] = new RoutineSeed(plan.Value!.Id, member.Value!.Id, shift.Value!.Id, change.Value!.Id, approved.Value!.RiskAssessmentId!.Value);
    }
}
