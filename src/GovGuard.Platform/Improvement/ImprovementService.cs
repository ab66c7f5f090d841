using GovGuard.Catalog;
using GovGuard.Platform.Access;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Incidents;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Improvement;

/// <summary>An inspection plan with when the next inspection is due.</summary>
public sealed record InspectionPlanView(Guid Id, string Title, string Scope, string Method, string Frequency, DateOnly StartsOn, bool Active,
    DateOnly? LastPerformedOn, DateOnly NextDueOn, bool Overdue, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>An inspection done, with its report and the actions its findings opened.</summary>
public sealed record InspectionView(Guid Id, Guid? PlanId, DateOnly PerformedOn, string Inspectors, string Scope, string Report, string RecordedBy, DateTimeOffset RecordedAt,
    IReadOnlyList<ImprovementActionView> Actions);

/// <summary>One version of the business continuity plan.</summary>
public sealed record ContinuityPlanView(int Number, string ImpactAnalysis, string RiskAssessment, string Team, string TestsAndDrills, string Steps, string SavedBy, DateTimeOffset SavedAt);

/// <summary>A confidentiality review of the data on the cloud.</summary>
public sealed record ConfidentialityReviewView(Guid Id, DateOnly ReviewedOn, string Scope, string Reviewers, string Result, string? Note, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>Everything about a website's inspection and improvement (GB/T 38249 7.6, 7.2.1 a), and what the caller may do.</summary>
public sealed record ImprovementOverview(
    Guid WebsiteId,
    string WebsiteName,
    IReadOnlyList<ImprovementActionView> Actions,
    IReadOnlyList<InspectionPlanView> Plans,
    IReadOnlyList<InspectionView> Inspections,
    ContinuityPlanView? ContinuityPlan,
    IReadOnlyList<int> ContinuityVersions,
    IReadOnlyList<ConfidentialityReviewView> ConfidentialityReviews,
    bool CanEdit);

/// <summary>An improvement action entered by hand, or from a risk assessment.</summary>
public sealed record ImprovementActionInput(string? Title, Guid? OwnerOrganisationId, DateOnly? DueOn, Guid? OwnerUserId = null, string? Description = null, string? Source = null, Guid? SourceId = null);

/// <summary>Moves an action on: <c>in_progress</c>, or <c>closed</c> with a closing note.</summary>
public sealed record ImprovementStatusInput(string? Status, string? Note);

/// <summary>An inspection plan and method.</summary>
public sealed record InspectionPlanInput(string? Title, string? Scope, string? Method, string? Frequency, DateOnly? StartsOn);

/// <summary>An inspection done: its report and the findings that need improvement.</summary>
public sealed record InspectionInput(DateOnly? PerformedOn, string? Inspectors, string? Scope, string? Report, Guid? PlanId = null, IReadOnlyList<ImprovementActionDraft>? Findings = null);

/// <summary>A new version of the business continuity plan (7.6 c): every part is required.</summary>
public sealed record ContinuityPlanInput(string? ImpactAnalysis, string? RiskAssessment, string? Team, string? TestsAndDrills, string? Steps);

/// <summary>A confidentiality review; issues found need a note, and may open improvement actions.</summary>
public sealed record ConfidentialityReviewInput(DateOnly? ReviewedOn, string? Scope, string? Reviewers, string? Result, string? Note = null, IReadOnlyList<ImprovementActionDraft>? Actions = null);

/// <summary>
/// Inspection and improvement of one website: improvement actions tracked to closure, inspection plans and
/// results, the business continuity plan, confidentiality reviews. Whoever sees the website reads; the owner and
/// engaged contributors with write access record.
/// </summary>
public sealed class ImprovementService(GovGuardDbContext db, AuditLog audit, TimeProvider time, ImprovementActions actions)
{
    private static readonly Text WebsiteLabel = new("网站", "website");

    private static readonly Text DenyText = new(
        "只有网站所属单位和参与运维的单位（有编辑权限的成员）可以登记检查与改进；测评机构和只读成员只能查看。",
        "Only the owner and the organisations working on the website (members who may write) record inspections and improvements; assessors and viewers only read.");

    public async Task<Outcome<ImprovementOverview>> GetAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var standing = await AlertAccess.StandingAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (standing is null)
        {
            return Error.NotFound(WebsiteLabel);
        }

        var all = await actions.ListAsync(db.Set<ImprovementAction>().Where(a => a.WebsiteId == websiteId), ct).ConfigureAwait(false);
        var inspections = await db.Set<Inspection>().AsNoTracking().Where(i => i.WebsiteId == websiteId).OrderByDescending(i => i.PerformedOn).ThenByDescending(i => i.RecordedAt)
            .Take(200).ToListAsync(ct).ConfigureAwait(false);
        var plans = await db.Set<InspectionPlan>().AsNoTracking().Where(p => p.WebsiteId == websiteId).OrderBy(p => p.CreatedAt).ToListAsync(ct).ConfigureAwait(false);
        var versions = await db.Set<ContinuityPlanVersion>().AsNoTracking().Where(v => v.WebsiteId == websiteId).OrderByDescending(v => v.Number).ToListAsync(ct).ConfigureAwait(false);
        var reviews = await db.Set<ConfidentialityReview>().AsNoTracking().Where(r => r.WebsiteId == websiteId).OrderByDescending(r => r.ReviewedOn).Take(200)
            .ToListAsync(ct).ConfigureAwait(false);
        var today = actions.Today();
        return new ImprovementOverview(
            websiteId,
            standing.Site.Name,
            all,
            plans.Select(p => PlanView(p, inspections.Where(i => i.PlanId == p.Id).Select(i => (DateOnly?)i.PerformedOn).Max(), today)).ToList(),
            inspections.Select(i => InspectionView(i, all)).ToList(),
            versions.Count == 0 ? null : ContinuityView(versions[0]),
            versions.Select(v => v.Number).ToList(),
            reviews.Select(ReviewView).ToList(),
            standing.CanAct(caller));
    }

    public async Task<Outcome<ImprovementActionView>> CreateActionAsync(Caller caller, Guid websiteId, ImprovementActionInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var site = await ForActionAsync(caller, websiteId, "improvement_action", ct).ConfigureAwait(false);
        if (!site.Succeeded)
        {
            return site.Error!;
        }

        var v = new Validation();
        // Incident reviews and inspections open their actions themselves; by hand only these two sources.
        var source = v.OneOf("source", new("来源", "Source"), string.IsNullOrWhiteSpace(input.Source) ? ImprovementSource.Manual.ToWire() : input.Source,
            new Dictionary<string, ImprovementSource>(StringComparer.Ordinal)
            {
                [ImprovementSource.Manual.ToWire()] = ImprovementSource.Manual,
                [ImprovementSource.RiskAssessment.ToWire()] = ImprovementSource.RiskAssessment,
            });
        var drafts = await actions.ValidateAsync(v, site.Value!, "action", [new ImprovementActionDraft(input.Title, input.OwnerOrganisationId, input.DueOn, input.OwnerUserId, input.Description)], ct)
            .ConfigureAwait(false);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        var added = actions.Add(change, caller, site.Value!, source!.Value, input.SourceId, drafts, time.GetUtcNow());
        await change.CommitAsync(ct).ConfigureAwait(false);
        return (await actions.ListAsync(db.Set<ImprovementAction>().Where(a => a.Id == added[0].Id), ct).ConfigureAwait(false)).Single();
    }

    /// <summary>Moves an action to in progress, or closes it with a note; a closed action stays closed.</summary>
    public async Task<Outcome<ImprovementActionView>> SetStatusAsync(Caller caller, Guid id, ImprovementStatusInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var action = await db.Set<ImprovementAction>().FirstOrDefaultAsync(a => a.Id == id, ct).ConfigureAwait(false);
        var standing = action is null ? null : await AlertAccess.StandingAsync(db, caller, action.WebsiteId, ct).ConfigureAwait(false);
        if (standing is null)
        {
            return Error.NotFound(new Text("改进措施", "improvement action"));
        }

        if (!standing.CanAct(caller))
        {
            return await AlertAccess.DenyAsync(db, audit, caller, "improvement_action", id.ToString(), standing.Site, DenyText, ct).ConfigureAwait(false);
        }

        var v = new Validation();
        var status = v.OneOf("status", new("状态", "Status"), input.Status, new Dictionary<string, ImprovementStatus>(StringComparer.Ordinal)
        {
            [ImprovementStatus.InProgress.ToWire()] = ImprovementStatus.InProgress,
            [ImprovementStatus.Closed.ToWire()] = ImprovementStatus.Closed,
        });
        var note = status == ImprovementStatus.Closed
            ? v.Required("note", new("完成说明", "Closing note"), input.Note, ImprovementLimits.Text)
            : v.Optional("note", new("说明", "Note"), input.Note, ImprovementLimits.Text);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (action!.Status == ImprovementStatus.Closed)
        {
            return Error.Conflict(new("改进措施已完成关闭，不能再修改。", "The improvement action is closed and no longer changes."));
        }

        var before = new { status = action.Status.ToWire() };
        var now = time.GetUtcNow();
        action.Status = status!.Value;
        if (status == ImprovementStatus.Closed)
        {
            action.ClosedAt = now;
            action.ClosingNote = note;
            action.ClosedByName = caller.Name;
        }

        action.Version++;
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(ImprovementAudit.ActionUpdated, $"改进措施「{action.Title}」{status.Value.NameZh()} / improvement action {status.Value.ToWire()}", "improvement_action",
            action.Id.ToString(), standing.Site.CustomerId, standing.Site.Id, before, new { status = status.Value.ToWire(), note }));
        try
        {
            await change.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Error.Conflict(new("改进措施刚被他人修改，请刷新后重试。", "Someone else changed the action just now; reload and try again."));
        }

        db.ChangeTracker.Clear();
        return (await actions.ListAsync(db.Set<ImprovementAction>().Where(a => a.Id == id), ct).ConfigureAwait(false)).Single();
    }

    public async Task<Outcome<InspectionPlanView>> CreatePlanAsync(Caller caller, Guid websiteId, InspectionPlanInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var site = await ForActionAsync(caller, websiteId, "inspection_plan", ct).ConfigureAwait(false);
        if (!site.Succeeded)
        {
            return site.Error!;
        }

        var v = new Validation();
        var title = v.Required("title", new("计划名称", "Title"), input.Title, ImprovementLimits.Title);
        var scope = v.Required("scope", new("检查范围", "Scope"), input.Scope, ImprovementLimits.Text);
        var method = v.Required("method", new("检查方案", "Method"), input.Method, ImprovementLimits.Text);
        var frequency = v.OneOf("frequency", new("检查周期", "Frequency"), input.Frequency, TermCodes<InspectionFrequency>.ByCode);
        if (input.StartsOn is null)
        {
            v.Add("startsOn", "required", "首次检查日期（startsOn）为必填项。", "The first inspection date (startsOn) is required.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var plan = new InspectionPlan
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = websiteId,
            Title = title!,
            Scope = scope!,
            Method = method!,
            Frequency = frequency!.Value,
            StartsOn = input.StartsOn!.Value,
            Active = true,
            CreatedByOrganisationId = caller.OrganisationId,
            CreatedByName = caller.Name,
            CreatedAt = now,
            Version = 1,
        };
        db.Add(plan);
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(ImprovementAudit.PlanSaved, $"制定安全检查计划「{plan.Title}」 / inspection plan saved", "inspection_plan", plan.Id.ToString(),
            site.Value!.CustomerId, websiteId, null, new { plan.Title, frequency = plan.Frequency.ToWire(), plan.StartsOn }));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return PlanView(plan, null, actions.Today());
    }

    /// <summary>Records an inspection and its report; each finding becomes an improvement action (source: inspection).</summary>
    public async Task<Outcome<InspectionView>> RecordInspectionAsync(Caller caller, Guid websiteId, InspectionInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var site = await ForActionAsync(caller, websiteId, "inspection", ct).ConfigureAwait(false);
        if (!site.Succeeded)
        {
            return site.Error!;
        }

        var v = new Validation();
        var performed = NotFutureDate(v, "performedOn", new("检查日期", "Inspection date"), input.PerformedOn);
        var inspectors = v.Required("inspectors", new("检查人员", "Inspectors"), input.Inspectors, ImprovementLimits.Title);
        var scope = v.Required("scope", new("检查范围", "Scope"), input.Scope, ImprovementLimits.Text);
        var report = v.Required("report", new("检查报告", "Report"), input.Report, ImprovementLimits.Report);
        if (input.PlanId is { } planId && !await db.Set<InspectionPlan>().AnyAsync(p => p.Id == planId && p.WebsiteId == websiteId, ct).ConfigureAwait(false))
        {
            v.Add("planId", "exists", "本网站没有这个检查计划（planId）。", "The website has no such inspection plan (planId).");
        }

        var drafts = await actions.ValidateAsync(v, site.Value!, "findings", input.Findings ?? [], ct).ConfigureAwait(false);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var inspection = new Inspection
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = websiteId,
            PlanId = input.PlanId,
            PerformedOn = performed!.Value,
            Inspectors = inspectors!,
            Scope = scope!,
            Report = report!,
            RecordedByUserId = caller.UserId,
            RecordedByName = caller.Name,
            RecordedByOrganisationId = caller.OrganisationId,
            RecordedAt = now,
        };
        db.Add(inspection);
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(ImprovementAudit.InspectionRecorded, $"登记安全检查（{inspection.PerformedOn:yyyy-MM-dd}） / inspection recorded", "inspection", inspection.Id.ToString(),
            site.Value!.CustomerId, websiteId, null, new { inspection.PerformedOn, inspection.Inspectors, findings = drafts.Count }));
        actions.Add(change, caller, site.Value!, ImprovementSource.Inspection, inspection.Id, drafts, now);
        await change.CommitAsync(ct).ConfigureAwait(false);
        var opened = await actions.ListForSourceAsync(ImprovementSource.Inspection, inspection.Id, ct).ConfigureAwait(false);
        return InspectionView(inspection, opened);
    }

    /// <summary>Saves a new version of the business continuity plan (earlier versions stay readable).</summary>
    public async Task<Outcome<ContinuityPlanView>> SaveContinuityPlanAsync(Caller caller, Guid websiteId, ContinuityPlanInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var site = await ForActionAsync(caller, websiteId, "continuity_plan", ct).ConfigureAwait(false);
        if (!site.Succeeded)
        {
            return site.Error!;
        }

        var v = new Validation();
        var impact = v.Required("impactAnalysis", new("业务影响分析", "Business impact analysis"), input.ImpactAnalysis, ImprovementLimits.Text);
        var risk = v.Required("riskAssessment", new("业务连续性风险评估", "Continuity risk assessment"), input.RiskAssessment, ImprovementLimits.Text);
        var team = v.Required("team", new("业务连续性团队", "Continuity team"), input.Team, ImprovementLimits.Text);
        var tests = v.Required("testsAndDrills", new("测试与演练", "Tests and drills"), input.TestsAndDrills, ImprovementLimits.Text);
        var steps = v.Required("steps", new("计划步骤", "Plan steps"), input.Steps, ImprovementLimits.Text);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var last = await db.Set<ContinuityPlanVersion>().Where(p => p.WebsiteId == websiteId).MaxAsync(p => (int?)p.Number, ct).ConfigureAwait(false) ?? 0;
        var version = new ContinuityPlanVersion
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = websiteId,
            Number = last + 1,
            ImpactAnalysis = impact!,
            RiskAssessment = risk!,
            Team = team!,
            TestsAndDrills = tests!,
            Steps = steps!,
            SavedByUserId = caller.UserId,
            SavedByName = caller.Name,
            SavedByOrganisationId = caller.OrganisationId,
            SavedAt = now,
        };
        db.Add(version);
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(ImprovementAudit.ContinuityPlanSaved, $"保存业务连续性计划第 {version.Number} 版 / continuity plan v{version.Number} saved", "continuity_plan",
            version.Id.ToString(), site.Value!.CustomerId, websiteId, null, new { version.Number }));
        try
        {
            await change.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Error.Conflict(new("业务连续性计划刚被他人保存了新版本，请刷新后重试。", "Someone saved a new version of the plan just now; reload and try again."));
        }

        return ContinuityView(version);
    }

    public async Task<Outcome<ContinuityPlanView>> GetContinuityVersionAsync(Caller caller, Guid websiteId, int number, CancellationToken ct)
    {
        if (await AlertAccess.StandingAsync(db, caller, websiteId, ct).ConfigureAwait(false) is null)
        {
            return Error.NotFound(WebsiteLabel);
        }

        var version = await db.Set<ContinuityPlanVersion>().AsNoTracking().FirstOrDefaultAsync(p => p.WebsiteId == websiteId && p.Number == number, ct).ConfigureAwait(false);
        return version is null ? Error.NotFound(new Text("业务连续性计划版本", "continuity plan version")) : ContinuityView(version);
    }

    /// <summary>Records a confidentiality review of the data on the cloud (7.2.1 a).</summary>
    public async Task<Outcome<ConfidentialityReviewView>> RecordConfidentialityReviewAsync(Caller caller, Guid websiteId, ConfidentialityReviewInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var site = await ForActionAsync(caller, websiteId, "confidentiality_review", ct).ConfigureAwait(false);
        if (!site.Succeeded)
        {
            return site.Error!;
        }

        var v = new Validation();
        var reviewed = NotFutureDate(v, "reviewedOn", new("审查日期", "Review date"), input.ReviewedOn);
        var scope = v.Required("scope", new("审查范围", "Scope"), input.Scope, ImprovementLimits.Text);
        var reviewers = v.Required("reviewers", new("审查人员", "Reviewers"), input.Reviewers, ImprovementLimits.Title);
        var result = v.OneOf("result", new("审查结论", "Result"), input.Result, TermCodes<ConfidentialityResult>.ByCode);
        var note = result == ConfidentialityResult.IssuesFound
            ? v.Required("note", new("问题说明", "Issues"), input.Note, ImprovementLimits.Text)
            : v.Optional("note", new("说明", "Note"), input.Note, ImprovementLimits.Text);
        var drafts = await actions.ValidateAsync(v, site.Value!, "actions", input.Actions ?? [], ct).ConfigureAwait(false);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var review = new ConfidentialityReview
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = websiteId,
            ReviewedOn = reviewed!.Value,
            Scope = scope!,
            Reviewers = reviewers!,
            Result = result!.Value,
            Note = note,
            RecordedByUserId = caller.UserId,
            RecordedByName = caller.Name,
            RecordedByOrganisationId = caller.OrganisationId,
            RecordedAt = now,
        };
        db.Add(review);
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(ImprovementAudit.ConfidentialityReviewed, $"登记保密审查（{review.ReviewedOn:yyyy-MM-dd}，{review.Result.NameZh()}） / confidentiality review recorded",
            "confidentiality_review", review.Id.ToString(), site.Value!.CustomerId, websiteId, null, new { review.ReviewedOn, result = review.Result.ToWire(), review.Reviewers }));
        actions.Add(change, caller, site.Value!, ImprovementSource.Manual, review.Id, drafts, now);
        await change.CommitAsync(ct).ConfigureAwait(false);
        return ReviewView(review);
    }

    private DateOnly? NotFutureDate(Validation v, string field, Text label, DateOnly? value)
    {
        if (value is null)
        {
            v.Add(field, "required", $"{label.Zh}（{field}）为必填项。", $"{label.En} ({field}) is required.");
        }
        else if (value > actions.Today())
        {
            v.Add(field, "not_future", $"{label.Zh}（{field}）不能晚于今天。", $"{label.En} ({field}) cannot be in the future.");
        }

        return value;
    }

    private async Task<Outcome<Website>> ForActionAsync(Caller caller, Guid websiteId, string objectType, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var standing = await AlertAccess.StandingAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (standing is null)
        {
            return Error.NotFound(WebsiteLabel);
        }

        if (!standing.CanAct(caller))
        {
            return await AlertAccess.DenyAsync(db, audit, caller, objectType, null, standing.Site, DenyText, ct).ConfigureAwait(false);
        }

        return standing.Site;
    }

    /// <summary>The next inspection a plan asks for: its start, then one period after the last inspection done under it.</summary>
    public static DateOnly NextDue(InspectionFrequency frequency, DateOnly startsOn, DateOnly? lastPerformedOn) =>
        lastPerformedOn is not { } last
            ? startsOn
            : last.AddMonths(frequency switch
            {
                InspectionFrequency.Monthly => 1,
                InspectionFrequency.Quarterly => 3,
                InspectionFrequency.HalfYearly => 6,
                _ => 12,
            });

    private static InspectionPlanView PlanView(InspectionPlan p, DateOnly? last, DateOnly today)
    {
        var next = NextDue(p.Frequency, p.StartsOn, last);
        return new InspectionPlanView(p.Id, p.Title, p.Scope, p.Method, p.Frequency.ToWire(), p.StartsOn, p.Active, last, next, p.Active && next < today, p.CreatedByName, p.CreatedAt);
    }

    private static InspectionView InspectionView(Inspection i, IReadOnlyList<ImprovementActionView> all) =>
        new(i.Id, i.PlanId, i.PerformedOn, i.Inspectors, i.Scope, i.Report, i.RecordedByName, i.RecordedAt,
            all.Where(a => a.Source == ImprovementSource.Inspection.ToWire() && a.SourceId == i.Id).ToList());

    private static ContinuityPlanView ContinuityView(ContinuityPlanVersion v) =>
        new(v.Number, v.ImpactAnalysis, v.RiskAssessment, v.Team, v.TestsAndDrills, v.Steps, v.SavedByName, v.SavedAt);

    private static ConfidentialityReviewView ReviewView(ConfidentialityReview r) =>
        new(r.Id, r.ReviewedOn, r.Scope, r.Reviewers, r.Result.ToWire(), r.Note, r.RecordedByName, r.RecordedAt);
}
