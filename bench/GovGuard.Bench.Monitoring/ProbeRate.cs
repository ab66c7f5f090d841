using System.Diagnostics;
using System.Globalization;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Monitoring.Probes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GovGuard.Bench.Monitoring;

/// <summary>
/// `probe-rate URL SECONDS CONCURRENCY`: GovGuard's availability probe (guarded fetcher, SSRF checks, status and
/// latency judgement) as fast as it goes against one target; prints probes per second, peak RSS and the GC's
/// committed and live memory.
/// </summary>
public static class ProbeRate
{
    public static async Task<int> RunAsync(string url, int seconds, int concurrency)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGuardedFetching(o => o.AllowedRanges.Add("127.0.0.0/8"));
        // All probes go to one host here; the per-host limit (2 by default) would measure the limit, not the probe.
        services.AddSingleton(Options.Create(new MonitoringOptions { GlobalConcurrency = concurrency, PerHostConcurrency = concurrency }));
        services.AddSingleton<ProbeLimiter>();
        services.AddSingleton<AvailabilityProbe>();
        await using var sp = services.BuildServiceProvider();
        var probe = sp.GetRequiredService<AvailabilityProbe>();
        var monitor = new MonitorDefinition(Guid.NewGuid(), Guid.NewGuid(), [], MonitorKind.Availability, "bench", url, 60, true, 1, 1, 10, "{}");
        var warm = await probe.RunAsync(monitor, CancellationToken.None);
        if (warm.Health != MonitorHealth.Up)
        {
            Console.Error.WriteLine($"target not up: {warm.Summary.En}");
            return 1;
        }

        long done = 0, failed = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var r = await probe.RunAsync(monitor, CancellationToken.None);
                Interlocked.Increment(ref done);
                if (r.Health != MonitorHealth.Up)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        clock.Stop();
        using var self = Process.GetCurrentProcess();
        // What the GC holds committed next to what is live: most of the prober's private memory is the former.
        var gc = GC.GetGCMemoryInfo();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"probes {done} failed {failed} seconds {clock.Elapsed.TotalSeconds:0.00} rate {done / clock.Elapsed.TotalSeconds:0} peak_rss_mb {self.PeakWorkingSet64 / 1048576.0:0.0} gc_committed_mb {gc.TotalCommittedBytes / 1048576.0:0.0} gc_heap_mb {gc.HeapSizeBytes / 1048576.0:0.0} gc_gen0 {GC.CollectionCount(0)}"));
        return 0;
    }
}
