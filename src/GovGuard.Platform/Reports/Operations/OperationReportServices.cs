using GovGuard.Platform.Audit;
using GovGuard.Platform.Evidence;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Reports.Operations;

/// <summary>The periodic security operation report: building, storing as a record, and the automatic evidence it gives.</summary>
public static class OperationReportServices
{
    /// <summary>Audit kind of a report stored as a record.</summary>
    public const string StoredKind = "report.operation_stored";

    public static IServiceCollection AddGovGuardOperationReports(this IServiceCollection services)
    {
        AuditKinds.Register(new AuditKind(StoredKind, new("存档安全运行报告", "Operation report stored"), true));
        services.AddScoped<OperationReportBuilder>();
        services.AddScoped<OperationReportService>();
        services.AddScoped<IAutomaticEvidenceSource, OperationReportEvidence>();
        services.AddSingleton<IEvidenceLinkTarget, OperationReportLinkTarget>();
        return services;
    }
}
