using GovGuard.Platform.Common;

namespace GovGuard.Platform.Changes;

public sealed record ChangeView(
    Guid Id, Guid WebsiteId, string Title, string Description, string Impact, DateTimeOffset PlannedStart, DateTimeOffset PlannedEnd,
    IReadOnlyList<Guid> MonitorIds, int NoticeDays, bool SupervisorReviewRequired, string State, string SubmittedBy, DateTimeOffset SubmittedAt,
    string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionReason, string? SupervisorReference, bool? SupervisorApproved, DateTimeOffset? SupervisorReviewedAt,
    Guid? MaintenanceWindowId, Guid? RiskAssessmentId, int Version)
{
    internal static ChangeView Of(ChangeNotice c, Guid? risk) => new(
        c.Id, c.WebsiteId, c.Title, c.Description, c.Impact, c.PlannedStart, c.PlannedEnd, c.MonitorIds, c.NoticeDays, c.SupervisorReviewRequired,
        WireCodes<ChangeState>.Code(c.State), c.SubmittedByName, c.SubmittedAt, c.DecidedByName, c.DecidedAt, c.DecisionReason,
        c.SupervisorReference, c.SupervisorApproved, c.SupervisorReviewedAt, c.MaintenanceWindowId, risk, c.Version);
}

/// <summary>What the provider sends to notify a major change.</summary>
public sealed record ChangeInput(string? Title, string? Description, string? Impact, DateTimeOffset? PlannedStart, DateTimeOffset? PlannedEnd,
    IReadOnlyList<Guid>? MonitorIds = null, bool? SupervisorReviewRequired = null);

/// <summary>The customer's decision: approve or reject (a reason is required to reject).</summary>
public sealed record DecisionInput(string? Decision, string? Reason, int? Version = null);

/// <summary>The supervising authority's review as the customer records it.</summary>
public sealed record SupervisorReviewInput(bool? Approved, string? Reference);

public sealed record RiskAssessmentView(
    Guid Id, Guid WebsiteId, Guid? ChangeId, string Title, string State, DateTimeOffset RaisedAt, DateOnly DueBy, bool Overdue,
    string? Level, string Findings, string Measures, string? CompletedBy, DateTimeOffset? CompletedAt, int Version);

/// <summary>What the customer sends to complete a risk assessment, or to record a periodic one.</summary>
public sealed record RiskAssessmentInput(string? Title, string? Level, string? Findings, string? Measures, int? Version = null);

public sealed record ChangesOverview(IReadOnlyList<ChangeView> Changes, IReadOnlyList<RiskAssessmentView> RiskAssessments, int NoticeDays, bool CanNotify, bool CanDecide);
