using GovGuard.Detection.Findings;
using GovGuard.Platform.Monitoring;

namespace GovGuard.Platform.Alerts;

/// <summary>Where an alert is in its life.</summary>
public enum AlertState
{
    /// <summary>Active and notified (re-notified until acknowledged or resolved).</summary>
    Open,

    /// <summary>Active; someone took it on, so no more reminders.</summary>
    Acknowledged,

    /// <summary>Over: the monitor recovered, the finding is gone, or someone resolved it by hand.</summary>
    Resolved,

    /// <summary>Active during a maintenance window: recorded, not notified (GB/T 38249 7.2.2 i).</summary>
    Silenced,
}

/// <summary>What raised an alert.</summary>
public enum AlertSource
{
    /// <summary>The monitor is Down (after the engine's retries) with no finding that opened an alert of its own.</summary>
    Down,

    /// <summary>The monitor's checks have not finished several times in a row.</summary>
    Incomplete,

    /// <summary>A finding at or above the website's threshold, one alert per fingerprint.</summary>
    Finding,

    /// <summary>An operation record is missing or late (an overdue drill, GB/T 38249 7.5 b): no monitor, one alert per fingerprint.</summary>
    Routine,
}

/// <summary>
/// One problem on one website, from observations of one monitor. Deduplicated by <see cref="Fingerprint"/>:
/// while an alert is active, the same fingerprint only updates its last-seen time and count.
/// </summary>
public sealed class Alert
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public Guid MonitorId { get; set; }

    public MonitorKind MonitorKind { get; set; }

    public AlertSource Source { get; set; }

    /// <summary>SHA-256 (hex) of monitor, category, rule and URL; one active alert per fingerprint.</summary>
    public required string Fingerprint { get; set; }

    /// <summary>The finding category (availability.down for a Down monitor, check.incomplete for an unfinished check).</summary>
    public required string Category { get; set; }

    public required string Rule { get; set; }

    public string? Url { get; set; }

    public Severity Severity { get; set; }

    public AlertState State { get; set; }

    /// <summary>The observation's summary (Chinese), capped: text seen on a target, shown escaped.</summary>
    public required string SummaryZh { get; set; }

    public required string SummaryEn { get; set; }

    /// <summary>The finding's message and evidence (capped), when a finding raised it.</summary>
    public string? Message { get; set; }

    public string? Evidence { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>How many observations showed it.</summary>
    public int Count { get; set; }

    /// <summary>The stored check result that opened it (the evidence), and the latest one.</summary>
    public long? FirstResultId { get; set; }

    public long? LastResultId { get; set; }

    public Guid? AcknowledgedBy { get; set; }

    public string? AcknowledgedByName { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>Who resolved it by hand; null when it recovered on its own.</summary>
    public string? ResolvedByName { get; set; }

    public string? ResolveNote { get; set; }

    /// <summary>Opened and resolved too often in the flap window: notified at most once per window.</summary>
    public bool Flapping { get; set; }

    /// <summary>When a notice about it was last queued (null: never notified, e.g. silenced all along).</summary>
    public DateTimeOffset? LastNotifiedAt { get; set; }

    public int NotifyCount { get; set; }

    /// <summary>Optimistic concurrency between the alerting worker and people acting on the alert.</summary>
    public int Version { get; set; }

    /// <summary>Still needs attention (not resolved).</summary>
    public bool IsActive => State != AlertState.Resolved;
}

/// <summary>What happened to an alert, in order: its history.</summary>
public enum AlertEventKind
{
    Opened,
    Seen,
    Silenced,
    Unsilenced,
    Notified,
    Reminded,
    Acknowledged,
    Recovered,
    ResolvedByHand,

    /// <summary>Not acknowledged in time: the next level of the duty rota's escalation was notified.</summary>
    Escalated,
}

/// <summary>One entry of an alert's history: an observation that showed it, or an action on it.</summary>
public sealed class AlertEvent
{
    public long Id { get; set; }

    public Guid AlertId { get; set; }

    public DateTimeOffset At { get; set; }

    public AlertEventKind Kind { get; set; }

    /// <summary>The check result behind this entry, when an observation caused it.</summary>
    public long? ResultId { get; set; }

    public MonitorHealth? Health { get; set; }

    /// <summary>Who acted, for actions; null for GovGuard itself.</summary>
    public string? ActorName { get; set; }

    /// <summary>The observation's summary, or the note of an action (capped).</summary>
    public string? Note { get; set; }
}

/// <summary>
/// What the alerting side remembers about one monitor between observations. <see cref="LastHealth"/> and
/// <see cref="LastCheckedAt"/> are those of the last observation that was applied in full: clean checks of a quiet
/// monitor are skipped (the check results themselves are the record of every check).
/// </summary>
public sealed class MonitorAlertState
{
    public Guid MonitorId { get; set; }

    public Guid WebsiteId { get; set; }

    public MonitorHealth LastHealth { get; set; }

    public DateTimeOffset LastCheckedAt { get; set; }

    /// <summary>Incomplete checks in a row; a "check incomplete" alert opens once it reaches the website's setting.</summary>
    public int IncompleteInARow { get; set; }
}

/// <summary>A website's alerting settings; a website without a row uses the defaults of <see cref="AlertOptions"/>.</summary>
public sealed class WebsiteAlertSettings
{
    public Guid WebsiteId { get; set; }

    /// <summary>Findings at or above this severity open alerts.</summary>
    public Severity MinFindingSeverity { get; set; }

    /// <summary>Incomplete checks in a row before a "check incomplete" alert opens; 0 never opens one.</summary>
    public int IncompleteAfterChecks { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A planned change (GB/T 38249 7.2.2 i): during the window, alerts of the website (all monitors, or the
/// selected ones) are recorded as silenced and not notified.
/// </summary>
public sealed class MaintenanceWindow
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    /// <summary>The monitors it covers; empty covers every monitor of the website.</summary>
    public List<Guid> MonitorIds { get; set; } = [];

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public required string Reason { get; set; }

    public Guid CreatedByOrganisationId { get; set; }

    public required string CreatedByName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Version { get; set; }

    public bool Covers(Guid monitorId, DateTimeOffset at) =>
        at >= StartsAt && at < EndsAt && (MonitorIds.Count == 0 || MonitorIds.Contains(monitorId));
}
