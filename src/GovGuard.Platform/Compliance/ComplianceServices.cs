using GovGuard.Platform.Evidence;
using GovGuard.Platform.Lifecycle;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Compliance;

/// <summary>The compliance workspace's services: duties, evidence, reviews, sign-offs and lifecycle transitions.</summary>
public static class ComplianceServices
{
    public static IServiceCollection AddGovGuardCompliance(this IServiceCollection services)
    {
        services.AddOptions<EvidenceOptions>()
            .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(EvidenceOptions.Section).Bind(o))
            .Validate(o => o.MaxUploadBytes is > 0 and <= 1024L * 1024 * 1024, "GovGuard:Evidence:MaxUploadBytes must be between 1 byte and 1 GiB.");
        services.AddSingleton<EvidenceStore>();
        services.AddScoped<DutyAssignments>();
        services.AddScoped<DutyLookup>();
        services.AddScoped<ComplianceService>();
        services.AddScoped<EvidenceService>();
        services.AddScoped<SignOffService>();
        services.AddScoped<LifecycleFactsReader>();
        services.AddScoped<LifecycleService>();
        return services;
    }
}
