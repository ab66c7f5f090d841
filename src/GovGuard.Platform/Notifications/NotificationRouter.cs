using System.Text.Json;
using GovGuard.Catalog.Roles;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Notifications;

/// <summary>
/// Decides which channels get a notice and queues one delivery per channel, in the caller's unit of work (so
/// an alert and its deliveries are saved together). Routing: the organisations that own or work on the website
/// (engaged in any role but assessor); their default channels and their channels for this website; only enabled
/// channels whose minimum severity the alert reaches.
/// </summary>
public sealed class NotificationRouter(IOptions<AlertOptions> options, IEnumerable<IAlertRecipients> people)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Queues <paramref name="kind"/> for <paramref name="alert"/>; returns how many deliveries were queued.</summary>
    public async Task<int> QueueAsync(GovGuardDbContext db, Alert alert, string websiteName, NoticeKind kind, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(alert);
        var channels = await ChannelsForAsync(db, alert.WebsiteId, alert.Severity, ct).ConfigureAwait(false);
        var notice = NoticeOf(alert, websiteName, kind, options.Value.PublicBaseUrl);
        foreach (var c in channels)
        {
            db.Add(NewDelivery(c, alert.Id, alert.WebsiteId, notice, now));
        }

        // People named by other features (the person on duty, 7.5 c) hear of it by e-mail too.
        var extra = 0;
        foreach (var source in people)
        {
            foreach (var p in await source.ForAsync(db, alert, kind, now, ct).ConfigureAwait(false))
            {
                db.Add(NewDelivery(p.Channel, alert.Id, alert.WebsiteId, notice, now, p.Email));
                extra++;
            }
        }

        return channels.Count + extra;
    }

    /// <summary>Queues <paramref name="kind"/> for <paramref name="alert"/> to one person by e-mail through <paramref name="channel"/>.</summary>
    public void QueueTo(GovGuardDbContext db, Alert alert, string websiteName, NoticeKind kind, NotificationChannel channel, string email, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(alert);
        db.Add(NewDelivery(channel, alert.Id, alert.WebsiteId, NoticeOf(alert, websiteName, kind, options.Value.PublicBaseUrl), now, email));
    }

    internal static NotificationDelivery NewDelivery(NotificationChannel c, Guid? alertId, Guid? websiteId, AlertNotice notice, DateTimeOffset now, string? to = null) => new()
    {
        To = to,
        Id = Guid.CreateVersion7(now),
        ChannelId = c.Id,
        OrganisationId = c.OrganisationId,
        AlertId = alertId,
        WebsiteId = websiteId,
        Kind = notice.Kind,
        Status = DeliveryStatus.Pending,
        CreatedAt = now,
        NextAttemptAt = now,
        NoticeJson = JsonSerializer.Serialize(notice, Json),
    };

    public static async Task<IReadOnlyList<NotificationChannel>> ChannelsForAsync(GovGuardDbContext db, Guid websiteId, Severity severity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var owner = await db.Websites.Where(w => w.Id == websiteId).Select(w => w.CustomerId).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var engaged = await db.Engagements
            .Where(e => e.WebsiteId == websiteId && e.EndedAt == null && e.Role != EngagementRole.Assessor)
            .Select(e => e.OrganisationId).ToListAsync(ct).ConfigureAwait(false);
        var orgs = engaged.Append(owner).Distinct().ToList();
        var candidates = await db.NotificationChannels.AsNoTracking()
            .Where(c => c.Enabled && orgs.Contains(c.OrganisationId) && (c.WebsiteId == websiteId || c.WebsiteId == null))
            .ToListAsync(ct).ConfigureAwait(false);
        return candidates.Where(c => c.MinSeverity <= severity).OrderBy(c => c.Id).ToList();
    }

    public static AlertNotice NoticeOf(Alert a, string websiteName, NoticeKind kind, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(baseUrl);
        return new AlertNotice(
            kind, a.Id, a.WebsiteId, websiteName, a.MonitorId,
            a.Source == AlertSource.Routine ? "运行记录 operation records" : MonitorName(a.MonitorKind).Zh + " " + MonitorName(a.MonitorKind).En,
            a.Severity, a.Category, a.Rule, a.SummaryZh, a.SummaryEn, a.Url,
            kind == NoticeKind.Recovered ? a.ResolvedAt ?? a.LastSeenAt : a.LastSeenAt,
            baseUrl.TrimEnd('/') + "/alerts/" + a.Id, WireCodes<AlertState>.Code(a.State), a.Count, a.LastResultId ?? a.FirstResultId, a.Flapping);
    }

    /// <summary>A test notice for one channel: sample values that show every placeholder.</summary>
    public static AlertNotice TestNotice(string channelName, DateTimeOffset now, string baseUrl) => new(
        NoticeKind.Test, null, null, channelName, null, "—", Severity.Info, "test", null,
        "测试消息：如果你看到这条消息，说明渠道配置正确。", "Test message: if you read this, the channel works.",
        null, now, (baseUrl ?? string.Empty).TrimEnd('/') + "/notifications", "test", 0, null, false);

    public static Text MonitorName(MonitorKind kind) => kind switch
    {
        MonitorKind.Availability => new("可用性", "availability"),
        MonitorKind.Tls => new("证书", "TLS"),
        MonitorKind.Dns => new("域名解析", "DNS"),
        MonitorKind.Tamper => new("网页篡改", "page tamper"),
        MonitorKind.Content => new("内容安全", "content"),
        MonitorKind.Exposure => new("暴露面", "exposure"),
        MonitorKind.Agent => new("代理", "agent"),
        MonitorKind.Resource => new("资源", "resources"),
        _ => new(kind.ToString(), kind.ToString()),
    };
}
