using GovGuard.Catalog;
using GovGuard.Catalog.Duties;
using GovGuard.Platform.Changes;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Evidence;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Emergency;

/// <summary>
/// Automatic evidence from operation records for the catalog's <c>automatic: record:</c> entries: <c>drill</c> (each
/// typical incident category within the catalog's days when it says <c>each_incident_category</c>),
/// <c>backup_restore_drill</c> (a successful restore drill) and <c>risk_assessment</c> (a completed one).
/// </summary>
public sealed class RoutineEvidenceSource(GovGuardDbContext db, TimeProvider time) : IAutomaticEvidenceSource
{
    public async Task<IReadOnlyList<AutomaticEvidenceItem>> GetAsync(Guid websiteId, Duty duty, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(duty);
        if (duty.Automatic is not { Record: { } record } a)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var today = EmergencyRules.ChinaToday(now);
        DateOnly? since = a.WithinDays is { } days ? today.AddDays(-days) : null;
        return record switch
        {
            RecordKind.Drill => await DrillsAsync(websiteId, a, since, now, ct).ConfigureAwait(false),
            RecordKind.BackupRestoreDrill => await RestoreAsync(websiteId, since, now, ct).ConfigureAwait(false),
            RecordKind.RiskAssessment => await RiskAsync(websiteId, since, now, ct).ConfigureAwait(false),
            _ => [],
        };
    }

    private async Task<IReadOnlyList<AutomaticEvidenceItem>> DrillsAsync(Guid websiteId, AutomaticEvidence a, DateOnly? since, DateTimeOffset now, CancellationToken ct)
    {
        var drills = await db.Drills.AsNoTracking().Where(d => d.WebsiteId == websiteId && (since == null || d.HeldOn >= since))
            .ToListAsync(ct).ConfigureAwait(false);
        var window = since is null ? new Text("", "") : new Text($"（{a.WithinDays} 天内）", $" (within {a.WithinDays} days)");
        if (!a.EachIncidentCategory)
        {
            var last = drills.MaxBy(d => d.HeldOn);
            return [new AutomaticEvidenceItem("drill", last is not null,
                last is null ? new($"没有应急演练记录{window.Zh}。", $"No drill recorded{window.En}.")
                    : new($"最近一次应急演练：{last.HeldOn:yyyy-MM-dd}（{last.Category.NameZh()}）。", $"Last drill: {last.HeldOn:yyyy-MM-dd} ({last.Category.NameEn()})."),
                now, last is null ? null : "drill", last?.Id.ToString())];
        }

        return Catalog.Incidents.IncidentCategories.Typical.Select(c =>
        {
            var last = drills.Where(d => d.Category == c).MaxBy(d => d.HeldOn);
            return new AutomaticEvidenceItem("drill", last is not null,
                last is null ? new($"“{c.NameZh()}”类没有应急演练记录{window.Zh}。", $"No \"{c.NameEn()}\" drill recorded{window.En}.")
                    : new($"“{c.NameZh()}”类最近一次演练：{last.HeldOn:yyyy-MM-dd}。", $"Last \"{c.NameEn()}\" drill: {last.HeldOn:yyyy-MM-dd}."),
                now, last is null ? null : "drill", last?.Id.ToString());
        }).ToList();
    }

    private async Task<IReadOnlyList<AutomaticEvidenceItem>> RestoreAsync(Guid websiteId, DateOnly? since, DateTimeOffset now, CancellationToken ct)
    {
        var last = await db.RestoreDrills.AsNoTracking().Where(d => d.WebsiteId == websiteId && d.Succeeded && (since == null || d.HeldOn >= since))
            .OrderByDescending(d => d.HeldOn).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return [new AutomaticEvidenceItem("backup_restore_drill", last is not null,
            last is null ? new("期限内没有成功的备份恢复演练记录。", "No successful restore drill recorded in the period.")
                : new($"最近一次成功的备份恢复演练：{last.HeldOn:yyyy-MM-dd}，用时 {last.DurationMinutes} 分钟。", $"Last successful restore drill: {last.HeldOn:yyyy-MM-dd}, {last.DurationMinutes} minutes."),
            now, last is null ? null : "backup_restore_drill", last?.Id.ToString())];
    }

    private async Task<IReadOnlyList<AutomaticEvidenceItem>> RiskAsync(Guid websiteId, DateOnly? since, DateTimeOffset now, CancellationToken ct)
    {
        var from = since is { } s ? new DateTimeOffset(s.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime() : DateTimeOffset.MinValue;
        var done = await db.RiskAssessments.AsNoTracking().Where(r => r.WebsiteId == websiteId && r.State == RiskAssessmentState.Completed && r.CompletedAt >= from)
            .OrderByDescending(r => r.CompletedAt).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var pending = await db.RiskAssessments.AsNoTracking().CountAsync(r => r.WebsiteId == websiteId && r.State == RiskAssessmentState.Pending, ct).ConfigureAwait(false);
        var items = new List<AutomaticEvidenceItem>
        {
            new("risk_assessment", done is not null,
                done is null ? new("期限内没有完成的风险评估记录。", "No completed risk assessment in the period.")
                    : new($"最近完成的风险评估：{done.Title}（{done.CompletedAt!.Value.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd}）。", $"Last completed risk assessment: {done.Title} ({done.CompletedAt!.Value.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd})."),
                now, done is null ? null : "risk_assessment", done?.Id.ToString()),
        };
        if (pending > 0)
        {
            // GB/T 38249 7.6 d: an assessment raised after a major change and not done yet.
            items.Add(new("risk_assessment", false, new($"有 {pending} 项重大变更后的风险评估尚未完成。", $"{pending} risk assessment(s) after major changes still pending."), now));
        }

        return items;
    }
}
