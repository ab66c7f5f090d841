using GovGuard.Catalog;
using GovGuard.Catalog.Lifecycle;
using GovGuard.Catalog.Roles;

namespace GovGuard.Platform.Compliance;

/// <summary>Where one duty of one website stands (GB/T 38249 chapters 5–8).</summary>
public enum DutyStatus
{
    [Term("not_started", "未开始", "Not started")]
    NotStarted,

    [Term("in_progress", "进行中", "In progress")]
    InProgress,

    [Term("implemented", "已落实", "Implemented")]
    Implemented,

    [Term("partially", "部分落实", "Partially implemented")]
    Partially,

    /// <summary>Does not apply to this website; a justification is required.</summary>
    [Term("not_applicable", "不适用", "Not applicable")]
    NotApplicable,

    [Term("non_compliant", "不符合", "Non-compliant")]
    NonCompliant,
}

/// <summary>
/// One catalog duty materialised for one website: who answers for it (the organisation engaged in the duty's
/// first role, or the owning customer), its status, owner, due date and comments.
/// </summary>
public sealed class DutyAssignment
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    /// <summary>The catalog id, e.g. <c>6.4.2.b</c>.</summary>
    public required string DutyId { get; set; }

    public Phase Phase { get; set; }

    /// <summary>The duty's first role in the catalog: the party the clause names.</summary>
    public Role ResponsibleRole { get; set; }

    /// <summary>The organisation engaged in <see cref="ResponsibleRole"/>; null while nobody is engaged.</summary>
    public Guid? ResponsibleOrganisationId { get; set; }

    public DutyStatus Status { get; set; }

    /// <summary>Why the duty does not apply; required with <see cref="DutyStatus.NotApplicable"/>.</summary>
    public string? Justification { get; set; }

    /// <summary>The person who carries the duty on the responsible side.</summary>
    public Guid? OwnerUserId { get; set; }

    public DateOnly? DueDate { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid? UpdatedByUserId { get; set; }

    /// <summary>Optimistic concurrency: a stale edit is refused, not merged.</summary>
    public int Version { get; set; }
}

/// <summary>A comment on a duty assignment; comments are only ever added.</summary>
public sealed class DutyComment
{
    public Guid Id { get; set; }

    public Guid AssignmentId { get; set; }

    public Guid WebsiteId { get; set; }

    public Guid AuthorUserId { get; set; }

    public required string AuthorName { get; set; }

    public Guid AuthorOrganisationId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Body { get; set; }
}
