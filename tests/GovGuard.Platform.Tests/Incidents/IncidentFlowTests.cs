using GovGuard.Catalog.Duties;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Access;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Common;
using GovGuard.Platform.Evidence;
using GovGuard.Platform.Improvement;
using GovGuard.Platform.Incidents;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Reports.Operations;
using GovGuard.Platform.Tests.Alerts;
using GovGuard.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Incidents;

/// <summary>Alerts from the real alerting pipeline driven into incidents, with a clock moved by hand.</summary>
public sealed class IncidentFlowTests
{
    private static Finding Defacement() =>
        new(Categories.TamperDefacement, Severity.Critical, "https://www.example.gov.cn/", "https://www.example.gov.cn/", null, null, "tamper.title_changed", "首页标题被篡改", "<title>hacked</title>");

    private static Task<Outcome<T>> Run<T>(AlertWorld w, Func<IncidentService, Task<Outcome<T>>> work) =>
        w.S.In(sp => work(sp.GetRequiredService<IncidentService>()));

    private static T Ok<T>(Outcome<T> r)
    {
        Assert.True(r.Succeeded, r.Error is null ? null : string.Join("; ", r.Error.Fields.Select(f => f.Message.En).Prepend(r.Error.Message.En)));
        return r.Value!;
    }

    private static async Task<IReadOnlyList<Guid>> OpenAlertsAsync(AlertWorld w)
    {
        await w.ApplyAsync(w.Observe(MonitorHealth.Down, AlertWorld.Down(), Defacement()));
        await using var db = w.Db.Context();
        var ids = await db.Alerts.Where(a => a.WebsiteId == w.Site.Id).OrderBy(a => a.Category).Select(a => a.Id).ToListAsync();
        Assert.Equal(2, ids.Count);
        return ids;
    }

    [Theory]
    [Databases]
    public async Task An_alert_becomes_an_incident_that_goes_through_every_stage_with_its_clocks_and_reports(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        var alerts = await OpenAlertsAsync(w);
        var t0 = w.Clock.GetUtcNow();

        w.Clock.Advance(TimeSpan.FromMinutes(10));
        var opened = Ok(await Run(w, s => s.CreateFromAlertsAsync(w.Provider, new FromAlertsInput(alerts, "major"), CancellationToken.None)));
        var id = opened.Incident.Id;
        // tamper.* wins over availability.down: the defacement explains the outage.
        Assert.Equal("web_tampering", opened.Incident.Category);
        Assert.Equal("major", opened.Incident.Grade);
        Assert.Equal("detected", opened.Incident.Stage);
        Assert.Equal(t0, opened.Incident.DetectedAt);
        Assert.Equal(2, opened.Alerts.Count);
        // 重大: the customer, the supervising authority and emergency management, each within an hour of detection.
        Assert.Equal(["customer", "emergency_management", "supervisor"], opened.Reports.Select(r => r.Recipient).Order());
        Assert.All(opened.Reports, r => Assert.Equal(t0.AddHours(1), r.DueAt));
        Assert.All(opened.Reports, r => Assert.False(r.Overdue));

        // An alert belongs to at most one incident.
        var again = await Run(w, s => s.CreateFromAlertsAsync(w.Owner, new FromAlertsInput([alerts[0]], "general"), CancellationToken.None));
        Assert.Equal(ErrorKind.Validation, again.Error?.Kind);
        Assert.Contains(again.Error!.Fields, f => f.Field == "alertIds" && f.Rule == "in_other_incident");

        // The assessor reads but does not act; an unrelated organisation does not even see it.
        Assert.True((await Run(w, s => s.GetAsync(w.Assessor, id, CancellationToken.None))).Succeeded);
        Assert.Equal(ErrorKind.Forbidden, (await Run(w, s => s.AdvanceAsync(w.Assessor, id, new IncidentStageInput("analysed", "看看"), CancellationToken.None))).Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, (await Run(w, s => s.GetAsync(w.Outsider, id, CancellationToken.None))).Error?.Kind);

        w.Clock.Advance(TimeSpan.FromMinutes(20)); // t0 + 30 min
        Ok(await Run(w, s => s.AdvanceAsync(w.Provider, id, new IncidentStageInput("analysed", "确认为首页被篡改，入口为后台弱口令"), CancellationToken.None)));
        var noNote = await Run(w, s => s.AdvanceAsync(w.Provider, id, new IncidentStageInput("contained", " "), CancellationToken.None));
        Assert.Contains(noNote.Error!.Fields, f => f.Field == "note" && f.Rule == "required");

        w.Clock.Advance(TimeSpan.FromMinutes(15)); // t0 + 45 min: told the customer in time
        var customer = opened.Reports.Single(r => r.Recipient == "customer");
        Ok(await Run(w, s => s.ReportDoneAsync(w.Provider, id, customer.Id, new ReportDoneInput("某市人民政府网站管理办公室 张三", "电话报告首页被篡改，已启动应急预案"), CancellationToken.None)));

        w.Clock.Advance(TimeSpan.FromMinutes(45)); // t0 + 90 min
        Ok(await Run(w, s => s.AdvanceAsync(w.Provider, id, new IncidentStageInput("contained", "已下线被篡改页面，启用备份站点"), CancellationToken.None)));
        var back = await Run(w, s => s.AdvanceAsync(w.Provider, id, new IncidentStageInput("analysed", "回退"), CancellationToken.None));
        Assert.Equal(ErrorKind.Conflict, back.Error?.Kind);

        w.Clock.Advance(TimeSpan.FromMinutes(30)); // t0 + 2 h: the supervisor hears an hour late
        var supervisor = opened.Reports.Single(r => r.Recipient == "supervisor");
        Ok(await Run(w, s => s.ReportDoneAsync(w.Owner, id, supervisor.Id, new ReportDoneInput("市委网信办", "书面报告事件情况"), CancellationToken.None)));
        Ok(await Run(w, s => s.AddEntryAsync(w.Owner, id, new IncidentEntryInput("协助云服务商核对后台登录日志"), CancellationToken.None)));

        w.Clock.Advance(TimeSpan.FromHours(1)); // t0 + 3 h
        Ok(await Run(w, s => s.AdvanceAsync(w.Provider, id, new IncidentStageInput("recovered", "修复漏洞，恢复原页面，网站恢复访问"), CancellationToken.None)));

        w.Clock.Advance(TimeSpan.FromMinutes(30)); // t0 + 3.5 h
        var refused = await Run(w, s => s.AdvanceAsync(w.Owner, id, new IncidentStageInput("closed", "处置完毕"), CancellationToken.None));
        Assert.Equal(ErrorKind.Conflict, refused.Error?.Kind);
        Assert.Contains("事后总结", refused.Error!.Message.Zh, StringComparison.Ordinal);
        Assert.Contains("post-incident review", refused.Error.Message.En, StringComparison.Ordinal);

        var badReview = await Run(w, s => s.ReviewAsync(w.Owner, id, new IncidentReviewInput("弱口令", "首页被篡改 3 小时", "备份站点", "加强口令",
            [new ImprovementActionDraft("全面排查弱口令", w.Outsider.OrganisationId, new DateOnly(2026, 12, 31))]), CancellationToken.None));
        Assert.Contains(badReview.Error!.Fields, f => f.Field == "actions[0].ownerOrganisationId" && f.Rule == "engaged");

        var reviewed = Ok(await Run(w, s => s.ReviewAsync(w.Owner, id, new IncidentReviewInput("后台管理账号弱口令", "首页被篡改约 1.5 小时", "备份站点快速切换", "后台须启用双因素认证",
            [new ImprovementActionDraft("后台管理启用双因素认证", w.Provider.OrganisationId, new DateOnly(2026, 12, 31))]), CancellationToken.None)));
        Assert.Equal("incident_review", Assert.Single(reviewed.Actions).Source);

        w.Clock.Advance(TimeSpan.FromMinutes(30)); // t0 + 4 h
        var closed = Ok(await Run(w, s => s.AdvanceAsync(w.Owner, id, new IncidentStageInput("closed", "处置完毕，转入整改"), CancellationToken.None)));
        var i = closed.Incident;
        Assert.Equal("closed", i.Stage);
        Assert.Equal(TimeSpan.FromMinutes(90), i.TimeToContain);
        Assert.Equal(TimeSpan.FromHours(3), i.TimeToRecover);
        Assert.Equal(TimeSpan.FromHours(4), i.Elapsed);
        Assert.Equal(
            [TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(90), TimeSpan.FromMinutes(60), (TimeSpan?)null],
            i.Stages.Select(c => c.Duration));
        Assert.Equal([t0, t0.AddMinutes(30), t0.AddMinutes(90), t0.AddHours(3), t0.AddHours(4)], i.Stages.Select(c => c.EnteredAt!.Value));
        Assert.Equal("closed", Assert.Single(i.Stages, c => c.Current).Stage);

        var reports = closed.Reports.ToDictionary(r => r.Recipient);
        Assert.False(reports["customer"].Overdue);
        Assert.True(reports["supervisor"].Overdue); // made, but late
        Assert.Equal(t0.AddHours(2), reports["supervisor"].DoneAt);
        Assert.True(reports["emergency_management"].Overdue);
        Assert.Null(reports["emergency_management"].DoneAt);
        Assert.Equal(1, i.OverdueReports);

        var overdue = await w.S.In(sp => sp.GetRequiredService<IncidentService>().OverdueReportsAsync(w.Owner, null, CancellationToken.None));
        Assert.Equal("emergency_management", Assert.Single(overdue).Task.Recipient);
        Assert.Empty(await w.S.In(sp => sp.GetRequiredService<IncidentService>().OverdueReportsAsync(w.Outsider, null, CancellationToken.None)));

        // The timeline: who, for which organisation, what; GovGuard's own entries for alerts, stages and reports.
        var kinds = closed.Timeline.Select(e => e.Kind).ToList();
        Assert.Equal("created", kinds[0]);
        Assert.Equal(2, kinds.Count(k => k == "alert_linked"));
        Assert.Equal(4, kinds.Count(k => k == "stage"));
        Assert.Equal(1, kinds.Count(k => k == "action"));
        Assert.Contains(closed.Timeline, e => e.Kind == "action" && e.Organisation == "某市人民政府" && e.Actor == w.Owner.Name);
        Assert.Contains(closed.Timeline, e => e.Kind == "report" && e.Text.Contains("逾期", StringComparison.Ordinal));

        await using (var db = w.Db.Context())
        {
            var audited = await db.AuditRecords.Where(r => r.ObjectId == id.ToString()).Select(r => r.Kind).ToListAsync();
            Assert.Contains(IncidentAudit.Created, audited);
            Assert.Equal(4, audited.Count(k => k == IncidentAudit.StageChanged));
            Assert.Contains(IncidentAudit.Reviewed, audited);
            Assert.Equal(2, await db.AuditRecords.CountAsync(r => r.Kind == IncidentAudit.ReportDone));
            Assert.True(await db.AuditRecords.AnyAsync(r => r.Kind == Platform.Audit.AuditKinds.AccessDenied && r.ObjectId == id.ToString()));
        }

        // Closed is final: the review and the grade no longer change.
        Assert.Equal(ErrorKind.Conflict, (await Run(w, s => s.RegradeAsync(w.Owner, id, new IncidentRegradeInput("general", null, "降级"), CancellationToken.None))).Error?.Kind);
    }

    [Theory]
    [Databases]
    public async Task A_general_incident_needs_only_the_customer_report_and_raising_the_grade_adds_the_supervisor(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind, siteName: "区政府网站");
        var detected = w.Clock.GetUtcNow().AddMinutes(-30);
        var bad = await Run(w, s => s.CreateAsync(w.Owner, w.Site.Id, new IncidentInput("", null, "nonsense", "general", detected.AddDays(2)), CancellationToken.None));
        Assert.Equal(["category", "detectedAt", "title"], bad.Error!.Fields.Select(f => f.Field).Order());

        var created = Ok(await Run(w, s => s.CreateAsync(w.Owner, w.Site.Id, new IncidentInput("政务公开栏目出现有害信息", "人工巡查发现", "harmful_content", "general", detected), CancellationToken.None)));
        var report = Assert.Single(created.Reports);
        Assert.Equal("customer", report.Recipient);
        Assert.Equal(detected.AddHours(1), report.DueAt);

        w.Clock.Advance(TimeSpan.FromMinutes(40)); // 70 minutes after detection: the customer report is overdue
        var now = Ok(await Run(w, s => s.GetAsync(w.Owner, created.Incident.Id, CancellationToken.None)));
        Assert.True(Assert.Single(now.Reports).Overdue);
        Assert.Equal(1, now.Incident.OverdueReports);
        Assert.Equal(TimeSpan.FromMinutes(70), now.Incident.Stages[0].Duration);

        var raised = Ok(await Run(w, s => s.RegradeAsync(w.Provider, created.Incident.Id, new IncidentRegradeInput("relatively_major", null, "涉及多个栏目"), CancellationToken.None)));
        var supervisor = Assert.Single(raised.Reports, r => r.Recipient == "supervisor");
        Assert.Equal(detected.AddHours(4), supervisor.DueAt);
        Assert.False(supervisor.Overdue);
        Assert.Equal(2, raised.Reports.Count);
    }

    [Theory]
    [Databases]
    public async Task Configured_deadlines_replace_the_defaults(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        await using var s = new Infrastructure.Services(w.Db, w.Clock, services => services.Configure<IncidentOptions>(o =>
        {
            o.CustomerReportWithin[Catalog.Incidents.IncidentGrade.General] = TimeSpan.FromMinutes(30);
            o.SupervisorReportWithin[Catalog.Incidents.IncidentGrade.General] = TimeSpan.FromHours(24);
        }));
        var created = await s.In(sp => sp.GetRequiredService<IncidentService>().CreateAsync(w.Owner, w.Site.Id,
            new IncidentInput("网站访问缓慢", null, "availability", "general"), CancellationToken.None));
        var due = Ok(created).Reports.ToDictionary(r => r.Recipient, r => r.DueAt - Ok(created).Incident.DetectedAt);
        Assert.Equal(TimeSpan.FromMinutes(30), due["customer"]);
        Assert.Equal(TimeSpan.FromHours(24), due["supervisor"]);
    }

    [Theory]
    [Databases]
    public async Task Attached_files_are_stored_by_content_and_disguised_files_are_refused(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        var created = Ok(await Run(w, s => s.CreateAsync(w.Provider, w.Site.Id, new IncidentInput("后门文件", null, "trojan_backdoor", "general"), CancellationToken.None)));
        var id = created.Incident.Id;
        var text = "2026-12-01 10:00 发现 /upload/x.php\n"u8.ToArray();
        var file = Ok(await Run(w, s => s.AttachAsync(w.Provider, id, new IncidentUpload("排查记录", "notes.txt", new MemoryStream(text), text.Length), CancellationToken.None)));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(text)), file.Sha256);
        Assert.Equal("txt", file.FileType);

        var exe = new byte[] { (byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0 };
        var refused = await Run(w, s => s.AttachAsync(w.Provider, id, new IncidentUpload("程序", "tool.txt", new MemoryStream(exe), exe.Length), CancellationToken.None));
        Assert.Equal(ErrorKind.Validation, refused.Error?.Kind);
        Assert.Equal("file", Assert.Single(refused.Error!.Fields).Field);

        var download = Ok(await Run(w, s => s.OpenFileAsync(w.Assessor, id, file.Id, CancellationToken.None)));
        await using (download.Content)
        {
            using var copy = new MemoryStream();
            await download.Content.CopyToAsync(copy);
            Assert.Equal(text, copy.ToArray());
        }

        Assert.Equal(ErrorKind.Forbidden, (await Run(w, s => s.AttachAsync(w.Assessor, id, new IncidentUpload("x", "a.txt", new MemoryStream(text), text.Length), CancellationToken.None))).Error?.Kind);
        var detail = Ok(await Run(w, s => s.GetAsync(w.Owner, id, CancellationToken.None)));
        Assert.Single(detail.Files);
        Assert.Contains(detail.Timeline, e => e.Kind == "file");
    }

    [Theory]
    [Databases]
    public async Task The_operation_report_sections_count_incidents_and_improvement_actions_of_the_period(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        var start = w.Clock.GetUtcNow();
        var a = Ok(await Run(w, s => s.CreateAsync(w.Provider, w.Site.Id, new IncidentInput("首页篡改", null, "web_tampering", "major"), CancellationToken.None)));
        w.Clock.Advance(TimeSpan.FromMinutes(45));
        Ok(await Run(w, s => s.AdvanceAsync(w.Provider, a.Incident.Id, new IncidentStageInput("contained", "已控制"), CancellationToken.None)));
        Ok(await Run(w, s => s.CreateAsync(w.Provider, w.Site.Id, new IncidentInput("访问中断", null, "availability", "general"), CancellationToken.None)));
        var action = await w.S.In(sp => sp.GetRequiredService<ImprovementService>().CreateActionAsync(w.Owner, w.Site.Id,
            new ImprovementActionInput("补充备份策略", w.Provider.OrganisationId, new DateOnly(2026, 12, 5)), CancellationToken.None));
        Ok(action);
        w.Clock.Advance(TimeSpan.FromDays(10));

        var sections = await w.S.In(sp => Task.FromResult(sp.GetServices<IOperationReportSection>().ToList()));
        var period = new ReportPeriod(start.AddDays(-1), start.AddDays(20));
        OperationReportSection? incidents = null, improvement = null;
        foreach (var section in sections)
        {
            var built = await w.S.In(async sp => await sp.GetServices<IOperationReportSection>().Single(x => x.GetType() == section.GetType()).BuildAsync(w.Site.Id, period, CancellationToken.None));
            if (built?.Key == "incidents")
            {
                incidents = built;
            }
            else if (built?.Key == "improvement")
            {
                improvement = built;
            }
        }

        Assert.NotNull(incidents);
        Assert.Contains("本期发现安全事件 2 起", incidents.Summary[0].Zh, StringComparison.Ordinal);
        Assert.Contains(incidents.Summary, t => t.En.Contains("Average time to contain 45 min", StringComparison.Ordinal));
        var byGrade = incidents.Tables[0].Rows.ToDictionary(r => (string)r[0]!, r => (int)r[1]!);
        Assert.Equal(1, byGrade["重大 / Major (II)"]);
        Assert.Equal(1, byGrade["一般 / General (IV)"]);
        // Three reports for the major one, one for the general one, none made: all four late ten days on.
        Assert.Equal(4, incidents.Tables[3].Rows.Count);

        Assert.NotNull(improvement);
        Assert.Contains("新增改进措施 1 项，完成 0 项，期末逾期未完成 1 项", improvement.Summary[0].Zh, StringComparison.Ordinal);

        var empty = await w.S.In(async sp => await sp.GetServices<IOperationReportSection>().OfType<IOperationReportSection>()
            .Select(x => x.BuildAsync(w.Site.Id, new ReportPeriod(start.AddDays(-40), start.AddDays(-10)), CancellationToken.None)).First());
        Assert.NotNull(empty);
    }

    [Theory]
    [Databases]
    public async Task Inspections_and_confidentiality_reviews_are_automatic_evidence_within_a_year(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        Assert.True(DutyCatalog.Default.TryGet("7.6.b", out var inspectionDuty));
        Assert.True(DutyCatalog.Default.TryGet("7.2.1.a", out var reviewDuty));

        async Task<AutomaticEvidenceItem> EvidenceFor(Duty duty) =>
            Assert.Single(await w.S.In(async sp =>
            {
                var items = new List<AutomaticEvidenceItem>();
                foreach (var source in sp.GetServices<IAutomaticEvidenceSource>())
                {
                    items.AddRange(await source.GetAsync(w.Site.Id, duty, CancellationToken.None));
                }

                return items;
            }));

        Assert.False((await EvidenceFor(inspectionDuty)).Satisfied);
        Assert.False((await EvidenceFor(reviewDuty)).Satisfied);

        var service = (IServiceProvider sp) => sp.GetRequiredService<ImprovementService>();
        var plan = Ok(await w.S.In(sp => service(sp).CreatePlanAsync(w.Owner, w.Site.Id, new InspectionPlanInput("季度安全检查", "门户网站及后台", "对照检查表逐项检查", "quarterly", new DateOnly(2026, 10, 1)), CancellationToken.None)));
        Assert.True(plan.Overdue); // the first inspection was due on 1 October
        var inspection = Ok(await w.S.In(sp => service(sp).RecordInspectionAsync(w.Owner, w.Site.Id,
            new InspectionInput(new DateOnly(2026, 11, 20), "李四、王五", "门户网站及后台", "发现 2 项问题", plan.Id,
                [new ImprovementActionDraft("关闭测试账号", w.Provider.OrganisationId, new DateOnly(2026, 12, 20)), new ImprovementActionDraft("补充日志审计", w.Owner.OrganisationId, new DateOnly(2027, 1, 31))]),
            CancellationToken.None)));
        Assert.Equal(2, inspection.Actions.Count);
        Assert.All(inspection.Actions, a => Assert.Equal("inspection", a.Source));

        var future = await w.S.In(sp => service(sp).RecordConfidentialityReviewAsync(w.Owner, w.Site.Id, new ConfidentialityReviewInput(new DateOnly(2027, 6, 1), "上云数据", "保密办", "clear"), CancellationToken.None));
        Assert.Equal("not_future", Assert.Single(future.Error!.Fields).Rule);
        var issues = await w.S.In(sp => service(sp).RecordConfidentialityReviewAsync(w.Owner, w.Site.Id, new ConfidentialityReviewInput(new DateOnly(2026, 11, 30), "上云数据", "保密办", "issues_found"), CancellationToken.None));
        Assert.Equal("note", Assert.Single(issues.Error!.Fields).Field);
        Ok(await w.S.In(sp => service(sp).RecordConfidentialityReviewAsync(w.Owner, w.Site.Id, new ConfidentialityReviewInput(new DateOnly(2026, 11, 30), "上云数据和业务", "保密办 赵六", "clear"), CancellationToken.None)));

        var inspected = await EvidenceFor(inspectionDuty);
        Assert.True(inspected.Satisfied);
        Assert.Equal("inspection", inspected.LinkType);
        Assert.True((await EvidenceFor(reviewDuty)).Satisfied);

        var overview = Ok(await w.S.In(sp => service(sp).GetAsync(w.Assessor, w.Site.Id, CancellationToken.None)));
        Assert.False(overview.CanEdit);
        Assert.Equal(new DateOnly(2027, 2, 20), Assert.Single(overview.Plans).NextDueOn);
        Assert.False(overview.Plans[0].Overdue);

        // A year and a day later neither counts any more.
        w.Clock.Advance(TimeSpan.FromDays(367));
        Assert.False((await EvidenceFor(inspectionDuty)).Satisfied);
        Assert.False((await EvidenceFor(reviewDuty)).Satisfied);
    }

    [Theory]
    [Databases]
    public async Task Improvement_actions_are_tracked_to_closure_with_a_note_and_the_continuity_plan_is_versioned(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        var service = (IServiceProvider sp) => sp.GetRequiredService<ImprovementService>();
        var bad = await w.S.In(sp => service(sp).CreateActionAsync(w.Owner, w.Site.Id, new ImprovementActionInput(null, Guid.NewGuid(), null, Source: "inspection"), CancellationToken.None));
        Assert.Equal(["action[0].dueOn", "action[0].ownerOrganisationId", "action[0].title", "source"], bad.Error!.Fields.Select(f => f.Field).Order());

        var action = Ok(await w.S.In(sp => service(sp).CreateActionAsync(w.Owner, w.Site.Id, new ImprovementActionInput("完善应急联系人名单", w.Owner.OrganisationId, new DateOnly(2026, 12, 15), w.Owner.UserId), CancellationToken.None)));
        Assert.Equal("open", action.Status);
        Assert.Equal("manual", action.Source);
        Assert.Equal("某市人民政府", action.OwnerOrganisationName);

        Assert.Equal(ErrorKind.Forbidden, (await w.S.In(sp => service(sp).SetStatusAsync(w.Assessor, action.Id, new ImprovementStatusInput("closed", "完成"), CancellationToken.None))).Error?.Kind);
        var noNote = await w.S.In(sp => service(sp).SetStatusAsync(w.Provider, action.Id, new ImprovementStatusInput("closed", ""), CancellationToken.None));
        Assert.Equal("note", Assert.Single(noNote.Error!.Fields).Field);
        Ok(await w.S.In(sp => service(sp).SetStatusAsync(w.Provider, action.Id, new ImprovementStatusInput("in_progress", null), CancellationToken.None)));
        w.Clock.Advance(TimeSpan.FromDays(20));
        var before = Ok(await w.S.In(sp => service(sp).GetAsync(w.Owner, w.Site.Id, CancellationToken.None)));
        Assert.True(Assert.Single(before.Actions).Overdue);
        var closed = Ok(await w.S.In(sp => service(sp).SetStatusAsync(w.Owner, action.Id, new ImprovementStatusInput("closed", "名单已更新并发布"), CancellationToken.None)));
        Assert.Equal("closed", closed.Status);
        Assert.False(closed.Overdue);
        Assert.Equal("名单已更新并发布", closed.ClosingNote);
        Assert.Equal(ErrorKind.Conflict, (await w.S.In(sp => service(sp).SetStatusAsync(w.Owner, action.Id, new ImprovementStatusInput("in_progress", null), CancellationToken.None))).Error?.Kind);

        var missing = await w.S.In(sp => service(sp).SaveContinuityPlanAsync(w.Owner, w.Site.Id, new ContinuityPlanInput("影响分析", null, "团队", null, "步骤"), CancellationToken.None));
        Assert.Equal(["riskAssessment", "testsAndDrills"], missing.Error!.Fields.Select(f => f.Field).Order());
        var v1 = Ok(await w.S.In(sp => service(sp).SaveContinuityPlanAsync(w.Owner, w.Site.Id, new ContinuityPlanInput("门户中断 4 小时影响全市办事", "单点部署风险", "办公室牵头", "每年演练一次", "1. 切换备份站点"), CancellationToken.None)));
        var v2 = Ok(await w.S.In(sp => service(sp).SaveContinuityPlanAsync(w.Provider, w.Site.Id, new ContinuityPlanInput("门户中断 4 小时影响全市办事", "单点部署风险（已增加异地备份）", "办公室牵头，云服务商配合", "每半年演练一次", "1. 切换备份站点 2. 通知公众"), CancellationToken.None)));
        Assert.Equal([1, 2], new[] { v1.Number, v2.Number });
        var overview = Ok(await w.S.In(sp => service(sp).GetAsync(w.Owner, w.Site.Id, CancellationToken.None)));
        Assert.Equal(2, overview.ContinuityPlan!.Number);
        Assert.Equal([2, 1], overview.ContinuityVersions);
        Assert.Equal("每年演练一次", Ok(await w.S.In(sp => service(sp).GetContinuityVersionAsync(w.Assessor, w.Site.Id, 1, CancellationToken.None))).TestsAndDrills);
    }
}
