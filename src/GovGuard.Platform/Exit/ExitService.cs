using System.Text.Json;
using GovGuard.Catalog;
using GovGuard.Catalog.Roles;
using GovGuard.Detection.Manifest;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Compliance;
using GovGuard.Platform.Data;
using GovGuard.Platform.Evidence;
using GovGuard.Platform.CloudMigration;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Exit;

/// <summary>
/// The exit of GB/T 38249 chapter 8 as records that prove it: the exit plan (8.3.2), the handover inventory with the
/// manifests the provider hands over and the customer's checks of what arrived (8.2.1 b, 8.3.4), destruction only
/// after the customer's written authorisation (8.3.5), the assessor's verification and audit (8.2.4). Who may do what:
/// the customer plans, approves (an administrator), checks returned data and authorises; the engaged provider hands over
/// and destroys; the engaged assessor verifies and audits. Everyone who sees the website reads.
/// </summary>
public sealed class ExitService(GovGuardDbContext db, AuditLog audit, TimeProvider time, ManifestUploads manifests, EvidenceStore files)
{
    private static readonly Text SiteLabel = new("网站", "website");
    private static readonly Text ItemLabel = new("移交清单项", "handover item");

    private static bool IsProvider(WebsiteRelation r) => r.IsAdmin || r.Roles.Contains(EngagementRole.Provider);

    private static bool IsCustomerAdmin(Caller c, WebsiteRelation r) => c.CanWrite && (r.IsAdmin || (r.IsOwner && c.IsOrgAdmin));

    public async Task<Outcome<ExitView>> GetAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        var (site, relation) = await PhaseRecords.SiteAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        var plan = await db.Set<ExitPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.WebsiteId == websiteId, ct).ConfigureAwait(false);
        var items = await db.Set<HandoverItem>().AsNoTracking().Where(i => i.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        var checks = await db.Set<DataReturnCheck>().AsNoTracking().Where(c => c.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        var records = await db.Set<ExitRecord>().AsNoTracking().Where(r => r.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        var facts = ExitFacts.From(plan, items, checks, records);
        var w = caller.CanWrite;
        return new ExitView(
            site.Id,
            site.Name,
            site.Phase.ToWire(),
            plan is null ? null : ToView(plan),
            items.OrderBy(i => i.Kind).ThenBy(i => i.Name, StringComparer.Ordinal).Select(i => ToView(i, checks)).ToList(),
            records.OrderBy(r => r.At).ThenBy(r => r.Id).Select(ToView).ToList(),
            facts.View(),
            w && (relation.IsOwner || relation.IsAdmin),
            IsCustomerAdmin(caller, relation),
            w && IsProvider(relation),
            w && (relation.IsOwner || relation.IsAdmin),
            IsCustomerAdmin(caller, relation),
            w && IsProvider(relation) && facts.Authorised,
            DutyAccess.IsEngagedAssessor(caller, relation));
    }

    /// <summary>Writes the exit plan (8.3.2); a change withdraws its approval.</summary>
    public async Task<Outcome<ExitPlanView>> SavePlanAsync(Caller caller, Guid websiteId, ExitPlanInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (site, relation) = await PhaseRecords.SiteAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        if (!caller.CanWrite || !(relation.IsOwner || relation.IsAdmin))
        {
            return await DutyAccess.DenyAsync(db, audit, caller, site, "exit_plan", null, new Text(
                "只有网站所属单位可以制定退出方案（8.3.2）。", "Only the owning customer writes the exit plan (8.3.2)."), ct).ConfigureAwait(false);
        }

        var v = new Validation();
        var roles = v.Required("roles", new("角色与职责", "Roles"), input.Roles, 4000);
        var schedule = v.Required("schedule", new("进度安排", "Schedule"), input.Schedule, 4000);
        var conditions = v.Required("contractConditions", new("合同约定的退出条件", "Contract conditions"), input.ContractConditions, 4000);
        if (input.EvidenceId is { } eid && !await PhaseRecords.EvidenceOfAsync(db, site.Id, eid, ct).ConfigureAwait(false))
        {
            v.Add("evidenceId", "not_found", "证据（evidenceId）不存在或不属于本网站。", "Evidence (evidenceId) does not exist or is not this website's.");
        }

        var plan = await db.Set<ExitPlan>().FirstOrDefaultAsync(p => p.WebsiteId == site.Id, ct).ConfigureAwait(false);
        if (plan is not null && input.Version is { } version && version != plan.Version)
        {
            v.Add("version", "stale", "退出方案已被他人修改（version 不是最新），请刷新后重试。", "The exit plan was changed by someone else (version is stale); reload and try again.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        object? before = plan is null ? null : Snapshot(plan);
        if (plan is null)
        {
            plan = new ExitPlan { Id = Guid.CreateVersion7(now), WebsiteId = site.Id, Roles = roles!, Schedule = schedule!, ContractConditions = conditions!, Sha256 = string.Empty, ByName = caller.Name };
            db.Add(plan);
        }

        plan.Roles = roles!;
        plan.Schedule = schedule!;
        plan.ContractConditions = conditions!;
        plan.EvidenceId = input.EvidenceId;
        plan.ByUserId = caller.UserId;
        plan.ByName = caller.Name;
        plan.UpdatedAt = now;
        plan.ApprovedAt = null;
        plan.ApprovedByName = null;
        plan.ApprovedByUserId = null;
        plan.Version++;
        plan.Sha256 = PhaseRecords.Digest(new { Website = site.Id, plan.Roles, plan.Schedule, plan.ContractConditions, plan.EvidenceId, plan.Version });
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(ExitAudit.PlanSaved, "保存退出方案 / exit plan saved", "exit_plan", plan.Id.ToString(), site.CustomerId, site.Id, before, Snapshot(plan)));
        try
        {
            await change.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict(new Text("退出方案已被他人修改，请刷新后重试。", "The exit plan was changed by someone else; reload and try again."));
        }

        return ToView(plan);
    }

    /// <summary>A customer administrator approves the exit plan as it stands.</summary>
    public async Task<Outcome<ExitPlanView>> ApprovePlanAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        var (site, relation) = await PhaseRecords.SiteAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        if (!IsCustomerAdmin(caller, relation))
        {
            return await DutyAccess.DenyAsync(db, audit, caller, site, "exit_plan", null, new Text(
                "只有网站所属单位的管理员可以批准退出方案。", "Only an administrator of the owning customer approves the exit plan."), ct).ConfigureAwait(false);
        }

        var plan = await db.Set<ExitPlan>().FirstOrDefaultAsync(p => p.WebsiteId == site.Id, ct).ConfigureAwait(false);
        if (plan is null)
        {
            return Error.NotFound(new Text("退出方案", "exit plan"));
        }

        if (plan.ApprovedAt is not null)
        {
            return Error.Conflict(new Text("退出方案已批准。", "The exit plan is already approved."));
        }

        var before = Snapshot(plan);
        plan.ApprovedAt = time.GetUtcNow();
        plan.ApprovedByName = caller.Name;
        plan.ApprovedByUserId = caller.UserId;
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(ExitAudit.PlanApproved, "批准退出方案 / exit plan approved", "exit_plan", plan.Id.ToString(), site.CustomerId, site.Id, before, Snapshot(plan)));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return ToView(plan);
    }

    /// <summary>Adds an item to the handover inventory (8.3.3): the customer or the provider.</summary>
    public async Task<Outcome<HandoverItemView>> AddItemAsync(Caller caller, Guid websiteId, HandoverItemInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (site, relation) = await PhaseRecords.SiteAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        if (!caller.CanWrite || !(relation.IsOwner || IsProvider(relation)))
        {
            return await DutyAccess.DenyAsync(db, audit, caller, site, "handover_item", null, new Text(
                "只有网站所属单位和云服务商可以编制移交清单。", "Only the owning customer and the provider draw up the handover inventory."), ct).ConfigureAwait(false);
        }

        var v = new Validation();
        var kind = v.OneOf("kind", new("类别", "Kind"), input.Kind, WireCodes<HandoverKind>.ByCode);
        var name = v.Required("name", new("名称", "Name"), input.Name, 200);
        var owner = v.Required("owner", new("责任人", "Owner"), input.Owner, 200);
        if (kind is not null && name is not null && await db.Set<HandoverItem>().AnyAsync(i => i.WebsiteId == site.Id && i.Kind == kind && i.Name == name, ct).ConfigureAwait(false))
        {
            v.Add("name", "unique", $"名称（name）重复：已有名为「{name}」的{kind.Value.NameZh()}。", $"Name (name) is taken: there is already a {kind.Value.NameEn().ToLowerInvariant()} named \"{name}\".");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var item = new HandoverItem { Id = Guid.CreateVersion7(now), WebsiteId = site.Id, Kind = kind!.Value, Name = name!, Owner = owner!, CreatedAt = now, CreatedByUserId = caller.UserId };
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.Add(item);
        change.Record(new AuditEvent(ExitAudit.ItemAdded, $"移交清单新增{item.Kind.NameZh()}「{item.Name}」 / handover item added", "handover_item", item.Id.ToString(), site.CustomerId, site.Id,
            null, new { Kind = item.Kind.ToWire(), item.Name, item.Owner }));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return ToView(item, []);
    }

    /// <summary>The provider hands an item over with the manifest of what it hands over (8.2.1 b).</summary>
    public async Task<Outcome<HandoverItemView>> HandOverAsync(Caller caller, Guid websiteId, Guid itemId, Stream? manifest, CancellationToken ct)
    {
        var (site, relation, item, missing) = await ItemAsync(caller, websiteId, itemId, ct).ConfigureAwait(false);
        if (missing is not null)
        {
            return missing;
        }

        if (!caller.CanWrite || !IsProvider(relation))
        {
            return await DutyAccess.DenyAsync(db, audit, caller, site!, "handover_item", itemId.ToString(), new Text(
                "只有本网站的云服务商可以提交移交数据的清单（8.2.1 b）。", "Only the website's provider hands over data with its manifest (8.2.1 b)."), ct).ConfigureAwait(false);
        }

        var stored = await manifests.StoreManifestAsync("manifest", manifest, ct).ConfigureAwait(false);
        if (!stored.Succeeded)
        {
            return stored.Error!;
        }

        var m = stored.Value!;
        var now = time.GetUtcNow();
        item!.ExpectedManifestSha256 = m.FileSha256;
        item.ExpectedSelfHash = m.SelfHash;
        item.Algorithm = ManifestAlgorithmNames.ToWire(m.Algorithm);
        item.ExpectedEntries = m.Entries;
        item.HandedOverAt = now;
        item.HandedOverByName = caller.Name;
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(ExitAudit.HandedOver, $"移交「{item.Name}」并提交清单（{m.Entries} 项，{ManifestAlgorithmNames.ToWire(m.Algorithm)} {m.SelfHash[..16]}…） / handed over with manifest",
            "handover_item", item.Id.ToString(), site!.CustomerId, site.Id, null, new { item.ExpectedManifestSha256, item.ExpectedSelfHash, item.ExpectedEntries }));
        await change.CommitAsync(ct).ConfigureAwait(false);
        var checks = await db.Set<DataReturnCheck>().AsNoTracking().Where(c => c.ItemId == item.Id).ToListAsync(ct).ConfigureAwait(false);
        return ToView(item, checks);
    }

    /// <summary>
    /// The customer checks what arrived against the item's manifest (8.3.4): a manifest of the received tree, or the JSON
    /// result of <c>govguard manifest verify --format json</c> against the handed-over manifest. Stored signed, whatever the result.
    /// </summary>
    public async Task<Outcome<DataReturnCheckView>> VerifyReturnAsync(Caller caller, Guid websiteId, Guid itemId, Stream? received, CancellationToken ct)
    {
        var (site, relation, item, missing) = await ItemAsync(caller, websiteId, itemId, ct).ConfigureAwait(false);
        if (missing is not null)
        {
            return missing;
        }

        if (!caller.CanWrite || !(relation.IsOwner || relation.IsAdmin))
        {
            return await DutyAccess.DenyAsync(db, audit, caller, site!, "handover_item", itemId.ToString(), new Text(
                "只有网站所属单位可以校验收到的数据（8.3.4）。", "Only the owning customer verifies the data it received (8.3.4)."), ct).ConfigureAwait(false);
        }

        if (item!.ExpectedManifestSha256 is null || manifests.Describe(item.ExpectedManifestSha256) is not { } expected)
        {
            return Error.Conflict(new Text($"「{item.Name}」尚未由云服务商提交移交清单，无法校验。", $"The provider has not handed \"{item.Name}\" over with a manifest yet; there is nothing to verify against."));
        }

        var compared = await manifests.CompareAsync("file", expected, received, ct).ConfigureAwait(false);
        if (!compared.Succeeded)
        {
            return compared.Error!;
        }

        var c = compared.Value!;
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var differences = JsonSerializer.Serialize(c.Differences, ManifestUploads.Json);
        // The signed content: what was checked, against what, by whom, when, and every count and listed difference.
        var signed = CanonicalJson.Canonicalise(JsonSerializer.Serialize(new
        {
            Format = "govguard.data_return_check.v1",
            Id = id,
            Website = site!.Id,
            Item = item.Id,
            item.Name,
            Expected = item.ExpectedSelfHash,
            Received = c.ReceivedSha256,
            c.Source,
            c.Match,
            c.Missing,
            c.Extra,
            Altered = c.Altered + c.Other,
            Differences = c.Differences,
            By = caller.UserId,
            ByName = caller.Name,
            At = now,
        }, ManifestUploads.Json));
        var check = new DataReturnCheck
        {
            Id = id,
            WebsiteId = site.Id,
            ItemId = item.Id,
            Source = c.Source,
            ReceivedSha256 = c.ReceivedSha256,
            Match = c.Match,
            Missing = c.Missing,
            Extra = c.Extra,
            Altered = c.Altered + c.Other,
            Differences = differences,
            Signature = Convert.ToHexStringLower(Sm3Hash.HashData(signed)),
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(signed)),
            ByUserId = caller.UserId,
            ByName = caller.Name,
            ByOrganisationId = caller.OrganisationId,
            At = now,
        };
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.Add(check);
        change.Record(new AuditEvent(ExitAudit.ReturnVerified,
            $"校验返还数据「{item.Name}」：{(c.Match ? "与移交清单一致" : $"缺失 {c.Missing}、多出 {c.Extra}、改变 {check.Altered}")}；签名 SM3 {check.Signature} / returned data {(c.Match ? "verified" : "differs")}",
            "data_return_check", check.Id.ToString(), site.CustomerId, site.Id, null,
            new { check.ItemId, check.Match, check.Missing, check.Extra, check.Altered, check.Signature, check.Sha256 }));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return ToView(check);
    }

    /// <summary>
    /// Writes a deletion plan, the customer's authorisation (with the signed document), a destruction record (only once
    /// the authorisation exists, 8.3.5), the assessor's verification, the exit audit, the final report or the continuity confirmation.
    /// </summary>
    public async Task<Outcome<ExitRecordView>> RecordAsync(Caller caller, Guid websiteId, ExitRecordInput input, ExitUpload? upload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (site, relation) = await PhaseRecords.SiteAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        var v = new Validation();
        var kind = v.OneOf("kind", new("记录类型", "Record kind"), input.Kind, WireCodes<ExitRecordKind>.ByCode);
        if (kind is null ? !(caller.CanWrite && relation.CanRead && (relation.IsContributor || relation.Roles.Contains(EngagementRole.Assessor))) : !May(kind.Value, caller, relation))
        {
            var why = kind is { } k
                ? new Text($"无权记录“{k.NameZh()}”：{Who(k).Zh}。", $"You may not record a {k.NameEn().ToLowerInvariant()}: {Who(k).En}.")
                : new Text("无权记录退出材料。", "You may not write exit records.");
            return await DutyAccess.DenyAsync(db, audit, caller, site, "exit_record", null, why, ct).ConfigureAwait(false);
        }

        if (kind == ExitRecordKind.PostExitCheck)
        {
            v.Add("kind", "post_exit_check", "退出后访问核查由平台抓取旧地址得出，请使用 post-exit-checks 接口。", "A post-exit check is made by fetching the old endpoint; use the post-exit-checks endpoint.");
        }

        var title = v.Required("title", new("标题", "Title"), input.Title, 200);
        var text = v.Optional("text", new("内容", "Text"), input.Text, 20000);
        string? target = null, method = null;
        DestructionTarget? targetKind = null;
        if (kind == ExitRecordKind.Destruction)
        {
            target = v.Required("target", new("清除对象（存储介质或备份）", "What was wiped (medium or backup)"), input.Target, 200);
            targetKind = v.OneOf("targetKind", new("对象类别", "Target kind"), input.TargetKind, WireCodes<DestructionTarget>.ByCode);
            method = v.Required("method", new("清除方法", "Method"), input.Method, 200);
        }

        var needsVerdict = kind is ExitRecordKind.DestructionVerification or ExitRecordKind.ExitAudit;
        if (needsVerdict && input.Passed is null)
        {
            v.Add("passed", "required", "结论（passed）为必填项：核验或审计是否通过。", "Verdict (passed) is required: whether the verification or audit passed.");
        }

        if (kind == ExitRecordKind.Authorisation && upload is null)
        {
            v.Add("file", "required", "签字盖章的书面授权文件（file）为必填项（8.3.5）。", "The signed written authorisation (file) is required (8.3.5).");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (kind == ExitRecordKind.Destruction && !await db.Set<ExitRecord>().AnyAsync(r => r.WebsiteId == site.Id && r.Kind == ExitRecordKind.Authorisation, ct).ConfigureAwait(false))
        {
            var refusal = new Text(
                "GB/T 38249-2019 8.3.5：清除数据前须取得云服务客户的书面授权；本网站尚无客户管理员登记的书面授权，不能记录数据清除。",
                "GB/T 38249-2019 8.3.5: data may be destroyed only with the customer's written authorisation; no authorisation has been recorded by a customer administrator for this website, so no destruction can be recorded.");
            await audit.RecordAsync(db, caller, new AuditEvent(ExitAudit.Recorded, $"拒绝记录数据清除（无书面授权，8.3.5）：{target} / destruction refused without authorisation",
                "exit_record", null, site.CustomerId, site.Id, null, new { Kind = "destruction", Target = target }, AuditOutcomes.Denied), ct).ConfigureAwait(false);
            return Error.Conflict(refusal);
        }

        StoredFile? file = null;
        if (upload is not null)
        {
            var stored = await files.StoreAsync("file", upload.FileName, upload.Content, upload.Length, ct).ConfigureAwait(false);
            if (!stored.Succeeded)
            {
                return stored.Error!;
            }

            file = stored.Value;
        }

        var now = time.GetUtcNow();
        var passed = needsVerdict ? input.Passed : null;
        var record = new ExitRecord
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = site.Id,
            Kind = kind!.Value,
            Title = title!,
            Text = text,
            Target = target,
            TargetKind = targetKind,
            Method = method,
            Passed = passed,
            FileSha256 = file?.Sha256,
            FileName = file is null ? null : Path.GetFileName(upload!.FileName),
            ByUserId = caller.UserId,
            ByName = caller.Name,
            ByOrganisationId = caller.OrganisationId,
            At = now,
            Sha256 = string.Empty,
        };
        record.Sha256 = Digest(record);
        try
        {
            await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
            db.Add(record);
            change.Record(new AuditEvent(ExitAudit.Recorded, $"记录“{record.Kind.NameZh()}”：{record.Title} / recorded {record.Kind.ToWire()}",
                "exit_record", record.Id.ToString(), site.CustomerId, site.Id, null, new { Kind = record.Kind.ToWire(), record.Title, record.Target, record.Passed, record.FileSha256, record.Sha256 }));
            await change.CommitAsync(ct).ConfigureAwait(false);
        }
        catch when (file is not null)
        {
            // Nothing partial: the file goes too, unless it was there before or another row holds the same bytes.
            await StoredFiles.ForgetAsync(db, files, file).ConfigureAwait(false);
            throw;
        }

        return ToView(record);
    }

    /// <summary>The SHA-256 every certificate lists for a record: of its canonical content.</summary>
    public static string Digest(ExitRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return PhaseRecords.Digest(new
        {
            r.Id, Website = r.WebsiteId, Kind = r.Kind.ToWire(), r.Title, r.Text, r.Target, TargetKind = r.TargetKind?.ToWire(), r.Method, r.Passed, r.Url,
            r.FileSha256, r.FileName, By = r.ByUserId, r.ByName, r.At,
        });
    }

    internal async Task<(Website Site, WebsiteRelation Relation)?> WritableSiteAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        var (site, relation) = await PhaseRecords.SiteAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        return site is null ? null : (site, relation);
    }

    internal async Task<ExitRecordView> AddPostExitCheckAsync(Caller caller, Website site, ExitRecord record, CancellationToken ct)
    {
        record.Sha256 = Digest(record);
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.Add(record);
        change.Record(new AuditEvent(ExitAudit.Recorded, $"退出后访问核查 {record.Url}：{(record.Passed == true ? "不再提供客户内容" : "仍提供客户内容或未能核查")} / post-exit check",
            "exit_record", record.Id.ToString(), site.CustomerId, site.Id, null, new { Kind = record.Kind.ToWire(), record.Url, record.Passed, record.Text, record.Sha256 }));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return ToView(record);
    }

    internal Task<Error> DenyAsync(Caller caller, Website site, Text why, CancellationToken ct) =>
        DutyAccess.DenyAsync(db, audit, caller, site, "exit_record", null, why, ct);

    private static bool May(ExitRecordKind kind, Caller caller, WebsiteRelation relation)
    {
        if (!caller.CanWrite)
        {
            return false;
        }

        var assessor = relation.Roles.Contains(EngagementRole.Assessor) || relation.IsAdmin;
        return kind switch
        {
            ExitRecordKind.DeletionPlan => relation.IsOwner || IsProvider(relation),
            ExitRecordKind.Authorisation => IsCustomerAdmin(caller, relation),
            ExitRecordKind.Destruction => IsProvider(relation),
            ExitRecordKind.DestructionVerification or ExitRecordKind.ExitAudit or ExitRecordKind.FinalReport => assessor,
            ExitRecordKind.PostExitCheck => relation.IsOwner || assessor,
            _ => relation.IsOwner || relation.IsAdmin,
        };
    }

    internal static Text Who(ExitRecordKind kind) => kind switch
    {
        ExitRecordKind.DeletionPlan => new("只有网站所属单位或云服务商可以记录", "only the owning customer or the provider records it"),
        ExitRecordKind.Authorisation => new("只有网站所属单位的管理员可以登记书面授权", "only an administrator of the owning customer records the authorisation"),
        ExitRecordKind.Destruction => new("只有本网站的云服务商可以记录数据清除", "only the website's provider records a destruction"),
        ExitRecordKind.DestructionVerification or ExitRecordKind.ExitAudit or ExitRecordKind.FinalReport
            => new("只有本网站聘请的第三方评估机构可以记录（8.2.4）", "only the engaged third-party assessor records it (8.2.4)"),
        ExitRecordKind.PostExitCheck => new("只有网站所属单位或评估机构可以核查", "only the owning customer or the assessor runs it"),
        _ => new("只有网站所属单位可以记录", "only the owning customer records it"),
    };

    private async Task<(Website? Site, WebsiteRelation Relation, HandoverItem? Item, Error? Missing)> ItemAsync(Caller caller, Guid websiteId, Guid itemId, CancellationToken ct)
    {
        var (site, relation) = await PhaseRecords.SiteAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return (null, relation, null, Error.NotFound(SiteLabel));
        }

        var item = await db.Set<HandoverItem>().FirstOrDefaultAsync(i => i.Id == itemId && i.WebsiteId == site.Id, ct).ConfigureAwait(false);
        return item is null ? (site, relation, null, Error.NotFound(ItemLabel)) : (site, relation, item, null);
    }

    private static object Snapshot(ExitPlan p) => new { p.Roles, p.Schedule, p.ContractConditions, p.EvidenceId, p.Sha256, p.ApprovedByName, p.ApprovedAt, p.Version };

    public static ExitPlanView ToView(ExitPlan p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.Id, p.Roles, p.Schedule, p.ContractConditions, p.EvidenceId, p.Sha256, p.ByName, p.UpdatedAt, p.ApprovedAt is not null, p.ApprovedByName, p.ApprovedAt, p.Version);
    }

    public static DataReturnCheckView ToView(DataReturnCheck c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.ItemId, c.Source, c.Match, c.Missing, c.Extra, c.Altered, ManifestComparison.Read(c.Differences), c.Signature, c.Sha256, c.ByName, c.At);
    }

    public static HandoverItemView ToView(HandoverItem i, IReadOnlyCollection<DataReturnCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(i);
        var latest = checks.Where(c => c.ItemId == i.Id).OrderByDescending(c => c.At).ThenByDescending(c => c.Id).FirstOrDefault();
        return new(i.Id, i.Kind.ToWire(), i.Name, i.Owner, i.ExpectedManifestSha256, i.ExpectedSelfHash, i.Algorithm, i.ExpectedEntries, i.HandedOverByName, i.HandedOverAt,
            ExitFacts.Verified(i, checks), latest is null ? null : ToView(latest));
    }

    public static ExitRecordView ToView(ExitRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.Kind.ToWire(), r.Title, r.Text, r.Target, r.TargetKind?.ToWire(), r.Method, r.Passed, r.Url, r.FileSha256, r.FileName, r.ByName, r.At, r.Sha256);
    }
}
