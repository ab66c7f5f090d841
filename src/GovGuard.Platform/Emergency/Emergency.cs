using GovGuard.Catalog.Incidents;

namespace GovGuard.Platform.Emergency;

/// <summary>Where a version of an emergency plan is.</summary>
public enum PlanState
{
    /// <summary>Being written by the provider; may be incomplete.</summary>
    Draft,

    /// <summary>Approved by the customer's administrator: the plan in force.</summary>
    Approved,

    /// <summary>An approved version replaced by a later approval.</summary>
    Superseded,
}

/// <summary>
/// One version of the emergency plan of a website for one typical incident category (GB/T 38249 7.5 a–b): the six
/// sections the standard names. Versions are numbered per website and category; a new version starts as a draft.
/// </summary>
public sealed class EmergencyPlan
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public IncidentCategory Category { get; set; }

    /// <summary>1, 2, … per website and category.</summary>
    public int Number { get; set; }

    public PlanState State { get; set; }

    public required string Title { get; set; }

    /// <summary>总则.</summary>
    public string General { get; set; } = string.Empty;

    /// <summary>角色及职责.</summary>
    public string Roles { get; set; } = string.Empty;

    /// <summary>预防和预警机制.</summary>
    public string Prevention { get; set; } = string.Empty;

    /// <summary>响应分级.</summary>
    public string Grading { get; set; } = string.Empty;

    /// <summary>处置流程.</summary>
    public string Procedure { get; set; } = string.Empty;

    /// <summary>保障措施.</summary>
    public string Safeguards { get; set; } = string.Empty;

    public required string WrittenByName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? ApprovedByName { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    /// <summary>Optimistic concurrency.</summary>
    public int Version { get; set; }
}

/// <summary>How a drill went.</summary>
public enum DrillResult
{
    /// <summary>The plan worked as written.</summary>
    Effective,

    /// <summary>It worked with gaps the findings name.</summary>
    PartlyEffective,

    /// <summary>The plan did not work; it must be revised.</summary>
    Ineffective,
}

/// <summary>An emergency drill of one incident category (GB/T 38249 7.5 b: each typical category at least every two years).</summary>
public sealed class Drill
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public IncidentCategory Category { get; set; }

    /// <summary>The day it was held (China Standard Time).</summary>
    public DateOnly HeldOn { get; set; }

    public required string Participants { get; set; }

    public required string Scenario { get; set; }

    public DrillResult Result { get; set; }

    public string Findings { get; set; } = string.Empty;

    public required string RecordedByName { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A website's backup strategy (GB/T 38249 6.3.6 a): full plus incremental backups, retention and location.</summary>
public sealed class BackupStrategy
{
    public Guid WebsiteId { get; set; }

    /// <summary>A full backup every so many days.</summary>
    public int FullEveryDays { get; set; }

    /// <summary>An incremental backup every so many hours between full ones.</summary>
    public int IncrementalEveryHours { get; set; }

    public int RetentionDays { get; set; }

    /// <summary>Where backups are kept (a storage name, a region, an off-site copy).</summary>
    public required string Location { get; set; }

    public bool OffSite { get; set; }

    public string Notes { get; set; } = string.Empty;

    public required string UpdatedByName { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>A drill restoring a backup (GB/T 38249 6.3.6 a), with its result.</summary>
public sealed class RestoreDrill
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public DateOnly HeldOn { get; set; }

    /// <summary>Which backup was restored (its date, kind, set).</summary>
    public required string BackupRestored { get; set; }

    public bool Succeeded { get; set; }

    /// <summary>How long the restore took, in minutes.</summary>
    public int DurationMinutes { get; set; }

    /// <summary>Whether the restored data was checked against the original.</summary>
    public bool DataVerified { get; set; }

    public string Findings { get; set; } = string.Empty;

    public required string RecordedByName { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
