namespace GovGuard.Platform.Changes;

/// <summary>Where a major change notice is.</summary>
public enum ChangeState
{
    /// <summary>Notified by the provider; waiting for the customer (and the supervisor where required).</summary>
    Proposed,

    /// <summary>Approved by the customer: its maintenance window is planned.</summary>
    Approved,

    Rejected,

    /// <summary>Withdrawn by the provider before a decision.</summary>
    Withdrawn,
}

/// <summary>
/// A major change of the cloud platform notified in advance by the provider (GB/T 38249 7.2.2 i), supervised and
/// decided by the customer (7.2.1 e), reviewed by the supervising authority where required.
/// </summary>
public sealed class ChangeNotice
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public required string Title { get; set; }

    public required string Description { get; set; }

    /// <summary>The provider's assessment of the impact on the customer.</summary>
    public required string Impact { get; set; }

    public DateTimeOffset PlannedStart { get; set; }

    public DateTimeOffset PlannedEnd { get; set; }

    /// <summary>The monitors the change affects (silenced during its window); empty: all of the website's.</summary>
    public List<Guid> MonitorIds { get; set; } = [];

    /// <summary>The advance notice the change was held to, in days.</summary>
    public int NoticeDays { get; set; }

    public bool SupervisorReviewRequired { get; set; }

    public ChangeState State { get; set; }

    public required string SubmittedByName { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public string? DecidedByName { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecisionReason { get; set; }

    /// <summary>The supervising authority's review: its reference, outcome and date, as the customer recorded them.</summary>
    public string? SupervisorReference { get; set; }

    public bool? SupervisorApproved { get; set; }

    public DateTimeOffset? SupervisorReviewedAt { get; set; }

    public Guid? MaintenanceWindowId { get; set; }

    public int Version { get; set; }
}

public enum RiskAssessmentState
{
    /// <summary>Raised (after a major change, 7.6 d) and waiting to be done.</summary>
    Pending,

    Completed,
}

public enum RiskLevel
{
    Low,
    Medium,
    High,
}

/// <summary>A risk assessment of a website (GB/T 38249 7.6 d: periodically, and after every major change).</summary>
public sealed class RiskAssessment
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    /// <summary>The major change that raised it; null for a periodic assessment.</summary>
    public Guid? ChangeId { get; set; }

    public required string Title { get; set; }

    public RiskAssessmentState State { get; set; }

    public DateTimeOffset RaisedAt { get; set; }

    public DateOnly DueBy { get; set; }

    public RiskLevel? Level { get; set; }

    public string Findings { get; set; } = string.Empty;

    public string Measures { get; set; } = string.Empty;

    public string? CompletedByName { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public int Version { get; set; }
}
