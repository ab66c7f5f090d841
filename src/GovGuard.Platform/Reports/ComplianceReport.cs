using System.Text.Json.Serialization;
using GovGuard.Catalog;
using GovGuard.Platform.Common;

namespace GovGuard.Platform.Reports;

/// <summary>Why a duty counts as a gap in the compliance report.</summary>
public enum GapReason
{
    /// <summary>Not started, in progress or only partially implemented.</summary>
    [Term("not_implemented", "尚未落实", "Not implemented")]
    NotImplemented,

    [Term("non_compliant", "不符合", "Non-compliant")]
    NonCompliant,

    /// <summary>No evidence item whose latest verdict is "accepted", and no satisfied automatic evidence.</summary>
    [Term("no_accepted_evidence", "无评审通过的证据", "No accepted evidence")]
    NoAcceptedEvidence,
}

/// <summary>
/// A website's compliance with GB/T 38249-2019 at one moment: every duty by phase and responsible role, with its
/// status, evidence (hashes, age), the assessor's verdicts, the gaps, and the phase sign-offs. Codes are wire codes;
/// the HTML, CSV, Excel and PDF forms name them in the reader's language.
/// </summary>
public sealed record ComplianceReport(
    ReportWebsite Website,
    DateTimeOffset GeneratedAt,
    string GeneratedByName,
    string? GeneratedByOrganisationName,
    string? Phase,
    IReadOnlyList<ReportParticipant> Participants,
    IReadOnlyList<ReportPhase> Phases,
    IReadOnlyList<ReportGap> Gaps,
    IReadOnlyList<ReportSignOff> SignOffs)
{
    /// <summary>Every duty of the report, in the standard's order within each phase and role.</summary>
    [JsonIgnore]
    public IEnumerable<ReportDuty> Duties => Phases.SelectMany(p => p.Roles).SelectMany(r => r.Duties);
}

/// <summary>The website the report is about, as registered.</summary>
public sealed record ReportWebsite(
    Guid Id,
    string Name,
    IReadOnlyList<string> Domains,
    string? SiteCode,
    int ProtectionLevel,
    string ServiceModel,
    string DeploymentModel,
    string LifecycleState,
    string? CustomerName);

/// <summary>An organisation taking part: the owning customer, or one engaged in a role (GB/T 38249 4.1).</summary>
public sealed record ReportParticipant(string Role, Guid OrganisationId, string OrganisationName, DateTimeOffset? Since, string? ContractReference);

/// <summary>One lifecycle phase: counts per status, gaps, and the duties grouped by responsible role.</summary>
public sealed record ReportPhase(string Phase, bool Reached, IReadOnlyDictionary<string, int> Counts, int Total, int Gaps, IReadOnlyList<ReportRoleGroup> Roles);

/// <summary>The duties of one phase that fall first on one role.</summary>
public sealed record ReportRoleGroup(string Role, IReadOnlyList<ReportDuty> Duties);

/// <summary>One duty of the website as it stands.</summary>
public sealed record ReportDuty(
    string DutyId,
    string Section,
    string Phase,
    Text Title,
    string ResponsibleRole,
    Guid? ResponsibleOrganisationId,
    string? ResponsibleOrganisationName,
    string Status,
    string? Justification,
    string? OwnerName,
    DateOnly? DueDate,
    string? Verdict,
    bool HasAcceptedEvidence,
    IReadOnlyList<string> GapReasons,
    IReadOnlyList<ReportEvidence> Evidence,
    IReadOnlyList<ReportAutomaticEvidence> Automatic)
{
    public bool IsGap => GapReasons.Count > 0;
}

/// <summary>One evidence item with its hashes, age (whole days at report time) and review history (newest first).</summary>
public sealed record ReportEvidence(
    Guid Id,
    string Kind,
    string Title,
    string? FileName,
    string? FileType,
    long? Size,
    string Sha256,
    string Sm3,
    string UploadedByName,
    string? UploadedByOrganisationName,
    DateTimeOffset UploadedAt,
    int AgeDays,
    string? Verdict,
    IReadOnlyList<ReportReview> Reviews);

/// <summary>One verdict of the assessor on an evidence item.</summary>
public sealed record ReportReview(string Verdict, string? Note, string ReviewerName, string? ReviewerOrganisationName, DateTimeOffset At);

/// <summary>What a monitor or record showed for a duty, as of <see cref="ObservedAt"/>.</summary>
public sealed record ReportAutomaticEvidence(string Source, bool Satisfied, Text Summary, DateTimeOffset ObservedAt, int AgeDays);

/// <summary>A duty that is not implemented, non-compliant, or without accepted evidence (not-applicable duties never are).</summary>
public sealed record ReportGap(string DutyId, string Phase, Text Title, string ResponsibleRole, string? ResponsibleOrganisationName, string Status, IReadOnlyList<string> Reasons);

/// <summary>A phase sign-off with its hashes and whether they still verify against the stored snapshot.</summary>
/// <remarks><c>ChangedSince</c>: the phase's duties, evidence or verdicts differ now from what was signed.</remarks>
public sealed record ReportSignOff(
    Guid Id,
    string Phase,
    string SignedByName,
    string? SignedByOrganisationName,
    DateTimeOffset SignedAt,
    string Statement,
    string Sha256,
    string Sm3,
    bool Valid,
    bool ChangedSince);
