using System.Globalization;
using GovGuard.Catalog;
using GovGuard.Catalog.Duties;
using GovGuard.Catalog.Lifecycle;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Evidence;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Compliance;

/// <summary>Filters of a website's duty list; every value is a wire code, checked.</summary>
public sealed record DutyFilter(string? Phase = null, string? Status = null, string? Role = null, Guid? OrganisationId = null);

/// <summary>One row of the duty table.</summary>
public sealed record DutyRow(
    string DutyId,
    string Section,
    string Phase,
    string TitleZh,
    string TitleEn,
    IReadOnlyList<string> Roles,
    string ResponsibleRole,
    Guid? ResponsibleOrganisationId,
    string? ResponsibleOrganisationName,
    string Status,
    string? Justification,
    Guid? OwnerUserId,
    string? OwnerName,
    DateOnly? DueDate,
    int EvidenceCount,
    string? Verdict,
    DateTimeOffset? VerdictAt,
    DateTimeOffset UpdatedAt,
    int Version);

/// <summary>A website's duties for one phase (or all), with counts per status.</summary>
public sealed record DutyBoard(
    Guid WebsiteId,
    string WebsiteName,
    string WebsitePhase,
    string? Phase,
    IReadOnlyDictionary<string, int> Counts,
    int Total,
    IReadOnlyList<DutyRow> Items);

/// <summary>A comment as shown.</summary>
public sealed record DutyCommentView(Guid Id, Guid AuthorUserId, string AuthorName, Guid AuthorOrganisationId, string? AuthorOrganisationName, DateTimeOffset At, string Body);

/// <summary>What the catalog asks as evidence.</summary>
public sealed record EvidenceRequirement(string Kind, string NoteZh, string NoteEn);

/// <summary>One duty of one website in full: catalog text, assignment, comments, evidence, and what the caller may do.</summary>
public sealed record DutyDetail(
    DutyRow Duty,
    string DescriptionZh,
    string DescriptionEn,
    string SectionTitleZh,
    string SectionTitleEn,
    IReadOnlyList<EvidenceRequirement> EvidenceRequired,
    string? AutomaticNoteZh,
    string? AutomaticNoteEn,
    IReadOnlyList<AutomaticEvidenceItem> Automatic,
    IReadOnlyList<DutyCommentView> Comments,
    IReadOnlyList<EvidenceView> Evidence,
    bool CanWork,
    bool CanSubmitEvidence,
    bool CanReview);

/// <summary>What a caller sends to change a duty: the full editable state, with the version read.</summary>
public sealed record DutyUpdateInput(string? Status, string? Justification, Guid? OwnerUserId, string? DueDate, int? Version);

/// <summary>A new comment.</summary>
public sealed record DutyCommentInput(string? Body);

/// <summary>The duties of a website: listing with filters and counts, detail, status changes and comments.</summary>
public sealed class ComplianceService(
    GovGuardDbContext db,
    AuditLog audit,
    TimeProvider time,
    DutyLookup lookup,
    EvidenceService evidence,
    IEnumerable<IAutomaticEvidenceSource> automaticSources)
{
    private static readonly DutyCatalog Catalog = DutyCatalog.Default;

    public async Task<Outcome<DutyBoard>> ListAsync(Caller caller, Guid websiteId, DutyFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var v = new Validation();
        var phase = Code<Phase>(v, "phase", new("阶段", "Phase"), filter.Phase);
        var status = Code<DutyStatus>(v, "status", new("状态", "Status"), filter.Status);
        var role = Code<Role>(v, "role", new("角色", "Role"), filter.Role);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var found = await lookup.WebsiteAsync(caller, websiteId, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var site = found.Value.Site;
        var rows = await RowsAsync(websiteId, phase, null, ct).ConfigureAwait(false);
        var selected = rows.Where(r =>
                (role is null || Catalog[r.DutyId].Concerns(role.Value))
                && (filter.OrganisationId is null || r.ResponsibleOrganisationId == filter.OrganisationId))
            .ToList();
        var counts = Terms.All<DutyStatus>().ToDictionary(s => s.ToWire(), s => selected.Count(r => r.Status == s.ToWire()), StringComparer.Ordinal);
        if (status is { } st)
        {
            selected = selected.Where(r => r.Status == st.ToWire()).ToList();
        }

        return new DutyBoard(site.Id, site.Name, site.Phase.ToWire(), phase?.ToWire(), counts, selected.Count, selected);
    }

    public async Task<Outcome<DutyDetail>> GetAsync(Caller caller, Guid websiteId, string dutyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var found = await lookup.DutyAsync(caller, websiteId, dutyId, false, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var (site, relation, assignment, duty) = found.Value!;
        var row = (await RowsAsync(websiteId, null, assignment.Id, ct).ConfigureAwait(false)).Single();
        var comments = await db.Set<DutyComment>().AsNoTracking().Where(c => c.AssignmentId == assignment.Id)
            .OrderBy(c => c.At).ThenBy(c => c.Id)
            .GroupJoin(db.Organisations, c => c.AuthorOrganisationId, o => o.Id, (c, o) => new { c, o })
            .SelectMany(x => x.o.DefaultIfEmpty(), (x, o) => new DutyCommentView(x.c.Id, x.c.AuthorUserId, x.c.AuthorName, x.c.AuthorOrganisationId, o == null ? null : o.Name, x.c.At, x.c.Body))
            .ToListAsync(ct).ConfigureAwait(false);
        var items = await evidence.ListForAssignmentAsync(assignment.Id, ct).ConfigureAwait(false);
        var automatic = new List<AutomaticEvidenceItem>();
        if (duty.Automatic is not null)
        {
            foreach (var source in automaticSources)
            {
                automatic.AddRange(await source.GetAsync(site.Id, duty, ct).ConfigureAwait(false));
            }
        }

        Catalog.TryGetSection(duty.Section.Id, out var section);
        return new DutyDetail(
            row,
            duty.DescriptionZh,
            duty.DescriptionEn,
            section?.TitleZh ?? string.Empty,
            section?.TitleEn ?? string.Empty,
            duty.Evidence.Select(e => new EvidenceRequirement(e.Kind.ToWire(), e.NoteZh, e.NoteEn)).ToList(),
            duty.Automatic?.NoteZh,
            duty.Automatic?.NoteEn,
            automatic,
            comments,
            items,
            DutyAccess.CanWork(caller, relation, duty),
            DutyAccess.CanSubmitEvidence(caller, relation, duty),
            DutyAccess.IsEngagedAssessor(caller, relation));
    }

    public async Task<Outcome<DutyRow>> UpdateAsync(Caller caller, Guid websiteId, string dutyId, DutyUpdateInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var found = await lookup.DutyAsync(caller, websiteId, dutyId, true, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var (site, relation, assignment, duty) = found.Value!;
        if (!DutyAccess.CanWork(caller, relation, duty))
        {
            return await DutyAccess.DenyAsync(db, audit, caller, site, "duty_assignment", assignment.Id.ToString(), relation.IsAssessorOnly
                ? new Text("第三方评估机构只评审，不修改职责状态。", "The assessor reviews; it does not change duty status.")
                : new Text("只有责任单位、网站所属单位或平台管理员可以修改此职责。", "Only the responsible organisation, the owning customer or a platform administrator may change this duty."), ct).ConfigureAwait(false);
        }

        var v = new Validation();
        var status = v.OneOf("status", new("状态", "Status"), input.Status, WireCodes<DutyStatus>.ByCode);
        var justification = v.Optional("justification", new("不适用理由", "Justification"), input.Justification, 2000);
        if (status == DutyStatus.NotApplicable && justification is null)
        {
            v.Add("justification", "required", "状态为“不适用”时须填写理由（justification）。", "A justification (justification) is required when the status is not_applicable.");
        }

        DateOnly? due = null;
        if (!string.IsNullOrWhiteSpace(input.DueDate))
        {
            if (DateOnly.TryParseExact(input.DueDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                due = d;
            }
            else
            {
                v.Add("dueDate", "format", "截止日期（dueDate）格式应为 yyyy-MM-dd。", "The due date (dueDate) must be yyyy-MM-dd.");
            }
        }

        if (input.Version is null)
        {
            v.Add("version", "required", "须提供读取时的版本号（version）。", "The version read (version) is required.");
        }
        else if (input.Version != assignment.Version)
        {
            v.Add("version", "stale", "此职责已被他人修改（version 不是最新），请刷新后重试。", "The duty was changed by someone else (version is stale); reload and try again.");
        }

        if (input.OwnerUserId is { } owner && !await OwnerFitsAsync(site.Id, site.CustomerId, duty, owner, ct).ConfigureAwait(false))
        {
            v.Add("ownerUserId", "member", "负责人（ownerUserId）必须是网站所属单位或承担此职责的单位的在用账号。", "The owner (ownerUserId) must be an active user of the owning customer or of an organisation that answers for this duty.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var before = Snapshot(assignment);
        assignment.Status = status!.Value;
        assignment.Justification = justification;
        assignment.OwnerUserId = input.OwnerUserId;
        assignment.DueDate = due;
        assignment.UpdatedAt = time.GetUtcNow();
        assignment.UpdatedByUserId = caller.UserId;
        assignment.Version++;
        await using (var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false))
        {
            change.Record(new AuditEvent(AuditKinds.DutyUpdated, $"职责 {duty.Id} 状态：{assignment.Status.NameZh()} / duty {duty.Id}: {assignment.Status.ToWire()}",
                "duty_assignment", assignment.Id.ToString(), site.CustomerId, site.Id, before, Snapshot(assignment)));
            try
            {
                await change.CommitAsync(ct).ConfigureAwait(false);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Error.Conflict(new Text("此职责已被他人修改，请刷新后重试。", "The duty was changed by someone else; reload and try again."));
            }
        }

        return (await RowsAsync(websiteId, null, assignment.Id, ct).ConfigureAwait(false)).Single();
    }

    public async Task<Outcome<DutyCommentView>> CommentAsync(Caller caller, Guid websiteId, string dutyId, DutyCommentInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var found = await lookup.DutyAsync(caller, websiteId, dutyId, false, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var (site, relation, assignment, duty) = found.Value!;
        if (!DutyAccess.CanWork(caller, relation, duty))
        {
            return await DutyAccess.DenyAsync(db, audit, caller, site, "duty_assignment", assignment.Id.ToString(), new Text(
                "只有责任单位、网站所属单位或平台管理员可以评论此职责。", "Only the responsible organisation, the owning customer or a platform administrator may comment on this duty."), ct).ConfigureAwait(false);
        }

        var v = new Validation();
        var body = v.Required("body", new("评论", "Comment"), input.Body, 4000);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var comment = new DutyComment
        {
            Id = Guid.CreateVersion7(now),
            AssignmentId = assignment.Id,
            WebsiteId = site.Id,
            AuthorUserId = caller.UserId,
            AuthorName = caller.Name,
            AuthorOrganisationId = caller.OrganisationId,
            At = now,
            Body = body!,
        };
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.Add(comment);
        change.Record(new AuditEvent(AuditKinds.DutyCommented, $"评论职责 {duty.Id} / commented on duty {duty.Id}", "duty_comment", comment.Id.ToString(),
            site.CustomerId, site.Id, null, new { comment.AssignmentId, comment.Body }));
        await change.CommitAsync(ct).ConfigureAwait(false);
        var orgName = await db.Organisations.Where(o => o.Id == caller.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return new DutyCommentView(comment.Id, comment.AuthorUserId, comment.AuthorName, comment.AuthorOrganisationId, orgName, comment.At, comment.Body);
    }

    /// <summary>The rows of a website's duties (one phase, one assignment, or all), in the standard's order.</summary>
    internal async Task<List<DutyRow>> RowsAsync(Guid websiteId, Phase? phase, Guid? assignmentId, CancellationToken ct)
    {
        var q = db.Set<DutyAssignment>().AsNoTracking().Where(a => a.WebsiteId == websiteId);
        if (phase is { } p)
        {
            q = q.Where(a => a.Phase == p);
        }

        if (assignmentId is { } id)
        {
            q = q.Where(a => a.Id == id);
        }

        var assignments = await q.ToListAsync(ct).ConfigureAwait(false);
        var orgIds = assignments.Where(a => a.ResponsibleOrganisationId != null).Select(a => a.ResponsibleOrganisationId!.Value).Distinct().ToList();
        var orgs = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct).ConfigureAwait(false);
        var ownerIds = assignments.Where(a => a.OwnerUserId != null).Select(a => a.OwnerUserId!.Value).Distinct().ToList();
        var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct).ConfigureAwait(false);
        var ids = assignments.Select(a => a.Id).ToList();
        var counts = await db.Set<EvidenceEntry>().AsNoTracking().Where(e => e.WebsiteId == websiteId && ids.Contains(e.AssignmentId))
            .GroupBy(e => e.AssignmentId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct).ConfigureAwait(false);
        var reviews = await db.Set<EvidenceReview>().AsNoTracking().Where(r => r.WebsiteId == websiteId && ids.Contains(r.AssignmentId))
            .Select(r => new { r.AssignmentId, r.Verdict, r.At, r.Id }).ToListAsync(ct).ConfigureAwait(false);
        var latest = reviews.GroupBy(r => r.AssignmentId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).First());
        return assignments
            .Select(a => (a, duty: Catalog[a.DutyId]))
            .OrderBy(x => x.duty.Key)
            .Select(x => new DutyRow(
                x.a.DutyId, x.duty.Section.Id, x.a.Phase.ToWire(), x.duty.TitleZh, x.duty.TitleEn,
                x.duty.Roles.Select(r => r.ToWire()).ToList(), x.a.ResponsibleRole.ToWire(), x.a.ResponsibleOrganisationId,
                x.a.ResponsibleOrganisationId is { } o && orgs.TryGetValue(o, out var on) ? on : null,
                x.a.Status.ToWire(), x.a.Justification, x.a.OwnerUserId,
                x.a.OwnerUserId is { } u && owners.TryGetValue(u, out var un) ? un : null,
                x.a.DueDate, counts.GetValueOrDefault(x.a.Id),
                latest.TryGetValue(x.a.Id, out var l) ? l.Verdict.ToWire() : null, l?.At,
                x.a.UpdatedAt, x.a.Version))
            .ToList();
    }

    private async Task<bool> OwnerFitsAsync(Guid websiteId, Guid customerId, Duty duty, Guid userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && !u.Disabled).Select(u => new { u.OrganisationId }).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (user is null)
        {
            return false;
        }

        if (user.OrganisationId == customerId)
        {
            return true;
        }

        var roles = await db.Engagements.AsNoTracking().Where(e => e.WebsiteId == websiteId && e.OrganisationId == user.OrganisationId && e.EndedAt == null)
            .Select(e => e.Role).ToListAsync(ct).ConfigureAwait(false);
        return roles.Any(r => r != EngagementRole.Assessor && duty.Concerns(r));
    }

    private static T? Code<T>(Validation v, string field, Text label, string? value)
        where T : struct, Enum =>
        string.IsNullOrWhiteSpace(value) ? null : v.OneOf(field, label, value, WireCodes<T>.ByCode);

    internal static object Snapshot(DutyAssignment a) => new
    {
        a.DutyId,
        Status = a.Status.ToWire(),
        a.Justification,
        a.OwnerUserId,
        DueDate = a.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        a.ResponsibleOrganisationId,
    };
}
