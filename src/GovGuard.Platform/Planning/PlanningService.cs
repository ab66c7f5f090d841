using System.Text.Json;
using GovGuard.Catalog;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Access;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Planning.Payloads;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Planning;

/// <summary>
/// The planning artefacts of GB/T 38249 5.3–5.6: drafting, submitting, approving and reviewing versions.
/// Who may do what (see docs/planning.md): everyone who sees the website reads; the owning customer edits every
/// kind and engaged suppliers edit the kinds the standard gives them (<see cref="ArtefactKindInfo.Contributors"/>);
/// only an administrator of the owning customer approves; only the engaged assessor reviews (5.2.4).
/// </summary>
public sealed class PlanningService(GovGuardDbContext db, AuditLog audit, TimeProvider time)
{
    private static readonly Text SiteLabel = new("网站", "website");
    private static readonly Text ArtefactLabel = new("规划材料", "planning artefact");
    private static readonly Dictionary<string, ReviewVerdict> Verdicts = Terms.All<ReviewVerdict>().ToDictionary(v => v.ToWire(), StringComparer.Ordinal);

    public async Task<Outcome<PlanningOverview>> OverviewAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        var (site, relation) = await SiteAsync(caller, websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        var rows = await db.Artefacts.AsNoTracking().Where(a => a.WebsiteId == websiteId)
            .Select(a => new { a.Kind, a.Number, a.Status }).ToListAsync(ct).ConfigureAwait(false);
        var kinds = ArtefactKinds.All.Select(k =>
        {
            var mine = rows.Where(r => r.Kind == k.Kind).OrderByDescending(r => r.Number).ToList();
            var approved = mine.FirstOrDefault(r => r.Status == ArtefactStatus.Approved);
            return new KindOverview(k.Code, k.Clause, k.Name, mine.FirstOrDefault()?.Number, mine.Count == 0 ? null : mine[0].Status.ToWire(), approved?.Number, CanEdit(caller, relation, k));
        }).ToList();
        var facts = await PlanningFacts.ReadAsync(db, websiteId, Today(), ct).ConfigureAwait(false);
        return new PlanningOverview(site.Id, site.Name, kinds, CanApprove(caller, relation), CanReview(caller, relation), facts);
    }

    /// <summary>One version; the latest when <paramref name="number"/> is null.</summary>
    public async Task<Outcome<ArtefactView>> GetAsync(Caller caller, Guid websiteId, string kindCode, int? number, CancellationToken ct)
    {
        var (site, _, kind, missing) = await TargetAsync(caller, websiteId, kindCode, ct).ConfigureAwait(false);
        if (missing is not null)
        {
            return missing;
        }

        var q = db.Artefacts.AsNoTracking().Where(a => a.WebsiteId == websiteId && a.Kind == kind.Kind);
        var row = number is { } n
            ? await q.FirstOrDefaultAsync(a => a.Number == n, ct).ConfigureAwait(false)
            : await q.OrderByDescending(a => a.Number).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (row is null)
        {
            return Error.NotFound(ArtefactLabel);
        }

        return await ViewAsync(row, await ContextAsync(site, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
    }

    public async Task<Outcome<IReadOnlyList<ArtefactVersion>>> HistoryAsync(Caller caller, Guid websiteId, string kindCode, CancellationToken ct)
    {
        var (site, _, kind, missing) = await TargetAsync(caller, websiteId, kindCode, ct).ConfigureAwait(false);
        if (missing is not null)
        {
            return missing;
        }

        var rows = await db.Artefacts.AsNoTracking().Where(a => a.WebsiteId == websiteId && a.Kind == kind.Kind)
            .OrderByDescending(a => a.Number).ToListAsync(ct).ConfigureAwait(false);
        return rows.Select(a => new ArtefactVersion(a.Number, a.Status.ToWire(), a.Digest, a.AuthorName, a.UpdatedAt, a.ApprovedAt, a.ApprovedByName)).ToList();
    }

    /// <summary>What an editor starts from: the latest version's payload, or a template with the rows the standard fixes.</summary>
    public async Task<Outcome<IPlanningPayload>> DraftStartAsync(Caller caller, Guid websiteId, string kindCode, CancellationToken ct)
    {
        var (site, _, kind, missing) = await TargetAsync(caller, websiteId, kindCode, ct).ConfigureAwait(false);
        if (missing is not null)
        {
            return missing;
        }

        var latest = await LatestAsync(websiteId, kind.Kind, ct).ConfigureAwait(false);
        return latest is not null
            ? Outcome<IPlanningPayload>.Ok(PayloadJson.Read(latest.Payload, kind.PayloadType))
            : Outcome<IPlanningPayload>.Ok(PlanningTemplates.For(kind.Kind, await ContextAsync(site, ct).ConfigureAwait(false)));
    }

    /// <summary>Saves a draft: edits the open draft in place, or starts the next version after an approved one.</summary>
    public async Task<Outcome<ArtefactView>> SaveAsync(Caller caller, Guid websiteId, string kindCode, ArtefactInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var (site, relation, kind, missing) = await TargetAsync(caller, websiteId, kindCode, ct).ConfigureAwait(false);
        if (missing is not null)
        {
            return missing;
        }

        if (!CanEdit(caller, relation, kind))
        {
            return await DenyAsync(caller, site, kind, new Text(
                $"无权编辑「{kind.Kind.NameZh()}」：只有网站所属单位和承担该项职责的服务单位可以编辑。",
                $"You may not edit the {kind.Kind.NameEn().ToLowerInvariant()}: only the owning customer and the suppliers the standard gives it to may."), ct).ConfigureAwait(false);
        }

        var parsed = PayloadJson.Parse(input.Payload, kind.PayloadType);
        if (!parsed.Succeeded)
        {
            return parsed.Error!;
        }

        var context = await ContextAsync(site, ct).ConfigureAwait(false);
        var payload = Prepare(parsed.Value!, context);
        var rules = new PayloadRules(kind.PayloadType);
        payload.Check(rules, context);
        if (!rules.IsValid)
        {
            return rules.Validation.ToError();
        }

        var canonical = PayloadJson.Canonical(payload);
        if (canonical.Length > PayloadJson.MaxLength)
        {
            return Error.Invalid([new FieldError("payload", "too_large", new Text(
                $"内容（payload）过长：最多 {PayloadJson.MaxLength} 个字符。", $"The content (payload) is too long: at most {PayloadJson.MaxLength} characters."))]);
        }

        var digest = PayloadJson.Digest(canonical);
        var latest = await db.Artefacts.Where(a => a.WebsiteId == websiteId && a.Kind == kind.Kind)
            .OrderByDescending(a => a.Number).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (input.BasedOn is { } based && based != (latest?.Number ?? 0))
        {
            return Error.Conflict(new Text(
                $"「{kind.Kind.NameZh()}」已有更新的版本（第 {latest?.Number} 版），请刷新后在最新版本上修改。",
                $"There is a newer version ({latest?.Number}) of the {kind.Kind.NameEn().ToLowerInvariant()}; reload and edit the latest one."));
        }

        var now = time.GetUtcNow();
        Artefact row;
        object? before = null;
        if (latest is { Status: ArtefactStatus.Draft or ArtefactStatus.Submitted })
        {
            row = latest;
            before = Snapshot(row);
            row.Payload = canonical;
            row.Digest = digest;
            row.Status = ArtefactStatus.Draft;
            row.SubmittedAt = null;
            row.UpdatedAt = now;
            row.Revision++;
        }
        else
        {
            row = new Artefact
            {
                Id = Guid.CreateVersion7(now),
                WebsiteId = websiteId,
                Kind = kind.Kind,
                Number = (latest?.Number ?? 0) + 1,
                Status = ArtefactStatus.Draft,
                Payload = canonical,
                Digest = digest,
                AuthorUserId = caller.UserId,
                AuthorName = caller.Name,
                AuthorOrganisationId = caller.OrganisationId,
                CreatedAt = now,
                UpdatedAt = now,
                Revision = 1,
            };
            db.Artefacts.Add(row);
        }

        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(AuditKinds.PlanningSaved, $"保存「{kind.Kind.NameZh()}」第 {row.Number} 版草稿 / saved draft {row.Number} of {kind.Code}",
            "planning_artefact", row.Id.ToString(), site.CustomerId, site.Id, before, Snapshot(row)));
        return await CommitAsync(change, row, context, ct).ConfigureAwait(false);
    }

    /// <summary>Hands the latest draft in for approval.</summary>
    public Task<Outcome<ArtefactView>> SubmitAsync(Caller caller, Guid websiteId, string kindCode, int number, CancellationToken ct) =>
        TransitionAsync(caller, websiteId, kindCode, number, approve: false, ct);

    /// <summary>Approves the latest draft or submitted version: it is frozen, and the previously approved one is superseded.</summary>
    public Task<Outcome<ArtefactView>> ApproveAsync(Caller caller, Guid websiteId, string kindCode, int number, CancellationToken ct) =>
        TransitionAsync(caller, websiteId, kindCode, number, approve: true, ct);

    /// <summary>The engaged assessor's note on a version (5.2.4); any status, since approved versions are what assessors read.</summary>
    public async Task<Outcome<ReviewView>> ReviewAsync(Caller caller, Guid websiteId, string kindCode, int number, ReviewInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var (site, relation, kind, missing) = await TargetAsync(caller, websiteId, kindCode, ct).ConfigureAwait(false);
        if (missing is not null)
        {
            return missing;
        }

        var row = await db.Artefacts.AsNoTracking().FirstOrDefaultAsync(a => a.WebsiteId == websiteId && a.Kind == kind.Kind && a.Number == number, ct).ConfigureAwait(false);
        if (row is null)
        {
            return Error.NotFound(ArtefactLabel);
        }

        if (!CanReview(caller, relation))
        {
            return await DenyAsync(caller, site, kind, new Text(
                "只有受托的第三方评估机构可以评审规划材料。", "Only the engaged third-party assessor may review planning artefacts."), ct).ConfigureAwait(false);
        }

        var v = new Validation();
        var verdict = v.OneOf("verdict", new("评审结论", "Verdict"), input.Verdict, Verdicts);
        var note = v.Required("note", new("评审意见", "Review note"), input.Note, 4000);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var review = new ArtefactReview
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            ArtefactId = row.Id,
            WebsiteId = websiteId,
            Verdict = verdict!.Value,
            Note = note!,
            ArtefactDigest = row.Digest,
            ReviewerUserId = caller.UserId,
            ReviewerName = caller.Name,
            ReviewerOrganisationId = caller.OrganisationId,
            At = time.GetUtcNow(),
        };
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.ArtefactReviews.Add(review);
        change.Record(new AuditEvent(AuditKinds.PlanningReviewed, $"评审「{kind.Kind.NameZh()}」第 {row.Number} 版：{verdict.Value.NameZh()} / reviewed {kind.Code} v{row.Number}: {verdict.Value.ToWire()}",
            "planning_artefact", row.Id.ToString(), site.CustomerId, site.Id, null, new { review.Verdict, review.ArtefactDigest, number = row.Number }));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return ToView(review, row.Number);
    }

    /// <summary>The SLA in force, as typed values.</summary>
    public async Task<Outcome<SlaTermsView>> SlaTermsAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        var (site, _) = await SiteAsync(caller, websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        var t = await db.SlaTerms.AsNoTracking().FirstOrDefaultAsync(s => s.WebsiteId == websiteId, ct).ConfigureAwait(false);
        if (t is null)
        {
            return Error.NotFound(new Text("已批准的服务水平协议", "approved SLA"));
        }

        return new SlaTermsView(t.WebsiteId, t.Number, t.Digest, t.AvailabilityPercent, t.MeasurementWindow.ToWire(), t.ResponseTimeMs, t.ResponseTimePercentile,
            t.RtoMinutes, t.RpoMinutes, new Dictionary<string, int>(StringComparer.Ordinal)
            {
                [IncidentGrade.EspeciallyMajor.ToWire()] = t.EspeciallyMajorResponseMinutes,
                [IncidentGrade.Major.ToWire()] = t.MajorResponseMinutes,
                [IncidentGrade.RelativelyMajor.ToWire()] = t.RelativelyMajorResponseMinutes,
                [IncidentGrade.General.ToWire()] = t.GeneralResponseMinutes,
            }, t.ApprovedAt);
    }

    /// <summary>The engaged organisations of a website now.</summary>
    internal static async Task<IReadOnlyList<EngagedParty>> PartiesAsync(GovGuardDbContext db, Guid websiteId, CancellationToken ct) =>
        (await db.Engagements.AsNoTracking().Where(e => e.WebsiteId == websiteId && e.EndedAt == null)
            .Join(db.Organisations, e => e.OrganisationId, o => o.Id, (e, o) => new { o.Id, o.Name, e.Role })
            .ToListAsync(ct).ConfigureAwait(false))
        .Select(x => new EngagedParty(x.Id, x.Name, x.Role)).ToList();

    private async Task<Outcome<ArtefactView>> TransitionAsync(Caller caller, Guid websiteId, string kindCode, int number, bool approve, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (site, relation, kind, missing) = await TargetAsync(caller, websiteId, kindCode, ct).ConfigureAwait(false);
        if (missing is not null)
        {
            return missing;
        }

        var row = await db.Artefacts.FirstOrDefaultAsync(a => a.WebsiteId == websiteId && a.Kind == kind.Kind && a.Number == number, ct).ConfigureAwait(false);
        if (row is null)
        {
            return Error.NotFound(ArtefactLabel);
        }

        if (approve ? !CanApprove(caller, relation) : !CanEdit(caller, relation, kind))
        {
            return await DenyAsync(caller, site, kind, approve
                ? new Text("只有网站所属单位的管理员可以批准规划材料。", "Only an administrator of the owning customer may approve planning artefacts.")
                : new Text($"无权提交「{kind.Kind.NameZh()}」。", $"You may not submit the {kind.Kind.NameEn().ToLowerInvariant()}."), ct).ConfigureAwait(false);
        }

        var latest = await LatestAsync(websiteId, kind.Kind, ct).ConfigureAwait(false);
        var open = approve ? row.Status is ArtefactStatus.Draft or ArtefactStatus.Submitted : row.Status == ArtefactStatus.Draft;
        if (latest!.Number != row.Number || !open)
        {
            return Error.Conflict(new Text(
                $"第 {row.Number} 版的状态是「{row.Status.NameZh()}」，不能{(approve ? "批准" : "提交")}；只有最新的草稿{(approve ? "或已提交的版本" : string.Empty)}可以。",
                $"Version {row.Number} is {row.Status.ToWire()} and cannot be {(approve ? "approved" : "submitted")}; only the latest draft{(approve ? " or submitted version" : string.Empty)} can."));
        }

        var context = await ContextAsync(site, ct).ConfigureAwait(false);
        var payload = PayloadJson.Read(row.Payload, kind.PayloadType);
        if (approve)
        {
            // The rules may depend on the website and the other artefacts, which can have changed since the save.
            var rules = new PayloadRules(kind.PayloadType);
            payload.Check(rules, context);
            if (!rules.IsValid)
            {
                return rules.Validation.ToError();
            }

            if (payload is RequirementsReport report && UnapprovedSources(report, context) is { Count: > 0 } pending)
            {
                return Error.Conflict(new Text(
                    $"需求报告依据的分析须先批准，并在批准后重新保存需求报告：{string.Join("、", pending.Select(k => k.NameZh()))}（5.3.5）。",
                    $"The analyses the requirements report is formed from must be approved first, and the report saved again after: {string.Join(", ", pending.Select(k => k.ToWire()))} (5.3.5)."));
            }
        }

        var before = Snapshot(row);
        var now = time.GetUtcNow();
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        if (approve)
        {
            var previous = await db.Artefacts.Where(a => a.WebsiteId == websiteId && a.Kind == kind.Kind && a.Status == ArtefactStatus.Approved)
                .ToListAsync(ct).ConfigureAwait(false);
            foreach (var p in previous)
            {
                p.Status = ArtefactStatus.Superseded;
                p.SupersededAt = now;
                p.Revision++;
            }

            row.Status = ArtefactStatus.Approved;
            row.ApprovedAt = now;
            row.ApprovedByUserId = caller.UserId;
            row.ApprovedByName = caller.Name;
            if (payload is ServiceLevelAgreement sla)
            {
                await ProjectAsync(row, sla, now, ct).ConfigureAwait(false);
            }
        }
        else
        {
            row.Status = ArtefactStatus.Submitted;
            row.SubmittedAt = now;
        }

        row.UpdatedAt = now;
        row.Revision++;
        change.Record(new AuditEvent(approve ? AuditKinds.PlanningApproved : AuditKinds.PlanningSubmitted,
            approve ? $"批准「{kind.Kind.NameZh()}」第 {row.Number} 版 / approved {kind.Code} v{row.Number}" : $"提交「{kind.Kind.NameZh()}」第 {row.Number} 版 / submitted {kind.Code} v{row.Number}",
            "planning_artefact", row.Id.ToString(), site.CustomerId, site.Id, before, Snapshot(row)));
        return await CommitAsync(change, row, context, ct).ConfigureAwait(false);
    }

    /// <summary>Commits a change of a version; a concurrent change of the same version or number is a conflict, not a crash.</summary>
    private async Task<Outcome<ArtefactView>> CommitAsync(AuditedChange change, Artefact row, PlanningContext context, CancellationToken ct)
    {
        try
        {
            await change.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict(new Text("该材料刚被他人修改，请刷新后重试。", "Someone else changed it just now; reload and try again."));
        }

        return await ViewAsync(row, context, ct).ConfigureAwait(false);
    }

    /// <summary>Writes the typed projection of an approved SLA (one row per website: the SLA in force).</summary>
    private async Task ProjectAsync(Artefact row, ServiceLevelAgreement sla, DateTimeOffset now, CancellationToken ct)
    {
        var terms = await db.SlaTerms.FirstOrDefaultAsync(s => s.WebsiteId == row.WebsiteId, ct).ConfigureAwait(false);
        if (terms is null)
        {
            terms = new SlaTerms { WebsiteId = row.WebsiteId, Digest = row.Digest };
            db.SlaTerms.Add(terms);
        }

        int Minutes(IncidentGrade g) => sla.For(g)?.ResponseMinutes ?? 0;
        terms.ArtefactId = row.Id;
        terms.Number = row.Number;
        terms.Digest = row.Digest;
        terms.AvailabilityPercent = sla.Availability!.Value;
        terms.MeasurementWindow = sla.MeasurementWindow!.Value;
        terms.ResponseTimeMs = sla.ResponseTimeMs!.Value;
        terms.ResponseTimePercentile = sla.ResponseTimePercentile!.Value;
        terms.RtoMinutes = sla.RtoMinutes!.Value;
        terms.RpoMinutes = sla.RpoMinutes!.Value;
        terms.EspeciallyMajorResponseMinutes = Minutes(IncidentGrade.EspeciallyMajor);
        terms.MajorResponseMinutes = Minutes(IncidentGrade.Major);
        terms.RelativelyMajorResponseMinutes = Minutes(IncidentGrade.RelativelyMajor);
        terms.GeneralResponseMinutes = Minutes(IncidentGrade.General);
        terms.ApprovedAt = now;
    }

    /// <summary>Server-owned parts of a payload: the requirements report records the analyses it was formed from.</summary>
    private static IPlanningPayload Prepare(IPlanningPayload payload, PlanningContext context) => payload switch
    {
        RequirementsReport r => r with
        {
            Sources = RequirementsReport.SourceKinds
                .Where(context.Latest.ContainsKey)
                .Select(k => context.Latest[k])
                .Select(s => s.ApprovedNumber is { } n
                    ? new SourceVersion { Kind = s.Kind, Number = n, Status = ArtefactStatus.Approved, Digest = s.ApprovedDigest }
                    : new SourceVersion { Kind = s.Kind, Number = s.Number, Status = s.Status, Digest = s.Digest })
                .ToList(),
        },
        _ => payload,
    };

    private static List<ArtefactKind> UnapprovedSources(RequirementsReport report, PlanningContext context) =>
        RequirementsReport.SourceKinds.Where(k =>
            report.Sources.FirstOrDefault(s => s.Kind == k) is not { Status: ArtefactStatus.Approved } source
            || context.Latest.GetValueOrDefault(k)?.ApprovedNumber != source.Number).ToList();

    private async Task<ArtefactView> ViewAsync(Artefact row, PlanningContext context, CancellationToken ct)
    {
        var reviews = await db.ArtefactReviews.AsNoTracking().Where(r => r.ArtefactId == row.Id).OrderBy(r => r.At)
            .ToListAsync(ct).ConfigureAwait(false);
        var kind = ArtefactKinds.Of(row.Kind);
        var payload = PayloadJson.Read(row.Payload, kind.PayloadType);
        using var doc = JsonDocument.Parse(row.Payload);
        return new ArtefactView(row.Id, row.WebsiteId, kind.Code, kind.Clause, row.Number, row.Status.ToWire(), doc.RootElement.Clone(), row.Digest,
            row.AuthorName, row.AuthorOrganisationId, row.CreatedAt, row.UpdatedAt, row.SubmittedAt, row.ApprovedAt, row.ApprovedByName, row.SupersededAt,
            reviews.Select(r => ToView(r, row.Number)).ToList(), PlanningNotices.For(payload, context))
        {
            Data = payload,
            KindValue = row.Kind,
        };
    }

    private static ReviewView ToView(ArtefactReview r, int number) =>
        new(r.Id, number, r.Verdict.ToWire(), r.Note, r.ArtefactDigest, r.ReviewerName, r.ReviewerOrganisationId, r.At);

    private async Task<PlanningContext> ContextAsync(Website site, CancellationToken ct)
    {
        var rows = await db.Artefacts.AsNoTracking().Where(a => a.WebsiteId == site.Id)
            .Select(a => new { a.Kind, a.Number, a.Status, a.Digest }).ToListAsync(ct).ConfigureAwait(false);
        var latest = rows.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g =>
        {
            var top = g.MaxBy(r => r.Number)!;
            var approved = g.FirstOrDefault(r => r.Status == ArtefactStatus.Approved);
            return new ArtefactSummary(g.Key, top.Number, top.Status, top.Digest, approved?.Number, approved?.Digest);
        });
        var parties = await PartiesAsync(db, site.Id, ct).ConfigureAwait(false);
        return new PlanningContext(site.ProtectionLevel, site.DeploymentModel, site.ServiceModel, site.Domains, Today(), parties, latest);
    }

    private Task<Artefact?> LatestAsync(Guid websiteId, ArtefactKind kind, CancellationToken ct) =>
        db.Artefacts.AsNoTracking().Where(a => a.WebsiteId == websiteId && a.Kind == kind).OrderByDescending(a => a.Number).FirstOrDefaultAsync(ct);

    /// <summary>Today in China (UTC+8): dates in artefacts are the customer's calendar dates.</summary>
    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    /// <summary>The website and the kind a request is about; <c>Missing</c> says which is not there (or not visible).</summary>
    private async Task<(Website Site, WebsiteRelation Relation, ArtefactKindInfo Kind, Error? Missing)> TargetAsync(Caller caller, Guid websiteId, string kindCode, CancellationToken ct)
    {
        var (site, relation) = await SiteAsync(caller, websiteId, ct).ConfigureAwait(false);
        var kind = ArtefactKinds.Find(kindCode);
        var missing = site is null ? Error.NotFound(SiteLabel) : kind is null ? Error.NotFound(ArtefactLabel) : null;
        return (site!, relation, kind!, missing);
    }

    private async Task<(Website? Site, WebsiteRelation Relation)> SiteAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        var site = await WebsiteAccess.Visible(db, caller).AsNoTracking().FirstOrDefaultAsync(w => w.Id == websiteId, ct).ConfigureAwait(false);
        return site is null ? (null, WebsiteRelation.None) : (site, await WebsiteAccess.RelationAsync(db, caller, site, ct).ConfigureAwait(false));
    }

    /// <summary>The owning customer edits every kind; an engaged supplier the kinds the standard gives its role. Never a viewer or a read-only token.</summary>
    public static bool CanEdit(Caller caller, WebsiteRelation relation, ArtefactKindInfo kind)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(relation);
        ArgumentNullException.ThrowIfNull(kind);
        return caller.CanWrite && (relation.IsOwner || relation.Roles.Any(kind.Contributors.Contains));
    }

    /// <summary>The customer is the responsible party (5.2.1): its administrators approve, not the platform operator.</summary>
    public static bool CanApprove(Caller caller, WebsiteRelation relation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(relation);
        return relation.IsOwner && caller.Role == OrgRole.Admin && caller.CanWrite;
    }

    /// <summary>Only the engaged assessor reviews (5.2.4), so no organisation assesses its own work.</summary>
    public static bool CanReview(Caller caller, WebsiteRelation relation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(relation);
        return relation.Roles.Contains(EngagementRole.Assessor) && caller.CanWrite;
    }

    private Task<Error> DenyAsync(Caller caller, Website site, ArtefactKindInfo kind, Text why, CancellationToken ct) =>
        audit.DenyAsync(db, caller, why, "planning_artefact", kind.Code, site.CustomerId, site.Id, ct);

    private static object Snapshot(Artefact a) => new
    {
        Kind = ArtefactKinds.Of(a.Kind).Code,
        a.Number,
        Status = a.Status.ToWire(),
        a.Digest,
    };
}
