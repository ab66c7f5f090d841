using GovGuard.Catalog;
using GovGuard.Catalog.Incidents;
using GovGuard.Catalog.Lifecycle;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Emergency;

/// <summary>
/// Emergency plans, drills, the backup strategy and restore drills of one website (GB/T 38249 7.5 a–b, 6.3.6 a).
/// The engaged provider writes them; the customer's administrator approves plans; whoever sees the website reads.
/// </summary>
public sealed class EmergencyService(GovGuardDbContext db, AuditLog audit, TimeProvider time, DrillChecker checker)
{
    public const string PlanSaved = "emergency.plan_saved";
    public const string PlanApproved = "emergency.plan_approved";
    public const string DrillRecorded = "emergency.drill_recorded";
    public const string BackupStrategySet = "emergency.backup_strategy_set";
    public const string RestoreDrillRecorded = "emergency.restore_drill_recorded";

    private static readonly Text SiteLabel = new("网站", "website");
    private static readonly Text PlanLabel = new("应急预案", "emergency plan");
    private static readonly Text ProviderOnly = new("只有参与该网站的云服务商可以编写应急预案、登记演练和备份记录（GB/T 38249 7.5）。",
        "Only the engaged cloud provider writes emergency plans and records drills and backups (GB/T 38249 7.5).");

    private static readonly Text AdminOnly = new("只有网站所属单位的管理员可以批准应急预案。", "Only an administrator of the website's owner approves emergency plans.");

    internal static void RegisterAuditKinds()
    {
        AuditKinds.Register(new AuditKind(PlanSaved, new("保存应急预案", "Emergency plan saved"), false));
        AuditKinds.Register(new AuditKind(PlanApproved, new("批准应急预案", "Emergency plan approved"), true));
        AuditKinds.Register(new AuditKind(DrillRecorded, new("登记应急演练", "Drill recorded"), true));
        AuditKinds.Register(new AuditKind(BackupStrategySet, new("修改备份策略", "Backup strategy set"), true));
        AuditKinds.Register(new AuditKind(RestoreDrillRecorded, new("登记备份恢复演练", "Restore drill recorded"), true));
    }

    public async Task<Outcome<EmergencyOverview>> OverviewAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        var standing = await OperationsStanding.OfAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (standing is null)
        {
            return Error.NotFound(SiteLabel);
        }

        var plans = await db.EmergencyPlans.AsNoTracking().Where(p => p.WebsiteId == websiteId)
            .OrderBy(p => p.Category).ThenByDescending(p => p.Number).ToListAsync(ct).ConfigureAwait(false);
        var drills = await db.Drills.AsNoTracking().Where(d => d.WebsiteId == websiteId)
            .OrderByDescending(d => d.HeldOn).Take(500).ToListAsync(ct).ConfigureAwait(false);
        var backup = await db.BackupStrategies.AsNoTracking().FirstOrDefaultAsync(s => s.WebsiteId == websiteId, ct).ConfigureAwait(false);
        var restores = await db.RestoreDrills.AsNoTracking().Where(d => d.WebsiteId == websiteId)
            .OrderByDescending(d => d.HeldOn).Take(200).ToListAsync(ct).ConfigureAwait(false);
        var baseline = await DrillChecker.BaselineAsync(db, standing.Site, ct).ConfigureAwait(false);
        var today = EmergencyRules.ChinaToday(time.GetUtcNow());
        return new EmergencyOverview(
            plans.Select(PlanView.Of).ToList(),
            EmergencyRules.Status(drills, baseline, today),
            drills.Select(DrillView.Of).ToList(),
            backup is null ? null : BackupStrategyView.Of(backup),
            restores.Select(RestoreDrillView.Of).ToList(),
            standing.IsProviderWriter(caller),
            standing.IsCustomerAdmin(caller));
    }

    public async Task<Outcome<PlanView>> GetPlanAsync(Caller caller, Guid websiteId, Guid planId, CancellationToken ct)
    {
        var standing = await OperationsStanding.OfAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        var plan = standing is null ? null : await db.EmergencyPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId && p.WebsiteId == websiteId, ct).ConfigureAwait(false);
        return plan is null ? Error.NotFound(PlanLabel) : PlanView.Of(plan);
    }

    /// <summary>
    /// Writes the draft of the category's plan: the open draft when there is one, else a new version (an approved plan
    /// is never edited in place). Drafts may be incomplete; approval checks every section.
    /// </summary>
    public async Task<Outcome<PlanView>> SaveDraftAsync(Caller caller, Guid websiteId, PlanInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (standing, refused) = await ProviderAsync(caller, websiteId, "emergency_plan", ct).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var v = new Validation();
        var category = Category(v, input.Category);
        var title = v.Required("title", new("标题", "Title"), input.Title, EmergencyLimits.Title);
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in (input.Sections ?? new Dictionary<string, string?>()).Keys.Where(k => PlanSection.All.All(s => s.Code != k)))
        {
            v.Add("sections." + key, "unknown", $"预案章节（sections.{key}）不存在，可用：{string.Join(", ", PlanSection.All.Select(s => s.Code))}。",
                $"There is no plan section sections.{key}; the sections are: {string.Join(", ", PlanSection.All.Select(s => s.Code))}.");
        }

        foreach (var s in PlanSection.All)
        {
            var text = input.Sections?.GetValueOrDefault(s.Code);
            sections[s.Code] = v.Optional("sections." + s.Code, s.Name, text, EmergencyLimits.Section) ?? string.Empty;
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var versions = await db.EmergencyPlans.Where(p => p.WebsiteId == websiteId && p.Category == category!.Value).ToListAsync(ct).ConfigureAwait(false);
        var draft = versions.FirstOrDefault(p => p.State == PlanState.Draft);
        if (draft is not null && input.Version is { } version && version != draft.Version)
        {
            return Stale();
        }

        var before = draft is null ? null : Snapshot(draft);
        if (draft is null)
        {
            draft = new EmergencyPlan
            {
                Id = Guid.CreateVersion7(now),
                WebsiteId = websiteId,
                Category = category!.Value,
                Number = versions.Count == 0 ? 1 : versions.Max(p => p.Number) + 1,
                State = PlanState.Draft,
                Title = title!,
                WrittenByName = caller.Name,
                CreatedAt = now,
                Version = 0,
            };
            db.EmergencyPlans.Add(draft);
        }

        draft.Title = title!;
        foreach (var s in PlanSection.All)
        {
            s.Write(draft, sections[s.Code]);
        }

        draft.WrittenByName = caller.Name;
        draft.UpdatedAt = now;
        draft.Version++;
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(PlanSaved, $"保存应急预案草稿 / saved emergency plan draft: {draft.Category.ToWire()} v{draft.Number}", "emergency_plan", draft.Id.ToString(),
            standing.Site.CustomerId, websiteId, before, Snapshot(draft)));
        try
        {
            await change.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale();
        }

        return PlanView.Of(draft);
    }

    /// <summary>Approves a draft (GB/T 38249 7.5 a: every required section must say something); the version it replaces is superseded.</summary>
    public async Task<Outcome<PlanView>> ApproveAsync(Caller caller, Guid websiteId, Guid planId, CancellationToken ct)
    {
        var standing = await OperationsStanding.OfAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        var plan = standing is null ? null : await db.EmergencyPlans.FirstOrDefaultAsync(p => p.Id == planId && p.WebsiteId == websiteId, ct).ConfigureAwait(false);
        if (plan is null)
        {
            return Error.NotFound(PlanLabel);
        }

        if (!standing!.IsCustomerAdmin(caller))
        {
            return await standing.DenyAsync(db, audit, caller, "emergency_plan", planId.ToString(), AdminOnly, ct).ConfigureAwait(false);
        }

        if (plan.State != PlanState.Draft)
        {
            return Error.Conflict(new($"应急预案第 {plan.Number} 版已经批准过；修改请保存新草稿。", $"Version {plan.Number} of the plan was already approved; save a new draft to change it."));
        }

        var v = new Validation();
        foreach (var s in PlanSection.All.Where(s => !EmergencyRules.IsComplete(s.Read(plan))))
        {
            v.Add("sections." + s.Code, "incomplete",
                $"预案缺少“{s.Name.Zh}”章节的实质内容（sections.{s.Code} 至少 {EmergencyLimits.MinSection} 个字符），GB/T 38249 7.5 a 要求预案包括该章节。",
                $"The plan's \"{s.Name.En}\" section (sections.{s.Code}) has no real content (at least {EmergencyLimits.MinSection} characters); GB/T 38249 7.5 a requires it.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var before = Snapshot(plan);
        var current = await db.EmergencyPlans.Where(p => p.WebsiteId == websiteId && p.Category == plan.Category && p.State == PlanState.Approved)
            .ToListAsync(ct).ConfigureAwait(false);
        foreach (var old in current)
        {
            old.State = PlanState.Superseded;
            old.Version++;
        }

        plan.State = PlanState.Approved;
        plan.ApprovedByName = caller.Name;
        plan.ApprovedAt = now;
        plan.Version++;
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(PlanApproved, $"批准应急预案 / approved emergency plan: {plan.Category.ToWire()} v{plan.Number}", "emergency_plan", plan.Id.ToString(),
            standing.Site.CustomerId, websiteId, before, Snapshot(plan)));
        try
        {
            await change.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale();
        }

        return PlanView.Of(plan);
    }

    /// <summary>Records a drill; an overdue-drill alert of its category is resolved at once.</summary>
    public async Task<Outcome<DrillView>> RecordDrillAsync(Caller caller, Guid websiteId, DrillInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (standing, refused) = await ProviderAsync(caller, websiteId, "drill", ct).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        var v = new Validation();
        var category = Category(v, input.Category);
        var held = Day(v, "heldOn", new("演练日期", "Drill date"), input.HeldOn, now);
        var participants = v.Required("participants", new("参与人员", "Participants"), input.Participants, EmergencyLimits.Text);
        var scenario = v.Required("scenario", new("演练场景", "Scenario"), input.Scenario, EmergencyLimits.Text);
        var result = v.OneOf("result", new("演练结果", "Result"), input.Result, WireCodes<DrillResult>.ByCode);
        var findings = v.Optional("findings", new("发现的问题", "Findings"), input.Findings, EmergencyLimits.Text) ?? string.Empty;
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var drill = new Drill
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = websiteId,
            Category = category!.Value,
            HeldOn = held,
            Participants = participants!,
            Scenario = scenario!,
            Result = result!.Value,
            Findings = findings,
            RecordedByName = caller.Name,
            RecordedAt = now,
        };
        await using (var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false))
        {
            db.Drills.Add(drill);
            change.Record(new AuditEvent(DrillRecorded, $"登记应急演练 / recorded drill: {drill.Category.ToWire()} {drill.HeldOn:yyyy-MM-dd}", "drill", drill.Id.ToString(),
                standing.Site.CustomerId, websiteId, null, new { Category = drill.Category.ToWire(), drill.HeldOn, drill.Scenario, Result = drill.Result.ToString(), drill.Participants }));
            await change.CommitAsync(ct).ConfigureAwait(false);
        }

        await checker.CheckWebsiteAsync(websiteId, ct).ConfigureAwait(false);
        return DrillView.Of(drill);
    }

    public async Task<Outcome<BackupStrategyView>> SetBackupStrategyAsync(Caller caller, Guid websiteId, BackupStrategyInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (standing, refused) = await ProviderAsync(caller, websiteId, "backup_strategy", ct).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var v = new Validation();
        var full = v.Range("fullEveryDays", new("全量备份间隔（天）", "Full backup every (days)"), input.FullEveryDays, 1, 31);
        var incremental = v.Range("incrementalEveryHours", new("增量备份间隔（小时）", "Incremental backup every (hours)"), input.IncrementalEveryHours, 1, 168);
        var retention = v.Range("retentionDays", new("保留期（天）", "Retention (days)"), input.RetentionDays, 1, 3650);
        var location = v.Required("location", new("存放位置", "Location"), input.Location, 500);
        var notes = v.Optional("notes", new("备注", "Notes"), input.Notes, EmergencyLimits.Text) ?? string.Empty;
        if (v.IsValid && incremental >= full * 24)
        {
            v.Add("incrementalEveryHours", "within_full", "增量备份间隔（incrementalEveryHours）必须短于全量备份间隔，否则没有增量备份。",
                "The incremental interval (incrementalEveryHours) must be shorter than the full backup interval, or there are no incremental backups.");
        }

        if (v.IsValid && retention < full)
        {
            v.Add("retentionDays", "covers_full", "保留期（retentionDays）不能短于全量备份间隔，否则会出现没有全量备份可恢复的时段。",
                "The retention (retentionDays) must be at least the full backup interval, or there are times with no full backup to restore.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var s = await db.BackupStrategies.FirstOrDefaultAsync(x => x.WebsiteId == websiteId, ct).ConfigureAwait(false);
        if (s is not null && input.Version is { } version && version != s.Version)
        {
            return Stale();
        }

        var before = s is null ? null : BackupStrategyView.Of(s) with { UpdatedAt = default, UpdatedBy = string.Empty };
        if (s is null)
        {
            s = new BackupStrategy { WebsiteId = websiteId, Location = location!, UpdatedByName = caller.Name };
            db.BackupStrategies.Add(s);
        }

        s.FullEveryDays = full;
        s.IncrementalEveryHours = incremental;
        s.RetentionDays = retention;
        s.Location = location!;
        s.OffSite = input.OffSite ?? false;
        s.Notes = notes;
        s.UpdatedByName = caller.Name;
        s.UpdatedAt = now;
        s.Version++;
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(BackupStrategySet, "修改备份策略 / set backup strategy", "backup_strategy", websiteId.ToString(),
            standing.Site.CustomerId, websiteId, before, BackupStrategyView.Of(s) with { UpdatedAt = default, UpdatedBy = string.Empty }));
        try
        {
            await change.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale();
        }

        return BackupStrategyView.Of(s);
    }

    public async Task<Outcome<RestoreDrillView>> RecordRestoreDrillAsync(Caller caller, Guid websiteId, RestoreDrillInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (standing, refused) = await ProviderAsync(caller, websiteId, "backup_restore_drill", ct).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        var v = new Validation();
        var held = Day(v, "heldOn", new("演练日期", "Drill date"), input.HeldOn, now);
        var restored = v.Required("backupRestored", new("恢复的备份", "Backup restored"), input.BackupRestored, 500);
        if (input.Succeeded is null)
        {
            v.Add("succeeded", "required", "恢复是否成功（succeeded）为必填项。", "Whether the restore succeeded (succeeded) is required.");
        }

        var minutes = v.Range("durationMinutes", new("恢复用时（分钟）", "Restore time (minutes)"), input.DurationMinutes, 0, 100_000);
        var findings = v.Optional("findings", new("发现的问题", "Findings"), input.Findings, EmergencyLimits.Text) ?? string.Empty;
        if (input.Succeeded == false && findings.Length == 0)
        {
            v.Add("findings", "required_on_failure", "恢复失败时须填写发现的问题（findings）。", "A failed restore needs its findings (findings).");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var drill = new RestoreDrill
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = websiteId,
            HeldOn = held,
            BackupRestored = restored!,
            Succeeded = input.Succeeded!.Value,
            DurationMinutes = minutes,
            DataVerified = input.DataVerified ?? false,
            Findings = findings,
            RecordedByName = caller.Name,
            RecordedAt = now,
        };
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.RestoreDrills.Add(drill);
        change.Record(new AuditEvent(RestoreDrillRecorded, $"登记备份恢复演练 / recorded restore drill {drill.HeldOn:yyyy-MM-dd}", "backup_restore_drill", drill.Id.ToString(),
            standing.Site.CustomerId, websiteId, null, RestoreDrillView.Of(drill) with { RecordedAt = default }));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return RestoreDrillView.Of(drill);
    }

    /// <summary>The website for a provider's write: 404 when invisible, 403 (recorded) when the caller is not the engaged provider.</summary>
    private async Task<(OperationsStanding Standing, Error? Refused)> ProviderAsync(Caller caller, Guid websiteId, string objectType, CancellationToken ct)
    {
        var standing = await OperationsStanding.OfAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (standing is null)
        {
            return (null!, Error.NotFound(SiteLabel));
        }

        return standing.IsProviderWriter(caller) ? (standing, null) : (standing, await standing.DenyAsync(db, audit, caller, objectType, null, ProviderOnly, ct).ConfigureAwait(false));
    }

    private static IncidentCategory? Category(Validation v, string? code)
    {
        var all = Terms.All<IncidentCategory>().ToDictionary(c => c.ToWire(), c => c, StringComparer.Ordinal);
        return v.OneOf("category", new("事件类别", "Incident category"), code, all);
    }

    private static DateOnly Day(Validation v, string field, Text label, DateOnly? value, DateTimeOffset now)
    {
        if (value is null)
        {
            v.Add(field, "required", $"{label.Zh}（{field}）为必填项。", $"{label.En} ({field}) is required.");
            return default;
        }

        if (value > EmergencyRules.ChinaToday(now))
        {
            v.Add(field, "not_future", $"{label.Zh}（{field}）不能晚于今天：只登记已经举行的演练。", $"{label.En} ({field}) cannot be after today: record drills that were held.");
        }

        return value.Value;
    }

    private static Error Stale() =>
        Error.Conflict(new("记录已被他人修改（version 不是最新），请刷新后重试。", "The record was changed by someone else (version is stale); reload and try again."));

    private static object Snapshot(EmergencyPlan p) => new
    {
        Category = p.Category.ToWire(),
        p.Number,
        State = p.State.ToString(),
        p.Title,
        p.General,
        p.Roles,
        p.Prevention,
        p.Grading,
        p.Procedure,
        p.Safeguards,
    };
}

