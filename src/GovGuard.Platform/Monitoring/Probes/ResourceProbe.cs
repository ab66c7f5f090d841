using System.Collections.Concurrent;
using System.Globalization;
using GovGuard.Detection.Resources;
using GovGuard.Platform.Agents;
using GovGuard.Platform.Common;
using GovGuard.Platform.Fetching;

namespace GovGuard.Platform.Monitoring.Probes;

/// <summary>
/// Resources (GB/T 38249 7.4.2 a, 7.4.5, 7.2.2 h): scrapes a Prometheus text endpoint (node_exporter) through the
/// guarded fetcher and holds CPU, memory, disk and bandwidth against the monitor's limits. Rates need two scrapes:
/// the previous snapshot of each monitor is kept in this silo, so the first check after a start (or after the
/// monitor moved to another node) judges memory and disk only. A target <c>agent://{id}</c> reads what that agent
/// pushed instead (<see cref="AgentMetrics"/>): nothing is fetched, and the two latest pushes give the rates.
/// </summary>
public sealed class ResourceProbe(GuardedFetcher fetcher, ProbeLimiter limiter, AgentMetrics pushes, TimeProvider time) : IMonitorProbe
{
    private const long MaxBytes = 4 * 1024 * 1024;

    private readonly ConcurrentDictionary<Guid, ResourceSnapshot> _last = new();

    public MonitorKind Kind => MonitorKind.Resource;

    public async Task<ProbeOutcome> RunAsync(MonitorDefinition monitor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        var settings = MonitorSettings.Load<ResourceSettings>(monitor.Settings);
        if (AgentMetrics.AgentOf(monitor.Target) is { } agentId)
        {
            return await PushedAsync(monitor, agentId, settings, ct).ConfigureAwait(false);
        }

        var host = Uri.TryCreate(monitor.Target, UriKind.Absolute, out var u) ? u.Host : monitor.Target;
        FetchResult result;
        using (await limiter.EnterAsync(host, ct).ConfigureAwait(false))
        {
            result = await fetcher.FetchAsync(new FetchRequest(monitor.Target) { TotalTimeout = monitor.Timeout, MaxBodyBytes = MaxBytes, FollowRedirects = false }, ct)
                .ConfigureAwait(false);
        }

        var ms = (int)Math.Round(result.Timings.Total.TotalMilliseconds);
        if (result.Outcome is FetchOutcome.Refused or FetchOutcome.InvalidUrl)
        {
            return ProbeOutcome.Incomplete(result.Error?.Rule ?? "url.refused", new Text($"未检查：{result.Error?.MessageZh}", $"Not checked: {result.Error?.MessageEn}"), ms);
        }

        if (result.Outcome == FetchOutcome.TooLarge)
        {
            return ProbeOutcome.Incomplete("limit.body", new Text("指标页面超过 4 MB 上限，检查不完整。", "The metrics page is larger than the 4 MB cap: the check is incomplete."), ms);
        }

        if (result.Outcome != FetchOutcome.Ok || result.StatusCode is not (>= 200 and < 300) || result.Text is null)
        {
            var why = result.StatusCode is { } code ? $"HTTP {code}" : result.Error?.MessageEn ?? result.Outcome.ToString();
            return new ProbeOutcome(MonitorHealth.Down, new Text($"无法读取资源指标：{result.Error?.MessageZh ?? why}", $"Cannot read the resource metrics: {why}"), [], ms, result.StatusCode);
        }

        var snapshot = ResourceSnapshot.FromNodeExporter(result.Text, time.GetUtcNow(), out _);
        _last.TryGetValue(monitor.Id, out var before);
        _last[monitor.Id] = snapshot;
        return Judge(monitor, settings, snapshot, before, ms, result.StatusCode);
    }

    /// <summary>How long a pushed sample counts: three intervals, and never less than three minutes.</summary>
    public static TimeSpan PushFreshness(MonitorDefinition monitor) =>
        TimeSpan.FromSeconds(Math.Max(180, 3 * (monitor ?? throw new ArgumentNullException(nameof(monitor))).IntervalSeconds));

    private async Task<ProbeOutcome> PushedAsync(MonitorDefinition monitor, Guid agentId, ResourceSettings settings, CancellationToken ct)
    {
        var (latest, before) = await pushes.LatestAsync(agentId, ct).ConfigureAwait(false);
        if (latest is null)
        {
            return ProbeOutcome.Incomplete("resource.no_push", new Text("代理尚未推送资源指标（govguard agent --metrics）。", "The agent has not pushed resource metrics yet (govguard agent --metrics)."));
        }

        var age = time.GetUtcNow() - latest.At;
        var freshness = PushFreshness(monitor);
        if (age > freshness)
        {
            var since = latest.At.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            return new ProbeOutcome(MonitorHealth.Down, new Text($"代理自 {since}（北京时间）起未推送资源指标，超过 {freshness.TotalMinutes:0} 分钟。",
                $"The agent has pushed no resource metrics since {since} (China time), more than {freshness.TotalMinutes:0} minutes."), [], 0, null);
        }

        // Rates only between two pushes close enough to say something about now.
        var pair = before is not null && latest.At - before.At <= freshness ? before : null;
        return Judge(monitor, settings, latest, pair, 0, null);
    }

    private static ProbeOutcome Judge(MonitorDefinition monitor, ResourceSettings settings, ResourceSnapshot snapshot, ResourceSnapshot? before, int ms, int? status)
    {
        if (snapshot.MemoryTotalBytes is null && snapshot.CpuTotalSeconds is null && snapshot.Filesystems.Count == 0)
        {
            return ProbeOutcome.Incomplete("resource.no_metrics", new Text("页面中没有 node_exporter 的 CPU、内存或磁盘指标。", "The page carries no node_exporter CPU, memory or disk metrics."), ms);
        }

        var limits = new ResourceLimits(settings.CpuPercent, settings.MemoryPercent, settings.DiskPercent, settings.ReceiveMbps, settings.TransmitMbps);
        var verdict = ResourceThresholds.Evaluate(monitor.Target, snapshot, before, limits);
        return new ProbeOutcome(ProbeOutcome.HealthOf(verdict.Findings), Summary(verdict), verdict.Findings, ms, status);
    }

    private static Text Summary(ResourceVerdict v)
    {
        static string P(double? x) => x is { } d ? d.ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";
        var disk = v.DiskPercent.Count == 0 ? "—" : P(v.DiskPercent.Values.Max());
        var rx = v.ReceiveMbps.Count == 0 ? "—" : v.ReceiveMbps.Values.Max().ToString("0.##", CultureInfo.InvariantCulture) + " Mbit/s";
        var tx = v.TransmitMbps.Count == 0 ? "—" : v.TransmitMbps.Values.Max().ToString("0.##", CultureInfo.InvariantCulture) + " Mbit/s";
        var crossed = v.Findings.Count;
        var zh = $"CPU {P(v.CpuPercent)}，内存 {P(v.MemoryPercent)}，磁盘最高 {disk}，入 {rx}，出 {tx}" + (v.HasRates ? string.Empty : "（CPU 与带宽需两次采样）") + (crossed > 0 ? $"；{crossed} 项超过阈值" : string.Empty);
        var en = $"CPU {P(v.CpuPercent)}, memory {P(v.MemoryPercent)}, fullest disk {disk}, in {rx}, out {tx}" + (v.HasRates ? string.Empty : " (CPU and bandwidth need two scrapes)") + (crossed > 0 ? $"; {crossed} above their limits" : string.Empty);
        return new Text(zh, en);
    }
}
