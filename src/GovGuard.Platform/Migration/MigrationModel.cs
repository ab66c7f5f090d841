using GovGuard.Catalog;

namespace GovGuard.Platform.CloudMigration;

/// <summary>The kinds of migration record people write (GB/T 38249 6.3, 6.4); backups, rollbacks, trials and the verdict have their own.</summary>
public enum MigrationRecordKind
{
    /// <summary>One item of the preparation checklist, 6.3.1 a–g (the item is the clause, e.g. <c>6.3.1.c</c>).</summary>
    [Term("preparation", "迁移准备", "Preparation item")]
    Preparation,

    [Term("switchover_plan", "切换方案", "Switchover plan")]
    SwitchoverPlan,

    [Term("switchover_test", "切换测试结果", "Switchover test result")]
    SwitchoverTest,

    [Term("rollback_plan", "回退方案", "Rollback plan")]
    RollbackPlan,

    [Term("trial_security_test", "试运行安全测试结果", "Trial security test result")]
    TrialSecurityTest,

    [Term("trial_log_review", "试运行日志审查", "Trial log review")]
    TrialLogReview,

    [Term("acceptance_requirements", "验收要求", "Acceptance requirements")]
    AcceptanceRequirements,

    [Term("acceptance_test", "验收测试结果", "Acceptance test result")]
    AcceptanceTest,

    /// <summary>The protection level determined again after the acceptance test and filed (6.4.2 c).</summary>
    [Term("level_reconfirmation", "重新定级备案", "Level re-confirmation")]
    LevelReconfirmation,

    /// <summary>One delivery document of 6.4.3 (the item is its <see cref="DeliveryDocument"/> code).</summary>
    [Term("delivery_document", "实施成果文档", "Delivery document")]
    DeliveryDocument,
}

/// <summary>The documents the suppliers hand over after implementation (6.4.3).</summary>
public enum DeliveryDocument
{
    [Term("implementation_plan", "实施方案", "Implementation plan")]
    ImplementationPlan,

    [Term("resource_list", "资源清单", "Resource list")]
    ResourceList,

    [Term("configuration_list", "配置清单", "Configuration list")]
    ConfigurationList,

    [Term("manual", "操作手册", "Manual")]
    Manual,

    [Term("contingency_plan", "应急预案", "Contingency plan")]
    ContingencyPlan,
}

/// <summary>Why a backup was taken.</summary>
public enum BackupPurpose
{
    /// <summary>Before migrating (6.3.1 b).</summary>
    [Term("pre_migration", "迁移前备份", "Before migration")]
    PreMigration,

    /// <summary>During the trial run, at the raised frequency (6.4.1).</summary>
    [Term("trial", "试运行期间备份", "During the trial run")]
    Trial,

    /// <summary>Before the exit (8.2.1 a).</summary>
    [Term("pre_exit", "退出前备份", "Before exit")]
    PreExit,
}

/// <summary>One migration record: a checklist item, a plan, a test result, a review, a document; never edited once stored.</summary>
public sealed class MigrationRecord
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public MigrationRecordKind Kind { get; set; }

    /// <summary>The checklist clause (<c>6.3.1.a</c>…) or the delivery document code; null for the other kinds.</summary>
    public string? Item { get; set; }

    public required string Title { get; set; }

    public string? Text { get; set; }

    /// <summary>Test results, checks and reviews: whether they passed; null where that does not apply.</summary>
    public bool? Passed { get; set; }

    /// <summary>An evidence item of the website that shows it.</summary>
    public Guid? EvidenceId { get; set; }

    public Guid ByUserId { get; set; }

    public required string ByName { get; set; }

    public Guid ByOrganisationId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>SHA-256 of the record's canonical content: what a verdict or a certificate pins.</summary>
    public required string Sha256 { get; set; }
}

/// <summary>A backup with the manifest of what it holds, so that a restore can be verified against it (6.3.1 b, 6.3.4, 8.2.1 a).</summary>
public sealed class Backup
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public BackupPurpose Purpose { get; set; }

    public required string Label { get; set; }

    /// <summary>SHA-256 of the uploaded manifest file (its name in the manifest store).</summary>
    public required string ManifestSha256 { get; set; }

    /// <summary>The manifest's own hash, from its closing line.</summary>
    public required string ManifestSelfHash { get; set; }

    public required string Algorithm { get; set; }

    public long Entries { get; set; }

    public DateTimeOffset TakenAt { get; set; }

    public Guid ByUserId { get; set; }

    public required string ByName { get; set; }

    public Guid ByOrganisationId { get; set; }
}

/// <summary>A rollback that was carried out, with the restore from backup checked against the backup's manifest (6.3.4).</summary>
public sealed class Rollback
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public Guid BackupId { get; set; }

    public required string Reason { get; set; }

    /// <summary><c>manifest</c> (of the restored tree) or <c>verify_result</c> (the JSON of <c>manifest verify</c>).</summary>
    public required string Source { get; set; }

    public required string ReceivedSha256 { get; set; }

    public bool Match { get; set; }

    public int Missing { get; set; }

    public int Extra { get; set; }

    public int Altered { get; set; }

    /// <summary>The differences as JSON (at most <see cref="ManifestUploads.MaxListed"/>).</summary>
    public required string Differences { get; set; }

    public Guid ByUserId { get; set; }

    public required string ByName { get; set; }

    public Guid ByOrganisationId { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>The trial run (6.4.1): its plan and period; monitors check more often while it lasts.</summary>
public sealed class TrialRun
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public required string Plan { get; set; }

    public Guid? PlanEvidenceId { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    /// <summary>The check interval every enabled monitor of the website runs at during the trial.</summary>
    public int IntervalSeconds { get; set; }

    /// <summary>The raised backup frequency agreed for the trial, in hours between backups.</summary>
    public int BackupEveryHours { get; set; }

    /// <summary>When the raised intervals were put back (the trial's end, or ended early).</summary>
    public DateTimeOffset? RevertedAt { get; set; }

    public Guid ByUserId { get; set; }

    public required string ByName { get; set; }

    public Guid ByOrganisationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One monitor's interval raised for a trial, with the interval to put back.</summary>
public sealed class TrialMonitorChange
{
    public Guid Id { get; set; }

    public Guid TrialId { get; set; }

    public Guid MonitorId { get; set; }

    public int PreviousIntervalSeconds { get; set; }

    public int RaisedIntervalSeconds { get; set; }

    public DateTimeOffset? RevertedAt { get; set; }
}

/// <summary>The engaged assessor's verdict on the acceptance test (6.4.2 b); the latest one is what the gate reads.</summary>
public sealed class AcceptanceVerdict
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public bool Passed { get; set; }

    public required string Note { get; set; }

    /// <summary>SHA-256 over the SHA-256 of every requirements and test record the verdict rests on.</summary>
    public required string BasisSha256 { get; set; }

    public Guid ByUserId { get; set; }

    public required string ByName { get; set; }

    public Guid ByOrganisationId { get; set; }

    public DateTimeOffset At { get; set; }
}
