using GovGuard.Catalog;

namespace GovGuard.Platform.Improvement;

/// <summary>Where an improvement action came from (GB/T 38249 7.6 b, e).</summary>
public enum ImprovementSource
{
    [Term("incident_review", "事件总结", "Incident review")]
    IncidentReview,

    [Term("inspection", "安全检查", "Security inspection")]
    Inspection,

    [Term("risk_assessment", "风险评估", "Risk assessment")]
    RiskAssessment,

    [Term("manual", "手工登记", "Entered by hand")]
    Manual,
}

/// <summary>Where an improvement action is; only <see cref="Closed"/> is final and needs a closing note.</summary>
public enum ImprovementStatus
{
    [Term("open", "待整改", "Open")]
    Open,

    [Term("in_progress", "整改中", "In progress")]
    InProgress,

    [Term("closed", "已完成", "Closed")]
    Closed,
}

/// <summary>How often an inspection plan asks for an inspection.</summary>
public enum InspectionFrequency
{
    [Term("monthly", "每月", "Monthly")]
    Monthly,

    [Term("quarterly", "每季度", "Quarterly")]
    Quarterly,

    [Term("half_yearly", "每半年", "Every six months")]
    HalfYearly,

    [Term("yearly", "每年", "Yearly")]
    Yearly,
}

/// <summary>What a confidentiality review of the data on the cloud concluded (7.2.1 a).</summary>
public enum ConfidentialityResult
{
    /// <summary>Nothing on the cloud is a state secret.</summary>
    [Term("clear", "未发现涉密内容", "No state secret found")]
    Clear,

    /// <summary>Something was found and has to be removed (an improvement action follows).</summary>
    [Term("issues_found", "发现问题需整改", "Issues found")]
    IssuesFound,
}

/// <summary>One improvement (7.6 b, e) with an owner and a due date, tracked to closure with a closing note.</summary>
public sealed class ImprovementAction
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public ImprovementSource Source { get; set; }

    /// <summary>The incident, inspection or assessment it came from.</summary>
    public Guid? SourceId { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public Guid OwnerOrganisationId { get; set; }

    public Guid? OwnerUserId { get; set; }

    public DateOnly DueOn { get; set; }

    public ImprovementStatus Status { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? ClosingNote { get; set; }

    public string? ClosedByName { get; set; }

    public Guid CreatedByUserId { get; set; }

    public required string CreatedByName { get; set; }

    public Guid CreatedByOrganisationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>A security inspection plan and method (7.6 a), repeated at <see cref="Frequency"/> from <see cref="StartsOn"/>.</summary>
public sealed class InspectionPlan
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public required string Title { get; set; }

    public required string Scope { get; set; }

    /// <summary>The inspection method (检查方案): what is checked and how.</summary>
    public required string Method { get; set; }

    public InspectionFrequency Frequency { get; set; }

    public DateOnly StartsOn { get; set; }

    public bool Active { get; set; }

    public Guid CreatedByOrganisationId { get; set; }

    public required string CreatedByName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>An inspection done and its report (7.6 b); its findings become improvement actions.</summary>
public sealed class Inspection
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public Guid? PlanId { get; set; }

    public DateOnly PerformedOn { get; set; }

    public required string Inspectors { get; set; }

    public required string Scope { get; set; }

    /// <summary>The inspection report: results collated and analysed.</summary>
    public required string Report { get; set; }

    public Guid RecordedByUserId { get; set; }

    public required string RecordedByName { get; set; }

    public Guid RecordedByOrganisationId { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>One version of the website's business continuity plan (7.6 c); versions are only added.</summary>
public sealed class ContinuityPlanVersion
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public int Number { get; set; }

    public required string ImpactAnalysis { get; set; }

    public required string RiskAssessment { get; set; }

    public required string Team { get; set; }

    public required string TestsAndDrills { get; set; }

    public required string Steps { get; set; }

    public Guid SavedByUserId { get; set; }

    public required string SavedByName { get; set; }

    public Guid SavedByOrganisationId { get; set; }

    public DateTimeOffset SavedAt { get; set; }
}

/// <summary>A periodic confidentiality review of the data and services on the cloud (7.2.1 a).</summary>
public sealed class ConfidentialityReview
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public DateOnly ReviewedOn { get; set; }

    public required string Scope { get; set; }

    public required string Reviewers { get; set; }

    public ConfidentialityResult Result { get; set; }

    public string? Note { get; set; }

    public Guid RecordedByUserId { get; set; }

    public required string RecordedByName { get; set; }

    public Guid RecordedByOrganisationId { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
