using GovGuard.Detection.Findings;
using GovGuard.Platform.Common;

namespace GovGuard.Platform.Monitoring.Probes;

/// <summary>What one probe saw, before the retry logic decides the reported health.</summary>
/// <param name="Health">Up, Down (failed, or a finding of high severity or worse) or Incomplete (could not finish).</param>
/// <param name="Summary">One line in both languages.</param>
/// <param name="Findings">The findings (contract categories), empty when none.</param>
/// <param name="LatencyMs">The fetch's duration, when there was one.</param>
/// <param name="StatusCode">The HTTP status, when there was one.</param>
/// <param name="IncompleteReason">The rule that stopped an incomplete check.</param>
public sealed record ProbeOutcome(
    MonitorHealth Health,
    Text Summary,
    IReadOnlyList<Finding> Findings,
    int? LatencyMs = null,
    int? StatusCode = null,
    string? IncompleteReason = null)
{
    /// <summary>Findings at or above this make a check fail.</summary>
    public const Severity DownSeverity = Severity.High;

    public static ProbeOutcome Incomplete(string rule, Text why, int? latencyMs = null) =>
        new(MonitorHealth.Incomplete, why, [], latencyMs, null, rule);

    /// <summary>Down when any finding is at least <see cref="DownSeverity"/>, else Up.</summary>
    public static MonitorHealth HealthOf(IReadOnlyList<Finding> findings) =>
        findings.Any(f => f.Severity >= DownSeverity) ? MonitorHealth.Down : MonitorHealth.Up;
}

/// <summary>What a probe needs to know about its monitor: a snapshot, read when the grain activates or refreshes.</summary>
public sealed record MonitorDefinition(
    Guid Id,
    Guid WebsiteId,
    IReadOnlyList<string> WebsiteDomains,
    MonitorKind Kind,
    string Name,
    string Target,
    int IntervalSeconds,
    bool Enabled,
    int FailuresBeforeDown,
    int SuccessesBeforeUp,
    int TimeoutSeconds,
    string Settings)
{
    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}

/// <summary>One kind of check. Fetching lives here; the judgement is a pure function beside it, tested on its own.</summary>
public interface IMonitorProbe
{
    MonitorKind Kind { get; }

    /// <summary>Runs the check; network conditions end in the outcome, only cancellation throws.</summary>
    Task<ProbeOutcome> RunAsync(MonitorDefinition monitor, CancellationToken ct);
}
