using System.Threading.Channels;
using GovGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Monitoring.Engine;

/// <summary>
/// Writes check results and the monitor states that go with them in batches: one transaction per
/// <see cref="MonitoringOptions.BatchSize"/> items or <see cref="MonitoringOptions.BatchWindow"/>, whichever comes
/// first. <see cref="WriteAsync"/> completes with the stored result's id once its batch is committed, so a
/// check is either recorded whole (result and state) or not at all. Disposed after the silo has stopped, it
/// writes what is still queued.
/// </summary>
public sealed partial class ResultWriter : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDbContextFactory<GovGuardDbContext> factory;
    private readonly IOptions<MonitoringOptions> options;
    private readonly MonitorMetrics metrics;
    private readonly ILogger<ResultWriter> logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ResultWriter(IDbContextFactory<GovGuardDbContext> factory, IOptions<MonitoringOptions> options, MonitorMetrics metrics, ILogger<ResultWriter> logger)
    {
        this.factory = factory;
        this.options = options;
        this.metrics = metrics;
        this.logger = logger;
        _loop = Task.Run(() => ExecuteAsync(_stop.Token));
    }

    /// <summary>Queues <paramref name="result"/> with the monitor's new <paramref name="state"/>; completes with the result id after commit.</summary>
    public Task<long> WriteAsync(CheckResult result, MonitorState state)
    {
        var pending = new Pending(result, state, new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            pending.Done.TrySetException(new InvalidOperationException("The result writer has stopped."));
        }

        return pending.Done.Task;
    }

    /// <summary>Stops taking results, writes the queued ones and ends the loop.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var size = options.Value.BatchSize;
        var batch = new List<Pending>(size);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                using var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                window.CancelAfter(options.Value.BatchWindow);
                try
                {
                    while (batch.Count < size)
                    {
                        while (batch.Count < size && _queue.Reader.TryRead(out var p))
                        {
                            batch.Add(p);
                        }

                        if (batch.Count >= size || !await _queue.Reader.WaitToReadAsync(window.Token).ConfigureAwait(false))
                        {
                            break;
                        }
                    }
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The window closed: write what there is.
                }

                await FlushAsync(batch, CancellationToken.None).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: write what is queued below.
        }

        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out var p))
        {
            batch.Add(p);
        }

        await FlushAsync(batch, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task FlushAsync(List<Pending> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await SaveAsync(batch, ct).ConfigureAwait(false);
            metrics.Batch(batch.Count);
            foreach (var p in batch)
            {
                p.Done.TrySetResult(p.Result.Id);
            }
        }
        catch (DbUpdateException ex) when (batch.Count > 1)
        {
            // One bad item (its monitor deleted meanwhile) must not lose the others: write them one by one.
            LogBatchFailed(logger, batch.Count, ex.GetType().Name);
            foreach (var p in batch)
            {
                p.Result.Id = 0;
                await FlushAsync([p], ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            LogWriteFailed(logger, batch.Count, ex.GetType().Name);
            foreach (var p in batch)
            {
                p.Done.TrySetException(ex);
            }
        }
    }

    private async Task SaveAsync(List<Pending> batch, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        db.CheckResults.AddRange(batch.Select(p => p.Result));
        await db.SaveChangesAsync(ct).ConfigureAwait(false);

        // The latest state of each monitor wins; the row exists unless the monitor is new to this writer.
        var latest = batch.GroupBy(p => p.State.MonitorId).Select(g => g.OrderBy(p => p.Result.At).Last()).ToList();
        var ids = latest.Select(p => p.State.MonitorId).ToList();
        var existing = (await db.MonitorStates.AsNoTracking().Where(s => ids.Contains(s.MonitorId)).Select(s => s.MonitorId)
            .ToListAsync(ct).ConfigureAwait(false)).ToHashSet();
        foreach (var p in latest)
        {
            var s = Copy(p.State);
            s.LastResultId = p.Result.Id;
            if (existing.Contains(s.MonitorId))
            {
                db.MonitorStates.Update(s);
            }
            else
            {
                db.MonitorStates.Add(s);
            }
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private static MonitorState Copy(MonitorState s) => new()
    {
        MonitorId = s.MonitorId,
        Health = s.Health,
        Since = s.Since,
        ConsecutiveFailures = s.ConsecutiveFailures,
        ConsecutiveSuccesses = s.ConsecutiveSuccesses,
        LastCheckAt = s.LastCheckAt,
        LastDueAt = s.LastDueAt,
        LastLatencyMs = s.LastLatencyMs,
        LastSummaryZh = s.LastSummaryZh,
        LastSummaryEn = s.LastSummaryEn,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} check results failed ({Error}); writing them one by one")]
    private static partial void LogBatchFailed(ILogger logger, int count, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} check results could not be written ({Error})")]
    private static partial void LogWriteFailed(ILogger logger, int count, string error);

    private sealed record Pending(CheckResult Result, MonitorState State, TaskCompletionSource<long> Done);
}
