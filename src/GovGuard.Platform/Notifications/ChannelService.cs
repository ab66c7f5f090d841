using System.Text.Json;
using System.Text.RegularExpressions;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Access;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Notifications;

/// <summary>A channel as callers see it: settings, and only whether each secret is set (secrets are write-only).</summary>
public sealed record ChannelView(
    Guid Id,
    Guid OrganisationId,
    Guid? WebsiteId,
    string Name,
    string Kind,
    string MinSeverity,
    bool Enabled,
    string Host,
    string? SmtpHost,
    int? SmtpPort,
    string? SmtpSecurity,
    string? SmtpUser,
    string? From,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Mobiles,
    bool HasUrl,
    bool HasSecret,
    bool HasSmtpPassword,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version);

/// <summary>
/// What a caller sends to create or change a channel. On a change, a secret left out (null) is kept and an
/// empty one is removed; the URL of a robot counts as a secret (it carries the robot's token).
/// </summary>
public sealed record ChannelInput(
    string? Name,
    string? Kind,
    Guid? WebsiteId,
    string? MinSeverity,
    bool? Enabled,
    string? Url,
    string? Secret,
    string? SmtpHost,
    int? SmtpPort,
    string? SmtpSecurity,
    string? SmtpUser,
    string? SmtpPassword,
    string? From,
    IReadOnlyList<string>? To,
    IReadOnlyList<string>? Mobiles,
    int? Version = null);

/// <summary>One delivery and its attempts.</summary>
public sealed record DeliveryView(
    Guid Id,
    Guid ChannelId,
    string ChannelName,
    string ChannelKind,
    Guid? AlertId,
    Guid? WebsiteId,
    string Notice,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? DeliveredAt,
    string? LastError);

/// <summary>Delivery list filters.</summary>
public sealed record DeliveryFilter(Guid? ChannelId = null, Guid? AlertId = null, string? Status = null);

/// <summary>Notification channels of the caller's organisation (defaults and per website), test sends, the delivery log.</summary>
public sealed partial class ChannelService(
    GovGuardDbContext db,
    AuditLog audit,
    TimeProvider time,
    ChannelSecretBox secrets,
    NotificationHttp http,
    NotificationDispatcher dispatcher,
    IOptions<AlertOptions> options)
{
    private static readonly Text Label = new("通知渠道", "notification channel");

    public async Task<IReadOnlyList<ChannelView>> ListAsync(Caller caller, Guid? websiteId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var q = Mine(caller);
        if (websiteId is { } w)
        {
            q = q.Where(c => c.WebsiteId == w);
        }

        var rows = await q.OrderBy(c => c.WebsiteId).ThenBy(c => c.Name).Take(500).ToListAsync(ct).ConfigureAwait(false);
        return rows.Select(ToView).ToList();
    }

    public async Task<Outcome<ChannelView>> GetAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var c = await Mine(caller).FirstOrDefaultAsync(x => x.Id == id, ct).ConfigureAwait(false);
        return c is null ? Error.NotFound(Label) : ToView(c);
    }

    public async Task<Outcome<ChannelView>> CreateAsync(Caller caller, ChannelInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var refused = await CheckScopeAsync(caller, input.WebsiteId, ct).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var v = new Validation();
        var kind = v.OneOf("kind", new("渠道类型", "Kind"), input.Kind, WireCodes<ChannelKind>.ByCode);
        var f = await CheckAsync(v, kind ?? ChannelKind.Webhook, input, new ChannelSecrets(), ct).ConfigureAwait(false);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var c = new NotificationChannel
        {
            Id = Guid.CreateVersion7(now),
            OrganisationId = caller.OrganisationId,
            WebsiteId = input.WebsiteId,
            Name = f.Name,
            Kind = kind!.Value,
            MinSeverity = f.MinSeverity,
            Enabled = input.Enabled ?? true,
            Host = f.Host,
            SettingsJson = JsonSerializer.Serialize(f.Settings, NotificationRouter.Json),
            ProtectedSecrets = secrets.Protect(f.Secrets),
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.NotificationChannels.Add(c);
        change.Record(new AuditEvent(AuditKinds.ChannelCreated, $"创建通知渠道「{c.Name}」 / created notification channel", "notification_channel", c.Id.ToString(),
            caller.OrganisationId, c.WebsiteId, null, Snapshot(c, f.Secrets)));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return ToView(c);
    }

    public async Task<Outcome<ChannelView>> UpdateAsync(Caller caller, Guid id, ChannelInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var (c, error) = await ForChangeAsync(caller, id, ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var old = secrets.Unprotect(c!.ProtectedSecrets);
        var v = new Validation();
        // The kind and the scope stay: a different kind or website is a different channel.
        var f = await CheckAsync(v, c.Kind, input, old, ct).ConfigureAwait(false);
        if (input.Version is { } version && version != c.Version)
        {
            v.Add("version", "stale", "通知渠道已被他人修改（version 不是最新），请刷新后重试。", "The channel was changed by someone else (version is stale); reload and try again.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var before = Snapshot(c, old);
        c.Name = f.Name;
        c.MinSeverity = f.MinSeverity;
        c.Enabled = input.Enabled ?? c.Enabled;
        c.Host = f.Host;
        c.SettingsJson = JsonSerializer.Serialize(f.Settings, NotificationRouter.Json);
        c.ProtectedSecrets = secrets.Protect(f.Secrets);
        c.UpdatedAt = time.GetUtcNow();
        c.Version++;
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(AuditKinds.ChannelUpdated, $"修改通知渠道「{c.Name}」 / changed notification channel", "notification_channel", c.Id.ToString(),
            c.OrganisationId, c.WebsiteId, before, Snapshot(c, f.Secrets)));
        try
        {
            await change.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(new("通知渠道已被他人修改，请刷新后重试。", "The channel was changed by someone else; reload and try again."));
        }

        return ToView(c);
    }

    public async Task<Outcome<bool>> DeleteAsync(Caller caller, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (c, error) = await ForChangeAsync(caller, id, ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.NotificationChannels.Remove(c!);
        change.Record(new AuditEvent(AuditKinds.ChannelDeleted, $"删除通知渠道「{c!.Name}」 / deleted notification channel", "notification_channel", c.Id.ToString(),
            c.OrganisationId, c.WebsiteId, Snapshot(c, null), null));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Sends a test notice now, once, and returns the recorded delivery (its status says whether it arrived).</summary>
    public async Task<Outcome<DeliveryView>> TestAsync(Caller caller, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (c, error) = await ForChangeAsync(caller, id, ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var now = time.GetUtcNow();
        var delivery = NotificationRouter.NewDelivery(c!, null, c!.WebsiteId, NotificationRouter.TestNotice(c.Name, now, options.Value.PublicBaseUrl), now);
        await using (var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false))
        {
            db.NotificationDeliveries.Add(delivery);
            change.Record(new AuditEvent(AuditKinds.ChannelTested, $"测试通知渠道「{c.Name}」 / test-sent notification channel", "notification_channel", c.Id.ToString(),
                c.OrganisationId, c.WebsiteId));
            await change.CommitAsync(ct).ConfigureAwait(false);
        }

        var sent = await dispatcher.AttemptAsync(delivery.Id, ct).ConfigureAwait(false) ?? delivery;
        return ToView(sent, c);
    }

    public async Task<Outcome<Page<DeliveryView>>> DeliveriesAsync(Caller caller, DeliveryFilter filter, Paging paging, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(filter);
        var q = db.NotificationDeliveries.AsNoTracking().Join(Mine(caller), d => d.ChannelId, c => c.Id, (d, c) => new { D = d, C = c });
        if (filter.ChannelId is { } channel)
        {
            q = q.Where(r => r.D.ChannelId == channel);
        }

        if (filter.AlertId is { } alert)
        {
            q = q.Where(r => r.D.AlertId == alert);
        }

        if (!string.IsNullOrWhiteSpace(filter.Status))
        {
            var v = new Validation();
            if (v.OneOf("status", new("状态", "Status"), filter.Status, WireCodes<DeliveryStatus>.ByCode) is not { } status)
            {
                return v.ToError();
            }

            q = q.Where(r => r.D.Status == status);
        }

        var total = await q.CountAsync(ct).ConfigureAwait(false);
        var rows = await q.OrderByDescending(r => r.D.CreatedAt).ThenByDescending(r => r.D.Id).Skip(paging.Offset).Take(paging.Limit)
            .ToListAsync(ct).ConfigureAwait(false);
        return new Page<DeliveryView>(rows.Select(r => ToView(r.D, r.C)).ToList(), total, paging.Offset, paging.Limit);
    }

    /// <summary>The caller's organisation's channels (every channel for a platform administrator).</summary>
    private IQueryable<NotificationChannel> Mine(Caller caller) =>
        caller.IsPlatformAdmin ? db.NotificationChannels.AsNoTracking() : db.NotificationChannels.AsNoTracking().Where(c => c.OrganisationId == caller.OrganisationId);

    /// <summary>
    /// Default channels are the organisation's: its administrators set them. A website's channel: anyone who may
    /// write and works on the website (owner or engaged contributor; an assessor only reads).
    /// </summary>
    private async Task<Error?> CheckScopeAsync(Caller caller, Guid? websiteId, CancellationToken ct)
    {
        if (websiteId is null)
        {
            return caller.IsOrgAdmin ? null : await AlertAccess.DenyAsync(db, audit, caller, "notification_channel", null, null,
                new("只有单位管理员可以设置单位的默认通知渠道。", "Only an organisation's administrators set its default channels."), ct).ConfigureAwait(false);
        }

        var standing = await AlertAccess.StandingAsync(db, caller, websiteId.Value, ct).ConfigureAwait(false);
        if (standing is null)
        {
            return Error.NotFound(new Text("网站", "website"));
        }

        return standing.CanAct(caller) ? null : await AlertAccess.DenyAsync(db, audit, caller, "notification_channel", null, standing.Site,
            new("只有网站所属单位和参与运维的单位可以为网站设置通知渠道。", "Only the owner and the organisations working on the website set its channels."), ct).ConfigureAwait(false);
    }

    private async Task<(NotificationChannel?, Error?)> ForChangeAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var c = caller.IsPlatformAdmin
            ? await db.NotificationChannels.FirstOrDefaultAsync(x => x.Id == id, ct).ConfigureAwait(false)
            : await db.NotificationChannels.FirstOrDefaultAsync(x => x.Id == id && x.OrganisationId == caller.OrganisationId, ct).ConfigureAwait(false);
        if (c is null)
        {
            return (null, Error.NotFound(Label));
        }

        var refused = caller.IsPlatformAdmin ? null : await CheckScopeAsync(caller, c.WebsiteId, ct).ConfigureAwait(false);
        return refused is null ? (c, null) : (null, refused);
    }

    private sealed record Fields(string Name, Severity MinSeverity, string Host, ChannelSettings Settings, ChannelSecrets Secrets);

    private async Task<Fields> CheckAsync(Validation v, ChannelKind kind, ChannelInput input, ChannelSecrets old, CancellationToken ct)
    {
        var name = v.Required("name", new("名称", "Name"), input.Name, 100) ?? string.Empty;
        var min = Severity.Medium;
        if (!string.IsNullOrWhiteSpace(input.MinSeverity) && !SeverityNames.TryParse(input.MinSeverity, out min))
        {
            v.Add("minSeverity", "one_of", "最低级别（minSeverity）必须是 info, low, medium, high, critical 之一。", "The minimum severity (minSeverity) must be one of: info, low, medium, high, critical.");
        }

        var secret = Keep(input.Secret, old.Secret);
        if (secret is { Length: > 500 })
        {
            v.Add("secret", "max_length", "密钥（secret）不能超过 500 个字符。", "The secret (secret) must be at most 500 characters.");
        }

        var mobiles = (input.Mobiles ?? []).Select(m => m?.Trim() ?? string.Empty).Where(m => m.Length > 0).Distinct().ToList();
        if (mobiles.Count > 20 || mobiles.Any(m => !MobilePattern().IsMatch(m)))
        {
            v.Add("mobiles", "format", "手机号（mobiles）最多 20 个，每个为 5 到 15 位数字。", "Mobiles (mobiles): at most 20, each 5 to 15 digits.");
        }

        if (kind == ChannelKind.Email)
        {
            return await CheckMailAsync(v, name, min, input, old, ct).ConfigureAwait(false);
        }

        var url = Keep(input.Url, old.Url);
        var host = string.Empty;
        if (string.IsNullOrWhiteSpace(url))
        {
            v.Add("url", "required", "地址（url）为必填项。", "The URL (url) is required.");
        }
        else if (url.Length > 2000)
        {
            v.Add("url", "max_length", "地址（url）不能超过 2000 个字符。", "The URL (url) must be at most 2000 characters.");
        }
        else if (input.Url is null)
        {
            // Kept as it was: checked when it was given, and again by the guard on every send.
            host = Uri.TryCreate(url, UriKind.Absolute, out var kept) ? kept.IdnHost : string.Empty;
        }
        else
        {
            // The same guard as every fetch, with DNS: an internal address is refused when saved, not only when sent.
            var check = await http.ValidateUrlAsync(url.Trim(), ct).ConfigureAwait(false);
            if (!check.IsAllowed)
            {
                v.Add("url", "ssrf", "地址（url）不能使用：" + check.MessageZh, "The URL (url) cannot be used: " + check.MessageEn);
            }

            host = check.Target?.IdnHost ?? string.Empty;
        }

        if (kind is ChannelKind.Feishu or ChannelKind.Webhook && mobiles.Count > 0)
        {
            v.Add("mobiles", "kind", "只有钉钉和企业微信机器人可以 @手机号（mobiles）。", "Only DingTalk and WeCom robots can @ mobiles (mobiles).");
        }

        return new Fields(name, min, host, new ChannelSettings { Mobiles = mobiles, HasSecret = secret is not null }, new ChannelSecrets { Url = url?.Trim(), Secret = secret });
    }

    private async Task<Fields> CheckMailAsync(Validation v, string name, Severity min, ChannelInput input, ChannelSecrets old, CancellationToken ct)
    {
        var smtpHost = v.Required("smtpHost", new("SMTP 服务器", "SMTP server"), input.SmtpHost, 253)?.ToLowerInvariant();
        if (smtpHost is not null && Uri.CheckHostName(smtpHost) == UriHostNameType.Unknown)
        {
            v.Add("smtpHost", "hostname", "SMTP 服务器（smtpHost）不是有效的主机名。", "The SMTP server (smtpHost) is not a valid host name.");
        }
        else if (smtpHost is not null)
        {
            var check = await http.CheckHostAsync(smtpHost, ct).ConfigureAwait(false);
            if (check.Error is not null)
            {
                v.Add("smtpHost", "ssrf", "SMTP 服务器（smtpHost）不能使用：" + check.Error, "The SMTP server (smtpHost) cannot be used: " + check.Error);
            }
        }

        var security = v.OneOf("smtpSecurity", new("连接加密", "Connection security"), input.SmtpSecurity ?? "start_tls", WireCodes<SmtpSecurity>.ByCode) ?? SmtpSecurity.StartTls;
        int? port = input.SmtpPort is null ? null : v.Range("smtpPort", new("端口", "Port"), input.SmtpPort, 1, 65535);
        var user = v.Optional("smtpUser", new("用户名", "User name"), input.SmtpUser, 200);
        var from = v.Required("from", new("发件人", "Sender"), input.From, 254);
        if (from is not null && !MimeKit.MailboxAddress.TryParse(from, out _))
        {
            v.Add("from", "email", "发件人（from）不是有效的邮件地址。", "The sender (from) is not a valid e-mail address.");
        }

        var to = (input.To ?? []).Select(t => t?.Trim() ?? string.Empty).Where(t => t.Length > 0).Distinct().ToList();
        if (to.Count is 0 or > 20)
        {
            v.Add("to", "count", "收件人（to）需要 1 到 20 个。", "Give 1 to 20 recipients (to).");
        }
        else if (to.Any(t => t.Length > 254 || !MimeKit.MailboxAddress.TryParse(t, out _)))
        {
            v.Add("to", "email", "收件人（to）中有无效的邮件地址。", "A recipient (to) is not a valid e-mail address.");
        }

        var password = Keep(input.SmtpPassword, old.SmtpPassword);
        if (password is { Length: > 500 })
        {
            v.Add("smtpPassword", "max_length", "密码（smtpPassword）不能超过 500 个字符。", "The password (smtpPassword) must be at most 500 characters.");
        }

        var settings = new ChannelSettings { SmtpHost = smtpHost, SmtpPort = port, SmtpSecurity = security, SmtpUser = user, From = from, To = to, HasSmtpPassword = password is not null };
        return new Fields(name, min, smtpHost ?? string.Empty, settings, new ChannelSecrets { SmtpPassword = password });
    }

    /// <summary>Null keeps the old secret; empty removes it.</summary>
    private static string? Keep(string? given, string? old) => given is null ? old : given.Length == 0 ? null : given;

    /// <summary>What the audit log keeps of a channel: never a secret, only whether each is set.</summary>
    private static object Snapshot(NotificationChannel c, ChannelSecrets? s) => new
    {
        c.Name,
        Kind = WireCodes<ChannelKind>.Code(c.Kind),
        c.WebsiteId,
        MinSeverity = c.MinSeverity.ToWire(),
        c.Enabled,
        c.Host,
        c.SettingsJson,
        HasUrl = s?.Url is not null,
        HasSecret = s?.Secret is not null,
        HasSmtpPassword = s?.SmtpPassword is not null,
    };

    internal static ChannelView ToView(NotificationChannel c)
    {
        var s = JsonSerializer.Deserialize<ChannelSettings>(c.SettingsJson, NotificationRouter.Json) ?? new ChannelSettings();
        return new ChannelView(c.Id, c.OrganisationId, c.WebsiteId, c.Name, WireCodes<ChannelKind>.Code(c.Kind), c.MinSeverity.ToWire(), c.Enabled, c.Host,
            s.SmtpHost, s.SmtpPort, s.SmtpSecurity is { } sec ? WireCodes<SmtpSecurity>.Code(sec) : null, s.SmtpUser, s.From, s.To, s.Mobiles,
            c.Kind != ChannelKind.Email, s.HasSecret, s.HasSmtpPassword, c.CreatedAt, c.UpdatedAt, c.Version);
    }

    internal static DeliveryView ToView(NotificationDelivery d, NotificationChannel c) => new(
        d.Id, d.ChannelId, c.Name, WireCodes<ChannelKind>.Code(c.Kind), d.AlertId, d.WebsiteId, ChannelSenders.EventName(d.Kind),
        WireCodes<DeliveryStatus>.Code(d.Status), d.Attempts, d.CreatedAt, d.NextAttemptAt, d.LastAttemptAt, d.DeliveredAt, d.LastError);

    [GeneratedRegex(@"^\+?[0-9]{5,15}$", RegexOptions.CultureInvariant)]
    private static partial Regex MobilePattern();
}
