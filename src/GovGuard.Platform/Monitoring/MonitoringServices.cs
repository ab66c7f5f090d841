using GovGuard.Platform.Fetching;
using GovGuard.Platform.Monitoring.Engine;
using GovGuard.Platform.Monitoring.Probes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Monitoring;

/// <summary>Registers monitoring: the feature service always, the engine with the silo (<see cref="AddGovGuardMonitoringEngine"/>).</summary>
public static class MonitoringServices
{
    /// <summary>The monitor service, the probes and the default observation sink; the engine itself comes with the silo.</summary>
    public static IServiceCollection AddGovGuardMonitoring(this IServiceCollection services, MonitoringOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        options ??= new MonitoringOptions();
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(nameof(MonitoringOptions), typeof(MonitoringOptions), problems);
        }

        MonitoringAudit.Register();
        Tamper.TamperAudit.Register();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(Options.Create(options));
        services.AddMetrics();
        services.TryAddSingleton<MonitorMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IObservationSink, LoggingObservationSink>());
        services.TryAddSingleton<IMonitorEngine, NoMonitorEngine>();
        services.TryAddSingleton<ProbeLimiter>();
        services.TryAddSingleton<PageDetectors>();
        services.TryAddSingleton<Tamper.TamperStore>();
        services.AddMemoryCache();
        services.AddScoped<MonitorService>();
        services.AddScoped<Evidence.IAutomaticEvidenceSource, MonitorEvidenceSource>();
        services.AddScoped<Tamper.TamperService>();
        services.AddScoped<Evidence.IAutomaticEvidenceSource, Tamper.TamperEvidenceSource>();
        return services;
    }

    /// <summary>The engine in this silo: probes, checker, batched writer, the grains' keeper; and the silo's clustering.</summary>
    public static ISiloBuilder AddGovGuardMonitoringEngine(this ISiloBuilder silo, MonitoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var services = silo.Services;
        services.AddSingleton<IMonitorProbe, AvailabilityProbe>();
        services.AddSingleton<IMonitorProbe, TlsProbe>();
        services.AddSingleton<IMonitorProbe, DnsProbe>();
        services.AddSingleton<IMonitorProbe>(sp => new PageProbe(MonitorKind.Content, sp.GetRequiredService<GuardedFetcher>(), sp.GetRequiredService<ProbeLimiter>(), sp.GetRequiredService<PageDetectors>()));
        services.AddSingleton<IMonitorProbe>(sp => new PageProbe(MonitorKind.Exposure, sp.GetRequiredService<GuardedFetcher>(), sp.GetRequiredService<ProbeLimiter>(), sp.GetRequiredService<PageDetectors>()));
        services.AddSingleton<IMonitorProbe, ResourceProbe>();
        services.AddSingleton<IMonitorProbe, TamperProbe>();
        services.AddSingleton<ResultWriter>();
        services.AddSingleton<MonitorChecker>();
        services.Replace(ServiceDescriptor.Singleton<IMonitorEngine, OrleansMonitorEngine>());
        services.AddHostedService<MonitorKeeper>();
        return silo.AddGovGuardMonitoringSilo(options);
    }
}
