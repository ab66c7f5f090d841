using GovGuard.Catalog.Duties;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Evidence;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Monitoring.Tamper;

/// <summary>
/// Automatic evidence of the duties that name the tamper monitor (GB/T 38249 7.4.3 b): satisfied when an enabled
/// tamper monitor of the website has checked its pages and none of the duty's <c>clear_of</c> alert categories is open.
/// </summary>
public sealed class TamperEvidenceSource(GovGuardDbContext db, TimeProvider time) : IAutomaticEvidenceSource
{
    public async Task<IReadOnlyList<AutomaticEvidenceItem>> GetAsync(Guid websiteId, Duty duty, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(duty);
        if (duty.Automatic is not { } automatic || !automatic.Monitors.Contains(Catalog.Duties.MonitorKind.Tamper))
        {
            return [];
        }

        var monitors = await db.Monitors.AsNoTracking().Where(m => m.WebsiteId == websiteId && m.Kind == MonitorKind.Tamper && m.Enabled)
            .Join(db.MonitorStates, m => m.Id, s => s.MonitorId, (m, s) => new { m.Id, s.LastCheckAt }).ToListAsync(ct).ConfigureAwait(false);
        var clear = automatic.ClearOf.ToList();
        var open = await db.Alerts.AsNoTracking().CountAsync(a => a.WebsiteId == websiteId && a.State != AlertState.Resolved && clear.Contains(a.Category), ct).ConfigureAwait(false);
        var pending = await db.TamperChanges.AsNoTracking().CountAsync(c => c.WebsiteId == websiteId && c.State == TamperChangeState.Pending, ct).ConfigureAwait(false);
        var baselines = await db.TamperBaselines.AsNoTracking().CountAsync(b => b.WebsiteId == websiteId, ct).ConfigureAwait(false);
        var checkedAt = monitors.Max(m => m.LastCheckAt);
        var on = monitors.Count > 0 && checkedAt is not null;
        var summary = !on
            ? new Text("没有已启用并完成检查的网页防篡改监测。", "No enabled page tamper monitor has checked the site yet.")
            : new Text($"{monitors.Count} 个网页防篡改监测已启用，{baselines} 个页面有基线；未关闭的篡改告警 {open} 个，待确认的页面变更 {pending} 个。",
                $"{monitors.Count} page tamper monitors on, {baselines} pages with a baseline; {open} open tamper alerts, {pending} page changes to review.");
        return [new AutomaticEvidenceItem("tamper", on && open == 0, summary, checkedAt ?? time.GetUtcNow(), "monitor", monitors.FirstOrDefault()?.Id.ToString())];
    }
}
