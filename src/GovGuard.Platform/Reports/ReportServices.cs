using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Reports;

/// <summary>The compliance report: building it, and printing it to PDF with headless Chromium.</summary>
public static class ReportServices
{
    public static IServiceCollection AddGovGuardReports(this IServiceCollection services)
    {
        services.AddOptions<ReportOptions>()
            .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(ReportOptions.Section).Bind(o))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ChromiumPath) && o.PdfTimeoutSeconds is >= 5 and <= 600 && o.MaxConcurrentPrints is >= 1 and <= 16,
                "GovGuard:Reports: ChromiumPath must be set, PdfTimeoutSeconds 5–600, MaxConcurrentPrints 1–16.")
            .ValidateOnStart();
        services.AddScoped<ComplianceReportService>();
        services.AddSingleton<PdfPrinter>();
        return services;
    }
}
