using GovGuard.Platform.CloudMigration;

namespace GovGuard.Platform.Exit;

public sealed record ExitPlanView(Guid Id, string Roles, string Schedule, string ContractConditions, Guid? EvidenceId, string Sha256, string ByName, DateTimeOffset UpdatedAt, bool Approved, string? ApprovedByName, DateTimeOffset? ApprovedAt, int Version);

public sealed record DataReturnCheckView(Guid Id, Guid ItemId, string Source, bool Match, int Missing, int Extra, int Altered, IReadOnlyList<DifferenceView> Differences, string Signature, string Sha256, string ByName, DateTimeOffset At);

public sealed record HandoverItemView(Guid Id, string Kind, string Name, string Owner, string? ExpectedManifestSha256, string? ExpectedSelfHash, string? Algorithm, long? ExpectedEntries, string? HandedOverByName, DateTimeOffset? HandedOverAt, bool Verified, DataReturnCheckView? LatestCheck);

public sealed record ExitRecordView(Guid Id, string Kind, string Title, string? Text, string? Target, string? TargetKind, string? Method, bool? Passed, string? Url, string? FileSha256, string? FileName, string ByName, DateTimeOffset At, string Sha256);

/// <summary>What the exit records establish for the exit → closed gate, each with the clause it answers.</summary>
public sealed record ExitFactsView(bool PlanApproved, bool DataReturnVerified, bool Authorised, bool DestructionProven, bool ExitAuditDone, bool ContinuityConfirmed);

public sealed record ExitView(
    Guid WebsiteId,
    string WebsiteName,
    string Phase,
    ExitPlanView? Plan,
    IReadOnlyList<HandoverItemView> Items,
    IReadOnlyList<ExitRecordView> Records,
    ExitFactsView Facts,
    bool CanPlan,
    bool CanApprove,
    bool CanHandOver,
    bool CanVerifyReturn,
    bool CanAuthorise,
    bool CanDestroy,
    bool CanAssess);

public sealed record ExitPlanInput(string? Roles, string? Schedule, string? ContractConditions, Guid? EvidenceId = null, int? Version = null);

public sealed record HandoverItemInput(string? Kind, string? Name, string? Owner);

public sealed record ExitRecordInput(string? Kind, string? Title, string? Text = null, string? Target = null, string? TargetKind = null, string? Method = null, bool? Passed = null);

/// <summary>An uploaded file with the name the uploader gave it.</summary>
public sealed record ExitUpload(string? FileName, Stream Content, long? Length);

/// <summary>Fetch <paramref name="Url"/> (an old endpoint) and look for <paramref name="Sample"/> (text of the customer's content).</summary>
public sealed record PostExitCheckInput(string? Url, string? Sample);

/// <summary>One record the destruction certificate rests on, with its SHA-256.</summary>
public sealed record CertificateLine(string Kind, string KindZh, string KindEn, string Title, string? Detail, string ByName, DateTimeOffset At, string Sha256);

/// <summary>The destruction certificate (8.3.5): every record it rests on and their hashes, and a digest over all of them.</summary>
public sealed record DestructionCertificate(Guid WebsiteId, string WebsiteName, string CustomerName, DateTimeOffset IssuedAt, bool Complete, IReadOnlyList<string> MissingZh, IReadOnlyList<string> MissingEn, IReadOnlyList<CertificateLine> Lines, string Digest);
