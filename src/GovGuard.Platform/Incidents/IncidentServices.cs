using GovGuard.Platform.Audit;
using GovGuard.Platform.Evidence;
using GovGuard.Platform.Improvement;
using GovGuard.Platform.Reports.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Incidents;

/// <summary>Registers incidents and inspection and improvement (GB/T 38249 7.3 a, 7.5 d, 7.6, 7.2.1 a).</summary>
public static class IncidentServices
{
    /// <summary>The services, their automatic evidence, their operation report sections; options from <c>GovGuard:Incidents</c>.</summary>
    public static IServiceCollection AddGovGuardIncidents(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        IncidentAudit.Register();
        ImprovementAudit.Register();
        services.AddOptions<IncidentOptions>()
            .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(IncidentOptions.Section).Bind(o))
            .Validate(o => o.IsValid(), "GovGuard:Incidents report times must be between 0 and 30 days.")
            .ValidateOnStart();
        services.AddScoped<ImprovementActions>();
        services.AddScoped<IncidentService>();
        services.AddScoped<ImprovementService>();
        services.AddScoped<IAutomaticEvidenceSource, ImprovementEvidence>();
        services.AddScoped<IOperationReportSection, IncidentReportSection>();
        services.AddScoped<IOperationReportSection, ImprovementReportSection>();
        return services;
    }
}

/// <summary>The audit kinds of incidents.</summary>
public static class IncidentAudit
{
    public const string Created = "incident.created";
    public const string StageChanged = "incident.stage_changed";
    public const string ActionAdded = "incident.action_added";
    public const string Regraded = "incident.regraded";
    public const string AlertsLinked = "incident.alerts_linked";
    public const string ReportDone = "incident.report_done";
    public const string FileAttached = "incident.file_attached";
    public const string Reviewed = "incident.reviewed";

    /// <summary>Adds the kinds to the audit log's list (once, at start-up).</summary>
    public static void Register()
    {
        AuditKinds.Register(new AuditKind(Created, new("创建安全事件", "Incident opened"), true));
        AuditKinds.Register(new AuditKind(StageChanged, new("安全事件阶段变更", "Incident stage changed"), true));
        AuditKinds.Register(new AuditKind(ActionAdded, new("记录事件处置", "Incident action recorded"), false));
        AuditKinds.Register(new AuditKind(Regraded, new("调整事件分级分类", "Incident regraded"), true));
        AuditKinds.Register(new AuditKind(AlertsLinked, new("事件关联告警", "Alerts linked to incident"), false));
        AuditKinds.Register(new AuditKind(ReportDone, new("事件报告完成", "Incident report made"), true));
        AuditKinds.Register(new AuditKind(FileAttached, new("上传事件附件", "Incident file attached"), true));
        AuditKinds.Register(new AuditKind(Reviewed, new("事件事后总结", "Post-incident review"), true));
    }
}
