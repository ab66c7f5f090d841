namespace GovGuard.Platform.Monitoring.Engine;

/// <summary>What the feature services ask of the engine; the grains stay behind it.</summary>
public interface IMonitorEngine
{
    /// <summary>True when a silo runs in this process.</summary>
    bool IsRunning { get; }

    /// <summary>After a save or a delete: the monitor's grain re-reads it (starts, reschedules or stops).</summary>
    Task RefreshAsync(Guid monitorId, CancellationToken ct);

    /// <summary>Runs a check now through the monitor's grain; null when the monitor is disabled or gone.</summary>
    Task<CheckReport?> CheckNowAsync(Guid monitorId, CancellationToken ct);
}

/// <summary>The engine on Orleans: each call goes to the monitor's grain, wherever in the cluster it lives.</summary>
public sealed class OrleansMonitorEngine(IGrainFactory grains) : IMonitorEngine
{
    public bool IsRunning => true;

    public Task RefreshAsync(Guid monitorId, CancellationToken ct) =>
        grains.GetGrain<IMonitorGrain>(monitorId).Refresh().WaitAsync(ct);

    public Task<CheckReport?> CheckNowAsync(Guid monitorId, CancellationToken ct) =>
        grains.GetGrain<IMonitorGrain>(monitorId).CheckNow().WaitAsync(ct);
}

/// <summary>No engine in this process (API-only hosts): saves are kept, checks wait for a node that runs one.</summary>
public sealed class NoMonitorEngine : IMonitorEngine
{
    public bool IsRunning => false;

    public Task RefreshAsync(Guid monitorId, CancellationToken ct) => Task.CompletedTask;

    public Task<CheckReport?> CheckNowAsync(Guid monitorId, CancellationToken ct) => Task.FromResult<CheckReport?>(null);
}
