using System.Text.Json;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Notifications;

/// <summary>
/// Sends queued deliveries, retries failures with backoff (<see cref="AlertOptions.RetryDelays"/>) and records every
/// attempt. A delivery is claimed with a conditional update before it is sent, so two nodes never send it twice;
/// one claimed by a node that died is taken over after <see cref="StaleClaim"/>.
/// </summary>
public sealed partial class NotificationDispatcher(
    IDbContextFactory<GovGuardDbContext> factory,
    ChannelSenders senders,
    ChannelSecretBox secrets,
    TimeProvider time,
    IOptions<AlertOptions> options,
    ILogger<NotificationDispatcher> logger)
{
    private static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(10);

    private readonly System.Threading.Channels.Channel<bool> _wake = System.Threading.Channels.Channel.CreateBounded<bool>(
        new System.Threading.Channels.BoundedChannelOptions(1) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite });

    /// <summary>Asks the loop to look at the queue now (new deliveries were saved).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>Runs until <paramref name="ct"/> is cancelled: sends what is due, then sleeps until woken or the poll interval passes.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogLoopFailed(logger, ex);
            }

            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var woken = _wake.Reader.WaitToReadAsync(sleep.Token).AsTask();
            var delay = Task.Delay(NextWait(), time, sleep.Token);
            await Task.WhenAny(woken, delay).ConfigureAwait(false);
            await sleep.CancelAsync().ConfigureAwait(false);
            _wake.Reader.TryRead(out _);
        }
    }

    private TimeSpan NextWait()
    {
        var poll = options.Value.DeliveryPollInterval;
        var shortest = options.Value.RetryDelays.Where(d => d > TimeSpan.Zero).DefaultIfEmpty(poll).Min();
        return shortest < poll ? shortest : poll;
    }

    /// <summary>Sends every delivery that is due now; returns how many were attempted.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var stale = now - StaleClaim;
        List<Guid> due;
        await using (var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false))
        {
            due = await db.NotificationDeliveries.AsNoTracking()
                .Where(d => (d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
                    || (d.Status == DeliveryStatus.Sending && d.LastAttemptAt <= stale))
                .OrderBy(d => d.NextAttemptAt).Take(100).Select(d => d.Id)
                .ToListAsync(ct).ConfigureAwait(false);
        }

        var attempted = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = options.Value.DeliveryConcurrency, CancellationToken = ct }, async (id, token) =>
        {
            if (await AttemptAsync(id, token).ConfigureAwait(false) is not null)
            {
                Interlocked.Increment(ref attempted);
            }
        }).ConfigureAwait(false);
        return attempted;
    }

    /// <summary>Claims and sends one delivery; null when another worker has it or it is not due.</summary>
    public async Task<NotificationDelivery?> AttemptAsync(Guid deliveryId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var stale = now - StaleClaim;
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var claimed = await db.NotificationDeliveries
            .Where(d => d.Id == deliveryId && (d.Status == DeliveryStatus.Pending || (d.Status == DeliveryStatus.Sending && d.LastAttemptAt <= stale)))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Sending).SetProperty(d => d.LastAttemptAt, now), ct)
            .ConfigureAwait(false);
        if (claimed == 0)
        {
            return null;
        }

        var delivery = await db.NotificationDeliveries.FirstAsync(d => d.Id == deliveryId, ct).ConfigureAwait(false);
        var channel = await db.NotificationChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == delivery.ChannelId, ct).ConfigureAwait(false);
        SendResult result;
        if (channel is null)
        {
            result = SendResult.Failed("the channel no longer exists");
        }
        else if (TargetOf(channel, delivery.To) is not { } target)
        {
            result = SendResult.Failed("the channel's secrets cannot be read (data-protection keys changed): enter them again");
        }
        else
        {
            var notice = JsonSerializer.Deserialize<AlertNotice>(delivery.NoticeJson, NotificationRouter.Json)!;
            result = await senders.SendAsync(target, delivery.Id, notice, ct).ConfigureAwait(false);
        }

        return await RecordAsync(db, delivery, channel, result).ConfigureAwait(false);
    }

    private ChannelTarget? TargetOf(NotificationChannel channel, string? to)
    {
        try
        {
            var settings = JsonSerializer.Deserialize<ChannelSettings>(channel.SettingsJson, NotificationRouter.Json) ?? new ChannelSettings();
            if (to is not null && channel.Kind == ChannelKind.Email)
            {
                settings = settings with { To = [to] };
            }

            return new ChannelTarget(channel.Id, channel.Kind, channel.Host, settings, secrets.Unprotect(channel.ProtectedSecrets));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private async Task<NotificationDelivery> RecordAsync(GovGuardDbContext db, NotificationDelivery delivery, NotificationChannel? channel, SendResult result)
    {
        var done = time.GetUtcNow();
        delivery.Attempts++;
        delivery.LastAttemptAt = done;
        var delays = options.Value.RetryDelays;
        if (result.Delivered)
        {
            delivery.Status = DeliveryStatus.Delivered;
            delivery.DeliveredAt = done;
            delivery.LastError = null;
            LogDelivered(logger, delivery.Id, channel?.Kind.ToString() ?? "-", channel?.Host ?? "-", delivery.Attempts);
        }
        else
        {
            delivery.LastError = result.Error;
            // A test send is tried once: the person pressing the button reads the answer.
            if (delivery.Kind == NoticeKind.Test || delivery.Attempts > delays.Count || channel is null)
            {
                delivery.Status = DeliveryStatus.Failed;
                LogGaveUp(logger, delivery.Id, channel?.Kind.ToString() ?? "-", channel?.Host ?? "-", delivery.Attempts, result.Error ?? "");
            }
            else
            {
                delivery.Status = DeliveryStatus.Pending;
                delivery.NextAttemptAt = done + delays[delivery.Attempts - 1];
                LogRetrying(logger, delivery.Id, channel.Kind.ToString(), channel.Host, delivery.Attempts, result.Error ?? "");
            }
        }

        // Saved even when the caller gave up: the attempt happened and must be on record.
        await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
        return delivery;
    }

    [LoggerMessage(EventId = 5200, Level = LogLevel.Information, Message = "Notice {Delivery} delivered by {Kind} to {Host} (attempt {Attempt})")]
    private static partial void LogDelivered(ILogger logger, Guid delivery, string kind, string host, int attempt);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Notice {Delivery} by {Kind} to {Host} failed (attempt {Attempt}), retrying: {Error}")]
    private static partial void LogRetrying(ILogger logger, Guid delivery, string kind, string host, int attempt, string error);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Error, Message = "Notice {Delivery} by {Kind} to {Host} failed after {Attempt} attempts: {Error}")]
    private static partial void LogGaveUp(ILogger logger, Guid delivery, string kind, string host, int attempt, string error);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Error, Message = "The delivery loop failed; it goes on")]
    private static partial void LogLoopFailed(ILogger logger, Exception ex);
}
