using GovGuard.Catalog;
using GovGuard.Catalog.Incidents;

namespace GovGuard.Platform.Incidents;

/// <summary>
/// The stages of an incident (GB/T 38249 7.3 a: prevention, detection, analysis, containment, recovery, tracking and
/// records). An incident only moves forward; <see cref="Closed"/> needs a post-incident review.
/// </summary>
public enum IncidentStage
{
    [Term("detected", "已发现", "Detected")]
    Detected,

    [Term("analysed", "已研判", "Analysed")]
    Analysed,

    [Term("contained", "已控制", "Contained")]
    Contained,

    [Term("recovered", "已恢复", "Recovered")]
    Recovered,

    [Term("closed", "已关闭", "Closed")]
    Closed,
}

/// <summary>Who a required report goes to (GB/T 38249 6.3.6 a 4, 6.3.6 b).</summary>
public enum ReportRecipient
{
    /// <summary>The provider tells the customer at once (6.3.6 b).</summary>
    [Term("customer", "云服务客户", "Cloud service customer")]
    Customer,

    /// <summary>The competent supervising authority (主管监管部门, for example the cyberspace administration).</summary>
    [Term("supervisor", "主管监管部门", "Supervising authority")]
    Supervisor,

    /// <summary>The emergency management departments (应急管理部门), for severe incidents.</summary>
    [Term("emergency_management", "应急管理部门", "Emergency management department")]
    EmergencyManagement,
}

/// <summary>What one timeline entry records.</summary>
public enum IncidentEntryKind
{
    [Term("created", "创建事件", "Incident opened")]
    Created,

    [Term("stage", "阶段变更", "Stage change")]
    Stage,

    [Term("action", "处置记录", "Action")]
    Action,

    [Term("alert_linked", "关联告警", "Alert linked")]
    AlertLinked,

    [Term("regraded", "调整分级或分类", "Grade or category changed")]
    Regraded,

    [Term("report", "报告", "Report made")]
    Report,

    [Term("file", "附件", "File attached")]
    File,

    [Term("review", "事后总结", "Post-incident review")]
    Review,
}

/// <summary>
/// A security incident of one website (GB/T 38249 7.3 a, 7.5 d): graded by the national network security incident
/// emergency plan, categorised, moved through its stages with the entry time of each kept for the stage clocks.
/// </summary>
public sealed class Incident
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public IncidentCategory Category { get; set; }

    public IncidentGrade Grade { get; set; }

    public IncidentStage Stage { get; set; }

    /// <summary>When the problem was first seen (the earliest linked alert, or what the reporter says); deadlines count from here.</summary>
    public DateTimeOffset DetectedAt { get; set; }

    public DateTimeOffset? AnalysedAt { get; set; }

    public DateTimeOffset? ContainedAt { get; set; }

    public DateTimeOffset? RecoveredAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public Guid CreatedByUserId { get; set; }

    public required string CreatedByName { get; set; }

    public Guid CreatedByOrganisationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Version { get; set; }

    /// <summary>When the incident entered <paramref name="stage"/>, or null when it has not yet.</summary>
    public DateTimeOffset? EnteredAt(IncidentStage stage) => stage switch
    {
        IncidentStage.Detected => DetectedAt,
        IncidentStage.Analysed => AnalysedAt,
        IncidentStage.Contained => ContainedAt,
        IncidentStage.Recovered => RecoveredAt,
        _ => ClosedAt,
    };

    internal void Enter(IncidentStage stage, DateTimeOffset at)
    {
        switch (stage)
        {
            case IncidentStage.Analysed:
                AnalysedAt = at;
                break;
            case IncidentStage.Contained:
                ContainedAt = at;
                break;
            case IncidentStage.Recovered:
                RecoveredAt = at;
                break;
            case IncidentStage.Closed:
                ClosedAt = at;
                break;
            default:
                DetectedAt = at;
                break;
        }

        Stage = stage;
    }
}

/// <summary>An alert grouped into an incident; an alert belongs to at most one incident (unique on <see cref="AlertId"/>).</summary>
public sealed class IncidentAlert
{
    public Guid IncidentId { get; set; }

    public Guid AlertId { get; set; }

    public DateTimeOffset LinkedAt { get; set; }
}

/// <summary>One entry of an incident's timeline: who (and for which organisation) did what, when. GovGuard's own entries have no user.</summary>
public sealed class IncidentEntry
{
    public long Id { get; set; }

    public Guid IncidentId { get; set; }

    public DateTimeOffset At { get; set; }

    public IncidentEntryKind Kind { get; set; }

    public Guid? ActorUserId { get; set; }

    public required string ActorName { get; set; }

    public Guid? ActorOrganisationId { get; set; }

    public string? ActorOrganisationName { get; set; }

    public required string Text { get; set; }
}

/// <summary>A file attached to an incident (screenshots, logs, forensic notes), in the evidence store by content.</summary>
public sealed class IncidentFile
{
    public Guid Id { get; set; }

    public Guid IncidentId { get; set; }

    public Guid WebsiteId { get; set; }

    public required string Title { get; set; }

    public required string FileName { get; set; }

    public required string FileType { get; set; }

    public long Size { get; set; }

    public required string Sha256 { get; set; }

    public required string Sm3 { get; set; }

    public Guid UploadedByUserId { get; set; }

    public required string UploadedByName { get; set; }

    public Guid UploadedByOrganisationId { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>A report the incident's grade requires, with its deadline; done when someone records who was told what.</summary>
public sealed class IncidentReportTask
{
    public Guid Id { get; set; }

    public Guid IncidentId { get; set; }

    public Guid WebsiteId { get; set; }

    public ReportRecipient Recipient { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset? DoneAt { get; set; }

    public Guid? DoneByUserId { get; set; }

    public string? DoneByName { get; set; }

    public Guid? DoneByOrganisationId { get; set; }

    /// <summary>Whom exactly the report went to (office, person, channel).</summary>
    public string? ReportedTo { get; set; }

    public string? Summary { get; set; }

    public int Version { get; set; }

    public bool IsOverdue(DateTimeOffset now) => DoneAt is null ? now > DueAt : DoneAt > DueAt;
}

/// <summary>The post-incident review: cause, impact, what worked and the lessons (whose actions become improvement actions, 7.6).</summary>
public sealed class IncidentReview
{
    public Guid IncidentId { get; set; }

    public required string Cause { get; set; }

    public required string Impact { get; set; }

    public required string WhatWorked { get; set; }

    public required string Lessons { get; set; }

    public Guid ReviewedByUserId { get; set; }

    public required string ReviewedByName { get; set; }

    public Guid ReviewedByOrganisationId { get; set; }

    public DateTimeOffset ReviewedAt { get; set; }
}
