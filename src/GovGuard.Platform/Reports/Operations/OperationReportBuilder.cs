using GovGuard.Catalog;
using System.Globalization;
using System.Text.Json;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Reports.Operations;

/// <summary>
/// Puts one website's operation report together from the monitoring data, the SLA in force and the registered
/// sections. No access check here: <see cref="OperationReportService"/> checks the caller first.
/// </summary>
public sealed class OperationReportBuilder(GovGuardDbContext db, TimeProvider time, IEnumerable<IOperationReportSection> sections)
{
    public async Task<OperationReport> BuildAsync(Website site, ChosenPeriod chosen, string generatedBy, string? generatedByOrganisation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(chosen);
        var period = chosen.Period;
        var now = time.GetUtcNow();
        var terms = await db.SlaTerms.AsNoTracking().FirstOrDefaultAsync(s => s.WebsiteId == site.Id, ct).ConfigureAwait(false);
        var sla = terms is null ? null : new SlaTargets(terms.Number, terms.Digest, terms.ApprovedAt, terms.AvailabilityPercent,
            terms.MeasurementWindow.ToWire(), terms.ResponseTimeMs, terms.ResponseTimePercentile,
            terms.RtoMinutes, terms.GeneralResponseMinutes > 0 ? terms.GeneralResponseMinutes : null);

        var measured = await MeasureAsync(site.Id, period, sla?.ResponseTimePercentile ?? 95, ct).ConfigureAwait(false);
        var (availability, response) = Figures(measured.Result, measured.Monitors);
        var alerts = await db.Alerts.AsNoTracking()
            .Where(a => a.WebsiteId == site.Id && a.OpenedAt < period.To && (a.ResolvedAt == null || a.ResolvedAt >= period.From))
            .ToListAsync(ct).ConfigureAwait(false);
        var opened = alerts.Where(a => a.OpenedAt >= period.From).ToList();
        var breaches = Breaches(sla, period, availability, response, opened, now);
        var customer = await db.Organisations.AsNoTracking().Where(o => o.Id == site.CustomerId).Select(o => o.Name).FirstOrDefaultAsync(ct).ConfigureAwait(false);

        var contributed = new List<OperationReportSection>();
        foreach (var source in sections)
        {
            if (await source.BuildAsync(site.Id, period, ct).ConfigureAwait(false) is { } section)
            {
                contributed.Add(section);
            }
        }

        return new OperationReport(
            new OperationReportWebsite(site.Id, site.Name, site.Domains, site.SiteCode, customer),
            period,
            chosen.Month,
            now,
            generatedBy,
            generatedByOrganisation,
            sla,
            availability,
            response,
            breaches,
            AlertsOf(opened, sla, now),
            await FindingsAsync(site.Id, period, ct).ConfigureAwait(false),
            Vulnerabilities(alerts, period, now),
            [.. contributed.OrderBy(s => s.Order).ThenBy(s => s.Key, StringComparer.Ordinal)]);
    }

    /// <summary>The availability monitors' scheduled checks of the period (and the one before it), and the maintenance windows.</summary>
    private async Task<(SlaMeasurementResult Result, int Monitors)> MeasureAsync(Guid websiteId, ReportPeriod period, int percentile, CancellationToken ct)
    {
        var monitors = await db.Monitors.AsNoTracking().Where(m => m.WebsiteId == websiteId && m.Kind == MonitorKind.Availability)
            .Select(m => new { m.Id, m.Name, m.IntervalSeconds }).ToListAsync(ct).ConfigureAwait(false);
        var ids = monitors.Select(m => m.Id).ToList();
        var longest = monitors.Count == 0 ? 0 : monitors.Max(m => m.IntervalSeconds);
        var lead = period.From.AddSeconds(-(long)longest * SlaMeasurement.CoverIntervals);
        var rows = await db.CheckResults.AsNoTracking()
            .Where(r => ids.Contains(r.MonitorId) && !r.Manual && r.At >= lead && r.At < period.To)
            .Select(r => new { r.MonitorId, r.At, r.RawHealth, r.LatencyMs })
            .ToListAsync(ct).ConfigureAwait(false);
        var byMonitor = rows.GroupBy(r => r.MonitorId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.At).Select(r => new MeasuredCheck(r.At, r.RawHealth, r.LatencyMs)).ToList());
        // A monitor with no check in the period (created later, disabled) says nothing about it: it is left out, not counted as unmeasured.
        var measured = monitors
            .Where(m => byMonitor.TryGetValue(m.Id, out var checks) && checks.Exists(c => c.At >= period.From))
            .Select(m => new MeasuredMonitor(m.Id, m.Name, m.IntervalSeconds, byMonitor[m.Id]))
            .ToList();
        var windows = await db.MaintenanceWindows.AsNoTracking()
            .Where(w => w.WebsiteId == websiteId && w.StartsAt < period.To && w.EndsAt > period.From)
            .ToListAsync(ct).ConfigureAwait(false);
        return (SlaMeasurement.Measure(period, measured, windows.Select(w => new ExcludedSpan(w.StartsAt, w.EndsAt, w.MonitorIds)).ToList(), percentile), measured.Count);
    }

    private static (AvailabilityFigures, ResponseTimeFigures) Figures(SlaMeasurementResult r, int monitors)
    {
        var t = r.Total;
        var availability = new AvailabilityFigures(t.Percent, monitors, r.Checks, t.UpSeconds, t.DownSeconds, t.MaintenanceSeconds, t.UnmeasuredSeconds,
            [.. r.Days.Select(d => new DailyAvailability(d.Day!.Value, d.Percent, d.UpSeconds, d.DownSeconds, d.MaintenanceSeconds, d.UnmeasuredSeconds))],
            [.. r.Outages.Select(o => new OutageRow(o.MonitorName, o.From, o.To, (long)Math.Round(o.Length.TotalSeconds)))]);
        var l = r.Latency;
        var response = new ResponseTimeFigures(l.Samples, l.MeanMs, l.P95Ms, l.P99Ms, l.SlaPercentileMs,
            [.. r.LatencyDays.Select(d => new DailyResponseTime(d.Day!.Value, d.Samples, d.MeanMs, d.P95Ms, d.P99Ms, d.SlaPercentileMs))]);
        return (availability, response);
    }

    /// <summary>Every missed target: the period's availability and response time, each day, each outage longer than the RTO, each alert answered late.</summary>
    private static List<SlaBreach> Breaches(SlaTargets? sla, ReportPeriod period, AvailabilityFigures a, ResponseTimeFigures r, List<Alert> opened, DateTimeOffset now)
    {
        var list = new List<SlaBreach>();
        if (sla is null)
        {
            return list;
        }

        var goal = (double)sla.AvailabilityPercent;
        var p = sla.ResponseTimePercentile.ToString(CultureInfo.InvariantCulture);
        if (a.Percent is { } pct && pct < goal)
        {
            // By how much: the down time beyond what the target allows over the measured time.
            var allowed = (1 - goal / 100) * (a.UpSeconds + a.DownSeconds);
            var over = TimeSpan.FromSeconds(Math.Max(0, a.DownSeconds - allowed));
            list.Add(new SlaBreach(BreachTargets.Availability, BreachScopes.Period, period.From, period.To, pct, goal, goal - pct, "%",
                new($"可用性 {OperationReportText.Percent(pct)}，低于目标 {OperationReportText.Percent(goal)}；故障时长超出允许值 {OperationReportText.Duration((long)over.TotalSeconds).Zh}",
                    $"Availability {OperationReportText.Percent(pct)}, below the target {OperationReportText.Percent(goal)}; down time exceeds the allowance by {OperationReportText.Duration((long)over.TotalSeconds).En}")));
        }

        if (r.SlaPercentileMs is { } ms && ms > sla.ResponseTimeMs)
        {
            list.Add(new SlaBreach(BreachTargets.ResponseTime, BreachScopes.Period, period.From, period.To, ms, sla.ResponseTimeMs, ms - sla.ResponseTimeMs, "ms",
                new($"P{p} 响应时间 {ms} ms，超过目标 {sla.ResponseTimeMs} ms", $"P{p} response time {ms} ms, above the target {sla.ResponseTimeMs} ms")));
        }

        foreach (var d in a.Days.Where(d => d.Percent < goal))
        {
            var (from, to) = DayBounds(d.Day);
            list.Add(new SlaBreach(BreachTargets.Availability, BreachScopes.Day, from, to, d.Percent!.Value, goal, goal - d.Percent.Value, "%",
                new($"{d.Day:yyyy-MM-dd} 可用性 {OperationReportText.Percent(d.Percent)}（故障 {OperationReportText.Duration(d.DownSeconds).Zh}）",
                    $"{d.Day:yyyy-MM-dd} availability {OperationReportText.Percent(d.Percent)} (down {OperationReportText.Duration(d.DownSeconds).En})")));
        }

        foreach (var d in r.Days.Where(d => d.SlaPercentileMs > sla.ResponseTimeMs))
        {
            var (from, to) = DayBounds(d.Day);
            list.Add(new SlaBreach(BreachTargets.ResponseTime, BreachScopes.Day, from, to, d.SlaPercentileMs!.Value, sla.ResponseTimeMs, d.SlaPercentileMs.Value - sla.ResponseTimeMs, "ms",
                new($"{d.Day:yyyy-MM-dd} P{p} 响应时间 {d.SlaPercentileMs} ms", $"{d.Day:yyyy-MM-dd} P{p} response time {d.SlaPercentileMs} ms")));
        }

        foreach (var o in a.Outages.Where(o => o.Seconds > sla.RtoMinutes * 60L))
        {
            var minutes = o.Seconds / 60.0;
            list.Add(new SlaBreach(BreachTargets.Rto, BreachScopes.Outage, o.From, o.To, minutes, sla.RtoMinutes, minutes - sla.RtoMinutes, "min",
                new($"「{o.Monitor}」中断 {OperationReportText.Duration(o.Seconds).Zh}，超过 RTO {sla.RtoMinutes} 分钟", $"\"{o.Monitor}\" down for {OperationReportText.Duration(o.Seconds).En}, beyond the RTO of {sla.RtoMinutes} min")));
        }

        if (sla.AlertResponseMinutes is { } target)
        {
            foreach (var alert in opened.Where(x => x.State != AlertState.Silenced))
            {
                var (answered, waited) = Response(alert, now);
                if (waited.TotalMinutes > target)
                {
                    var minutes = waited.TotalMinutes;
                    var category = OperationReportText.Category(alert.Category);
                    list.Add(new SlaBreach(BreachTargets.AlertResponse, BreachScopes.Alert, alert.OpenedAt, alert.OpenedAt + waited, Math.Round(minutes, 1), target, Math.Round(minutes - target, 1), "min",
                        answered
                            ? new($"「{category.Zh}」告警 {Math.Round(minutes)} 分钟后才响应（目标 {target} 分钟）", $"{category.En} alert answered after {Math.Round(minutes)} min (target {target} min)")
                            : new($"「{category.Zh}」告警 {Math.Round(minutes)} 分钟无人响应（目标 {target} 分钟）", $"{category.En} alert unanswered for {Math.Round(minutes)} min (target {target} min)")));
                }
            }
        }

        return list;
    }

    /// <summary>
    /// How long an alert waited for a person: until acknowledged or resolved by hand; one nobody answered waited
    /// until it recovered on its own, or until now while still active.
    /// </summary>
    private static (bool Answered, TimeSpan Waited) Response(Alert a, DateTimeOffset now)
    {
        var answer = a.AcknowledgedAt ?? (a.ResolvedByName is not null ? a.ResolvedAt : null);
        return answer is { } at ? (true, at - a.OpenedAt) : (false, (a.ResolvedAt ?? now) - a.OpenedAt);
    }

    private static AlertFigures AlertsOf(List<Alert> opened, SlaTargets? sla, DateTimeOffset now)
    {
        var byCategory = opened.GroupBy(a => a.Category, StringComparer.Ordinal)
            .Select(g => new AlertCategoryCount(g.Key, OperationReportText.Severities.ToDictionary(s => s, s => g.Count(a => a.Severity.ToWire() == s), StringComparer.Ordinal), g.Count()))
            .OrderByDescending(c => c.Total).ThenBy(c => c.Category, StringComparer.Ordinal)
            .ToList();
        var counted = opened.Where(a => a.State != AlertState.Silenced).ToList();
        var acked = counted.Where(a => a.AcknowledgedAt is not null).Select(a => (a.AcknowledgedAt!.Value - a.OpenedAt).TotalMinutes).ToList();
        var resolved = counted.Where(a => a.ResolvedAt is not null).Select(a => (a.ResolvedAt!.Value - a.OpenedAt).TotalMinutes).ToList();
        var unattended = counted.Count(a => a.ResolvedAt is not null && a.AcknowledgedAt is null && a.ResolvedByName is null);
        var late = sla?.AlertResponseMinutes is { } target ? counted.Count(a => Response(a, now).Waited.TotalMinutes > target) : 0;
        return new AlertFigures(opened.Count, byCategory,
            acked.Count, acked.Count == 0 ? null : acked.Average(), acked.Count == 0 ? null : acked.Max(),
            resolved.Count, resolved.Count == 0 ? null : resolved.Average(), resolved.Count == 0 ? null : resolved.Max(),
            unattended, late);
    }

    /// <summary>Vulnerability and exposure alerts active at any time in the period: opened → resolved (or still open at the report's end).</summary>
    private static VulnerabilityFigures Vulnerabilities(List<Alert> active, ReportPeriod period, DateTimeOffset now)
    {
        var end = now < period.To ? now : period.To;
        var rows = active.Where(IsVulnerability)
            .OrderBy(a => a.OpenedAt)
            .Select(a => new VulnerabilityRow(a.Id, a.Category, a.Severity.ToWire(), a.Rule, a.Url, a.OpenedAt, a.ResolvedAt,
                Math.Round(((a.ResolvedAt ?? end) - a.OpenedAt).TotalHours, 2)))
            .ToList();
        var fixedRows = rows.Where(r => r.ResolvedAt is not null).ToList();
        return new VulnerabilityFigures(rows.Count, fixedRows.Count, rows.Count - fixedRows.Count,
            fixedRows.Count == 0 ? null : Math.Round(fixedRows.Average(r => r.Hours), 2), fixedRows.Count == 0 ? null : fixedRows.Max(r => r.Hours), rows);
    }

    private static bool IsVulnerability(Alert a) =>
        a.MonitorKind == MonitorKind.Exposure || a.Category.StartsWith("vuln.", StringComparison.Ordinal) || a.Category == Categories.WebshellFile;

    /// <summary>The findings of every check of the period, by category: a finding is its rule and URL, counted once however often seen.</summary>
    private async Task<List<FindingCategoryCount>> FindingsAsync(Guid websiteId, ReportPeriod period, CancellationToken ct)
    {
        var rows = await db.CheckResults.AsNoTracking()
            .Where(r => r.WebsiteId == websiteId && r.At >= period.From && r.At < period.To && r.Findings != null)
            .Select(r => new { r.At, r.Findings })
            .ToListAsync(ct).ConfigureAwait(false);
        var tally = new Dictionary<string, (HashSet<string> Distinct, int Seen, Severity Worst, DateTimeOffset First, DateTimeOffset Last)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            using var doc = JsonDocument.Parse(row.Findings!);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var f in doc.RootElement.EnumerateArray())
            {
                var category = Str(f, "category") ?? "unknown";
                SeverityNames.TryParse(Str(f, "severity"), out var severity);
                var key = Str(f, "rule") + "\n" + (Str(f, "url") ?? Str(f, "target"));
                var t = tally.TryGetValue(category, out var x) ? x : ([], 0, Severity.Info, row.At, row.At);
                t.Distinct.Add(key);
                tally[category] = (t.Distinct, t.Seen + 1, severity > t.Worst ? severity : t.Worst, row.At < t.First ? row.At : t.First, row.At > t.Last ? row.At : t.Last);
            }
        }

        return [.. tally.Select(kv => new FindingCategoryCount(kv.Key, kv.Value.Distinct.Count, kv.Value.Seen, kv.Value.Worst.ToWire(), kv.Value.First, kv.Value.Last))
            .OrderByDescending(c => c.Distinct).ThenBy(c => c.Category, StringComparer.Ordinal)];
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static (DateTimeOffset, DateTimeOffset) DayBounds(DateOnly day)
    {
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), SlaMeasurement.China);
        return (from.ToUniversalTime(), from.AddDays(1).ToUniversalTime());
    }
}
