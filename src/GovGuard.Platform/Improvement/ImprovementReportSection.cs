using System.Globalization;
using GovGuard.Catalog;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Reports.Operations;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Improvement;

/// <summary>
/// The improvement section of the security operation report (7.6): actions opened and closed in the period, those
/// overdue at its end, and the inspections and confidentiality reviews done in it.
/// </summary>
internal sealed class ImprovementReportSection(GovGuardDbContext db) : IOperationReportSection
{
    public async Task<OperationReportSection?> BuildAsync(Guid websiteId, ReportPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        var china = TimeSpan.FromHours(8);
        var fromDay = DateOnly.FromDateTime(period.From.ToOffset(china).DateTime);
        var endDay = DateOnly.FromDateTime(period.To.ToOffset(china).DateTime);
        var actions = await db.Set<ImprovementAction>().AsNoTracking()
            .Where(a => a.WebsiteId == websiteId && a.CreatedAt < period.To && (a.ClosedAt == null || a.ClosedAt >= period.From))
            .OrderBy(a => a.DueOn).ToListAsync(ct).ConfigureAwait(false);
        var opened = actions.Count(a => a.CreatedAt >= period.From);
        var closed = actions.Count(a => a.ClosedAt is { } c && c < period.To);
        // Overdue at the end of the period: not closed by then, and due before its last day.
        var overdue = actions.Where(a => (a.ClosedAt is null || a.ClosedAt >= period.To) && a.DueOn < endDay).ToList();
        var inspections = await db.Set<Inspection>().AsNoTracking().Where(i => i.WebsiteId == websiteId && i.PerformedOn >= fromDay && i.PerformedOn < endDay)
            .CountAsync(ct).ConfigureAwait(false);
        var reviews = await db.Set<ConfidentialityReview>().AsNoTracking().Where(r => r.WebsiteId == websiteId && r.ReviewedOn >= fromDay && r.ReviewedOn < endDay)
            .CountAsync(ct).ConfigureAwait(false);
        var summary = new List<Text>
        {
            new($"本期新增改进措施 {opened} 项，完成 {closed} 项，期末逾期未完成 {overdue.Count} 项。",
                $"{opened} improvement actions opened and {closed} closed in the period; {overdue.Count} overdue at its end."),
            new($"本期开展安全检查 {inspections} 次，保密审查 {reviews} 次。", $"{inspections} security inspections and {reviews} confidentiality reviews in the period."),
        };
        var table = new OperationReportTable(new("改进措施", "Improvement actions"),
            [new("措施", "Action"), new("来源", "Source"), new("期限", "Due"), new("状态", "Status"), new("逾期", "Overdue")],
            actions.Select(a => (IReadOnlyList<object?>)[a.Title, $"{a.Source.NameZh()} / {a.Source.NameEn()}", a.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                a.ClosedAt is { } c && c < period.To ? "已完成 / closed" : $"{a.Status.NameZh()} / {a.Status.NameEn()}", overdue.Contains(a) ? "是 / yes" : "否 / no"]).ToList());
        return new OperationReportSection("improvement", 80, new("检查与改进", "Inspection and improvement"), summary, [table]);
    }
}
