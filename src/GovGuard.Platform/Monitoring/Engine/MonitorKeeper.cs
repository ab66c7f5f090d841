using GovGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GovGuard.Platform.Monitoring.Engine;

/// <summary>
/// Makes sure every enabled monitor has an active grain: once the host has started (so reminders get registered
/// after a restart with in-memory reminders), and again whenever a silo of the cluster is declared dead, so its
/// monitors resume on the survivors at once instead of at their next reminder tick.
/// </summary>
public sealed partial class MonitorKeeper(
    IDbContextFactory<GovGuardDbContext> factory,
    IGrainFactory grains,
    IClusterMembershipService membership,
    IHostApplicationLifetime lifetime,
    ILogger<MonitorKeeper> logger) : BackgroundService
{
    private const int Parallel = 32;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
        }

        var dead = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress).ToHashSet();
        await SweepAsync("start", stoppingToken).ConfigureAwait(false);
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken).ConfigureAwait(false))
            {
                var newlyDead = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress)).ToList();
                if (newlyDead.Count > 0)
                {
                    await SweepAsync("silo lost", stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task SweepAsync(string why, CancellationToken ct)
    {
        List<Guid> ids;
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
            ids = await db.Monitors.AsNoTracking().Where(m => m.Enabled).Select(m => m.Id).ToListAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSweepFailed(logger, why, ex.GetType().Name);
            return;
        }

        var failed = 0;
        await System.Threading.Tasks.Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = ct }, async (id, token) =>
        {
            try
            {
                await grains.GetGrain<IMonitorGrain>(id).Ping().WaitAsync(token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Interlocked.Increment(ref failed);
            }
        }).ConfigureAwait(false);
        LogSwept(logger, why, ids.Count, failed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitors activated ({Why}): {Count}, failed {Failed}")]
    private static partial void LogSwept(ILogger logger, string why, int count, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not list the monitors to activate ({Why}): {Error}")]
    private static partial void LogSweepFailed(ILogger logger, string why, string error);
}
