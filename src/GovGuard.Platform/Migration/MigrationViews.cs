namespace GovGuard.Platform.CloudMigration;

/// <summary>A migration record as shown.</summary>
public sealed record MigrationRecordView(Guid Id, string Kind, string? Item, string Title, string? Text, bool? Passed, Guid? EvidenceId, string ByName, DateTimeOffset At, string Sha256)
{
    public static MigrationRecordView Of(MigrationRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, Common.WireCodes<MigrationRecordKind>.Code(r.Kind), r.Item, r.Title, r.Text, r.Passed, r.EvidenceId, r.ByName, r.At, r.Sha256);
    }
}

/// <summary>One line of the preparation checklist (6.3.1 a–g) or of the delivery register (6.4.3): done when a record exists.</summary>
public sealed record ChecklistItemView(string Item, string TitleZh, string TitleEn, bool Done, Guid? RecordId);

public sealed record BackupView(Guid Id, string Purpose, string Label, string ManifestSha256, string ManifestSelfHash, string Algorithm, long Entries, DateTimeOffset TakenAt, string ByName);

public sealed record RollbackView(Guid Id, Guid BackupId, string Reason, string Source, bool Match, int Missing, int Extra, int Altered, IReadOnlyList<DifferenceView> Differences, string ByName, DateTimeOffset At);

public sealed record TrialMonitorView(Guid MonitorId, int PreviousIntervalSeconds, int RaisedIntervalSeconds, bool Reverted);

public sealed record TrialView(Guid Id, string Plan, Guid? PlanEvidenceId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int IntervalSeconds, int BackupEveryHours, bool Active, DateTimeOffset? RevertedAt, IReadOnlyList<TrialMonitorView> Monitors);

public sealed record VerdictView(Guid Id, bool Passed, string Note, string BasisSha256, string ByName, DateTimeOffset At);

/// <summary>Everything of one website's migration and delivery, with what the caller may do.</summary>
public sealed record MigrationView(
    Guid WebsiteId,
    string WebsiteName,
    string Phase,
    IReadOnlyList<ChecklistItemView> Preparation,
    IReadOnlyList<MigrationRecordView> Records,
    IReadOnlyList<BackupView> Backups,
    IReadOnlyList<RollbackView> Rollbacks,
    IReadOnlyList<TrialView> Trials,
    IReadOnlyList<VerdictView> Verdicts,
    IReadOnlyList<ChecklistItemView> Delivery,
    bool AcceptancePassed,
    bool LevelReconfirmed,
    bool DeliveryComplete,
    bool CanContribute,
    bool CanJudge,
    bool IsOwner);

/// <summary>Writing one migration record.</summary>
public sealed record MigrationRecordInput(string? Kind, string? Item, string? Title, string? Text, bool? Passed = null, Guid? EvidenceId = null);

/// <summary>Recording a backup; the manifest comes as the upload.</summary>
public sealed record BackupInput(string? Purpose, string? Label);

/// <summary>Recording a rollback; the manifest of the restored tree (or a verify result) comes as the upload.</summary>
public sealed record RollbackInput(Guid? BackupId, string? Reason);

/// <summary>Starting the trial run now, until <paramref name="EndsAt"/>.</summary>
public sealed record TrialInput(string? Plan, DateTimeOffset? EndsAt, int? IntervalSeconds, int? BackupEveryHours, Guid? PlanEvidenceId = null);

/// <summary>The assessor's acceptance verdict.</summary>
public sealed record VerdictInput(bool? Passed, string? Note);
