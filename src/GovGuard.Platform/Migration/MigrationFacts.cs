using GovGuard.Catalog;
using GovGuard.Catalog.Duties;
using GovGuard.Catalog.Lifecycle;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Evidence;
using GovGuard.Platform.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.CloudMigration;

/// <summary>
/// What the migration records establish for the gates; null where the website has no such record yet (then a fact
/// recorded by hand still stands). Once records exist they decide: the latest assessor verdict is the acceptance
/// (6.4.2 b), a level re-confirmation record the re-filing (6.4.2 c), all five documents the delivery (6.4.3), a backup
/// taken before the exit the pre-exit backup (8.2.1 a).
/// </summary>
public sealed record MigrationFacts(bool? AcceptancePassed, bool? LevelReconfirmed, bool? DeliveryComplete, bool? PreExitBackup)
{
    public static MigrationFacts From(IReadOnlyCollection<MigrationRecord> records, IReadOnlyCollection<Backup> backups, IReadOnlyCollection<AcceptanceVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(backups);
        ArgumentNullException.ThrowIfNull(verdicts);
        var latest = verdicts.OrderByDescending(v => v.At).ThenByDescending(v => v.Id).FirstOrDefault();
        var documents = records.Where(r => r.Kind == MigrationRecordKind.DeliveryDocument).Select(r => r.Item).Distinct().Count();
        return new MigrationFacts(
            latest?.Passed,
            records.Any(r => r.Kind == MigrationRecordKind.LevelReconfirmation) ? true : null,
            documents == 0 ? null : documents == Enum.GetValues<DeliveryDocument>().Length,
            backups.Any(b => b.Purpose == BackupPurpose.PreExit) ? true : null);
    }

    public static async Task<MigrationFacts> ReadAsync(GovGuardDbContext db, Guid websiteId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var records = await db.Set<MigrationRecord>().AsNoTracking()
            .Where(r => r.WebsiteId == websiteId && (r.Kind == MigrationRecordKind.DeliveryDocument || r.Kind == MigrationRecordKind.LevelReconfirmation))
            .ToListAsync(ct).ConfigureAwait(false);
        var backups = await db.Set<Backup>().AsNoTracking().Where(b => b.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        var verdicts = await db.Set<AcceptanceVerdict>().AsNoTracking().Where(v => v.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        return From(records, backups, verdicts);
    }

    public LifecycleFacts ApplyTo(LifecycleFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts with
        {
            AcceptanceTestPassed = AcceptancePassed ?? facts.AcceptanceTestPassed,
            ProtectionLevelRefiled = LevelReconfirmed ?? facts.ProtectionLevelRefiled,
            DeliveryDocumentsReceived = DeliveryComplete ?? facts.DeliveryDocumentsReceived,
            PreExitBackupDone = PreExitBackup ?? facts.PreExitBackupDone,
        };
    }
}

/// <summary>Feeds <see cref="MigrationFacts"/> to the lifecycle gates.</summary>
public sealed class MigrationFactsContributor(GovGuardDbContext db) : ILifecycleFactsContributor
{
    public async Task<LifecycleFacts> ContributeAsync(Guid websiteId, LifecycleFacts facts, CancellationToken ct) =>
        (await MigrationFacts.ReadAsync(db, websiteId, ct).ConfigureAwait(false)).ApplyTo(facts);
}

/// <summary>Automatic evidence from the migration records: <c>backup</c> and <c>acceptance_test</c> of the catalog.</summary>
public sealed class MigrationEvidenceSource(GovGuardDbContext db) : IAutomaticEvidenceSource
{
    public async Task<IReadOnlyList<AutomaticEvidenceItem>> GetAsync(Guid websiteId, Duty duty, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(duty);
        switch (duty.Automatic?.Record)
        {
            case RecordKind.Backup:
            {
                // 8.2.1 a asks for the backup before the exit; the others for the migration's and the trial's.
                var exit = duty.Phase == Phase.Exit;
                var backups = await db.Set<Backup>().AsNoTracking().Where(b => b.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
                var latest = backups.Where(b => exit ? b.Purpose == BackupPurpose.PreExit : b.Purpose != BackupPurpose.PreExit)
                    .OrderByDescending(b => b.TakenAt).FirstOrDefault();
                return latest is null
                    ? [new AutomaticEvidenceItem("backup", false, new Text("尚无带清单的备份记录。", "No backup with a manifest is recorded."), default)]
                    : [new AutomaticEvidenceItem("backup", true, new Text(
                        $"备份「{latest.Label}」（{latest.Purpose.NameZh()}，{latest.Entries} 项，清单 {latest.Algorithm} {latest.ManifestSelfHash[..16]}…）",
                        $"Backup \"{latest.Label}\" ({latest.Purpose.NameEn()}, {latest.Entries} entries, manifest {latest.Algorithm} {latest.ManifestSelfHash[..16]}…)"),
                        latest.TakenAt, "backup", latest.Id.ToString())];
            }

            case RecordKind.AcceptanceTest:
            {
                var verdicts = await db.Set<AcceptanceVerdict>().AsNoTracking().Where(v => v.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
                var latest = verdicts.OrderByDescending(v => v.At).FirstOrDefault();
                return latest is null
                    ? [new AutomaticEvidenceItem("acceptance_test", false, new Text("评估机构尚未给出验收结论。", "The assessor has given no acceptance verdict."), default)]
                    : [new AutomaticEvidenceItem("acceptance_test", latest.Passed, new Text(
                        $"验收结论：{(latest.Passed ? "通过" : "不通过")}（{latest.ByName}）", $"Acceptance verdict: {(latest.Passed ? "passed" : "failed")} ({latest.ByName})"),
                        latest.At, "acceptance_verdict", latest.Id.ToString())];
            }

            default:
                return [];
        }
    }
}

/// <summary>The audit kinds of the migration records.</summary>
public static class MigrationAudit
{
    public const string Recorded = "migration.recorded";
    public const string BackupRecorded = "migration.backup_recorded";
    public const string RollbackRecorded = "migration.rollback_recorded";
    public const string TrialStarted = "migration.trial_started";
    public const string TrialEnded = "migration.trial_ended";
    public const string AcceptanceVerdict = "migration.acceptance_verdict";

    public static void Register()
    {
        AuditKinds.Register(new AuditKind(Recorded, new("记录迁移材料", "Migration record written"), true));
        AuditKinds.Register(new AuditKind(BackupRecorded, new("登记备份", "Backup recorded"), true));
        AuditKinds.Register(new AuditKind(RollbackRecorded, new("记录回退", "Rollback recorded"), true));
        AuditKinds.Register(new AuditKind(TrialStarted, new("开始试运行", "Trial run started"), true));
        AuditKinds.Register(new AuditKind(TrialEnded, new("结束试运行", "Trial run ended"), true));
        AuditKinds.Register(new AuditKind(AcceptanceVerdict, new("验收结论", "Acceptance verdict"), true));
    }
}
