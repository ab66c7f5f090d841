using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Alerts;

/// <summary>Registers alerting and notifications.</summary>
public static class AlertingServices
{
    /// <summary>
    /// Alerts, maintenance windows, channels, the delivery worker, and the <see cref="IObservationSink"/> the
    /// engine publishes to (beside the engine's logging sink). Options come from the <c>Alerts</c>
    /// configuration section when there is a configuration, then from <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddGovGuardAlerting(this IServiceCollection services, Action<AlertOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var alerts = services.AddOptions<AlertOptions>();
        services.AddSingleton<IConfigureOptions<AlertOptions>>(sp => new ConfigureOptions<AlertOptions>(o => BindAlerts(sp.GetService<IConfiguration>(), o)));
        if (configure is not null)
        {
            alerts.Configure(configure);
        }

        alerts.Validate(o => o.Validate().Count == 0, "Alerts options are not usable: check the windows, intervals and PublicBaseUrl.").ValidateOnStart();

        // Webhook and SMTP addresses are checked by the fetcher's guard and allow-list (registered once by AddGovGuardPlatform).

        services.AddSingleton<NotificationHttp>();
        services.AddSingleton<ChannelSecretBox>();
        services.AddSingleton<ChannelSenders>();
        services.AddSingleton<NotificationRouter>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddSingleton<AlertProcessor>();
        services.AddSingleton<AlertPipeline>();
        services.AddSingleton<IObservationSink>(sp => sp.GetRequiredService<AlertPipeline>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<AlertPipeline>());
        services.AddScoped<AlertService>();
        services.AddScoped<MaintenanceService>();
        services.AddScoped<ChannelService>();
        return services;
    }

    private static void BindAlerts(IConfiguration? config, AlertOptions o)
    {
        if (config is null)
        {
            return;
        }

        var section = config.GetSection("Alerts");
        section.Bind(o);
        // The binder appends to a list: configured delays replace the defaults instead.
        if (section.GetSection("RetryDelays").Get<TimeSpan[]>() is { Length: > 0 } delays)
        {
            o.RetryDelays.Clear();
            foreach (var d in delays)
            {
                o.RetryDelays.Add(d);
            }
        }
    }
}
