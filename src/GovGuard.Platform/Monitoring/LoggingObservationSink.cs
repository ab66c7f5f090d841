using Microsoft.Extensions.Logging;

namespace GovGuard.Platform.Monitoring;

/// <summary>Logs observations that are not plain Up, so the engine says what it sees even without alerting. One of the sinks.</summary>
public sealed partial class LoggingObservationSink(ILogger<LoggingObservationSink> logger) : IObservationSink
{
    public ValueTask PublishAsync(MonitorObservation observation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (observation.Health != MonitorHealth.Up || observation.Findings.Count > 0)
        {
            LogObservation(logger, observation.MonitorId, observation.Kind, observation.Health, observation.Findings.Count);
        }

        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitor {MonitorId} ({Kind}) is {Health} with {Findings} findings")]
    private static partial void LogObservation(ILogger logger, Guid monitorId, MonitorKind kind, MonitorHealth health, int findings);
}
