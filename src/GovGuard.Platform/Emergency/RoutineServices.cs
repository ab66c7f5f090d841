using GovGuard.Platform.Alerts;
using GovGuard.Platform.Changes;
using GovGuard.Platform.DutyRota;
using GovGuard.Platform.Evidence;
using GovGuard.Platform.Notifications;
using GovGuard.Platform.Reports.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Emergency;

/// <summary>How often the routine checks run (the <c>Routine</c> configuration section).</summary>
public sealed class RoutineOptions
{
    /// <summary>How often overdue drills are checked (deduplicated, so often is harmless).</summary>
    public TimeSpan DrillCheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often unacknowledged alerts are checked for escalation.</summary>
    public TimeSpan EscalationInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Registers emergency plans and drills, the duty rota and change notices (GB/T 38249 7.2, 7.5, 7.6).</summary>
public static class RoutineServices
{
    public static IServiceCollection AddGovGuardOperations(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        EmergencyService.RegisterAuditKinds();
        RotaService.RegisterAuditKinds();
        ChangeService.RegisterAuditKinds();
        services.AddOptions<RoutineOptions>().Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection("Routine").Bind(o))
            .Validate(o => o.DrillCheckInterval > TimeSpan.Zero && o.EscalationInterval > TimeSpan.Zero, "Routine intervals must be positive.").ValidateOnStart();
        services.AddOptions<ChangeOptions>().Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection("Changes").Bind(o))
            .Validate(o => o.NoticeDays is >= 0 and <= 90 && o.RiskAssessmentDays is >= 1 and <= 365, "Changes:NoticeDays must be 0–90 and RiskAssessmentDays 1–365.").ValidateOnStart();
        services.AddSingleton<RoutineAlerts>();
        services.AddSingleton<DrillChecker>();
        services.AddSingleton<EscalationSweeper>();
        services.AddSingleton<IAlertRecipients, DutyRecipients>();
        services.AddHostedService<RoutineWorker>();
        services.AddScoped<EmergencyService>();
        services.AddScoped<RotaService>();
        services.AddScoped<ChangeService>();
        services.AddScoped<IAutomaticEvidenceSource, RoutineEvidenceSource>();
        services.AddScoped<IOperationReportSection, DrillReportSection>();
        services.AddScoped<IOperationReportSection, ChangeReportSection>();
        services.AddScoped<IOperationReportSection, DutyReportSection>();
        return services;
    }
}

/// <summary>Runs the routine checks on their schedule: overdue drills (7.5 b) and escalation of unacknowledged alerts (7.5 c).</summary>
public sealed partial class RoutineWorker(DrillChecker drills, EscalationSweeper escalation, TimeProvider time, IOptions<RoutineOptions> options, ILogger<RoutineWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        LoopAsync(options.Value.DrillCheckInterval, drills.CheckAllAsync, "drill check", stoppingToken),
        LoopAsync(options.Value.EscalationInterval, escalation.SweepAsync, "escalation", stoppingToken));

    private async Task LoopAsync(TimeSpan interval, Func<CancellationToken, Task<int>> work, string name, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    await work(ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(logger, ex, name);
                }

                await Task.Delay(interval, time, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 5600, Level = LogLevel.Error, Message = "The routine {Check} failed; it runs again")]
    private static partial void LogFailed(ILogger logger, Exception ex, string check);
}
