using GovGuard.Detection.Findings;
using GovGuard.Platform.Data;
using GovGuard.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Alerts;

/// <summary>What an operation-record check wants raised: one alert per fingerprint while the condition holds.</summary>
public sealed record RoutineCondition(string Fingerprint, string Category, string Rule, Severity Severity, Common.Text Summary);

/// <summary>
/// Raises and resolves alerts of <see cref="AlertSource.Routine"/> (records that are missing or late, such as an overdue
/// drill) with the same dedup, history and notices as monitor alerts: while an alert of the fingerprint is active, a
/// repeated check only updates its last-seen time; when the condition is gone, it recovers.
/// </summary>
public sealed class RoutineAlerts(NotificationRouter router)
{
    /// <summary>Brings the website's routine alerts of <paramref name="category"/> in line with <paramref name="wanted"/>; returns the deliveries queued.</summary>
    public async Task<(int Opened, int Queued)> ApplyAsync(GovGuardDbContext db, Guid websiteId, string category, IReadOnlyList<RoutineCondition> wanted, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(wanted);
        var site = await db.Websites.AsNoTracking().Where(w => w.Id == websiteId).Select(w => w.Name).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (site is null)
        {
            return (0, 0);
        }

        var active = await db.Alerts.Where(a => a.WebsiteId == websiteId && a.Source == AlertSource.Routine && a.Category == category && a.State != AlertState.Resolved)
            .ToListAsync(ct).ConfigureAwait(false);
        int opened = 0, queued = 0;
        foreach (var c in wanted)
        {
            var alert = active.FirstOrDefault(a => a.Fingerprint == c.Fingerprint);
            if (alert is not null)
            {
                alert.LastSeenAt = now;
                alert.Count++;
                alert.Version++;
                continue;
            }

            alert = new Alert
            {
                Id = Guid.CreateVersion7(now),
                WebsiteId = websiteId,
                MonitorId = Guid.Empty,
                Source = AlertSource.Routine,
                Fingerprint = c.Fingerprint,
                Category = AlertLimits.Cut(c.Category, 60),
                Rule = AlertLimits.Cut(c.Rule, 200),
                Severity = c.Severity,
                State = AlertState.Open,
                SummaryZh = AlertLimits.Cut(c.Summary.Zh, AlertLimits.Summary),
                SummaryEn = AlertLimits.Cut(c.Summary.En, AlertLimits.Summary),
                OpenedAt = now,
                LastSeenAt = now,
                Count = 1,
                Version = 1,
            };
            db.Alerts.Add(alert);
            db.AlertEvents.Add(new AlertEvent { AlertId = alert.Id, At = now, Kind = AlertEventKind.Opened, Note = alert.SummaryZh });
            queued += await NotifyAsync(db, alert, site, NoticeKind.Opened, now, ct).ConfigureAwait(false);
            opened++;
        }

        foreach (var alert in active.Where(a => wanted.All(c => c.Fingerprint != a.Fingerprint)))
        {
            alert.State = AlertState.Resolved;
            alert.ResolvedAt = now;
            alert.Version++;
            db.AlertEvents.Add(new AlertEvent { AlertId = alert.Id, At = now, Kind = AlertEventKind.Recovered, Note = "记录已补齐 / the record is now in place" });
            if (alert.NotifyCount > 0)
            {
                queued += await NotifyAsync(db, alert, site, NoticeKind.Recovered, now, ct).ConfigureAwait(false);
            }
        }

        return (opened, queued);
    }

    private async Task<int> NotifyAsync(GovGuardDbContext db, Alert alert, string site, NoticeKind kind, DateTimeOffset now, CancellationToken ct)
    {
        var n = await router.QueueAsync(db, alert, site, kind, now, ct).ConfigureAwait(false);
        if (kind != NoticeKind.Recovered)
        {
            alert.LastNotifiedAt = now;
            alert.NotifyCount++;
        }

        db.AlertEvents.Add(new AlertEvent { AlertId = alert.Id, At = now, Kind = AlertEventKind.Notified, Note = $"{ChannelSenders.EventName(kind)} → {n}" });
        return n;
    }
}
