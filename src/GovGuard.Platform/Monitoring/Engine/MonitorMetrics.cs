using System.Diagnostics.Metrics;

namespace GovGuard.Platform.Monitoring.Engine;

/// <summary>The engine's measurements on the "GovGuard" meter (exported at /metrics).</summary>
public sealed class MonitorMetrics : IDisposable
{
    public const string MeterName = "GovGuard";

    private readonly Meter _meter;
    private readonly Histogram<double> _lag;
    private readonly Counter<long> _checks;
    private readonly Histogram<double> _batch;

    public MonitorMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _lag = _meter.CreateHistogram<double>("govguard_monitor_lag_seconds", "s", "Schedule lag: when a scheduled check started minus when it was due.");
        _checks = _meter.CreateCounter<long>("govguard_monitor_checks", null, "Checks run, by monitor kind and reported health.");
        _batch = _meter.CreateHistogram<double>("govguard_monitor_result_batch_size", null, "Check results written per database round trip.");
    }

    public void Lag(MonitorKind kind, TimeSpan lag) =>
        _lag.Record(Math.Max(0, lag.TotalSeconds), new KeyValuePair<string, object?>("kind", Wire(kind)));

    public void Checked(MonitorKind kind, MonitorHealth health) =>
        _checks.Add(1, new KeyValuePair<string, object?>("kind", Wire(kind)), new KeyValuePair<string, object?>("health", Common.WireCodes<MonitorHealth>.Code(health)));

    public void Batch(int size) => _batch.Record(size);

    public void Dispose() => _meter.Dispose();

    private static string Wire(MonitorKind kind) => Common.WireCodes<MonitorKind>.Code(kind);
}
