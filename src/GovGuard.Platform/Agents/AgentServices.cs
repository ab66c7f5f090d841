using GovGuard.Platform.Monitoring.Probes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Agents;

/// <summary>Registers agents: registration and listing, the report intake, and the engine's check of an agent's monitor.</summary>
public static class AgentServices
{
    public static IServiceCollection AddGovGuardAgents(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        AgentAudit.Register();
        services.AddOptions<AgentOptions>();
        services.AddSingleton<IConfigureOptions<AgentOptions>>(sp => new ConfigureOptions<AgentOptions>(o => sp.GetService<IConfiguration>()?.GetSection("Agents").Bind(o)));
        services.AddScoped<AgentService>();
        services.TryAddSingleton<AgentIngest>();
        services.TryAddSingleton<AgentMetrics>();
        // The checker takes every registered probe: in a process without a silo this one is simply never asked.
        services.AddSingleton<IMonitorProbe, AgentProbe>();
        return services;
    }
}
