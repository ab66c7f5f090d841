using System.Text.Json;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Common;
using GovGuard.Platform.Monitoring.Probes;
using Microsoft.Extensions.Logging;

namespace GovGuard.Platform.Monitoring.Engine;

/// <summary>
/// Runs one check for a grain: the probe under the monitor's timeout, the retry logic, the batched write, then the
/// observation to every <see cref="IObservationSink"/> (alerting, the log, tests) with the stored result's id. Shared by every grain of the silo.
/// </summary>
public sealed partial class MonitorChecker(
    IEnumerable<IMonitorProbe> probes,
    ResultWriter writer,
    IEnumerable<IObservationSink> sinks,
    MonitorMetrics metrics,
    TimeProvider time,
    ILogger<MonitorChecker> logger)
{
    private readonly Dictionary<MonitorKind, IMonitorProbe> _probes = probes.ToDictionary(p => p.Kind);

    /// <summary>Checks <paramref name="monitor"/> for the slot <paramref name="due"/>; <paramref name="state"/> is updated in place once recorded.</summary>
    public async Task<CheckReport> RunAsync(MonitorDefinition monitor, MonitorState state, DateTimeOffset due, bool manual, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(state);
        var started = time.GetUtcNow();
        if (!manual)
        {
            metrics.Lag(monitor.Kind, started - due);
        }

        var outcome = await ProbeAsync(monitor, ct).ConfigureAwait(false);
        var at = time.GetUtcNow();
        var next = Clone(state);
        var health = HealthTracker.Apply(next, outcome.Health, monitor.FailuresBeforeDown, monitor.SuccessesBeforeUp, at);
        var summary = Annotate(outcome, health, next, monitor);
        var result = new CheckResult
        {
            MonitorId = monitor.Id,
            WebsiteId = monitor.WebsiteId,
            At = at,
            DueAt = due,
            Health = health,
            RawHealth = outcome.Health,
            LatencyMs = outcome.LatencyMs,
            StatusCode = outcome.StatusCode,
            SummaryZh = Cap(summary.Zh),
            SummaryEn = Cap(summary.En),
            Findings = outcome.Findings.Count == 0 ? null : FindingsJson(outcome.Findings),
            IncompleteReason = outcome.IncompleteReason,
            Manual = manual,
        };
        next.LastCheckAt = at;
        next.LastLatencyMs = outcome.LatencyMs;
        next.LastSummaryZh = result.SummaryZh;
        next.LastSummaryEn = result.SummaryEn;
        if (!manual)
        {
            next.LastDueAt = due;
        }

        var previous = state.LastResultId;
        var id = await writer.WriteAsync(result, next).WaitAsync(ct).ConfigureAwait(false);
        next.LastResultId = id;
        CopyInto(next, state);
        metrics.Checked(monitor.Kind, health);
        var observation = new MonitorObservation(monitor.WebsiteId, monitor.Id, monitor.Kind, health, at, summary, outcome.Findings, id) { PreviousResultId = previous };
        foreach (var sink in sinks)
        {
            try
            {
                await sink.PublishAsync(observation, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSinkFailed(logger, monitor.Id, ex.GetType().Name);
            }
        }

        return new CheckReport(id, health, outcome.Health, at, outcome.LatencyMs, outcome.StatusCode, result.SummaryZh, result.SummaryEn, outcome.Findings.Count);
    }

    private async Task<ProbeOutcome> ProbeAsync(MonitorDefinition monitor, CancellationToken ct)
    {
        if (!_probes.TryGetValue(monitor.Kind, out var probe))
        {
            return ProbeOutcome.Incomplete("monitor.kind_unsupported", new Text("此类监测尚未实现。", "This kind of monitor is not available yet."));
        }

        // The probe's own fetches stop at the monitor's timeout; this is the backstop for everything else.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(monitor.Timeout + TimeSpan.FromSeconds(5));
        try
        {
            return await probe.RunAsync(monitor, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ProbeOutcome.Incomplete("timeout.check", new Text("检查超时，未完成。", "The check ran out of time and did not finish."));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogProbeFailed(logger, monitor.Id, ex.GetType().Name);
            return ProbeOutcome.Incomplete("probe.error", new Text("检查出错，未完成。", "The check failed with an internal error and did not finish."));
        }
    }

    private static Text Annotate(ProbeOutcome outcome, MonitorHealth reported, MonitorState state, MonitorDefinition monitor)
    {
        if (outcome.Health == MonitorHealth.Down && reported == MonitorHealth.Up)
        {
            return new Text($"{outcome.Summary.Zh}（第 {state.ConsecutiveFailures}/{monitor.FailuresBeforeDown} 次失败，重试中）",
                $"{outcome.Summary.En} (failure {state.ConsecutiveFailures} of {monitor.FailuresBeforeDown}, retrying)");
        }

        if (outcome.Health == MonitorHealth.Up && reported == MonitorHealth.Down)
        {
            return new Text($"{outcome.Summary.Zh}（恢复确认中：{state.ConsecutiveSuccesses}/{monitor.SuccessesBeforeUp}）",
                $"{outcome.Summary.En} (confirming recovery: {state.ConsecutiveSuccesses} of {monitor.SuccessesBeforeUp})");
        }

        return outcome.Summary;
    }

    internal static string FindingsJson(IReadOnlyList<Finding> findings)
    {
        var json = JsonSerializer.Serialize(findings.Take(200).Select(f => new
        {
            category = f.Category,
            severity = f.Severity.ToWire(),
            target = f.Target,
            url = f.Url,
            rule = f.Rule,
            message = f.Message,
            evidence = f.Evidence,
        }));
        return json;
    }

    private static string Cap(string s) => s.Length <= 500 ? s : s[..499] + "…";

    private static MonitorState Clone(MonitorState s)
    {
        var c = new MonitorState();
        CopyInto(s, c);
        return c;
    }

    private static void CopyInto(MonitorState from, MonitorState to)
    {
        to.MonitorId = from.MonitorId;
        to.Health = from.Health;
        to.Since = from.Since;
        to.ConsecutiveFailures = from.ConsecutiveFailures;
        to.ConsecutiveSuccesses = from.ConsecutiveSuccesses;
        to.LastCheckAt = from.LastCheckAt;
        to.LastDueAt = from.LastDueAt;
        to.LastResultId = from.LastResultId;
        to.LastLatencyMs = from.LastLatencyMs;
        to.LastSummaryZh = from.LastSummaryZh;
        to.LastSummaryEn = from.LastSummaryEn;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Probe of monitor {MonitorId} failed with {Error}")]
    private static partial void LogProbeFailed(ILogger logger, Guid monitorId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Observation sink failed for monitor {MonitorId} with {Error}")]
    private static partial void LogSinkFailed(ILogger logger, Guid monitorId, string error);
}
