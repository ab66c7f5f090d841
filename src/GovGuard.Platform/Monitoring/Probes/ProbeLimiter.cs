using GovGuard.Platform.Fetching;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Monitoring.Probes;

/// <summary>
/// Bounds the probes of one silo: at most <see cref="MonitoringOptions.GlobalConcurrency"/> at once and
/// <see cref="MonitoringOptions.PerHostConcurrency"/> per host, so that one slow site or a thousand monitors
/// on one host cannot starve the rest or hammer the host.
/// </summary>
public sealed class ProbeLimiter(IOptions<MonitoringOptions> options)
{
    private readonly SemaphoreSlim _global = new(options.Value.GlobalConcurrency, options.Value.GlobalConcurrency);
    private readonly HostGates _hosts = new(options.Value.PerHostConcurrency);

    /// <summary>Waits for a slot for <paramref name="host"/>; dispose the lease to give it back.</summary>
    public async Task<IDisposable> EnterAsync(string host, CancellationToken ct)
    {
        var perHost = await _hosts.EnterAsync(host, ct).ConfigureAwait(false);
        try
        {
            await _global.WaitAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            perHost.Dispose();
            throw;
        }

        return new Lease(this, perHost);
    }

    private sealed class Lease(ProbeLimiter owner, IDisposable perHost) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner._global.Release();
                perHost.Dispose();
            }
        }
    }
}
