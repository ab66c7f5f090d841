using GovGuard.Catalog;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Evidence;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Monitoring;

/// <summary>
/// Automatic evidence from monitoring (GB/T 38249 chapter 7): a duty whose catalog entry names <c>monitors</c> holds
/// when each of those monitor kinds is enabled for the website and no alert of its <c>clear_of</c> categories is
/// active. One item per duty, observed at the latest check of the monitors concerned.
/// </summary>
public sealed class MonitorEvidenceSource(GovGuardDbContext db, TimeProvider time) : IAutomaticEvidenceSource
{
    public const string SourceName = "monitors";

    public async Task<IReadOnlyList<AutomaticEvidenceItem>> GetAsync(Guid websiteId, Catalog.Duties.Duty duty, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(duty);
        if (duty.Automatic is not { Monitors.Count: > 0 } automatic)
        {
            return [];
        }

        var kinds = automatic.Monitors.Distinct().ToList();
        var platformKinds = kinds.SelectMany(RunBy).Distinct().ToList();
        var enabled = await db.Monitors.AsNoTracking()
            .Where(m => m.WebsiteId == websiteId && m.Enabled && platformKinds.Contains(m.Kind))
            .Select(m => new { m.Id, m.Kind })
            .ToListAsync(ct).ConfigureAwait(false);
        var missing = kinds.Where(k => !RunBy(k).Any(p => enabled.Any(m => m.Kind == p))).ToList();

        var clearOf = automatic.ClearOf.ToList();
        var open = clearOf.Count == 0
            ? []
            : await db.Alerts.AsNoTracking()
                .Where(a => a.WebsiteId == websiteId && a.State != AlertState.Resolved && clearOf.Contains(a.Category))
                .GroupBy(a => a.Category)
                .Select(g => new { Category = g.Key, Count = g.Count() })
                .ToListAsync(ct).ConfigureAwait(false);

        var ids = enabled.Select(m => m.Id).ToList();
        var lastChecks = ids.Count == 0
            ? []
            : await db.MonitorStates.AsNoTracking()
                .Where(s => ids.Contains(s.MonitorId) && s.LastCheckAt != null)
                .Select(s => s.LastCheckAt!.Value)
                .ToListAsync(ct).ConfigureAwait(false);
        // Before any check has run the state is as of now: enabled, nothing seen yet.
        var observedAt = lastChecks.Count == 0 ? time.GetUtcNow() : lastChecks.Max();

        return [new AutomaticEvidenceItem(SourceName, missing.Count == 0 && open.Count == 0, Summary(missing, open.Select(o => (o.Category, o.Count)).ToList()), observedAt, "website_monitors", websiteId.ToString())];
    }

    /// <summary>
    /// Which of GovGuard's monitors measure a catalog monitor kind: DNS and domain rules are one probe; the agent
    /// beside the web root watches files, webshells and the access log; exposure checks are the vulnerability scan.
    /// </summary>
    public static IReadOnlyList<MonitorKind> RunBy(Catalog.Duties.MonitorKind kind) => kind switch
    {
        Catalog.Duties.MonitorKind.Availability => [MonitorKind.Availability],
        Catalog.Duties.MonitorKind.Tls => [MonitorKind.Tls],
        Catalog.Duties.MonitorKind.Dns or Catalog.Duties.MonitorKind.Domain => [MonitorKind.Dns],
        Catalog.Duties.MonitorKind.Tamper => [MonitorKind.Tamper],
        Catalog.Duties.MonitorKind.Content => [MonitorKind.Content],
        Catalog.Duties.MonitorKind.Vulnerability => [MonitorKind.Exposure],
        Catalog.Duties.MonitorKind.FileIntegrity or Catalog.Duties.MonitorKind.Webshell or Catalog.Duties.MonitorKind.AccessLog => [MonitorKind.Agent],
        Catalog.Duties.MonitorKind.Resource => [MonitorKind.Resource],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no monitor measures this kind"),
    };

    private static Text Summary(IReadOnlyList<Catalog.Duties.MonitorKind> missing, IReadOnlyList<(string Category, int Count)> open)
    {
        if (missing.Count == 0 && open.Count == 0)
        {
            return new("所需监测均已启用，没有未关闭的相关告警。", "Every monitor required is on and no related alert is open.");
        }

        var zh = new List<string>();
        var en = new List<string>();
        if (missing.Count > 0)
        {
            zh.Add("未启用：" + string.Join("、", missing.Select(k => k.NameZh())));
            en.Add("not enabled: " + string.Join(", ", missing.Select(k => k.NameEn())));
        }

        if (open.Count > 0)
        {
            var list = open.OrderBy(o => o.Category, StringComparer.Ordinal).ToList();
            zh.Add("未关闭告警：" + string.Join("、", list.Select(o => $"{o.Category} {o.Count} 条")));
            en.Add("open alerts: " + string.Join(", ", list.Select(o => $"{o.Category} ×{o.Count}")));
        }

        return new(string.Join("；", zh) + "。", char.ToUpperInvariant(en[0][0]) + string.Join("; ", en)[1..] + ".");
    }
}
