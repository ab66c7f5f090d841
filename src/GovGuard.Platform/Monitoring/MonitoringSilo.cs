using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace GovGuard.Platform.Monitoring;

/// <summary>The silo of the monitoring engine: embedded (localhost clustering, in memory) or cluster (Redis).</summary>
public static class MonitoringSilo
{
    /// <summary>Configures <paramref name="silo"/> for <paramref name="options"/>.</summary>
    public static ISiloBuilder AddGovGuardMonitoringSilo(this ISiloBuilder silo, MonitoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsCluster)
        {
            // One silo in the serve process; nothing outside connects, so free ports avoid clashes between hosts.
            var siloPort = options.SiloPort == 0 ? FreePort() : options.SiloPort;
            var gatewayPort = options.GatewayPort == 0 ? FreePort() : options.GatewayPort;
            silo.UseLocalhostClustering(siloPort, gatewayPort, null, options.ServiceId, options.ClusterId);
            silo.AddMemoryGrainStorage("Default");
            silo.UseInMemoryReminderService();
            return silo;
        }

        var redis = options.Redis!;
        var address = IPAddress.Parse(options.AdvertisedAddress ?? "127.0.0.1");
        silo.ConfigureEndpoints(address, options.SiloPort == 0 ? 11111 : options.SiloPort, options.GatewayPort == 0 ? 30000 : options.GatewayPort,
            listenOnAnyHostAddress: !IPAddress.IsLoopback(address));
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        silo.UseRedisClustering(redis);
        silo.AddRedisGrainStorage("Default", o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        silo.UseRedisReminderService(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        // Fast failover: a killed silo is declared dead within seconds and its monitors move to the survivors.
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
        });
        // Calls in flight through a dead silo fail fast instead of hanging 30 s.
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        return silo;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
