using GovGuard.Catalog;
using GovGuard.Catalog.Incidents;
using GovGuard.Catalog.Lifecycle;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Data;
using GovGuard.Platform.Notifications;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Emergency;

/// <summary>
/// GB/T 38249 7.5 b: a drill of each typical incident category at least once every two years. For every website in
/// operation, each overdue category raises one alert (category <see cref="OverdueCategory"/>, deduplicated by
/// fingerprint, so a daily check never doubles it); recording a drill resolves it. Run by <see cref="RoutineWorker"/>
/// on a schedule, or directly.
/// </summary>
public sealed class DrillChecker(IDbContextFactory<GovGuardDbContext> factory, RoutineAlerts alerts, NotificationDispatcher dispatcher, TimeProvider time)
{
    public const string OverdueCategory = "routine.drill_overdue";

    /// <summary>Checks every website in operation; returns how many alerts opened.</summary>
    public async Task<int> CheckAllAsync(CancellationToken ct)
    {
        List<Guid> sites;
        await using (var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false))
        {
            sites = await db.Websites.AsNoTracking().Where(w => w.Phase == LifecycleState.Operation).Select(w => w.Id).ToListAsync(ct).ConfigureAwait(false);
        }

        var opened = 0;
        foreach (var id in sites)
        {
            opened += await CheckWebsiteAsync(id, ct).ConfigureAwait(false);
        }

        return opened;
    }

    /// <summary>Checks one website (no alerts outside the operation phase); returns how many alerts opened.</summary>
    public async Task<int> CheckWebsiteAsync(Guid websiteId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var site = await db.Websites.AsNoTracking().FirstOrDefaultAsync(w => w.Id == websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return 0;
        }

        var wanted = new List<RoutineCondition>();
        if (site.Phase == LifecycleState.Operation)
        {
            var drills = await db.Drills.AsNoTracking().Where(d => d.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
            var baseline = await BaselineAsync(db, site, ct).ConfigureAwait(false);
            foreach (var s in EmergencyRules.Status(drills, baseline, EmergencyRules.ChinaToday(now)).Where(s => s.Overdue))
            {
                var held = s.LastHeldOn is { } h ? $"上次演练 {h:yyyy-MM-dd}" : "尚无演练记录";
                var heldEn = s.LastHeldOn is { } he ? $"last drill {he:yyyy-MM-dd}" : "no drill recorded";
                wanted.Add(new RoutineCondition(
                    AlertProcessor.Fingerprint(websiteId, OverdueCategory, s.Category, null), OverdueCategory, s.Category, Severity.Medium,
                    new($"“{s.CategoryZh}”类应急演练已逾期：应于 {s.DueBy:yyyy-MM-dd} 前完成（{held}；GB/T 38249 7.5 b 要求每两年至少一次）。",
                        $"The \"{s.CategoryEn}\" drill is overdue: it was due by {s.DueBy:yyyy-MM-dd} ({heldEn}; GB/T 38249 7.5 b asks for one at least every two years).")));
            }
        }

        var (opened, queued) = await alerts.ApplyAsync(db, websiteId, OverdueCategory, wanted, now, ct).ConfigureAwait(false);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        if (queued > 0)
        {
            dispatcher.Wake();
        }

        return opened;
    }

    /// <summary>
    /// Where the two years start for a category never drilled: the day the website last entered operation, or the day
    /// it was registered when it never went through the lifecycle (China calendar).
    /// </summary>
    public static async Task<DateOnly> BaselineAsync(GovGuardDbContext db, Website site, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(site);
        var entered = await db.WebsiteTransitions.AsNoTracking().Where(t => t.WebsiteId == site.Id && t.To == LifecycleState.Operation)
            .OrderByDescending(t => t.At).Select(t => (DateTimeOffset?)t.At).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return EmergencyRules.ChinaToday(entered ?? site.CreatedAt);
    }

    /// <summary>The typical categories by wire code (for messages and tests).</summary>
    public static IReadOnlyList<string> TypicalCodes { get; } = IncidentCategories.Typical.Select(c => c.ToWire()).ToList();
}
