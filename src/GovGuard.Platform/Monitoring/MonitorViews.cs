using System.Text.Json;
using GovGuard.Platform.Common;

namespace GovGuard.Platform.Monitoring;

/// <summary>What a caller sends to create or edit a monitor: wire codes as strings, checked here, never bound to the entity.</summary>
public sealed record MonitorInput(
    string? Kind,
    string? Name,
    string? Target,
    int? IntervalSeconds = null,
    bool? Enabled = null,
    int? FailuresBeforeDown = null,
    int? SuccessesBeforeUp = null,
    int? TimeoutSeconds = null,
    JsonElement? Settings = null,
    int? Version = null);

/// <summary>Where a monitor stands now.</summary>
public sealed record MonitorStateView(
    string? Health,
    DateTimeOffset? Since,
    int ConsecutiveFailures,
    int ConsecutiveSuccesses,
    DateTimeOffset? LastCheckAt,
    long? LastResultId,
    int? LastLatencyMs,
    Text? LastSummary);

/// <summary>A monitor as callers see it.</summary>
public sealed record MonitorView(
    Guid Id,
    Guid WebsiteId,
    string Kind,
    string Name,
    string Target,
    int IntervalSeconds,
    bool Enabled,
    int FailuresBeforeDown,
    int SuccessesBeforeUp,
    int TimeoutSeconds,
    JsonElement Settings,
    bool InMaintenance,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    MonitorStateView State);

/// <summary>One stored check.</summary>
public sealed record CheckResultView(
    long Id,
    DateTimeOffset At,
    DateTimeOffset DueAt,
    string Health,
    string RawHealth,
    int? LatencyMs,
    int? StatusCode,
    Text Summary,
    JsonElement? Findings,
    string? IncompleteReason,
    bool Manual);

/// <summary>Share of passing checks (incomplete ones left out) and mean latency over a window; null when nothing was checked.</summary>
public sealed record UptimeWindow(string Window, double? UptimePercent, int Checks, int? MeanLatencyMs);

/// <summary>A monitor with its uptime over 24 h, 7 d and 30 d.</summary>
public sealed record MonitorDetails(MonitorView Monitor, IReadOnlyList<UptimeWindow> Uptime);

/// <summary>The result of a check run on request.</summary>
public sealed record CheckNowView(long ResultId, string Health, string RawHealth, DateTimeOffset At, int? LatencyMs, int? StatusCode, Text Summary, int Findings);

/// <summary>One monitor on the overview.</summary>
/// <remarks><paramref name="InMaintenance"/>: a maintenance window covers the monitor now (its alerts are silenced).</remarks>
public sealed record OverviewMonitor(Guid Id, string Kind, string Name, bool Enabled, string? Health, DateTimeOffset? Since, DateTimeOffset? LastCheckAt, int? LatencyMs, bool InMaintenance = false);

/// <summary>One website on the overview, with its monitors.</summary>
/// <remarks><paramref name="InMaintenance"/>: a maintenance window covers at least one of its monitors now.</remarks>
public sealed record OverviewWebsite(Guid Id, string Name, string? Domain, string Health, IReadOnlyList<OverviewMonitor> Monitors, bool InMaintenance = false);

/// <summary>Every visible website's monitors and how many are in each state.</summary>
public sealed record MonitoringOverview(IReadOnlyList<OverviewWebsite> Websites, int Monitors, int Up, int Down, int Incomplete, int Unchecked, int Disabled, int InMaintenance = 0);

/// <summary>
/// What the overview page shows: <paramref name="Counts"/> over every visible website (its website list left
/// empty), every website that needs attention (down or incomplete) and one page of the others.
/// </summary>
public sealed record MonitoringOverviewPage(MonitoringOverview Counts, IReadOnlyList<OverviewWebsite> Attention, Page<OverviewWebsite> Others);

/// <summary>The wall screen at any size: a tile per website, or, past the limit, a tile per website needing attention and one per other state with its count.</summary>
public sealed record WallView(IReadOnlyList<OverviewWebsite> Tiles, IReadOnlyList<(string Health, int Count)> Summaries)
{
    /// <summary>Tiles for every website up to <paramref name="limit"/> websites; beyond it the ones down or incomplete, and counts for the rest.</summary>
    public static WallView Of(MonitoringOverview overview, int limit)
    {
        ArgumentNullException.ThrowIfNull(overview);
        if (overview.Websites.Count <= limit)
        {
            return new WallView(overview.Websites, []);
        }

        var tiles = overview.Websites.Where(MonitorService.NeedsAttention).ToList();
        var summaries = overview.Websites.Where(w => !MonitorService.NeedsAttention(w)).GroupBy(w => w.Health)
            .Select(g => (g.Key, g.Count())).ToList();
        return new WallView(tiles, summaries);
    }
}
