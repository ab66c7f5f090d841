using System.Threading.Channels;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Alerts;

/// <summary>
/// The alerting side of the monitoring contract: the engine publishes observations here (a bounded queue, so
/// publishing is cheap and never throws); one reader applies them in order, a second loop sends deliveries,
/// a third sweeps long-open alerts for reminders.
/// </summary>
public sealed partial class AlertPipeline(
    AlertProcessor processor,
    NotificationDispatcher dispatcher,
    TimeProvider time,
    IOptions<AlertOptions> options,
    ILogger<AlertPipeline> logger) : BackgroundService, IObservationSink
{
    private readonly Channel<MonitorObservation> _queue = Channel.CreateBounded<MonitorObservation>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long _processed;

    /// <summary>Observations applied since start (tests wait on it).</summary>
    public long Processed => Interlocked.Read(ref _processed);

    public async ValueTask PublishAsync(MonitorObservation observation, CancellationToken ct)
    {
        if (observation is null)
        {
            return;
        }

        try
        {
            // A full queue makes the engine wait rather than lose an observation.
            await _queue.Writer.WriteAsync(observation, ct).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            LogDroppedAtShutdown(logger, observation.MonitorId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAll(
            Task.Run(() => ApplyLoopAsync(stoppingToken), CancellationToken.None),
            Task.Run(() => dispatcher.RunAsync(stoppingToken), CancellationToken.None),
            Task.Run(() => SweepLoopAsync(stoppingToken), CancellationToken.None)).ConfigureAwait(false);
    }

    private async Task ApplyLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var o in _queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await processor.ProcessAsync(o, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogObservationFailed(logger, ex, o.MonitorId);
                }

                Interlocked.Increment(ref _processed);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task SweepLoopAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(options.Value.SweepInterval, time, ct).ConfigureAwait(false);
                try
                {
                    await processor.SweepAsync(ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Error, Message = "Observation of monitor {Monitor} could not be applied")]
    private static partial void LogObservationFailed(ILogger logger, Exception ex, Guid monitor);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "The reminder sweep failed; it runs again")]
    private static partial void LogSweepFailed(ILogger logger, Exception ex);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Observation of monitor {Monitor} arrived after shutdown began and was dropped")]
    private static partial void LogDroppedAtShutdown(ILogger logger, Guid monitor);
}
