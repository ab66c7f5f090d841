namespace GovGuard.Platform.Monitoring;

/// <summary>One thing GovGuard watches on a website, on its own schedule (GB/T 38249 7.3 b, 7.4).</summary>
public sealed class Monitor
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public MonitorKind Kind { get; set; }

    public required string Name { get; set; }

    /// <summary>An http(s) URL (availability, TLS, content, exposure) or a host name (DNS).</summary>
    public required string Target { get; set; }

    /// <summary>Seconds between checks: at least the configured minimum (30 s by default).</summary>
    public int IntervalSeconds { get; set; }

    public bool Enabled { get; set; }

    /// <summary>Consecutive failing checks before the monitor reports Down (flap resistance).</summary>
    public int FailuresBeforeDown { get; set; }

    /// <summary>Consecutive passing checks before a Down monitor reports Up again.</summary>
    public int SuccessesBeforeUp { get; set; }

    /// <summary>The whole check, all fetches included.</summary>
    public int TimeoutSeconds { get; set; }

    /// <summary>The kind's settings as JSON (see <see cref="MonitorSettings"/>), normalised on save.</summary>
    public string Settings { get; set; } = "{}";

    /// <summary>
    /// Kept for stored rows; what callers see is computed from the maintenance windows at read time
    /// (<see cref="MonitorView.InMaintenance"/>), and alerting reads the windows themselves.
    /// </summary>
    public bool InMaintenance { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: a stale edit is refused, not merged.</summary>
    public int Version { get; set; }
}

/// <summary>What one check saw: the evidence an observation and an alert link to.</summary>
public sealed class CheckResult
{
    public long Id { get; set; }

    public Guid MonitorId { get; set; }

    public Guid WebsiteId { get; set; }

    /// <summary>When the check finished.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The schedule slot the check ran for (a manual check: when it was asked for).</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>The health reported after the retry logic.</summary>
    public MonitorHealth Health { get; set; }

    /// <summary>What this check alone saw, before the retry logic.</summary>
    public MonitorHealth RawHealth { get; set; }

    public int? LatencyMs { get; set; }

    public int? StatusCode { get; set; }

    public required string SummaryZh { get; set; }

    public required string SummaryEn { get; set; }

    /// <summary>The findings as the findings contract's JSON array, null when none.</summary>
    public string? Findings { get; set; }

    /// <summary>The rule that stopped an incomplete check (<c>ssrf.private</c>, <c>limit.body</c>, ...).</summary>
    public string? IncompleteReason { get; set; }

    /// <summary>True for a check asked for by a person (check now), false for a scheduled one.</summary>
    public bool Manual { get; set; }
}

/// <summary>Where a monitor stands now; written with each result, in the same transaction.</summary>
public sealed class MonitorState
{
    public Guid MonitorId { get; set; }

    /// <summary>The reported health; null until the first check.</summary>
    public MonitorHealth? Health { get; set; }

    /// <summary>Since when <see cref="Health"/> holds.</summary>
    public DateTimeOffset? Since { get; set; }

    public int ConsecutiveFailures { get; set; }

    public int ConsecutiveSuccesses { get; set; }

    public DateTimeOffset? LastCheckAt { get; set; }

    /// <summary>The schedule slot of the last scheduled check: a new activation continues from here.</summary>
    public DateTimeOffset? LastDueAt { get; set; }

    public long? LastResultId { get; set; }

    public int? LastLatencyMs { get; set; }

    public string? LastSummaryZh { get; set; }

    public string? LastSummaryEn { get; set; }
}
