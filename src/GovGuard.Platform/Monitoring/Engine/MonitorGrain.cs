using GovGuard.Platform.Data;
using GovGuard.Platform.Monitoring.Probes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Monitoring.Engine;

/// <summary>One grain per monitor (key: the monitor's id). Its definition and state live in the application database.</summary>
[Alias("GovGuard.IMonitorGrain")]
public interface IMonitorGrain : IGrainWithGuidKey
{
    /// <summary>Activates the grain, which registers its reminder and starts its schedule.</summary>
    [Alias("Ping")]
    Task Ping();

    /// <summary>Re-reads the monitor after an edit: reschedules, or stops when it was disabled or deleted.</summary>
    [Alias("Refresh")]
    Task Refresh();

    /// <summary>Runs a check now, outside the schedule; null when the monitor does not exist or is disabled.</summary>
    [Alias("CheckNow")]
    [ResponseTimeout("00:02:30")]
    Task<CheckReport?> CheckNow();
}

/// <summary>
/// Keeps one monitor on schedule. A reminder (at least a minute) brings the grain back after a restart or the loss
/// of its silo; a grain timer ticks the checks at the monitor's slots (<see cref="MonitorSchedule"/>). On
/// activation the grain reads the monitor and its state from the database and continues from the last slot.
/// </summary>
public sealed partial class MonitorGrain(
    IDbContextFactory<GovGuardDbContext> factory,
    MonitorChecker checker,
    TimeProvider time,
    IOptions<MonitoringOptions> options,
    ILogger<MonitorGrain> logger) : Grain, IMonitorGrain, IRemindable
{
    private const string KeepAlive = "keep-alive";

    /// <summary>First checks allowed "soon" at once in this silo (about 50 a second over the 5 s spread).</summary>
    private const int SoonLimit = 250;

    private static int _soon;

    private bool _firstSoon;

    private MonitorDefinition? _monitor;
    private MonitorState _state = new();
    private IGrainTimer? _timer;
    private DateTimeOffset _nextDue;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken).ConfigureAwait(true);
        if (_monitor is not { Enabled: true })
        {
            await StopAsync().ConfigureAwait(true);
            return;
        }

        var period = options.Value.KeepAlivePeriod;
        await this.RegisterOrUpdateReminder(KeepAlive, period, period).ConfigureAwait(true);
        Start();
    }

    public Task Ping() => Task.CompletedTask;

    public async Task Refresh()
    {
        var before = _monitor;
        await LoadAsync(CancellationToken.None).ConfigureAwait(true);
        if (_monitor is not { Enabled: true })
        {
            await StopAsync().ConfigureAwait(true);
            return;
        }

        if (_timer is null || before is null || before.IntervalSeconds != _monitor.IntervalSeconds)
        {
            if (_timer is null)
            {
                var period = options.Value.KeepAlivePeriod;
                await this.RegisterOrUpdateReminder(KeepAlive, period, period).ConfigureAwait(true);
            }

            Start();
        }
    }

    public async Task<CheckReport?> CheckNow()
    {
        if (_monitor is not { Enabled: true } monitor)
        {
            return null;
        }

        return await checker.RunAsync(monitor, _state, time.GetUtcNow(), manual: true, CancellationToken.None).ConfigureAwait(true);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Being activated is the point of the reminder; an active grain is already on schedule.
        if (_monitor is { Enabled: true } && _timer is null)
        {
            Start();
        }

        return Task.CompletedTask;
    }

    private void Start()
    {
        ReleaseSoon();
        var monitor = _monitor!;
        var now = time.GetUtcNow();
        if (_state.LastDueAt is { } last)
        {
            _nextDue = MonitorSchedule.NextSlot(monitor.Id, monitor.Interval, last);
            if (_nextDue < now - monitor.Interval)
            {
                // Away for longer than an interval: resume at the latest slot, not the whole outage as lag of one check.
                _nextDue = MonitorSchedule.NextSlot(monitor.Id, monitor.Interval, now - monitor.Interval);
            }
        }
        else if (Interlocked.Increment(ref _soon) <= SoonLimit)
        {
            // Never checked: soon, spread over a few seconds, so that a new monitor shows a result at once.
            _firstSoon = true;
            var spread = Math.Min(monitor.Interval.TotalMilliseconds, 5000);
            _nextDue = now + TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * spread);
        }
        else
        {
            // Many new monitors at once (an import): each takes its own slot in the interval instead of all
            // piling into the next few seconds and timing out in the queue.
            Interlocked.Decrement(ref _soon);
            _nextDue = MonitorSchedule.NextSlot(monitor.Id, monitor.Interval, now);
        }

        var wait = _nextDue > now ? _nextDue - now : TimeSpan.Zero;
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _timer.Change(wait, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task TickAsync(CancellationToken ct)
    {
        if (_monitor is not { Enabled: true } monitor)
        {
            return;
        }

        var due = _nextDue;
        ReleaseSoon();
        try
        {
            await checker.RunAsync(monitor, _state, due, manual: false, ct).ConfigureAwait(true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The result could not be recorded: the slot counts as not run; the next one comes as usual.
            LogCheckFailed(logger, monitor.Id, ex.GetType().Name);
        }
        finally
        {
            if (_timer is not null && _monitor is { Enabled: true } current)
            {
                var now = time.GetUtcNow();
                _nextDue = MonitorSchedule.NextSlot(current.Id, current.Interval, due);
                if (_nextDue <= now)
                {
                    _nextDue = MonitorSchedule.NextSlot(current.Id, current.Interval, now);
                }

                _timer.Change(_nextDue - now, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Gives back this grain's place among the "soon" first checks, if it holds one.</summary>
    private void ReleaseSoon()
    {
        if (_firstSoon)
        {
            _firstSoon = false;
            Interlocked.Decrement(ref _soon);
        }
    }

    private async Task StopAsync()
    {
        ReleaseSoon();
        _timer?.Dispose();
        _timer = null;
        var reminder = await this.GetReminder(KeepAlive).ConfigureAwait(true);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder).ConfigureAwait(true);
        }

        DeactivateOnIdle();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var id = this.GetPrimaryKey();
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(true);
        var m = await db.Monitors.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct).ConfigureAwait(true);
        if (m is null)
        {
            _monitor = null;
            return;
        }

        var domains = await db.Websites.AsNoTracking().Where(w => w.Id == m.WebsiteId).Select(w => w.Domains).FirstOrDefaultAsync(ct).ConfigureAwait(true) ?? [];
        _monitor = new MonitorDefinition(m.Id, m.WebsiteId, domains, m.Kind, m.Name, m.Target, m.IntervalSeconds, m.Enabled,
            m.FailuresBeforeDown, m.SuccessesBeforeUp, m.TimeoutSeconds, m.Settings);
        _state = await db.MonitorStates.AsNoTracking().FirstOrDefaultAsync(s => s.MonitorId == id, ct).ConfigureAwait(true)
            ?? new MonitorState { MonitorId = id };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A scheduled check of monitor {MonitorId} was not recorded ({Error})")]
    private static partial void LogCheckFailed(ILogger logger, Guid monitorId, string error);
}
