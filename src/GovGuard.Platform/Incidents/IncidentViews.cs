using GovGuard.Catalog;
using GovGuard.Platform.Common;
using GovGuard.Platform.Improvement;

namespace GovGuard.Platform.Incidents;

/// <summary>How long an incident has been (or was) in one stage.</summary>
public sealed record StageClock(string Stage, DateTimeOffset? EnteredAt, TimeSpan? Duration, bool Current);

/// <summary>An incident as callers see it, with its stage clocks and totals.</summary>
public sealed record IncidentView(
    Guid Id,
    Guid WebsiteId,
    string WebsiteName,
    string Title,
    string? Description,
    string Category,
    string Grade,
    string Stage,
    DateTimeOffset DetectedAt,
    DateTimeOffset? AnalysedAt,
    DateTimeOffset? ContainedAt,
    DateTimeOffset? RecoveredAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<StageClock> Stages,
    TimeSpan? TimeToContain,
    TimeSpan? TimeToRecover,
    TimeSpan Elapsed,
    int OverdueReports,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    int Version);

/// <summary>An alert grouped into the incident.</summary>
public sealed record IncidentAlertView(Guid Id, string Category, string Severity, string State, DateTimeOffset OpenedAt, Text Summary);

/// <summary>An active alert in no incident yet, with the incident category it suggests.</summary>
public sealed record UngroupedAlertView(Guid Id, Guid WebsiteId, string WebsiteName, string Category, string Severity, DateTimeOffset OpenedAt, Text Summary, string SuggestedCategory);

/// <summary>One timeline entry.</summary>
public sealed record IncidentEntryView(long Id, DateTimeOffset At, string Kind, string Actor, string? Organisation, string Text);

/// <summary>A required report and whether it was made in time.</summary>
public sealed record ReportTaskView(
    Guid Id,
    Guid IncidentId,
    string Recipient,
    DateTimeOffset DueAt,
    DateTimeOffset? DoneAt,
    string? DoneBy,
    string? ReportedTo,
    string? Summary,
    bool Overdue,
    int Version);

/// <summary>A file attached to the incident.</summary>
public sealed record IncidentFileView(Guid Id, string Title, string FileName, string FileType, long Size, string Sha256, string Sm3, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>The post-incident review.</summary>
public sealed record IncidentReviewView(string Cause, string Impact, string WhatWorked, string Lessons, string ReviewedBy, DateTimeOffset ReviewedAt);

/// <summary>An incident with everything recorded about it, and what the caller may do.</summary>
public sealed record IncidentDetail(
    IncidentView Incident,
    IReadOnlyList<IncidentAlertView> Alerts,
    IReadOnlyList<IncidentEntryView> Timeline,
    IReadOnlyList<ReportTaskView> Reports,
    IReadOnlyList<IncidentFileView> Files,
    IncidentReviewView? Review,
    IReadOnlyList<ImprovementActionView> Actions,
    bool CanEdit);

/// <summary>A report task with its incident, for the overdue list.</summary>
public sealed record OverdueReportView(ReportTaskView Task, Guid WebsiteId, string WebsiteName, string IncidentTitle, string Grade);

/// <summary>What a caller sends to open an incident by hand (alerts optional).</summary>
public sealed record IncidentInput(string? Title, string? Description, string? Category, string? Grade, DateTimeOffset? DetectedAt = null, IReadOnlyList<Guid>? AlertIds = null);

/// <summary>What a caller sends to open an incident from alerts of one website; category and title are suggested when left out.</summary>
public sealed record FromAlertsInput(IReadOnlyList<Guid>? AlertIds, string? Grade, string? Title = null, string? Category = null, string? Description = null);

/// <summary>Moves an incident forward to <see cref="To"/>, with a note.</summary>
public sealed record IncidentStageInput(string? To, string? Note);

/// <summary>A hand-written timeline entry: what was done.</summary>
public sealed record IncidentEntryInput(string? Text);

/// <summary>Changes grade and/or category, with the reason.</summary>
public sealed record IncidentRegradeInput(string? Grade, string? Category, string? Note);

/// <summary>Links more alerts of the same website.</summary>
public sealed record LinkAlertsInput(IReadOnlyList<Guid>? AlertIds);

/// <summary>Records a required report as made: to whom, what, and when (now when left out).</summary>
public sealed record ReportDoneInput(string? ReportedTo, string? Summary, DateTimeOffset? DoneAt = null);

/// <summary>An improvement action a review's lessons call for.</summary>
public sealed record ImprovementActionDraft(string? Title, Guid? OwnerOrganisationId, DateOnly? DueOn, Guid? OwnerUserId = null, string? Description = null);

/// <summary>The post-incident review; each of <see cref="Actions"/> becomes an improvement action.</summary>
public sealed record IncidentReviewInput(string? Cause, string? Impact, string? WhatWorked, string? Lessons, IReadOnlyList<ImprovementActionDraft>? Actions = null);

/// <summary>A file attached to an incident.</summary>
public sealed record IncidentUpload(string? Title, string? FileName, Stream Content, long? Length);

/// <summary>An attached file opened for download.</summary>
public sealed record IncidentDownload(string FileName, long Size, Stream Content);

/// <summary>Incident list filters.</summary>
public sealed record IncidentFilter(Guid? WebsiteId = null, string? Stage = null, bool? Open = null);

/// <summary>Wire codes of an enum's members, read from their <see cref="TermAttribute"/>, for validation.</summary>
internal static class TermCodes<T>
    where T : struct, Enum
{
    public static IReadOnlyDictionary<string, T> ByCode { get; } = Terms.All<T>().ToDictionary(v => v.ToWire(), StringComparer.Ordinal);
}
