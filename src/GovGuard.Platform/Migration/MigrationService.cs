using GovGuard.Catalog;
using GovGuard.Catalog.Roles;
using GovGuard.Detection.Manifest;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Compliance;
using GovGuard.Platform.Data;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.CloudMigration;

/// <summary>
/// Migration and delivery records of GB/T 38249 6.3–6.4: the preparation checklist, backups with their manifests,
/// switchover and rollback (the restore checked against the backup's manifest), acceptance with the assessor's verdict
/// (what the migration → operation gate reads), level re-confirmation and the delivery documents. Everyone who sees the
/// website reads; the owner and engaged suppliers write; the assessor writes test results and alone gives the verdict.
/// </summary>
public sealed class MigrationService(GovGuardDbContext db, AuditLog audit, TimeProvider time, ManifestUploads manifests)
{
    private static readonly Text SiteLabel = new("网站", "website");

    /// <summary>The preparation items of 6.3.1 a–g.</summary>
    public static IReadOnlyList<(string Item, string Zh, string En)> PreparationItems { get; } =
    [
        ("6.3.1.a", "通知相关业务部门迁移的时间计划及对业务的影响", "Tell the business units the migration schedule and its impact"),
        ("6.3.1.b", "备份数据库、应用程序、重要配置及操作系统", "Back up databases, applications, key configuration and operating systems"),
        ("6.3.1.c", "调研云服务商的安全防护措施并制定相应措施", "Survey the provider's protection and plan matching measures"),
        ("6.3.1.d", "对云服务商提供的虚拟主机、应用进行安全检查", "Security-check the hosts and applications the provider supplies"),
        ("6.3.1.e", "协同开发商调研并确认软件功能的安全需求", "Survey and confirm the software's security requirements with the developer"),
        ("6.3.1.f", "委托安全服务商提供所需安全产品或服务", "Engage a security service provider for the products and services needed"),
        ("6.3.1.g", "指导云服务商划分独立安全域并在边界部署安全措施", "Have the provider set up a separate security domain with boundary protection"),
    ];

    private static readonly Dictionary<string, DeliveryDocument> Documents = WireCodes<DeliveryDocument>.ByCode.ToDictionary(StringComparer.Ordinal);

    /// <summary>Who writes a record of a kind besides a platform administrator.</summary>
    public static bool MayRecord(MigrationRecordKind kind, Caller caller, WebsiteRelation relation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(relation);
        if (!caller.CanWrite)
        {
            return false;
        }

        if (relation.IsAdmin)
        {
            return true;
        }

        return kind switch
        {
            // 6.3.3, 6.4.2 a, 6.4.2 c: the customer's own decisions.
            MigrationRecordKind.SwitchoverPlan or MigrationRecordKind.AcceptanceRequirements or MigrationRecordKind.LevelReconfirmation => relation.IsOwner,
            // 6.4.1 b, 6.4.2: the customer tests, or has the third-party assessor test.
            MigrationRecordKind.TrialSecurityTest or MigrationRecordKind.AcceptanceTest => relation.IsOwner || relation.Roles.Contains(EngagementRole.Assessor),
            _ => relation.IsContributor,
        };
    }

    public async Task<Outcome<MigrationView>> GetAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        var (site, relation) = await PhaseRecords.SiteAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        var records = await db.Set<MigrationRecord>().AsNoTracking().Where(r => r.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        records = [.. records.OrderBy(r => r.At).ThenBy(r => r.Id)];
        var backups = await db.Set<Backup>().AsNoTracking().Where(b => b.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        var rollbacks = await db.Set<Rollback>().AsNoTracking().Where(b => b.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        var trials = await db.Set<TrialRun>().AsNoTracking().Where(t => t.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        var trialIds = trials.Select(t => t.Id).ToList();
        var changes = await db.Set<TrialMonitorChange>().AsNoTracking().Where(c => trialIds.Contains(c.TrialId)).ToListAsync(ct).ConfigureAwait(false);
        var verdicts = await db.Set<AcceptanceVerdict>().AsNoTracking().Where(v => v.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        var facts = MigrationFacts.From(records, backups, verdicts);

        var preparation = PreparationItems.Select(p =>
        {
            var done = records.LastOrDefault(r => r.Kind == MigrationRecordKind.Preparation && r.Item == p.Item);
            var backedUp = p.Item == "6.3.1.b" && backups.Any(b => b.Purpose == BackupPurpose.PreMigration);
            return new ChecklistItemView(p.Item, p.Zh, p.En, done is not null || backedUp, done?.Id);
        }).ToList();
        var delivery = Terms.All<DeliveryDocument>().Select(d =>
        {
            var code = d.ToWire();
            var r = records.LastOrDefault(x => x.Kind == MigrationRecordKind.DeliveryDocument && x.Item == code);
            return new ChecklistItemView(code, d.NameZh(), d.NameEn(), r is not null, r?.Id);
        }).ToList();
        var now = time.GetUtcNow();
        return new MigrationView(
            site.Id,
            site.Name,
            site.Phase.ToWire(),
            preparation,
            records.Select(MigrationRecordView.Of).ToList(),
            backups.OrderByDescending(b => b.TakenAt).Select(ToView).ToList(),
            rollbacks.OrderByDescending(r => r.At).Select(ToView).ToList(),
            trials.OrderByDescending(t => t.StartsAt).Select(t => ToView(t, changes.Where(c => c.TrialId == t.Id), now)).ToList(),
            verdicts.OrderByDescending(v => v.At).Select(v => new VerdictView(v.Id, v.Passed, v.Note, v.BasisSha256, v.ByName, v.At)).ToList(),
            delivery,
            facts.AcceptancePassed == true,
            facts.LevelReconfirmed == true,
            facts.DeliveryComplete == true,
            caller.CanWrite && relation.IsContributor,
            DutyAccess.IsEngagedAssessor(caller, relation),
            relation.IsOwner || relation.IsAdmin);
    }

    /// <summary>Writes one checklist item, plan, test result, review, re-confirmation or delivery document.</summary>
    public async Task<Outcome<MigrationRecordView>> RecordAsync(Caller caller, Guid websiteId, MigrationRecordInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (site, relation) = await PhaseRecords.SiteAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        var v = new Validation();
        var kind = v.OneOf("kind", new("记录类型", "Record kind"), input.Kind, WireCodes<MigrationRecordKind>.ByCode);
        if (kind is { } k && !MayRecord(k, caller, relation))
        {
            return await DutyAccess.DenyAsync(db, audit, caller, site, "migration_record", null, new Text(
                $"无权记录“{k.NameZh()}”：{WhoZh(k)}。", $"You may not record a {k.NameEn().ToLowerInvariant()}: {WhoEn(k)}."), ct).ConfigureAwait(false);
        }

        if (kind is null && !(caller.CanWrite && (relation.IsContributor || relation.Roles.Contains(EngagementRole.Assessor))))
        {
            return await DutyAccess.DenyAsync(db, audit, caller, site, "migration_record", null, new Text(
                "无权记录迁移材料。", "You may not write migration records."), ct).ConfigureAwait(false);
        }

        var title = v.Required("title", new("标题", "Title"), input.Title, 200);
        var text = v.Optional("text", new("内容", "Text"), input.Text, 20000);
        string? item = null;
        if (kind == MigrationRecordKind.Preparation)
        {
            item = v.Required("item", new("准备事项", "Checklist item"), input.Item, 40);
            if (item is not null && PreparationItems.All(p => p.Item != item))
            {
                v.Add("item", "one_of", $"准备事项（item）必须是以下之一：{string.Join(", ", PreparationItems.Select(p => p.Item))}。",
                    $"Checklist item (item) must be one of: {string.Join(", ", PreparationItems.Select(p => p.Item))}.");
            }
        }
        else if (kind == MigrationRecordKind.DeliveryDocument)
        {
            item = v.OneOf("item", new("交付文档", "Delivery document"), input.Item, Documents)?.ToWire();
        }

        var needsVerdict = kind is MigrationRecordKind.SwitchoverTest or MigrationRecordKind.TrialSecurityTest
            or MigrationRecordKind.TrialLogReview or MigrationRecordKind.AcceptanceTest;
        if (needsVerdict && input.Passed is null)
        {
            v.Add("passed", "required", "结果（passed）为必填项：测试或审查是否通过。", "Result (passed) is required: whether the test or review passed.");
        }

        if (input.EvidenceId is { } eid && !await PhaseRecords.EvidenceOfAsync(db, site.Id, eid, ct).ConfigureAwait(false))
        {
            v.Add("evidenceId", "not_found", "证据（evidenceId）不存在或不属于本网站。", "Evidence (evidenceId) does not exist or is not this website's.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var passed = needsVerdict ? input.Passed : null;
        var record = new MigrationRecord
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = site.Id,
            Kind = kind!.Value,
            Item = item,
            Title = title!,
            Text = text,
            Passed = passed,
            EvidenceId = input.EvidenceId,
            ByUserId = caller.UserId,
            ByName = caller.Name,
            ByOrganisationId = caller.OrganisationId,
            At = now,
            Sha256 = PhaseRecords.Digest(new { Website = site.Id, Kind = kind.Value.ToWire(), item, title, text, passed, input.EvidenceId, By = caller.UserId, At = now }),
        };
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.Add(record);
        change.Record(new AuditEvent(MigrationAudit.Recorded, $"记录“{record.Kind.NameZh()}”：{record.Title} / recorded {record.Kind.ToWire()}",
            "migration_record", record.Id.ToString(), site.CustomerId, site.Id, null, new { Kind = record.Kind.ToWire(), record.Item, record.Title, record.Passed, record.Sha256 }));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return MigrationRecordView.Of(record);
    }

    /// <summary>Records a backup with the manifest of what it holds (<c>govguard manifest create</c>).</summary>
    public async Task<Outcome<BackupView>> AddBackupAsync(Caller caller, Guid websiteId, BackupInput input, Stream? manifest, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (site, relation) = await PhaseRecords.SiteAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        if (!caller.CanWrite || !relation.IsContributor)
        {
            return await DutyAccess.DenyAsync(db, audit, caller, site, "backup", null, new Text(
                "只有网站所属单位和参与实施的服务单位可以登记备份。", "Only the owning customer and the engaged suppliers may record backups."), ct).ConfigureAwait(false);
        }

        var v = new Validation();
        var purpose = v.OneOf("purpose", new("备份用途", "Purpose"), input.Purpose, WireCodes<BackupPurpose>.ByCode);
        var label = v.Required("label", new("备份名称", "Label"), input.Label, 200);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var stored = await manifests.StoreManifestAsync("manifest", manifest, ct).ConfigureAwait(false);
        if (!stored.Succeeded)
        {
            return stored.Error!;
        }

        var m = stored.Value!;
        var now = time.GetUtcNow();
        var backup = new Backup
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = site.Id,
            Purpose = purpose!.Value,
            Label = label!,
            ManifestSha256 = m.FileSha256,
            ManifestSelfHash = m.SelfHash,
            Algorithm = ManifestAlgorithmNames.ToWire(m.Algorithm),
            Entries = m.Entries,
            TakenAt = now,
            ByUserId = caller.UserId,
            ByName = caller.Name,
            ByOrganisationId = caller.OrganisationId,
        };
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.Add(backup);
        change.Record(new AuditEvent(MigrationAudit.BackupRecorded, $"登记备份「{backup.Label}」（{backup.Entries} 项，清单 {backup.ManifestSelfHash[..16]}…） / backup recorded",
            "backup", backup.Id.ToString(), site.CustomerId, site.Id, null, new { Purpose = backup.Purpose.ToWire(), backup.Label, backup.ManifestSha256, backup.ManifestSelfHash, backup.Entries }));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return ToView(backup);
    }

    /// <summary>
    /// Records a rollback (6.3.4) and checks the restore against the backup's manifest: the upload is a manifest of
    /// the restored tree or the JSON result of <c>manifest verify</c> against the backup's manifest.
    /// </summary>
    public async Task<Outcome<RollbackView>> RollbackAsync(Caller caller, Guid websiteId, RollbackInput input, Stream? received, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (site, relation) = await PhaseRecords.SiteAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        if (!caller.CanWrite || !relation.IsContributor)
        {
            return await DutyAccess.DenyAsync(db, audit, caller, site, "rollback", null, new Text(
                "只有网站所属单位和参与实施的服务单位可以记录回退。", "Only the owning customer and the engaged suppliers may record a rollback."), ct).ConfigureAwait(false);
        }

        var v = new Validation();
        var reason = v.Required("reason", new("回退原因", "Reason"), input.Reason, 2000);
        Backup? backup = null;
        if (input.BackupId is not { } backupId)
        {
            v.Add("backupId", "required", "备份（backupId）为必填项：恢复所用的备份。", "Backup (backupId) is required: the backup restored from.");
        }
        else
        {
            backup = await db.Set<Backup>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == backupId && b.WebsiteId == site.Id, ct).ConfigureAwait(false);
            if (backup is null)
            {
                v.Add("backupId", "not_found", "备份（backupId）不存在或不属于本网站。", "Backup (backupId) does not exist or is not this website's.");
            }
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var expected = manifests.Describe(backup!.ManifestSha256);
        if (expected is null)
        {
            return Error.Conflict(new Text("备份的清单文件已不在清单库中，无法校验恢复结果。", "The backup's manifest is no longer in the manifest store; the restore cannot be checked."));
        }

        var compared = await manifests.CompareAsync("file", expected, received, ct).ConfigureAwait(false);
        if (!compared.Succeeded)
        {
            return compared.Error!;
        }

        var c = compared.Value!;
        var now = time.GetUtcNow();
        var rollback = new Rollback
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = site.Id,
            BackupId = backup.Id,
            Reason = reason!,
            Source = c.Source,
            ReceivedSha256 = c.ReceivedSha256,
            Match = c.Match,
            Missing = c.Missing,
            Extra = c.Extra,
            Altered = c.Altered + c.Other,
            Differences = System.Text.Json.JsonSerializer.Serialize(c.Differences, ManifestUploads.Json),
            ByUserId = caller.UserId,
            ByName = caller.Name,
            ByOrganisationId = caller.OrganisationId,
            At = now,
        };
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.Add(rollback);
        change.Record(new AuditEvent(MigrationAudit.RollbackRecorded,
            $"记录回退并校验恢复结果：{(c.Match ? "与备份清单一致" : $"缺失 {c.Missing}、多出 {c.Extra}、改变 {c.Altered + c.Other}")} / rollback recorded, restore {(c.Match ? "matches" : "differs from")} the backup manifest",
            "rollback", rollback.Id.ToString(), site.CustomerId, site.Id, null, new { rollback.BackupId, rollback.Match, rollback.Missing, rollback.Extra, rollback.Altered, rollback.ReceivedSha256 }));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return ToView(rollback);
    }

    /// <summary>The engaged assessor's verdict on the acceptance test (6.4.2 b); it rests on the requirements and test records so far.</summary>
    public async Task<Outcome<VerdictView>> VerdictAsync(Caller caller, Guid websiteId, VerdictInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (site, relation) = await PhaseRecords.SiteAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        if (!DutyAccess.IsEngagedAssessor(caller, relation))
        {
            return await DutyAccess.DenyAsync(db, audit, caller, site, "acceptance_verdict", null, new Text(
                "只有本网站聘请的第三方评估机构可以给出验收结论（6.4.2）。", "Only the engaged third-party assessor gives the acceptance verdict (6.4.2)."), ct).ConfigureAwait(false);
        }

        var v = new Validation();
        if (input.Passed is null)
        {
            v.Add("passed", "required", "结论（passed）为必填项：验收是否通过。", "Verdict (passed) is required: whether acceptance passed.");
        }

        var note = v.Required("note", new("结论说明", "Note"), input.Note, 2000);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var basis = await db.Set<MigrationRecord>().AsNoTracking()
            .Where(r => r.WebsiteId == site.Id && (r.Kind == MigrationRecordKind.AcceptanceRequirements || r.Kind == MigrationRecordKind.AcceptanceTest))
            .ToListAsync(ct).ConfigureAwait(false);
        basis = [.. basis.OrderBy(r => r.At).ThenBy(r => r.Id)];
        if (input.Passed == true)
        {
            if (!basis.Any(r => r.Kind == MigrationRecordKind.AcceptanceRequirements) || !basis.Any(r => r.Kind == MigrationRecordKind.AcceptanceTest))
            {
                return Error.Conflict(new Text(
                    "验收通过须先有验收要求（6.4.2 a）和验收测试结果（6.4.2 b）的记录。",
                    "A passing verdict needs the acceptance requirements (6.4.2 a) and an acceptance test result (6.4.2 b) on record first."));
            }

            if (basis.Last(r => r.Kind == MigrationRecordKind.AcceptanceTest).Passed != true)
            {
                return Error.Conflict(new Text(
                    "最近一次验收测试未通过，不能给出通过结论（6.4.2 b）。", "The latest acceptance test did not pass; the verdict cannot be a pass (6.4.2 b)."));
            }
        }

        var now = time.GetUtcNow();
        var verdict = new AcceptanceVerdict
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = site.Id,
            Passed = input.Passed!.Value,
            Note = note!,
            BasisSha256 = PhaseRecords.DigestOf(basis.Select(r => r.Sha256)),
            ByUserId = caller.UserId,
            ByName = caller.Name,
            ByOrganisationId = caller.OrganisationId,
            At = now,
        };
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.Add(verdict);
        change.Record(new AuditEvent(MigrationAudit.AcceptanceVerdict, $"验收结论：{(verdict.Passed ? "通过" : "不通过")} / acceptance {(verdict.Passed ? "passed" : "failed")}",
            "acceptance_verdict", verdict.Id.ToString(), site.CustomerId, site.Id, null, new { verdict.Passed, verdict.Note, verdict.BasisSha256 }));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return new VerdictView(verdict.Id, verdict.Passed, verdict.Note, verdict.BasisSha256, verdict.ByName, verdict.At);
    }

    /// <summary>The differences of a stored rollback.</summary>
    public static RollbackView ToView(Rollback r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.BackupId, r.Reason, r.Source, r.Match, r.Missing, r.Extra, r.Altered, ManifestComparison.Read(r.Differences), r.ByName, r.At);
    }

    public static BackupView ToView(Backup b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return new(b.Id, b.Purpose.ToWire(), b.Label, b.ManifestSha256, b.ManifestSelfHash, b.Algorithm, b.Entries, b.TakenAt, b.ByName);
    }

    internal static TrialView ToView(TrialRun t, IEnumerable<TrialMonitorChange> changes, DateTimeOffset now) =>
        new(t.Id, t.Plan, t.PlanEvidenceId, t.StartsAt, t.EndsAt, t.IntervalSeconds, t.BackupEveryHours, t.RevertedAt is null && t.EndsAt > now, t.RevertedAt,
            changes.Select(c => new TrialMonitorView(c.MonitorId, c.PreviousIntervalSeconds, c.RaisedIntervalSeconds, c.RevertedAt is not null)).ToList());

    private static string WhoZh(MigrationRecordKind k) => k switch
    {
        MigrationRecordKind.SwitchoverPlan or MigrationRecordKind.AcceptanceRequirements or MigrationRecordKind.LevelReconfirmation => "只有网站所属单位可以记录",
        MigrationRecordKind.TrialSecurityTest or MigrationRecordKind.AcceptanceTest => "只有网站所属单位或本网站聘请的第三方评估机构可以记录",
        _ => "只有网站所属单位和参与实施的服务单位可以记录",
    };

    private static string WhoEn(MigrationRecordKind k) => k switch
    {
        MigrationRecordKind.SwitchoverPlan or MigrationRecordKind.AcceptanceRequirements or MigrationRecordKind.LevelReconfirmation => "only the owning customer records it",
        MigrationRecordKind.TrialSecurityTest or MigrationRecordKind.AcceptanceTest => "only the owning customer or the engaged assessor records it",
        _ => "only the owning customer and the engaged suppliers record it",
    };
}
