using GovGuard.Platform.Evidence;
using GovGuard.Platform.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovGuard.Platform.CloudMigration;

/// <summary>Registers the migration and delivery records (GB/T 38249 6.3–6.4).</summary>
public static class MigrationServices
{
    public static IServiceCollection AddGovGuardMigration(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        MigrationAudit.Register();
        services.TryAddSingleton<ManifestUploads>();
        services.AddScoped<MigrationService>();
        services.AddScoped<TrialService>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ILifecycleFactsContributor, MigrationFactsContributor>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IAutomaticEvidenceSource, MigrationEvidenceSource>());
        services.AddHostedService<TrialReverter>();
        return services;
    }
}
