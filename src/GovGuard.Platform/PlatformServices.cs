using GovGuard.Platform.Accounts;
using GovGuard.Platform.Agents;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Compliance;
using GovGuard.Platform.Data;
using GovGuard.Platform.Emergency;
using GovGuard.Platform.Engagements;
using GovGuard.Platform.Exit;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Incidents;
using GovGuard.Platform.CloudMigration;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Organisations;
using GovGuard.Platform.Planning;
using GovGuard.Platform.Reports;
using GovGuard.Platform.Reports.Operations;
using GovGuard.Platform.Websites;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovGuard.Platform;

/// <summary>The platform's composition: one call per host.</summary>
public static class PlatformServices
{
    /// <summary>Data, accounts, audit and the feature services (the monitoring engine itself comes with the silo).</summary>
    public static IServiceCollection AddGovGuardPlatform(this IServiceCollection services, DatabaseOptions database, MonitoringOptions? monitoring = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(database);
        services.AddSingleton<GovGuardDbFactory>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.IDbContextFactory<GovGuardDbContext>>(sp => sp.GetRequiredService<GovGuardDbFactory>());
        services.AddScoped(sp => sp.GetRequiredService<GovGuardDbFactory>().CreateDbContext());
        services.AddSingleton<AuditAnchor>();
        services.AddSingleton<AuditLog>();
        services.AddGovGuardAuditArchive();
        // Cookie and token-provider keys live in the data folder, so a restart keeps sessions and pending tokens.
        services.AddDataProtection()
            .SetApplicationName("GovGuard")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(database.DataDirectory), "keys")));

        services.AddIdentityCore<User>(o =>
            {
                // 等保 asks for complex passwords and lockout after repeated failures.
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 5;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
                o.Tokens.AuthenticatorTokenProvider = SingleUseAuthenticatorTokenProvider.ProviderName;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<GovGuardDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(SingleUseAuthenticatorTokenProvider.ProviderName);

        services.AddScoped<CallerResolver>();
        services.AddScoped<FirstRun>();
        services.AddScoped<UserService>();
        services.AddScoped<TokenService>();
        services.AddScoped<SignInCheck>();
        services.TryAddSingleton(sp =>
        {
            var o = new SignInThrottleOptions();
            sp.GetService<Microsoft.Extensions.Configuration.IConfiguration>()?.GetSection(SignInThrottleOptions.Section).Bind(o);
            return o;
        });
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<TwoFactorService>();
        services.AddScoped<OrganisationService>();
        services.AddScoped<WebsiteService>();
        services.AddScoped<EngagementService>();
        services.AddScoped<AuditService>();
        // One guarded fetcher for monitoring, alert delivery and everything else that reaches out.
        services.AddGuardedFetching();
        services.AddGovGuardCompliance();
        services.AddGovGuardAlerting();
        services.AddGovGuardMonitoring(monitoring);
        services.AddGovGuardAgents();
        services.AddScoped<PlanningService>();
        services.AddScoped<Lifecycle.ILifecycleFactsContributor, PlanningFactsContributor>();
        services.AddGovGuardReports();
        services.AddGovGuardOperationReports();
        services.AddGovGuardIncidents();
        services.AddGovGuardOperations();
        services.AddGovGuardMigration().AddGovGuardExit();
        return services;
    }
}
