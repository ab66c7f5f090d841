using GovGuard.Detection.Findings;

namespace GovGuard.Platform.Monitoring;

/// <summary>The kinds of monitor a website can have (GB/T 38249 7.3 b, 7.4).</summary>
public enum MonitorKind
{
    /// <summary>HTTP(S) status, latency, expected keyword (availability.down / availability.slow).</summary>
    Availability,

    /// <summary>Certificate validity, chain, name, expiry window, protocol (tls.invalid / tls.expiring).</summary>
    Tls,

    /// <summary>Resolution through the configured resolvers against the registered addresses (dns.noncompliant, domain.noncompliant; 7.4.2 b).</summary>
    Dns,

    /// <summary>Key pages and a crawl compared with the approved baseline (tamper.defacement; 7.4.3 b).</summary>
    Tamper,

    /// <summary>Harmful content, hidden links, malicious scripts, cloaking on the crawled pages (7.4.3 a).</summary>
    Content,

    /// <summary>Exposed files, directory listings, security headers, vulnerability templates (7.4.4).</summary>
    Exposure,

    /// <summary>Reports from an agent beside the web root and access log (tamper.file_changed, webshell.file, attack.*).</summary>
    Agent,

    /// <summary>CPU, memory, disk and bandwidth against thresholds (resource.threshold; 7.4.2 a, 7.4.5).</summary>
    Resource,
}

/// <summary>Whether a monitor's target is healthy.</summary>
public enum MonitorHealth
{
    /// <summary>Checked and fine.</summary>
    Up,

    /// <summary>Checked and failing (or findings at or above the monitor's alert severity).</summary>
    Down,

    /// <summary>The check could not finish (a limit was hit, the target was refused): never reported as clean.</summary>
    Incomplete,
}

/// <summary>
/// What one completed check saw, handed by the monitoring engine to the alerting side. The engine decides
/// health after its own retries (a single transient failure is not an observation of Down); the alerting side
/// decides what becomes an alert, a notification, a recovery notice.
/// </summary>
/// <param name="WebsiteId">The website the monitor belongs to.</param>
/// <param name="MonitorId">The monitor.</param>
/// <param name="Kind">The monitor's kind.</param>
/// <param name="Health">The health after retries.</param>
/// <param name="CheckedAt">When the check finished (UTC, from the engine's TimeProvider).</param>
/// <param name="Summary">One line in both languages, e.g. the status code and latency, or why it is incomplete.</param>
/// <param name="Findings">The findings of this check (the contract's categories), empty when none.</param>
/// <param name="ResultId">The stored check result the observation comes from (the evidence an alert links to).</param>
public sealed record MonitorObservation(
    Guid WebsiteId,
    Guid MonitorId,
    MonitorKind Kind,
    MonitorHealth Health,
    DateTimeOffset CheckedAt,
    Common.Text Summary,
    IReadOnlyList<Finding> Findings,
    long? ResultId)
{
    /// <summary>The monitor's result before this one (null for its first): lets the alerting side tell whether it saw every observation in between.</summary>
    public long? PreviousResultId { get; init; }
}

/// <summary>Where the engine sends observations: the alerting side implements it.</summary>
public interface IObservationSink
{
    /// <summary>Takes one observation; must not throw for a bad observation, and must be cheap (queue, then work).</summary>
    ValueTask PublishAsync(MonitorObservation observation, CancellationToken ct);
}
