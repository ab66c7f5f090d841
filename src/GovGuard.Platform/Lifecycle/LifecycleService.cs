using GovGuard.Catalog;
using GovGuard.Catalog.Lifecycle;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Compliance;
using GovGuard.Platform.Data;
using GovGuard.Platform.Evidence;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Lifecycle;

/// <summary>A gate issue as shown, with the clause it rests on.</summary>
public sealed record GateIssueView(string Code, string Clause, string MessageZh, string MessageEn)
{
    public static GateIssueView Of(GateIssue i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new(i.Code, i.Clause, i.MessageZh, i.MessageEn);
    }
}

/// <summary>The outcome of a transition request: moved (perhaps with warnings, perhaps overridden) or refused by its gates.</summary>
public sealed record TransitionView(Guid WebsiteId, string From, string To, bool Moved, bool Overridden, IReadOnlyList<GateIssueView> Failures, IReadOnlyList<GateIssueView> Warnings, int Version);

/// <summary>One recorded fact's current value.</summary>
public sealed record FactView(string Fact, string NameZh, string NameEn, bool Value, string? Note, Guid? EvidenceId, string? SetByName, DateTimeOffset? SetAt, bool CanSet, Guid? RecordId);

/// <summary>A past transition.</summary>
public sealed record TransitionRecordView(Guid Id, string From, string To, DateTimeOffset At, string ByName, bool Overridden, string? Reason, string? Failures, string? Warnings);

/// <summary>Where a website stands in its lifecycle and what stands between it and the next state.</summary>
public sealed record LifecycleView(
    Guid WebsiteId,
    string WebsiteName,
    string State,
    string? Next,
    IReadOnlyList<GateIssueView> NextFailures,
    IReadOnlyList<GateIssueView> NextWarnings,
    IReadOnlyList<FactView> Facts,
    IReadOnlyList<TransitionRecordView> Transitions,
    bool CanTransition,
    bool CanOverride,
    bool AcceptanceSigned,
    int Version);

/// <summary>A platform administrator's override of failing gates.</summary>
public sealed record TransitionOverride(string? Reason);

/// <summary>A request to move a website to <paramref name="To"/>.</summary>
public sealed record TransitionInput(string? To, TransitionOverride? Override = null, int? Version = null);

/// <summary>Recording a fact the gates read.</summary>
public sealed record FactInput(string? Fact, bool? Value, string? Note, Guid? EvidenceId);

/// <summary>Website lifecycle transitions through the gates of GB/T 38249 4.2, and the facts they rest on.</summary>
public sealed class LifecycleService(GovGuardDbContext db, AuditLog audit, TimeProvider time, LifecycleFactsReader reader)
{
    private static readonly Text SiteLabel = new("网站", "website");

    /// <summary>Who may record a fact besides a platform administrator: the owning customer, the engaged assessor, or both.</summary>
    public static bool MaySet(LifecycleFact fact, Caller caller, WebsiteRelation relation)
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

        var assessor = relation.Roles.Contains(EngagementRole.Assessor);
        return fact switch
        {
            // 8.2.4: the exit is audited by the third party.
            LifecycleFact.ExitAuditDone => assessor,
            // Reviews (5.4 a), the acceptance test (6.4.1 b) and proof of destruction (8.3.5) may be attested by either.
            LifecycleFact.ProviderSecurityReview or LifecycleFact.ProviderEnhancedReview
                or LifecycleFact.AcceptanceTestPassed or LifecycleFact.DestructionProven => relation.IsOwner || assessor,
            _ => relation.IsOwner,
        };
    }

    public async Task<Outcome<LifecycleView>> GetAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var site = await WebsiteAccess.Visible(db, caller).AsNoTracking().FirstOrDefaultAsync(w => w.Id == websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        var relation = await WebsiteAccess.RelationAsync(db, caller, site, ct).ConfigureAwait(false);
        var facts = await reader.ReadAsync(site, ct).ConfigureAwait(false);
        var latest = await reader.LatestAsync(site.Id, ct).ConfigureAwait(false);
        var next = site.Phase.Next();
        var gate = next is { } n ? LifecycleGates.Evaluate(site.Phase, n, facts) : null;
        var transitions = await db.Set<WebsiteTransition>().AsNoTracking().Where(t => t.WebsiteId == site.Id).OrderByDescending(t => t.At).ToListAsync(ct).ConfigureAwait(false);
        return new LifecycleView(
            site.Id,
            site.Name,
            site.Phase.ToWire(),
            next?.ToWire(),
            gate?.Failures.Select(GateIssueView.Of).ToList() ?? [],
            gate?.Warnings.Select(GateIssueView.Of).ToList() ?? [],
            Terms.All<LifecycleFact>().Select(f => latest.TryGetValue(f, out var r)
                ? new FactView(f.ToWire(), f.NameZh(), f.NameEn(), r.Value, r.Note, r.EvidenceId, r.SetByName, r.SetAt, MaySet(f, caller, relation), r.Id)
                : new FactView(f.ToWire(), f.NameZh(), f.NameEn(), false, null, null, null, null, MaySet(f, caller, relation), null)).ToList(),
            transitions.Select(t => new TransitionRecordView(t.Id, t.From.ToWire(), t.To.ToWire(), t.At, t.ByName, t.Overridden, t.Reason, t.Failures, t.Warnings)).ToList(),
            caller.CanWrite && (relation.IsAdmin || relation.IsOwner),
            caller.IsPlatformAdmin && caller.CanWrite,
            facts.AcceptanceSignedByAssessor,
            site.Version);
    }

    public async Task<Outcome<FactView>> SetFactAsync(Caller caller, Guid websiteId, FactInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var site = await WebsiteAccess.Visible(db, caller).AsNoTracking().FirstOrDefaultAsync(w => w.Id == websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        var relation = await WebsiteAccess.RelationAsync(db, caller, site, ct).ConfigureAwait(false);
        var v = new Validation();
        var fact = v.OneOf("fact", new("事实", "Fact"), input.Fact, WireCodes<LifecycleFact>.ByCode);
        if (fact is { } f0 && !MaySet(f0, caller, relation))
        {
            return await DutyAccess.DenyAsync(db, audit, caller, site, "lifecycle_fact", null, new Text(
                $"无权记录“{f0.NameZh()}”：{WhoZh(f0)}。", $"You may not record {f0.ToWire()}: {WhoEn(f0)}."), ct).ConfigureAwait(false);
        }

        if (input.Value is null)
        {
            v.Add("value", "required", "取值（value）为必填项（true 或 false）。", "The value (value) is required (true or false).");
        }

        var note = v.Required("note", new("依据说明", "Note"), input.Note, 2000);
        if (input.EvidenceId is { } eid && !await db.Set<EvidenceEntry>().AnyAsync(e => e.Id == eid && e.WebsiteId == site.Id, ct).ConfigureAwait(false))
        {
            v.Add("evidenceId", "exists", "证据（evidenceId）不属于本网站。", "The evidence (evidenceId) does not belong to this website.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var record = new LifecycleFactRecord
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = site.Id,
            Fact = fact!.Value,
            Value = input.Value!.Value,
            Note = note!,
            EvidenceId = input.EvidenceId,
            SetByUserId = caller.UserId,
            SetByName = caller.Name,
            SetByOrganisationId = caller.OrganisationId,
            SetAt = now,
        };
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.Add(record);
        change.Record(new AuditEvent(AuditKinds.LifecycleFactSet, $"记录“{record.Fact.NameZh()}”= {record.Value} / set {record.Fact.ToWire()} = {record.Value}",
            "lifecycle_fact", record.Id.ToString(), site.CustomerId, site.Id, null, new { Fact = record.Fact.ToWire(), record.Value, record.Note, record.EvidenceId }));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return new FactView(record.Fact.ToWire(), record.Fact.NameZh(), record.Fact.NameEn(), record.Value, record.Note, record.EvidenceId, record.SetByName, record.SetAt, true, record.Id);
    }

    public async Task<Outcome<TransitionView>> TransitionAsync(Caller caller, Guid websiteId, TransitionInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var site = await WebsiteAccess.Visible(db, caller).FirstOrDefaultAsync(w => w.Id == websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        var relation = await WebsiteAccess.RelationAsync(db, caller, site, ct).ConfigureAwait(false);
        if (!caller.CanWrite || !(relation.IsAdmin || relation.IsOwner))
        {
            return await DutyAccess.DenyAsync(db, audit, caller, site, "website", site.Id.ToString(), new Text(
                "只有网站所属单位或平台管理员可以变更网站阶段。", "Only the owning customer or a platform administrator may move a website between phases."), ct).ConfigureAwait(false);
        }

        var overriding = input.Override is not null;
        if (overriding && !caller.IsPlatformAdmin)
        {
            return await DutyAccess.DenyAsync(db, audit, caller, site, "website", site.Id.ToString(), new Text(
                "只有平台管理员可以越过阶段关口。", "Only a platform administrator may override the gates."), ct).ConfigureAwait(false);
        }

        var v = new Validation();
        var to = v.OneOf("to", new("目标阶段", "Target state"), input.To, WireCodes<LifecycleState>.ByCode);
        var reason = overriding ? v.Required("override.reason", new("越过关口的理由", "Override reason"), input.Override!.Reason, 1000) : null;
        if (input.Version is { } version && version != site.Version)
        {
            v.Add("version", "stale", "网站已被他人修改（version 不是最新），请刷新后重试。", "The website was changed by someone else (version is stale); reload and try again.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var from = site.Phase;
        var facts = await reader.ReadAsync(site, ct).ConfigureAwait(false);
        var gate = LifecycleGates.Evaluate(from, to!.Value, facts);
        var failures = gate.Failures.Select(GateIssueView.Of).ToList();
        var warnings = gate.Warnings.Select(GateIssueView.Of).ToList();
        // The order of the states (4.2) is not a gate: no one skips a phase or reopens a closed website.
        var structural = gate.Failures.Any(f => f.Code.StartsWith("transition.", StringComparison.Ordinal));
        if (!gate.Allowed && (!overriding || structural))
        {
            db.ChangeTracker.Clear();
            await audit.RecordAsync(db, caller, new AuditEvent(AuditKinds.LifecycleTransition,
                $"阶段变更被关口拒绝：{from.ToWire()} → {to.Value.ToWire()}（{Codes(gate.Failures)}） / transition refused by gates",
                "website", site.Id.ToString(), site.CustomerId, site.Id, null, new { From = from.ToWire(), To = to.Value.ToWire(), Failures = Codes(gate.Failures) },
                AuditOutcomes.Denied), ct).ConfigureAwait(false);
            return new TransitionView(site.Id, from.ToWire(), to.Value.ToWire(), false, false, failures, warnings, site.Version);
        }

        var now = time.GetUtcNow();
        var before = WebsiteService.Snapshot(site);
        site.Phase = to.Value;
        site.UpdatedAt = now;
        site.Version++;
        var overridden = !gate.Allowed;
        var transition = new WebsiteTransition
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = site.Id,
            From = from,
            To = to.Value,
            At = now,
            ByUserId = caller.UserId,
            ByName = caller.Name,
            ByOrganisationId = caller.OrganisationId,
            Overridden = overridden,
            Reason = overridden ? reason : null,
            Failures = gate.Failures.Count == 0 ? null : Codes(gate.Failures),
            Warnings = gate.Warnings.Count == 0 ? null : Codes(gate.Warnings),
        };
        await using (var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false))
        {
            db.Add(transition);
            change.Record(new AuditEvent(AuditKinds.LifecycleTransition,
                $"网站「{site.Name}」由“{from.NameZh()}”进入“{to.Value.NameZh()}” / moved {from.ToWire()} → {to.Value.ToWire()}",
                "website", site.Id.ToString(), site.CustomerId, site.Id, before, WebsiteService.Snapshot(site)));
            if (overridden)
            {
                change.Record(new AuditEvent(AuditKinds.LifecycleOverride,
                    $"平台管理员越过关口：{Codes(gate.Failures)}；理由：{reason} / gates overridden",
                    "website_transition", transition.Id.ToString(), site.CustomerId, site.Id, null,
                    new { From = from.ToWire(), To = to.Value.ToWire(), Overridden = Codes(gate.Failures), Reason = reason }));
            }

            try
            {
                await change.CommitAsync(ct).ConfigureAwait(false);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Error.Conflict(new Text("网站已被他人修改，请刷新后重试。", "The website was changed by someone else; reload and try again."));
            }
        }

        return new TransitionView(site.Id, from.ToWire(), to.Value.ToWire(), true, overridden, overridden ? failures : [], warnings, site.Version);
    }

    private static string Codes(IEnumerable<GateIssue> issues) => string.Join(",", issues.Select(i => $"{i.Code}@{i.Clause}"));

    private static string WhoZh(LifecycleFact f) => f switch
    {
        LifecycleFact.ExitAuditDone => "须由本网站聘请的第三方评估机构记录",
        LifecycleFact.ProviderSecurityReview or LifecycleFact.ProviderEnhancedReview or LifecycleFact.AcceptanceTestPassed or LifecycleFact.DestructionProven
            => "须由网站所属单位或第三方评估机构记录",
        _ => "须由网站所属单位记录",
    };

    private static string WhoEn(LifecycleFact f) => f switch
    {
        LifecycleFact.ExitAuditDone => "only the engaged third-party assessor records it",
        LifecycleFact.ProviderSecurityReview or LifecycleFact.ProviderEnhancedReview or LifecycleFact.AcceptanceTestPassed or LifecycleFact.DestructionProven
            => "the owning customer or the engaged assessor records it",
        _ => "the owning customer records it",
    };
}
