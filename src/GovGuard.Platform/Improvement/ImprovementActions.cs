using GovGuard.Catalog;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Improvement;

/// <summary>An improvement action as callers see it.</summary>
public sealed record ImprovementActionView(
    Guid Id,
    Guid WebsiteId,
    string Source,
    Guid? SourceId,
    string Title,
    string? Description,
    Guid OwnerOrganisationId,
    string? OwnerOrganisationName,
    Guid? OwnerUserId,
    string? OwnerUserName,
    DateOnly DueOn,
    string Status,
    bool Overdue,
    DateTimeOffset? ClosedAt,
    string? ClosingNote,
    string? ClosedBy,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    int Version);

/// <summary>An improvement action that passed validation, ready to be added.</summary>
public sealed record ValidDraft(string Title, string? Description, Guid OwnerOrganisationId, Guid? OwnerUserId, DateOnly DueOn);

/// <summary>
/// Creating and listing improvement actions, shared by the features whose results call for them (incident reviews,
/// inspections, confidentiality reviews, risk assessments) so every action is validated and audited the same way.
/// </summary>
public sealed class ImprovementActions(GovGuardDbContext db, TimeProvider time)
{
    /// <summary>
    /// Checks each draft: a title, a due date, and an owner organisation that owns or is engaged on the website
    /// (with the user, when named, a member of it). Errors name the field as <c>{field}[i].title</c>.
    /// </summary>
    public async Task<IReadOnlyList<ValidDraft>> ValidateAsync(Validation v, Website site, string field, IReadOnlyList<Incidents.ImprovementActionDraft> drafts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(drafts);
        if (drafts.Count > 50)
        {
            v.Add(field, "max_count", $"改进措施（{field}）一次最多 50 条。", $"At most 50 improvement actions ({field}) at a time.");
            return [];
        }

        var orgs = await Parties(site).ToListAsync(ct).ConfigureAwait(false);
        var userIds = drafts.Where(d => d.OwnerUserId is not null).Select(d => d.OwnerUserId!.Value).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.OrganisationId }).ToListAsync(ct).ConfigureAwait(false);
        var list = new List<ValidDraft>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var d = drafts[i];
            var f = $"{field}[{i}]";
            var title = v.Required($"{f}.title", new("改进措施", "Improvement action"), d.Title, ImprovementLimits.Title);
            var description = v.Optional($"{f}.description", new("措施说明", "Description"), d.Description, ImprovementLimits.Text);
            if (d.OwnerOrganisationId is not { } owner || !orgs.Contains(owner))
            {
                v.Add($"{f}.ownerOrganisationId", "engaged", $"责任单位（{f}.ownerOrganisationId）必须是网站所属单位或参与该网站的单位。",
                    $"The owner organisation ({f}.ownerOrganisationId) must own the website or be engaged on it.");
            }
            else if (d.OwnerUserId is { } user && !users.Any(u => u.Id == user && u.OrganisationId == owner))
            {
                v.Add($"{f}.ownerUserId", "member", $"责任人（{f}.ownerUserId）必须是责任单位的用户。", $"The owner ({f}.ownerUserId) must be a user of the owner organisation.");
            }

            if (d.DueOn is null)
            {
                v.Add($"{f}.dueOn", "required", $"完成期限（{f}.dueOn）为必填项。", $"The due date ({f}.dueOn) is required.");
            }

            if (title is not null && d.OwnerOrganisationId is { } o && d.DueOn is { } due)
            {
                list.Add(new ValidDraft(title, description, o, d.OwnerUserId, due));
            }
        }

        return list;
    }

    /// <summary>Adds the actions to the change (saved with it), each with its own audit record.</summary>
    public IReadOnlyList<ImprovementAction> Add(AuditedChange change, Caller caller, Website site, ImprovementSource source, Guid? sourceId, IReadOnlyList<ValidDraft> drafts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(drafts);
        var added = new List<ImprovementAction>();
        foreach (var d in drafts)
        {
            var a = new ImprovementAction
            {
                Id = Guid.CreateVersion7(now),
                WebsiteId = site.Id,
                Source = source,
                SourceId = sourceId,
                Title = d.Title,
                Description = d.Description,
                OwnerOrganisationId = d.OwnerOrganisationId,
                OwnerUserId = d.OwnerUserId,
                DueOn = d.DueOn,
                Status = ImprovementStatus.Open,
                CreatedByUserId = caller.UserId,
                CreatedByName = caller.Name,
                CreatedByOrganisationId = caller.OrganisationId,
                CreatedAt = now,
                Version = 1,
            };
            db.Add(a);
            added.Add(a);
            change.Record(new AuditEvent(ImprovementAudit.ActionCreated, $"登记改进措施「{a.Title}」（{source.NameZh()}） / improvement action opened", "improvement_action", a.Id.ToString(),
                site.CustomerId, site.Id, null, new { a.Title, source = source.ToWire(), sourceId, owner = a.OwnerOrganisationId, ownerUser = a.OwnerUserId, dueOn = a.DueOn }));
        }

        return added;
    }

    public async Task<IReadOnlyList<ImprovementActionView>> ListForSourceAsync(ImprovementSource source, Guid sourceId, CancellationToken ct) =>
        await ListAsync(db.Set<ImprovementAction>().Where(a => a.Source == source && a.SourceId == sourceId), ct).ConfigureAwait(false);

    /// <summary>Actions of a query with their owners' names, due date first.</summary>
    public async Task<IReadOnlyList<ImprovementActionView>> ListAsync(IQueryable<ImprovementAction> query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var today = Today();
        var rows = await (from a in query.AsNoTracking()
                          join o in db.Organisations on a.OwnerOrganisationId equals o.Id into os
                          from o in os.DefaultIfEmpty()
                          join u in db.Users on a.OwnerUserId equals u.Id into us
                          from u in us.DefaultIfEmpty()
                          orderby a.DueOn, a.CreatedAt
                          select new { a, Org = o == null ? null : o.Name, User = u == null ? null : u.DisplayName })
            .Take(1000).ToListAsync(ct).ConfigureAwait(false);
        return rows.Select(r => View(r.a, r.Org, r.User, today)).ToList();
    }

    /// <summary>Today in China (UTC+8): due dates are calendar days there.</summary>
    public DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    /// <summary>The organisations that own or are engaged on the website: who may own an action.</summary>
    private IQueryable<Guid> Parties(Website site) =>
        db.Engagements.Where(e => e.WebsiteId == site.Id && e.EndedAt == null).Select(e => e.OrganisationId)
            .Concat(db.Organisations.Where(o => o.Id == site.CustomerId).Select(o => o.Id));

    internal static ImprovementActionView View(ImprovementAction a, string? org, string? user, DateOnly today) =>
        new(a.Id, a.WebsiteId, a.Source.ToWire(), a.SourceId, a.Title, a.Description, a.OwnerOrganisationId, org, a.OwnerUserId, user, a.DueOn,
            a.Status.ToWire(), a.Status != ImprovementStatus.Closed && a.DueOn < today, a.ClosedAt, a.ClosingNote, a.ClosedByName, a.CreatedByName, a.CreatedAt, a.Version);
}
