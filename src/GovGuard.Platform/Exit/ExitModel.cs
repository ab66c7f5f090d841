using GovGuard.Catalog;

namespace GovGuard.Platform.Exit;

/// <summary>What is handed back at the exit (8.2.2 a, 8.3.3).</summary>
public enum HandoverKind
{
    [Term("dataset", "数据集", "Dataset")]
    Dataset,

    [Term("document", "文档资料", "Document")]
    Document,

    [Term("history", "历史数据", "History")]
    History,

    [Term("archive", "归档数据", "Archive")]
    Archive,
}

/// <summary>The kinds of exit record besides the plan, the inventory and the return checks (8.2.2 b, 8.2.4, 8.3.5).</summary>
public enum ExitRecordKind
{
    /// <summary>The plan for deleting the customer's data, backups and media (8.3.5).</summary>
    [Term("deletion_plan", "数据清除方案", "Deletion plan")]
    DeletionPlan,

    /// <summary>The customer's written authorisation to destroy (8.3.5): a signed document and a customer administrator's record.</summary>
    [Term("authorisation", "客户书面授权", "Customer's written authorisation")]
    Authorisation,

    /// <summary>One storage medium or backup wiped (8.2.2 b).</summary>
    [Term("destruction", "数据清除执行记录", "Destruction record")]
    Destruction,

    /// <summary>The assessor's verification that the destruction was done (8.3.5).</summary>
    [Term("destruction_verification", "清除结果核验", "Destruction verification")]
    DestructionVerification,

    /// <summary>A fetch of an old endpoint, showing whether it still serves the customer's content.</summary>
    [Term("post_exit_check", "退出后访问核查", "Post-exit check")]
    PostExitCheck,

    /// <summary>The third-party assessor's audit of the exit (8.2.4).</summary>
    [Term("exit_audit", "退出审计", "Exit audit")]
    ExitAudit,

    /// <summary>The final report of the exit.</summary>
    [Term("final_report", "退出总结报告", "Final report")]
    FinalReport,

    /// <summary>Availability and continuity confirmed after moving out (8.3.1 c).</summary>
    [Term("continuity", "业务连续性确认", "Service continuity confirmed")]
    Continuity,
}

/// <summary>Where a destruction took place.</summary>
public enum DestructionTarget
{
    [Term("storage_medium", "存储介质", "Storage medium")]
    StorageMedium,

    [Term("backup", "备份", "Backup")]
    Backup,
}

/// <summary>The exit plan (8.3.2) with the conditions the contract set (8.3.1 a); one per website, approved by a customer administrator.</summary>
public sealed class ExitPlan
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public required string Roles { get; set; }

    public required string Schedule { get; set; }

    public required string ContractConditions { get; set; }

    public Guid? EvidenceId { get; set; }

    public required string Sha256 { get; set; }

    public Guid ByUserId { get; set; }

    public required string ByName { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid? ApprovedByUserId { get; set; }

    public string? ApprovedByName { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>One item to hand back, with its owner and, once the provider hands it over, the manifest it is expected to match.</summary>
public sealed class HandoverItem
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public HandoverKind Kind { get; set; }

    public required string Name { get; set; }

    /// <summary>Who answers for it (a person or a unit, as written).</summary>
    public required string Owner { get; set; }

    public string? ExpectedManifestSha256 { get; set; }

    public string? ExpectedSelfHash { get; set; }

    public string? Algorithm { get; set; }

    public long? ExpectedEntries { get; set; }

    public string? HandedOverByName { get; set; }

    public DateTimeOffset? HandedOverAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Guid CreatedByUserId { get; set; }
}

/// <summary>
/// One check of returned data against its expected manifest (8.2.1 b, 8.3.4), kept as signed evidence: the signature
/// is the SM3 digest of the canonical result (item, both manifests, every count and listed difference, the verifying
/// user, the time) and that digest is written into the SM3-chained audit log in the same transaction.
/// </summary>
public sealed class DataReturnCheck
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public Guid ItemId { get; set; }

    /// <summary><c>manifest</c> or <c>verify_result</c>.</summary>
    public required string Source { get; set; }

    public required string ReceivedSha256 { get; set; }

    public bool Match { get; set; }

    public int Missing { get; set; }

    public int Extra { get; set; }

    public int Altered { get; set; }

    public required string Differences { get; set; }

    /// <summary>SM3 of the canonical result, lower-case hex.</summary>
    public required string Signature { get; set; }

    /// <summary>SHA-256 of the same canonical result (what the certificate lists).</summary>
    public required string Sha256 { get; set; }

    public Guid ByUserId { get; set; }

    public required string ByName { get; set; }

    public Guid ByOrganisationId { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>One exit record: deletion plan, authorisation, destruction, verification, post-exit check, audit, report; never edited.</summary>
public sealed class ExitRecord
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public ExitRecordKind Kind { get; set; }

    public required string Title { get; set; }

    public string? Text { get; set; }

    /// <summary>Destruction: what was wiped (the medium's or backup's name) and where.</summary>
    public string? Target { get; set; }

    public DestructionTarget? TargetKind { get; set; }

    /// <summary>Destruction: how (e.g. overwrite three passes, degauss, shred).</summary>
    public string? Method { get; set; }

    /// <summary>Verifications, checks and audits: whether they passed.</summary>
    public bool? Passed { get; set; }

    /// <summary>Post-exit check: the endpoint fetched.</summary>
    public string? Url { get; set; }

    /// <summary>An uploaded document (the signed authorisation, a report), in the evidence store by SHA-256.</summary>
    public string? FileSha256 { get; set; }

    public string? FileName { get; set; }

    public Guid ByUserId { get; set; }

    public required string ByName { get; set; }

    public Guid ByOrganisationId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>SHA-256 of the record's canonical content.</summary>
    public required string Sha256 { get; set; }
}
