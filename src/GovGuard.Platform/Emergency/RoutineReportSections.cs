using GovGuard.Catalog;
using GovGuard.Platform.Changes;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.DutyRota;
using GovGuard.Platform.Reports.Operations;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Emergency;

/// <summary>The operation report's drills section (7.5 b): drills held in the period, and each typical category done or overdue at its end.</summary>
public sealed class DrillReportSection(GovGuardDbContext db) : IOperationReportSection
{
    public async Task<OperationReportSection?> BuildAsync(Guid websiteId, ReportPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        var site = await db.Websites.AsNoTracking().FirstOrDefaultAsync(w => w.Id == websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return null;
        }

        var from = EmergencyRules.ChinaToday(period.From);
        var end = EmergencyRules.ChinaToday(period.To.AddTicks(-1));
        var drills = await db.Drills.AsNoTracking().Where(d => d.WebsiteId == websiteId && d.HeldOn <= end).ToListAsync(ct).ConfigureAwait(false);
        var baseline = await DrillChecker.BaselineAsync(db, site, ct).ConfigureAwait(false);
        var status = EmergencyRules.Status(drills, baseline, end);
        var inPeriod = drills.Where(d => d.HeldOn >= from).OrderBy(d => d.HeldOn).ToList();
        var overdue = status.Count(s => s.Overdue);
        return new OperationReportSection("drills", 60, new("应急演练", "Emergency drills"),
            [
                new($"本期举行应急演练 {inPeriod.Count} 次。", $"{inPeriod.Count} drill(s) held in the period."),
                new($"期末 {status.Count} 个典型事件类别中 {overdue} 个逾期未演练（GB/T 38249 7.5 b：每两年至少一次）。",
                    $"At the end of the period {overdue} of {status.Count} typical categories are overdue (GB/T 38249 7.5 b: at least every two years)."),
            ],
            [
                new(new("各类别演练情况", "Drills by category"),
                    [new("事件类别", "Category"), new("最近演练", "Last drill"), new("应于此前演练", "Due by"), new("状态", "Status")],
                    status.Select(s => (IReadOnlyList<object?>)[new Text(s.CategoryZh, s.CategoryEn), s.LastHeldOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "—",
                        s.DueBy.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), s.Overdue ? new Text("逾期", "Overdue") : new Text("已完成", "Done")]).ToList()),
                new(new("本期演练", "Drills in the period"),
                    [new("日期", "Date"), new("事件类别", "Category"), new("场景", "Scenario"), new("结果", "Result"), new("发现的问题", "Findings")],
                    inPeriod.Select(d => (IReadOnlyList<object?>)[d.HeldOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), new Text(d.Category.NameZh(), d.Category.NameEn()),
                        d.Scenario, ResultName(d.Result), d.Findings]).ToList()),
            ]);
    }

    internal static Text ResultName(DrillResult r) => r switch
    {
        DrillResult.Effective => new("有效", "Effective"),
        DrillResult.PartlyEffective => new("部分有效", "Partly effective"),
        _ => new("无效", "Ineffective"),
    };
}

/// <summary>The operation report's changes section (7.2.2 i): major changes planned in the period and their decisions.</summary>
public sealed class ChangeReportSection(GovGuardDbContext db) : IOperationReportSection
{
    public async Task<OperationReportSection?> BuildAsync(Guid websiteId, ReportPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (!await db.Websites.AnyAsync(w => w.Id == websiteId, ct).ConfigureAwait(false))
        {
            return null;
        }

        var changes = await db.ChangeNotices.AsNoTracking()
            .Where(c => c.WebsiteId == websiteId && c.PlannedStart < period.To && c.PlannedEnd > period.From)
            .OrderBy(c => c.PlannedStart).ToListAsync(ct).ConfigureAwait(false);
        var pending = await db.RiskAssessments.AsNoTracking().CountAsync(r => r.WebsiteId == websiteId && r.State == RiskAssessmentState.Pending && r.ChangeId != null, ct).ConfigureAwait(false);
        return new OperationReportSection("changes", 70, new("重大变更", "Major changes"),
            [
                new($"本期涉及重大变更 {changes.Count} 项，其中批准 {changes.Count(c => c.State == ChangeState.Approved)} 项、拒绝 {changes.Count(c => c.State == ChangeState.Rejected)} 项。",
                    $"{changes.Count} major change(s) in the period: {changes.Count(c => c.State == ChangeState.Approved)} approved, {changes.Count(c => c.State == ChangeState.Rejected)} rejected."),
                new($"重大变更后待完成的风险评估：{pending} 项（GB/T 38249 7.6 d）。", $"Risk assessments pending after major changes: {pending} (GB/T 38249 7.6 d)."),
            ],
            [
                new(new("变更列表", "Changes"),
                    [new("变更", "Change"), new("计划开始", "Planned start"), new("计划结束", "Planned end"), new("状态", "State"), new("决定人", "Decided by"), new("理由", "Reason")],
                    changes.Select(c => (IReadOnlyList<object?>)[c.Title, Local(c.PlannedStart), Local(c.PlannedEnd), StateName(c.State), c.DecidedByName ?? "—", c.DecisionReason ?? ""]).ToList()),
            ]);
    }

    internal static string Local(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    internal static Text StateName(ChangeState s) => s switch
    {
        ChangeState.Proposed => new("待决定", "Proposed"),
        ChangeState.Approved => new("已批准", "Approved"),
        ChangeState.Rejected => new("已拒绝", "Rejected"),
        _ => new("已撤回", "Withdrawn"),
    };
}

/// <summary>The operation report's duty section (7.5 c): hours of the period with a named person on duty and without, by kind of duty.</summary>
public sealed class DutyReportSection(GovGuardDbContext db) : IOperationReportSection
{
    public async Task<OperationReportSection?> BuildAsync(Guid websiteId, ReportPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (!await db.Websites.AnyAsync(w => w.Id == websiteId, ct).ConfigureAwait(false))
        {
            return null;
        }

        var coverage = await RotaService.CoverageAsync(db, websiteId, ct).ConfigureAwait(false);
        if (coverage is null)
        {
            return new OperationReportSection("duty", 80, new("值班覆盖", "Duty coverage"),
                [new("该网站没有设置值班表：本期所有时段均无人值班（GB/T 38249 7.5 c）。", "The website has no duty rota: no hour of the period was covered (GB/T 38249 7.5 c).")], []);
        }

        var segments = coverage.Between(period.From, period.To).ToList();
        var rows = Enum.GetValues<ShiftKind>().Select(k =>
        {
            var of = segments.Where(s => s.Kind == k).ToList();
            var covered = of.Where(s => s.Member is not null).Sum(s => (s.End - s.Start).TotalHours);
            var total = of.Sum(s => (s.End - s.Start).TotalHours);
            return (Kind: k, Covered: covered, Uncovered: total - covered);
        }).ToList();
        var coveredAll = rows.Sum(r => r.Covered);
        var uncoveredAll = rows.Sum(r => r.Uncovered);
        var gaps = segments.Where(s => s.Member is null).Take(200).ToList();
        return new OperationReportSection("duty", 80, new("值班覆盖", "Duty coverage"),
            [
                new($"本期有人值班 {coveredAll:0.#} 小时，无人值班 {uncoveredAll:0.#} 小时。", $"{coveredAll:0.#} hours covered by a named person on duty, {uncoveredAll:0.#} hours uncovered."),
            ],
            [
                new(new("按值班类型", "By kind of duty"),
                    [new("值班类型", "Kind"), new("有人值班（小时）", "Covered (hours)"), new("无人值班（小时）", "Uncovered (hours)")],
                    rows.Select(r => (IReadOnlyList<object?>)[KindName(r.Kind), Math.Round(r.Covered, 1), Math.Round(r.Uncovered, 1)]).ToList()),
                new(new("无人值班时段", "Uncovered stretches"),
                    [new("开始", "From"), new("结束", "To"), new("值班类型", "Kind")],
                    gaps.Select(s => (IReadOnlyList<object?>)[ChangeReportSection.Local(s.Start), ChangeReportSection.Local(s.End), KindName(s.Kind)]).ToList()),
            ]);
    }

    internal static Text KindName(ShiftKind k) => k switch
    {
        ShiftKind.Office => new("工作时间", "Office hours"),
        ShiftKind.OffHours => new("非工作时间（电话、邮件）", "Off-hours (phone, e-mail)"),
        _ => new("24 小时值班（节假日、敏感时期）", "24-hour duty (holidays, sensitive periods)"),
    };
}
