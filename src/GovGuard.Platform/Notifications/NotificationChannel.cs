using GovGuard.Detection.Findings;

namespace GovGuard.Platform.Notifications;

/// <summary>How a channel delivers.</summary>
public enum ChannelKind
{
    /// <summary>SMTP with STARTTLS or TLS (MailKit).</summary>
    Email,

    /// <summary>A JSON POST of the documented payload, optionally signed with HMAC-SHA256.</summary>
    Webhook,

    /// <summary>钉钉群机器人: markdown, signed, @mobile.</summary>
    DingTalk,

    /// <summary>企业微信群机器人: markdown (text with mentioned_mobile_list when mobiles are set).</summary>
    WeCom,

    /// <summary>飞书群机器人: text, signed.</summary>
    Feishu,
}

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Upgrade with STARTTLS and refuse to go on without it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,

    /// <summary>Plain text: only for a relay on a trusted network (and tests).</summary>
    None,
}

/// <summary>
/// Where notices go: owned by one organisation, for all the websites it owns or works on (a default channel,
/// <see cref="WebsiteId"/> null) or for one website. Secrets (the URL of a robot, which carries its token;
/// the signing secret; the SMTP password) are kept encrypted with ASP.NET Data Protection and never shown again.
/// </summary>
public sealed class NotificationChannel
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    /// <summary>Null for an organisation's default channel.</summary>
    public Guid? WebsiteId { get; set; }

    public required string Name { get; set; }

    public ChannelKind Kind { get; set; }

    /// <summary>Alerts below this severity are not sent here.</summary>
    public Severity MinSeverity { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>The host the channel posts to or the SMTP server: what pages and logs may show.</summary>
    public required string Host { get; set; }

    /// <summary>Settings that are not secret, as JSON (<see cref="ChannelSettings"/>).</summary>
    public required string SettingsJson { get; set; }

    /// <summary>The secrets (<see cref="ChannelSecrets"/>), protected; never returned.</summary>
    public required string ProtectedSecrets { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>A channel's settings that may be shown.</summary>
public sealed record ChannelSettings
{
    public string? SmtpHost { get; init; }

    public int? SmtpPort { get; init; }

    public SmtpSecurity? SmtpSecurity { get; init; }

    public string? SmtpUser { get; init; }

    public string? From { get; init; }

    public IReadOnlyList<string> To { get; init; } = [];

    /// <summary>Mobile numbers to @ in DingTalk and WeCom.</summary>
    public IReadOnlyList<string> Mobiles { get; init; } = [];

    /// <summary>Whether a signing secret is set (the secret itself is in <see cref="ChannelSecrets"/>).</summary>
    public bool HasSecret { get; init; }

    /// <summary>Whether an SMTP password is set.</summary>
    public bool HasSmtpPassword { get; init; }
}

/// <summary>A channel's secrets: write-only on the API.</summary>
public sealed record ChannelSecrets
{
    /// <summary>The full POST URL (a robot's carries its access token).</summary>
    public string? Url { get; init; }

    /// <summary>The signing secret (DingTalk SEC…, Feishu, the webhook HMAC key).</summary>
    public string? Secret { get; init; }

    public string? SmtpPassword { get; init; }
}

/// <summary>Why a notice is sent.</summary>
public enum NoticeKind
{
    Opened,
    Reminder,
    Recovered,
    Flapping,
    Test,

    /// <summary>Not acknowledged in time: sent to the next escalation level of the duty rota.</summary>
    Escalated,
}

/// <summary>Where a delivery is.</summary>
public enum DeliveryStatus
{
    /// <summary>Waiting for its (next) attempt.</summary>
    Pending,

    /// <summary>Claimed by a worker and being sent.</summary>
    Sending,

    Delivered,

    /// <summary>Every attempt failed: shown in the UI and the API.</summary>
    Failed,
}

/// <summary>One notice to one channel, with its attempts.</summary>
public sealed class NotificationDelivery
{
    public Guid Id { get; set; }

    public Guid ChannelId { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid? AlertId { get; set; }

    public Guid? WebsiteId { get; set; }

    public NoticeKind Kind { get; set; }

    public DeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>Why the last attempt failed (never a secret: no URL, no token).</summary>
    public string? LastError { get; set; }

    /// <summary>The notice as JSON (<see cref="AlertNotice"/>), rendered per channel when sent.</summary>
    public required string NoticeJson { get; set; }

    /// <summary>For an e-mail channel: send to this address instead of the channel's recipients (the person on duty).</summary>
    public string? To { get; set; }
}
