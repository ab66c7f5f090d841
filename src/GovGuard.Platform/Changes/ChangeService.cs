using GovGuard.Platform.Access;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Emergency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Changes;

/// <summary>
/// Major change notices (GB/T 38249 7.2.2 i, 7.2.1 e) and risk assessments (7.6 d). The engaged provider notifies a
/// change at least <see cref="ChangeOptions.NoticeDays"/> ahead with its impact on the customer; the customer records
/// the supervisor's review where one is required and decides; approval plans a maintenance window on the affected
/// monitors and raises a pending risk assessment for after the change.
/// </summary>
public sealed class ChangeService(GovGuardDbContext db, AuditLog audit, TimeProvider time, IOptions<ChangeOptions> options)
{
    public const string ChangeNotified = "change.notified";
    public const string ChangeDecided = "change.decided";
    public const string ChangeWithdrawn = "change.withdrawn";
    public const string SupervisorReviewed = "change.supervisor_reviewed";
    public const string RiskRaised = "risk_assessment.raised";
    public const string RiskCompleted = "risk_assessment.completed";

    private static readonly Text SiteLabel = new("网站", "website");
    private static readonly Text ChangeLabel = new("变更通知", "change notice");
    private static readonly Text RiskLabel = new("风险评估", "risk assessment");
    private static readonly Text ProviderOnly = new("只有参与该网站的云服务商可以发出重大变更通知（GB/T 38249 7.2.2 i）。", "Only the engaged cloud provider notifies major changes (GB/T 38249 7.2.2 i).");
    private static readonly Text CustomerOnly = new("只有网站所属单位可以决定变更、登记监管审核和完成风险评估（GB/T 38249 7.2.1 e、7.6 d）。",
        "Only the website's owner decides changes, records the supervisor's review and completes risk assessments (GB/T 38249 7.2.1 e, 7.6 d).");

    internal static void RegisterAuditKinds()
    {
        AuditKinds.Register(new AuditKind(ChangeNotified, new("发出重大变更通知", "Major change notified"), true));
        AuditKinds.Register(new AuditKind(ChangeDecided, new("决定重大变更", "Major change decided"), true));
        AuditKinds.Register(new AuditKind(ChangeWithdrawn, new("撤回重大变更", "Major change withdrawn"), true));
        AuditKinds.Register(new AuditKind(SupervisorReviewed, new("登记监管部门审核", "Supervisor review recorded"), true));
        AuditKinds.Register(new AuditKind(RiskRaised, new("发起风险评估", "Risk assessment raised"), true));
        AuditKinds.Register(new AuditKind(RiskCompleted, new("完成风险评估", "Risk assessment completed"), true));
    }

    public async Task<Outcome<ChangesOverview>> ListAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        var standing = await OperationsStanding.OfAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (standing is null)
        {
            return Error.NotFound(SiteLabel);
        }

        var changes = await db.ChangeNotices.AsNoTracking().Where(c => c.WebsiteId == websiteId).OrderByDescending(c => c.PlannedStart).Take(500).ToListAsync(ct).ConfigureAwait(false);
        var risks = await db.RiskAssessments.AsNoTracking().Where(r => r.WebsiteId == websiteId).OrderByDescending(r => r.RaisedAt).Take(500).ToListAsync(ct).ConfigureAwait(false);
        var today = EmergencyRules.ChinaToday(time.GetUtcNow());
        return new ChangesOverview(
            changes.Select(c => ChangeView.Of(c, risks.FirstOrDefault(r => r.ChangeId == c.Id)?.Id)).ToList(),
            risks.Select(r => RiskView(r, today)).ToList(),
            options.Value.NoticeDays, standing.IsProviderWriter(caller), standing.IsCustomerWriter(caller));
    }

    public async Task<Outcome<ChangeView>> GetAsync(Caller caller, Guid websiteId, Guid id, CancellationToken ct)
    {
        var standing = await OperationsStanding.OfAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        var c = standing is null ? null : await db.ChangeNotices.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.WebsiteId == websiteId, ct).ConfigureAwait(false);
        if (c is null)
        {
            return Error.NotFound(ChangeLabel);
        }

        var risk = await db.RiskAssessments.AsNoTracking().Where(r => r.ChangeId == id).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return ChangeView.Of(c, risk);
    }

    /// <summary>The provider notifies a major change; refused when it starts sooner than the required notice.</summary>
    public async Task<Outcome<ChangeView>> NotifyAsync(Caller caller, Guid websiteId, ChangeInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var standing = await OperationsStanding.OfAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (standing is null)
        {
            return Error.NotFound(SiteLabel);
        }

        if (!standing.IsProviderWriter(caller))
        {
            return await standing.DenyAsync(db, audit, caller, "change_notice", null, ProviderOnly, ct).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        var notice = options.Value.NoticeDays;
        var v = new Validation();
        var title = v.Required("title", new("变更名称", "Title"), input.Title, 200);
        var description = v.Required("description", new("变更内容", "Description"), input.Description, ChangeLimits.Text);
        var impact = v.Required("impact", new("对云服务客户的影响评估", "Impact assessment on the customer"), input.Impact, ChangeLimits.Text);
        var start = input.PlannedStart?.ToUniversalTime();
        var end = input.PlannedEnd?.ToUniversalTime();
        if (start is null)
        {
            v.Add("plannedStart", "required", "计划开始时间（plannedStart）为必填项。", "The planned start (plannedStart) is required.");
        }
        else if (start < now.AddDays(notice))
        {
            v.Add("plannedStart", "advance_notice",
                $"计划开始时间（plannedStart）距今不足 {notice} 天：GB/T 38249 7.2.2 i 要求重大变更提前通知云服务客户，本平台要求至少提前 {notice} 天（最早 {now.AddDays(notice).ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} UTC+8）。",
                $"The planned start (plannedStart) is less than {notice} days away: GB/T 38249 7.2.2 i requires major changes to be notified to the customer in advance, here at least {notice} days (no earlier than {now.AddDays(notice).ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} UTC+8).");
        }

        if (end is null)
        {
            v.Add("plannedEnd", "required", "计划结束时间（plannedEnd）为必填项。", "The planned end (plannedEnd) is required.");
        }
        else if (start is not null && end <= start)
        {
            v.Add("plannedEnd", "after_start", "计划结束时间（plannedEnd）必须晚于开始时间（plannedStart）。", "The planned end (plannedEnd) must come after the start (plannedStart).");
        }
        else if (start is not null && end - start > MaintenanceService.MaxLength)
        {
            v.Add("plannedEnd", "max_length", "一次变更的时段最长 31 天（plannedEnd）。", "A change's window lasts at most 31 days (plannedEnd).");
        }

        var monitors = (input.MonitorIds ?? []).Where(g => g != Guid.Empty).Distinct().ToList();
        if (monitors.Count > 0)
        {
            var known = await db.Monitors.AsNoTracking().Where(m => m.WebsiteId == websiteId && monitors.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct).ConfigureAwait(false);
            if (known.Count != monitors.Count)
            {
                v.Add("monitorIds", "monitor", "受影响的监测项（monitorIds）必须都是该网站的监测项。", "The affected monitors (monitorIds) must all be monitors of the website.");
            }
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var c = new ChangeNotice
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = websiteId,
            Title = title!,
            Description = description!,
            Impact = impact!,
            PlannedStart = start!.Value,
            PlannedEnd = end!.Value,
            MonitorIds = monitors,
            NoticeDays = notice,
            SupervisorReviewRequired = input.SupervisorReviewRequired ?? false,
            State = ChangeState.Proposed,
            SubmittedByName = caller.Name,
            SubmittedAt = now,
            Version = 1,
        };
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.ChangeNotices.Add(c);
        change.Record(new AuditEvent(ChangeNotified, $"重大变更通知 / major change notified: {AlertLimits.Cut(c.Title, 100)}", "change_notice", c.Id.ToString(),
            standing.Site.CustomerId, websiteId, null, Snapshot(c)));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return ChangeView.Of(c, null);
    }

    /// <summary>The customer records the supervising authority's review (7.2.2 i "获得监管部门审核").</summary>
    public async Task<Outcome<ChangeView>> RecordSupervisorReviewAsync(Caller caller, Guid websiteId, Guid id, SupervisorReviewInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (c, standing, error) = await ForCustomerAsync(caller, websiteId, id, ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var v = new Validation();
        var reference = v.Required("reference", new("审核文号或记录", "Review reference"), input.Reference, 200);
        if (input.Approved is null)
        {
            v.Add("approved", "required", "审核结论（approved）为必填项。", "The review's outcome (approved) is required.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (c!.State != ChangeState.Proposed)
        {
            return Error.Conflict(new("变更已有决定，不能再登记审核。", "The change was already decided; no review can be recorded now."));
        }

        var before = Snapshot(c);
        c.SupervisorReference = reference;
        c.SupervisorApproved = input.Approved;
        c.SupervisorReviewedAt = time.GetUtcNow();
        c.Version++;
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(SupervisorReviewed, $"登记监管部门审核 / supervisor review: {(input.Approved == true ? "通过 approved" : "不通过 rejected")}", "change_notice", c.Id.ToString(),
            standing!.Site.CustomerId, websiteId, before, Snapshot(c)));
        return await CommitAsync(change, c, ct).ConfigureAwait(false);
    }

    /// <summary>The customer approves or rejects; approval plans the maintenance window and raises the pending risk assessment.</summary>
    public async Task<Outcome<ChangeView>> DecideAsync(Caller caller, Guid websiteId, Guid id, DecisionInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (c, standing, error) = await ForCustomerAsync(caller, websiteId, id, ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var v = new Validation();
        var decision = v.OneOf("decision", new("决定", "Decision"), input.Decision,
            new Dictionary<string, bool>(StringComparer.Ordinal) { ["approve"] = true, ["reject"] = false });
        var reason = v.Optional("reason", new("理由", "Reason"), input.Reason, ChangeLimits.Reason);
        if (decision == false && reason is null)
        {
            v.Add("reason", "required", "拒绝变更须说明理由（reason）。", "A rejection needs its reason (reason).");
        }

        if (input.Version is { } version && version != c!.Version)
        {
            v.Add("version", "stale", "变更通知已被他人修改（version 不是最新），请刷新后重试。", "The change was changed by someone else (version is stale); reload and try again.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (c!.State != ChangeState.Proposed)
        {
            return Error.Conflict(new("变更已有决定。", "The change was already decided."));
        }

        var now = time.GetUtcNow();
        if (decision == true)
        {
            if (c.SupervisorReviewRequired && c.SupervisorApproved != true)
            {
                return Error.Conflict(new("该变更须先获得监管部门审核通过（GB/T 38249 7.2.2 i），请先登记审核结论。",
                    "The change needs the supervising authority's approval first (GB/T 38249 7.2.2 i): record the review."));
            }

            if (c.PlannedEnd <= now)
            {
                return Error.Conflict(new("变更的计划时段已经结束，不能再批准。", "The change's planned window is over; it can no longer be approved."));
            }
        }

        var before = Snapshot(c);
        c.State = decision == true ? ChangeState.Approved : ChangeState.Rejected;
        c.DecidedByName = caller.Name;
        c.DecidedAt = now;
        c.DecisionReason = reason;
        c.Version++;
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        if (decision == true)
        {
            // GB/T 38249 7.2.2 i: the approved change's window silences the affected monitors' alerts.
            var window = new MaintenanceWindow
            {
                Id = Guid.CreateVersion7(now),
                WebsiteId = websiteId,
                MonitorIds = [.. c.MonitorIds],
                StartsAt = c.PlannedStart,
                EndsAt = c.PlannedEnd,
                Reason = AlertLimits.Cut("重大变更 / major change: " + c.Title, 500),
                CreatedByOrganisationId = caller.OrganisationId,
                CreatedByName = caller.Name,
                CreatedAt = now,
                Version = 1,
            };
            db.MaintenanceWindows.Add(window);
            c.MaintenanceWindowId = window.Id;
            change.Record(new AuditEvent(AuditKinds.MaintenanceCreated, $"变更批准后安排维护时段 / maintenance window for the approved change: {AlertLimits.Cut(c.Title, 100)}", "maintenance_window",
                window.Id.ToString(), standing!.Site.CustomerId, websiteId, null, new { window.StartsAt, window.EndsAt, window.Reason, MonitorIds = string.Join(",", window.MonitorIds) }));

            // GB/T 38249 7.6 d: a risk assessment after the major change, pending until the customer completes it.
            var risk = new RiskAssessment
            {
                Id = Guid.CreateVersion7(now),
                WebsiteId = websiteId,
                ChangeId = c.Id,
                Title = AlertLimits.Cut("重大变更后的风险评估 / risk assessment after the change: " + c.Title, 200),
                State = RiskAssessmentState.Pending,
                RaisedAt = now,
                DueBy = EmergencyRules.ChinaToday(c.PlannedEnd).AddDays(options.Value.RiskAssessmentDays),
                Version = 1,
            };
            db.RiskAssessments.Add(risk);
            change.Record(new AuditEvent(RiskRaised, $"重大变更后自动发起风险评估 / risk assessment raised after the change: {AlertLimits.Cut(c.Title, 100)}", "risk_assessment",
                risk.Id.ToString(), standing.Site.CustomerId, websiteId, null, new { risk.Title, risk.DueBy, ChangeId = c.Id }));
        }

        change.Record(new AuditEvent(ChangeDecided, $"{(decision == true ? "批准" : "拒绝")}重大变更 / {(decision == true ? "approved" : "rejected")} major change: {AlertLimits.Cut(c.Title, 100)}",
            "change_notice", c.Id.ToString(), standing!.Site.CustomerId, websiteId, before, Snapshot(c)));
        return await CommitAsync(change, c, ct).ConfigureAwait(false);
    }

    /// <summary>The provider withdraws a change that is not decided yet.</summary>
    public async Task<Outcome<ChangeView>> WithdrawAsync(Caller caller, Guid websiteId, Guid id, CancellationToken ct)
    {
        var standing = await OperationsStanding.OfAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        var c = standing is null ? null : await db.ChangeNotices.FirstOrDefaultAsync(x => x.Id == id && x.WebsiteId == websiteId, ct).ConfigureAwait(false);
        if (c is null)
        {
            return Error.NotFound(ChangeLabel);
        }

        if (!standing!.IsProviderWriter(caller))
        {
            return await standing.DenyAsync(db, audit, caller, "change_notice", id.ToString(), ProviderOnly, ct).ConfigureAwait(false);
        }

        if (c.State != ChangeState.Proposed)
        {
            return Error.Conflict(new("只能撤回尚未决定的变更。", "Only a change not decided yet can be withdrawn."));
        }

        var before = Snapshot(c);
        c.State = ChangeState.Withdrawn;
        c.Version++;
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(ChangeWithdrawn, $"撤回重大变更 / withdrew major change: {AlertLimits.Cut(c.Title, 100)}", "change_notice", c.Id.ToString(),
            standing.Site.CustomerId, websiteId, before, Snapshot(c)));
        return await CommitAsync(change, c, ct).ConfigureAwait(false);
    }

    /// <summary>The customer records a periodic risk assessment, done at once.</summary>
    public async Task<Outcome<RiskAssessmentView>> RecordRiskAssessmentAsync(Caller caller, Guid websiteId, RiskAssessmentInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var standing = await OperationsStanding.OfAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (standing is null)
        {
            return Error.NotFound(SiteLabel);
        }

        if (!standing.IsCustomerWriter(caller))
        {
            return await standing.DenyAsync(db, audit, caller, "risk_assessment", null, CustomerOnly, ct).ConfigureAwait(false);
        }

        var v = new Validation();
        var title = v.Required("title", new("评估名称", "Title"), input.Title, 200);
        var (level, findings, measures) = Results(v, input);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var r = new RiskAssessment
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = websiteId,
            Title = title!,
            State = RiskAssessmentState.Completed,
            RaisedAt = now,
            DueBy = EmergencyRules.ChinaToday(now),
            Level = level,
            Findings = findings!,
            Measures = measures,
            CompletedByName = caller.Name,
            CompletedAt = now,
            Version = 1,
        };
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.RiskAssessments.Add(r);
        change.Record(new AuditEvent(RiskCompleted, $"登记风险评估 / recorded risk assessment: {AlertLimits.Cut(r.Title, 100)}", "risk_assessment", r.Id.ToString(),
            standing.Site.CustomerId, websiteId, null, RiskSnapshot(r)));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return RiskView(r, EmergencyRules.ChinaToday(now));
    }

    /// <summary>The customer completes a pending risk assessment (one raised after a major change).</summary>
    public async Task<Outcome<RiskAssessmentView>> CompleteRiskAssessmentAsync(Caller caller, Guid websiteId, Guid id, RiskAssessmentInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var standing = await OperationsStanding.OfAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        var r = standing is null ? null : await db.RiskAssessments.FirstOrDefaultAsync(x => x.Id == id && x.WebsiteId == websiteId, ct).ConfigureAwait(false);
        if (r is null)
        {
            return Error.NotFound(RiskLabel);
        }

        if (!standing!.IsCustomerWriter(caller))
        {
            return await standing.DenyAsync(db, audit, caller, "risk_assessment", id.ToString(), CustomerOnly, ct).ConfigureAwait(false);
        }

        var v = new Validation();
        var (level, findings, measures) = Results(v, input);
        if (input.Version is { } version && version != r.Version)
        {
            v.Add("version", "stale", "风险评估已被他人修改（version 不是最新），请刷新后重试。", "The assessment was changed by someone else (version is stale); reload and try again.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (r.State == RiskAssessmentState.Completed)
        {
            return Error.Conflict(new("该风险评估已经完成。", "The risk assessment is already completed."));
        }

        var now = time.GetUtcNow();
        var before = RiskSnapshot(r);
        r.State = RiskAssessmentState.Completed;
        r.Level = level;
        r.Findings = findings!;
        r.Measures = measures;
        r.CompletedByName = caller.Name;
        r.CompletedAt = now;
        r.Version++;
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(RiskCompleted, $"完成风险评估 / completed risk assessment: {AlertLimits.Cut(r.Title, 100)}", "risk_assessment", r.Id.ToString(),
            standing.Site.CustomerId, websiteId, before, RiskSnapshot(r)));
        try
        {
            await change.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(new("风险评估已被他人修改，请刷新后重试。", "The assessment was changed by someone else; reload and try again."));
        }

        return RiskView(r, EmergencyRules.ChinaToday(now));
    }

    private static (RiskLevel? Level, string? Findings, string Measures) Results(Validation v, RiskAssessmentInput input)
    {
        var level = v.OneOf("level", new("风险等级", "Risk level"), input.Level, WireCodes<RiskLevel>.ByCode);
        var findings = v.Required("findings", new("评估发现", "Findings"), input.Findings, ChangeLimits.Text);
        var measures = v.Optional("measures", new("整改措施", "Measures"), input.Measures, ChangeLimits.Text) ?? string.Empty;
        if (level is RiskLevel.High or RiskLevel.Medium && measures.Length == 0)
        {
            v.Add("measures", "required_for_risk", "中、高风险须填写整改措施（measures），GB/T 38249 7.6 e 要求对问题进行整改。",
                "Medium and high risks need their measures (measures); GB/T 38249 7.6 e asks for the problems to be fixed.");
        }

        return (level, findings, measures);
    }

    private async Task<(ChangeNotice?, OperationsStanding?, Error?)> ForCustomerAsync(Caller caller, Guid websiteId, Guid id, CancellationToken ct)
    {
        var standing = await OperationsStanding.OfAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        var c = standing is null ? null : await db.ChangeNotices.FirstOrDefaultAsync(x => x.Id == id && x.WebsiteId == websiteId, ct).ConfigureAwait(false);
        if (c is null)
        {
            return (null, null, Error.NotFound(ChangeLabel));
        }

        return standing!.IsCustomerWriter(caller)
            ? (c, standing, null)
            : (null, null, await standing.DenyAsync(db, audit, caller, "change_notice", id.ToString(), CustomerOnly, ct).ConfigureAwait(false));
    }

    private async Task<Outcome<ChangeView>> CommitAsync(AuditedChange change, ChangeNotice c, CancellationToken ct)
    {
        try
        {
            await change.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(new("变更通知已被他人修改，请刷新后重试。", "The change was changed by someone else; reload and try again."));
        }

        var risk = await db.RiskAssessments.AsNoTracking().Where(r => r.ChangeId == c.Id).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return ChangeView.Of(c, risk);
    }

    internal static RiskAssessmentView RiskView(RiskAssessment r, DateOnly today) => new(
        r.Id, r.WebsiteId, r.ChangeId, r.Title, WireCodes<RiskAssessmentState>.Code(r.State), r.RaisedAt, r.DueBy,
        r.State == RiskAssessmentState.Pending && today > r.DueBy, r.Level is null ? null : WireCodes<RiskLevel>.Code(r.Level.Value),
        r.Findings, r.Measures, r.CompletedByName, r.CompletedAt, r.Version);

    private static object Snapshot(ChangeNotice c) => new
    {
        c.Title,
        c.PlannedStart,
        c.PlannedEnd,
        State = c.State.ToString(),
        c.DecisionReason,
        c.SupervisorReference,
        c.SupervisorApproved,
        MonitorIds = string.Join(",", c.MonitorIds),
    };

    private static object RiskSnapshot(RiskAssessment r) => new { r.Title, State = r.State.ToString(), Level = r.Level?.ToString(), r.Findings, r.Measures };
}
