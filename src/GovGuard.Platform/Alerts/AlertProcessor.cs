using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Data;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Alerts;

/// <summary>
/// Turns observations into alerts and notices (docs/alerts.md): dedup by fingerprint, flap suppression,
/// maintenance silencing, recovery. One observation is one unit of work: the alerts, their history and the
/// deliveries they queue are saved together.
/// </summary>
public sealed partial class AlertProcessor(
    IDbContextFactory<GovGuardDbContext> factory,
    NotificationRouter router,
    NotificationDispatcher dispatcher,
    TimeProvider time,
    IOptions<AlertOptions> options,
    ILogger<AlertProcessor> logger)
{
    /// <summary>The category of the alert a persistently unfinished check opens.</summary>
    public const string IncompleteCategory = "check.incomplete";

    private sealed record Candidate(string Fingerprint, AlertSource Source, string Category, string Rule, string? Url, Severity Severity, string? Message, string? Evidence);

    /// <summary>
    /// Monitors left quiet (no unresolved alert, no incomplete checks counted) by the observation of the result id
    /// held here. A clean check that follows that very result changes nothing, so it is skipped without a database
    /// round trip: at ten thousand monitors almost every observation is such a one. Any other observation, or one
    /// whose previous result this processor did not apply (the monitor was checked on another node meanwhile),
    /// takes the full path.
    /// </summary>
    private readonly ConcurrentDictionary<Guid, long> _quiet = new();

    private long _skipped;

    /// <summary>Observations skipped as changing nothing (see <see cref="_quiet"/>).</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Applies one observation; returns how many deliveries it queued.</summary>
    public async Task<int> ProcessAsync(MonitorObservation o, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (o.Health == MonitorHealth.Up && o.Findings is not { Count: > 0 } && o.ResultId is { } id && o.PreviousResultId is { } previous
            && _quiet.TryUpdate(o.MonitorId, id, previous))
        {
            Interlocked.Increment(ref _skipped);
            return 0;
        }

        // A person may acknowledge an alert while its observation is applied: start over on the fresh row.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (queued, quiet) = await ApplyAsync(o, ct).ConfigureAwait(false);
                if (quiet && o.ResultId is { } rid)
                {
                    _quiet[o.MonitorId] = rid;
                }
                else
                {
                    _quiet.TryRemove(o.MonitorId, out _);
                }

                if (queued > 0)
                {
                    dispatcher.Wake();
                }

                return queued;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                LogRetry(logger, o.MonitorId);
            }
        }
    }

    /// <summary>Applies <paramref name="o"/>; quiet when afterwards the monitor has no unresolved alert and no incomplete checks counted.</summary>
    private async Task<(int Queued, bool Quiet)> ApplyAsync(MonitorObservation o, CancellationToken ct)
    {
        var opts = options.Value;
        var at = o.CheckedAt.ToUniversalTime();
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var site = await db.Websites.AsNoTracking().Where(w => w.Id == o.WebsiteId).Select(w => new { w.Id, w.Name })
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (site is null)
        {
            LogUnknownWebsite(logger, o.WebsiteId, o.MonitorId);
            return (0, false);
        }

        var settings = await db.WebsiteAlertSettings.AsNoTracking().FirstOrDefaultAsync(s => s.WebsiteId == site.Id, ct).ConfigureAwait(false);
        var threshold = settings?.MinFindingSeverity ?? opts.MinFindingSeverity;
        var incompleteAfter = settings?.IncompleteAfterChecks ?? opts.IncompleteAfterChecks;

        var state = await db.MonitorAlertStates.FirstOrDefaultAsync(s => s.MonitorId == o.MonitorId, ct).ConfigureAwait(false);
        if (state is null)
        {
            state = new MonitorAlertState { MonitorId = o.MonitorId, WebsiteId = site.Id };
            db.MonitorAlertStates.Add(state);
        }

        state.IncompleteInARow = o.Health == MonitorHealth.Incomplete ? state.IncompleteInARow + 1 : 0;
        state.LastHealth = o.Health;
        state.LastCheckedAt = at;

        var windows = await db.MaintenanceWindows.AsNoTracking()
            .Where(m => m.WebsiteId == site.Id && m.StartsAt <= at && m.EndsAt > at).ToListAsync(ct).ConfigureAwait(false);
        var silenced = windows.Any(w => w.Covers(o.MonitorId, at));

        var wanted = Candidates(o, threshold, state.IncompleteInARow, incompleteAfter);
        var active = await db.Alerts.Where(a => a.MonitorId == o.MonitorId && a.State != AlertState.Resolved)
            .ToListAsync(ct).ConfigureAwait(false);
        var queued = 0;
        var summaryZh = AlertLimits.Cut(o.Summary.Zh ?? string.Empty, AlertLimits.Summary);
        var summaryEn = AlertLimits.Cut(o.Summary.En ?? string.Empty, AlertLimits.Summary);

        foreach (var c in wanted.Values)
        {
            var alert = active.FirstOrDefault(a => a.Fingerprint == c.Fingerprint);
            if (alert is not null)
            {
                // The same problem again: last seen and count, never a second notice.
                alert.LastSeenAt = at;
                alert.Count++;
                alert.LastResultId = o.ResultId ?? alert.LastResultId;
                alert.Severity = c.Severity > alert.Severity ? c.Severity : alert.Severity;
                alert.SummaryZh = summaryZh;
                alert.SummaryEn = summaryEn;
                alert.Version++;
                Event(db, alert, at, AlertEventKind.Seen, o, summaryZh);
                if (alert.State == AlertState.Silenced && !silenced)
                {
                    // The window is over and the problem is still there: now people hear of it.
                    alert.State = AlertState.Open;
                    Event(db, alert, at, AlertEventKind.Unsilenced, o, null);
                    queued += await NotifyOpenedAsync(db, alert, site.Name, now, ct).ConfigureAwait(false);
                }

                continue;
            }

            alert = new Alert
            {
                Id = Guid.CreateVersion7(now),
                WebsiteId = site.Id,
                MonitorId = o.MonitorId,
                MonitorKind = o.Kind,
                Source = c.Source,
                Fingerprint = c.Fingerprint,
                Category = c.Category,
                Rule = AlertLimits.Cut(c.Rule, 200),
                Url = AlertLimits.CutOrNull(c.Url, AlertLimits.Url),
                Severity = c.Severity,
                State = silenced ? AlertState.Silenced : AlertState.Open,
                SummaryZh = summaryZh,
                SummaryEn = summaryEn,
                Message = AlertLimits.CutOrNull(c.Message, AlertLimits.Summary),
                Evidence = AlertLimits.CutOrNull(c.Evidence, AlertLimits.Evidence),
                OpenedAt = at,
                LastSeenAt = at,
                Count = 1,
                FirstResultId = o.ResultId,
                LastResultId = o.ResultId,
                Version = 1,
            };
            // GB/T 38249 7.3 b: flapping targets must not drown the duty room in notices.
            var since = at - opts.FlapWindow;
            var cycles = await db.Alerts.CountAsync(a => a.Fingerprint == c.Fingerprint && a.State == AlertState.Resolved && a.ResolvedAt >= since, ct).ConfigureAwait(false);
            alert.Flapping = cycles >= opts.FlapThreshold;
            db.Alerts.Add(alert);
            Event(db, alert, at, AlertEventKind.Opened, o, summaryZh);
            if (silenced)
            {
                Event(db, alert, at, AlertEventKind.Silenced, o, windows.First(w => w.Covers(o.MonitorId, at)).Reason);
            }
            else
            {
                queued += await NotifyOpenedAsync(db, alert, site.Name, now, ct).ConfigureAwait(false);
            }
        }

        // A complete check (Up or Down) that no longer shows a problem resolves it; an unfinished one saw too little to say.
        foreach (var alert in o.Health == MonitorHealth.Incomplete ? [] : active.Where(a => !wanted.ContainsKey(a.Fingerprint)))
        {
            var wasSilenced = alert.State == AlertState.Silenced;
            alert.State = AlertState.Resolved;
            alert.ResolvedAt = at;
            alert.LastResultId = o.ResultId ?? alert.LastResultId;
            alert.Version++;
            Event(db, alert, at, AlertEventKind.Recovered, o, summaryZh);
            // One recovery notice, only to those who heard of the alert, never during maintenance or for a flapping alert.
            if (!wasSilenced && !silenced && !alert.Flapping && alert.NotifyCount > 0)
            {
                queued += await QueueAsync(db, alert, site.Name, NoticeKind.Recovered, now, ct).ConfigureAwait(false);
            }
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        // Nothing wanted and a complete check: every alert of the monitor is resolved now and the counter is zero.
        return (queued, wanted.Count == 0 && o.Health != MonitorHealth.Incomplete);
    }

    private async Task<int> NotifyOpenedAsync(GovGuardDbContext db, Alert alert, string website, DateTimeOffset now, CancellationToken ct)
    {
        if (!alert.Flapping)
        {
            return await QueueAsync(db, alert, website, NoticeKind.Opened, now, ct).ConfigureAwait(false);
        }

        // Flapping: one notice per window for the fingerprint, whichever alert carried it.
        var since = now - options.Value.FlapWindow;
        var told = await db.Alerts.AnyAsync(a => a.Fingerprint == alert.Fingerprint && a.Flapping && a.LastNotifiedAt >= since, ct).ConfigureAwait(false);
        return told ? 0 : await QueueAsync(db, alert, website, NoticeKind.Flapping, now, ct).ConfigureAwait(false);
    }

    private async Task<int> QueueAsync(GovGuardDbContext db, Alert alert, string website, NoticeKind kind, DateTimeOffset now, CancellationToken ct)
    {
        var n = await router.QueueAsync(db, alert, website, kind, now, ct).ConfigureAwait(false);
        if (kind != NoticeKind.Recovered)
        {
            alert.LastNotifiedAt = now;
            alert.NotifyCount++;
        }

        db.AlertEvents.Add(new AlertEvent
        {
            AlertId = alert.Id,
            At = now,
            Kind = kind == NoticeKind.Reminder ? AlertEventKind.Reminded : AlertEventKind.Notified,
            Note = $"{ChannelSenders.EventName(kind)} → {n}",
        });
        return n;
    }

    /// <summary>Queues reminders for open, unacknowledged alerts whose severity's interval has passed; returns how many alerts were reminded.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var opts = options.Value;
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var reminded = 0;
        var queued = 0;
        foreach (var severity in Enum.GetValues<Severity>())
        {
            var before = now - opts.RenotifyFor(severity);
            var due = await db.Alerts
                .Where(a => a.State == AlertState.Open && !a.Flapping && a.Severity == severity && a.LastNotifiedAt != null && a.LastNotifiedAt <= before)
                .OrderBy(a => a.LastNotifiedAt).Take(200).ToListAsync(ct).ConfigureAwait(false);
            foreach (var alert in due)
            {
                var site = await db.Websites.AsNoTracking().Where(w => w.Id == alert.WebsiteId).Select(w => w.Name).FirstAsync(ct).ConfigureAwait(false);
                var inWindow = await db.MaintenanceWindows.AsNoTracking()
                    .Where(m => m.WebsiteId == alert.WebsiteId && m.StartsAt <= now && m.EndsAt > now).ToListAsync(ct).ConfigureAwait(false);
                alert.Version++;
                if (inWindow.Any(w => w.Covers(alert.MonitorId, now)))
                {
                    // Quiet during maintenance; the next reminder comes one interval after it.
                    alert.LastNotifiedAt = now;
                    continue;
                }

                queued += await QueueAsync(db, alert, site, NoticeKind.Reminder, now, ct).ConfigureAwait(false);
                reminded++;
            }
        }

        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone acknowledged one of them meanwhile: the next sweep looks again.
            return 0;
        }

        if (queued > 0)
        {
            dispatcher.Wake();
        }

        return reminded;
    }

    private static Dictionary<string, Candidate> Candidates(MonitorObservation o, Severity threshold, int incompleteInARow, int incompleteAfter)
    {
        var wanted = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        foreach (var f in o.Findings ?? [])
        {
            if (f is null || f.Severity < threshold)
            {
                continue;
            }

            var fp = Fingerprint(o.MonitorId, f.Category, f.Rule, f.Url);
            if (wanted.TryGetValue(fp, out var seen) && seen.Severity >= f.Severity)
            {
                continue;
            }

            wanted[fp] = new Candidate(fp, AlertSource.Finding, AlertLimits.Cut(f.Category ?? "unknown", 60), f.Rule ?? string.Empty, f.Url, f.Severity, f.Message, f.Evidence);
        }

        // Down with findings is about the findings (those under the website's threshold open nothing); Down
        // without any is the monitor's own failure.
        if (o.Health == MonitorHealth.Down && o.Findings is not { Count: > 0 })
        {
            var worst = DefaultSeverity(o.Kind);
            var fp = Fingerprint(o.MonitorId, "monitor.down", o.Kind.ToString(), null);
            var category = o.Kind == MonitorKind.Availability ? Categories.AvailabilityDown : "monitor.down";
            wanted[fp] = new Candidate(fp, AlertSource.Down, category, "monitor.down", null, worst < Severity.Low ? Severity.Low : worst, null, null);
        }

        if (o.Health == MonitorHealth.Incomplete && incompleteAfter > 0 && incompleteInARow >= incompleteAfter)
        {
            var fp = Fingerprint(o.MonitorId, IncompleteCategory, o.Kind.ToString(), null);
            wanted[fp] = new Candidate(fp, AlertSource.Incomplete, IncompleteCategory, "monitor.incomplete", null, Severity.Low, null, null);
        }

        return wanted;
    }

    /// <summary>The severity of a Down monitor that names no findings.</summary>
    public static Severity DefaultSeverity(MonitorKind kind) => kind switch
    {
        MonitorKind.Availability or MonitorKind.Tls or MonitorKind.Dns or MonitorKind.Content or MonitorKind.Agent => Severity.High,
        MonitorKind.Tamper => Severity.Critical,
        _ => Severity.Medium,
    };

    /// <summary>SHA-256 over monitor, category, rule and URL (unit-separated), lower-case hex.</summary>
    public static string Fingerprint(Guid monitorId, string? category, string? rule, string? url) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{monitorId:N}\u001f{category}\u001f{rule}\u001f{url}")));

    private static void Event(GovGuardDbContext db, Alert alert, DateTimeOffset at, AlertEventKind kind, MonitorObservation o, string? note) =>
        db.AlertEvents.Add(new AlertEvent
        {
            AlertId = alert.Id,
            At = at,
            Kind = kind,
            ResultId = o.ResultId,
            Health = o.Health,
            Note = AlertLimits.CutOrNull(note, AlertLimits.Note),
        });

    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning, Message = "Observation for unknown website {Website} (monitor {Monitor}) ignored")]
    private static partial void LogUnknownWebsite(ILogger logger, Guid website, Guid monitor);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Alert of monitor {Monitor} changed meanwhile; applying the observation again")]
    private static partial void LogRetry(ILogger logger, Guid monitor);
}
