using System.Collections.Concurrent;
using GovGuard.Platform.Access;
using GovGuard.Platform.Common;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Monitoring.Engine;
using GovGuard.Platform.Organisations;
using GovGuard.Platform.Websites;
using GovGuard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GovGuard.Platform.Tests.Monitoring;

/// <summary>Every observation the engine hands over, for tests to wait on.</summary>
public sealed class RecordingSink : IObservationSink
{
    private readonly ConcurrentQueue<MonitorObservation> _seen = new();

    public IReadOnlyList<MonitorObservation> Seen => [.. _seen];

    public ValueTask PublishAsync(MonitorObservation observation, CancellationToken ct)
    {
        _seen.Enqueue(observation);
        return ValueTask.CompletedTask;
    }

    /// <summary>Waits until an observation of <paramref name="monitorId"/> matches, at most <paramref name="limit"/>.</summary>
    public async Task<MonitorObservation> WaitAsync(Guid monitorId, Func<MonitorObservation, bool> match, TimeSpan limit)
    {
        var skip = 0;
        using var cts = new CancellationTokenSource(limit);
        while (true)
        {
            var seen = Seen.Where(o => o.MonitorId == monitorId).ToList();
            if (seen.Skip(skip).FirstOrDefault(match) is { } hit)
            {
                return hit;
            }

            skip = 0;
            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"no matching observation of {monitorId} within {limit}: saw {string.Join(", ", seen.Select(o => o.Health))}");
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }
}

/// <summary>The engine in a generic host over a test database: one silo (embedded mode), short intervals allowed, 127.0.0.0/8 allow-listed.</summary>
public sealed class EngineHost : IAsyncDisposable
{
    private EngineHost(IHost host) => Host = host;

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public static MonitoringOptions TestOptions() => new() { MinimumIntervalSeconds = 1, BatchWindow = TimeSpan.FromMilliseconds(100) };

    /// <summary>Starts the engine; <paramref name="services"/> registers replacements (a resolver, a clock) before the platform's defaults.</summary>
    public static async Task<EngineHost> StartAsync(TestDatabase db, IObservationSink sink, MonitoringOptions? options = null, Action<IServiceCollection>? services = null)
    {
        var monitoring = options ?? TestOptions();
        var b = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        b.Logging.ClearProviders();
        b.Logging.SetMinimumLevel(LogLevel.Warning);
        services?.Invoke(b.Services);
        b.Services.AddSingleton(sink);
        b.Services.AddGovGuardPlatform(db.Options, monitoring);
        // Tests only: the local farm lives on loopback.
        b.Services.Configure<FetchOptions>(o =>
        {
            o.AllowedRanges.Add("127.0.0.0/8");
            o.TotalTimeout = TimeSpan.FromSeconds(5);
        });
        b.UseOrleans(silo => silo.AddGovGuardMonitoringEngine(monitoring));
        var host = b.Build();
        await host.StartAsync();
        return new EngineHost(host);
    }

    public async Task<T> In<T>(Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>A customer and a website registered by the platform administrator.</summary>
    public async Task<WebsiteView> WebsiteAsync(string domain = "www.example.gov.cn")
    {
        var org = await In(sp => sp.GetRequiredService<OrganisationService>().CreateAsync(Caller.System,
            new OrganisationInput("某市人民政府 " + Guid.NewGuid().ToString("N")[..6], "government_customer", null, null, null, null), CancellationToken.None));
        Assert.True(org.Succeeded, org.Error?.Message.En);
        var site = await In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(Caller.System,
            new WebsiteInput("门户网站", [domain], null, null, null, 2, "iaas", "gov_cloud", org.Value!.Id), CancellationToken.None));
        Assert.True(site.Succeeded, site.Error?.Message.En);
        return site.Value!;
    }

    public async Task<MonitorView> MonitorAsync(Guid websiteId, MonitorInput input)
    {
        var r = await In(sp => sp.GetRequiredService<MonitorService>().CreateAsync(Caller.System, websiteId, input, CancellationToken.None));
        Assert.True(r.Succeeded, r.Error is null ? null : r.Error.Message.En + " " + string.Join("; ", r.Error.Fields.Select(f => $"{f.Field}: {f.Message.En}")));
        return r.Value!;
    }

    public Task<CheckReport?> CheckNowAsync(Guid monitorId) =>
        Services.GetRequiredService<IMonitorEngine>().CheckNowAsync(monitorId, CancellationToken.None);

    public async Task<List<CheckResult>> ResultsAsync(TestDatabase db, Guid monitorId)
    {
        await using var ctx = db.Context();
        return ctx.CheckResults.Where(r => r.MonitorId == monitorId).OrderBy(r => r.Id).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
