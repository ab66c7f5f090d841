using GovGuard.Platform.Alerts;
using GovGuard.Platform.Data;
using GovGuard.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.DutyRota;

/// <summary>
/// Alerts route to the person on duty (GB/T 38249 7.5 c): every notice of an alert also goes by e-mail to whoever
/// holds the duty at that moment, through the rota's e-mail channel.
/// </summary>
public sealed class DutyRecipients : IAlertRecipients
{
    public async Task<IReadOnlyList<AlertRecipient>> ForAsync(GovGuardDbContext db, Alert alert, NoticeKind kind, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(alert);
        if (kind is NoticeKind.Test or NoticeKind.Escalated)
        {
            return [];
        }

        var channel = await MailChannelAsync(db, alert.WebsiteId, ct).ConfigureAwait(false);
        var coverage = channel is null ? null : await RotaService.CoverageAsync(db, alert.WebsiteId, ct).ConfigureAwait(false);
        var member = coverage?.At(now).Member;
        return member is null ? [] : [new AlertRecipient(channel!, member.Email)];
    }

    /// <summary>The rota's e-mail channel, when it is set, enabled and an e-mail channel.</summary>
    internal static async Task<NotificationChannel?> MailChannelAsync(GovGuardDbContext db, Guid websiteId, CancellationToken ct)
    {
        var id = await db.Rotas.AsNoTracking().Where(r => r.WebsiteId == websiteId).Select(r => r.MailChannelId).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return id is null ? null : await db.NotificationChannels.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == id && c.Enabled && c.Kind == ChannelKind.Email, ct).ConfigureAwait(false);
    }
}

/// <summary>
/// Escalation (anchors PagerDuty, Grafana OnCall): an alert still open and unacknowledged when a step's time has passed
/// since it opened notifies that step's member; each step once per alert, recorded on the alert's history.
/// </summary>
public sealed class EscalationSweeper(IDbContextFactory<GovGuardDbContext> factory, NotificationRouter router, NotificationDispatcher dispatcher, TimeProvider time)
{
    /// <summary>Escalates what is due; returns how many notices were queued.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var sites = await db.EscalationSteps.AsNoTracking().Select(s => s.WebsiteId).Distinct().ToListAsync(ct).ConfigureAwait(false);
        var queued = 0;
        foreach (var site in sites)
        {
            var channel = await DutyRecipients.MailChannelAsync(db, site, ct).ConfigureAwait(false);
            if (channel is null)
            {
                continue;
            }

            var steps = await db.EscalationSteps.AsNoTracking().Where(s => s.WebsiteId == site).OrderBy(s => s.Level).ToListAsync(ct).ConfigureAwait(false);
            var members = await db.RotaMembers.AsNoTracking().Where(m => m.WebsiteId == site).ToDictionaryAsync(m => m.Id, ct).ConfigureAwait(false);
            var name = await db.Websites.AsNoTracking().Where(w => w.Id == site).Select(w => w.Name).FirstAsync(ct).ConfigureAwait(false);
            var open = await db.Alerts.Where(a => a.WebsiteId == site && a.State == AlertState.Open && a.AcknowledgedAt == null).Take(500).ToListAsync(ct).ConfigureAwait(false);
            foreach (var alert in open)
            {
                var done = await db.AlertEvents.CountAsync(e => e.AlertId == alert.Id && e.Kind == AlertEventKind.Escalated, ct).ConfigureAwait(false);
                foreach (var step in steps.Skip(done).TakeWhile(s => now - alert.OpenedAt >= TimeSpan.FromMinutes(s.AfterMinutes)))
                {
                    if (!members.TryGetValue(step.MemberId, out var m))
                    {
                        continue;
                    }

                    router.QueueTo(db, alert, name, NoticeKind.Escalated, channel, m.Email, now);
                    db.AlertEvents.Add(new AlertEvent
                    {
                        AlertId = alert.Id,
                        At = now,
                        Kind = AlertEventKind.Escalated,
                        Note = $"升级至第 {step.Level} 级：{m.Name}（{m.Phone}），{step.AfterMinutes} 分钟未确认 / escalated to level {step.Level}: {m.Name} ({m.Phone}) after {step.AfterMinutes} minutes unacknowledged",
                    });
                    alert.Version++;
                    queued++;
                }
            }
        }

        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone acknowledged meanwhile: the next sweep looks again.
            return 0;
        }

        if (queued > 0)
        {
            dispatcher.Wake();
        }

        return queued;
    }
}
