using System.Globalization;
using GovGuard.Catalog;
using GovGuard.Catalog.Incidents;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Reports.Operations;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Incidents;

/// <summary>
/// The incidents section of the security operation report (7.2.2 f): incidents detected in the period by grade and
/// category, how long they took to contain and recover, and the required reports that were late or are still due.
/// </summary>
internal sealed class IncidentReportSection(GovGuardDbContext db, TimeProvider time) : IOperationReportSection
{
    public async Task<OperationReportSection?> BuildAsync(Guid websiteId, ReportPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        var incidents = await db.Set<Incident>().AsNoTracking()
            .Where(i => i.WebsiteId == websiteId && i.DetectedAt >= period.From && i.DetectedAt < period.To)
            .OrderBy(i => i.DetectedAt).ToListAsync(ct).ConfigureAwait(false);
        var ids = incidents.Select(i => i.Id).ToList();
        var now = time.GetUtcNow();
        var asOf = now < period.To ? now : period.To;
        var tasks = await db.Set<IncidentReportTask>().AsNoTracking().Where(t => ids.Contains(t.IncidentId)).ToListAsync(ct).ConfigureAwait(false);
        var late = tasks.Where(t => t.IsOverdue(asOf)).ToList();
        var contain = incidents.Where(i => i.ContainedAt is not null).Select(i => i.ContainedAt!.Value - i.DetectedAt).ToList();
        var recover = incidents.Where(i => i.RecoveredAt is not null).Select(i => i.RecoveredAt!.Value - i.DetectedAt).ToList();
        var summary = new List<Text>
        {
            new($"本期发现安全事件 {incidents.Count} 起，已关闭 {incidents.Count(i => i.Stage == IncidentStage.Closed)} 起。",
                $"{incidents.Count} incidents detected in the period, {incidents.Count(i => i.Stage == IncidentStage.Closed)} closed."),
        };
        if (contain.Count > 0)
        {
            var avg = Average(contain);
            summary.Add(new($"平均控制用时 {Duration.Zh(avg)}（{contain.Count} 起）。", $"Average time to contain {Duration.En(avg)} ({contain.Count} incidents)."));
        }

        if (recover.Count > 0)
        {
            var avg = Average(recover);
            summary.Add(new($"平均恢复用时 {Duration.Zh(avg)}（{recover.Count} 起）。", $"Average time to recover {Duration.En(avg)} ({recover.Count} incidents)."));
        }

        summary.Add(new($"逾期或超时完成的报告 {late.Count} 项。", $"{late.Count} required reports late or still overdue."));
        var byIncident = incidents.ToDictionary(i => i.Id);
        var tables = new List<OperationReportTable>
        {
            new(new("按分级统计", "By grade"), [new("分级", "Grade"), new("数量", "Count")],
                Terms.All<IncidentGrade>().Select(g => (IReadOnlyList<object?>)[Name(g), incidents.Count(i => i.Grade == g)]).ToList()),
            new(new("按分类统计", "By category"), [new("分类", "Category"), new("数量", "Count")],
                incidents.GroupBy(i => i.Category).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
                    .Select(g => (IReadOnlyList<object?>)[Name(g.Key), g.Count()]).ToList()),
            new(new("事件清单", "Incidents"),
                [new("发现时间", "Detected"), new("事件", "Incident"), new("分级", "Grade"), new("分类", "Category"), new("阶段", "Stage"), new("控制用时", "Time to contain"), new("恢复用时", "Time to recover")],
                incidents.Select(i => (IReadOnlyList<object?>)[Stamp(i.DetectedAt), i.Title, Name(i.Grade), Name(i.Category), Name(i.Stage),
                    Cell(i.ContainedAt - i.DetectedAt), Cell(i.RecoveredAt - i.DetectedAt)]).ToList()),
            new(new("逾期报告", "Late reports"),
                [new("事件", "Incident"), new("报告对象", "Recipient"), new("期限", "Due"), new("完成时间", "Done")],
                late.OrderBy(t => t.DueAt).Select(t => (IReadOnlyList<object?>)[byIncident[t.IncidentId].Title, Name(t.Recipient), Stamp(t.DueAt),
                    t.DoneAt is { } d ? Stamp(d) : "未完成 / not done"]).ToList()),
        };
        return new OperationReportSection("incidents", 40, new("安全事件", "Security incidents"), summary, tables);
    }

    private static TimeSpan Average(List<TimeSpan> spans) => TimeSpan.FromTicks((long)spans.Average(s => s.Ticks));

    private static string Name<T>(T value)
        where T : struct, Enum => $"{value.NameZh()} / {value.NameEn()}";

    private static string Stamp(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Cell(TimeSpan? span) => span is { } s ? $"{Duration.Zh(s)} / {Duration.En(s)}" : "—";
}

/// <summary>Durations written for people: days, hours and minutes.</summary>
public static class Duration
{
    public static string Zh(TimeSpan span)
    {
        var m = (long)Math.Round(span.TotalMinutes);
        return m switch
        {
            < 60 => $"{m} 分钟",
            < 1440 => $"{m / 60} 小时 {m % 60} 分钟",
            _ => $"{m / 1440} 天 {m % 1440 / 60} 小时",
        };
    }

    public static string En(TimeSpan span)
    {
        var m = (long)Math.Round(span.TotalMinutes);
        return m switch
        {
            < 60 => $"{m} min",
            < 1440 => $"{m / 60} h {m % 60} min",
            _ => $"{m / 1440} d {m % 1440 / 60} h",
        };
    }
}
