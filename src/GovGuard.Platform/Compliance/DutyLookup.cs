using GovGuard.Catalog.Duties;
using GovGuard.Platform.Access;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Compliance;

/// <summary>One duty of one website as a caller reaches it: the website, the caller's standing, the assignment, the catalog entry.</summary>
public sealed record DutyContext(Website Site, WebsiteRelation Relation, DutyAssignment Assignment, Duty Duty);

/// <summary>Finds websites and duty assignments the caller may see, after bringing the assignments up to date.</summary>
public sealed class DutyLookup(GovGuardDbContext db, DutyAssignments assignments)
{
    internal static readonly Text SiteLabel = new("网站", "website");
    internal static readonly Text DutyLabel = new("安全职责", "duty");

    /// <summary>The website if the caller may see it, with assignments synchronised; not found otherwise.</summary>
    public async Task<Outcome<(Website Site, WebsiteRelation Relation)>> WebsiteAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        var site = await WebsiteAccess.Visible(db, caller).AsNoTracking().FirstOrDefaultAsync(w => w.Id == websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        await assignments.SyncAsync(site, ct).ConfigureAwait(false);
        var relation = await WebsiteAccess.RelationAsync(db, caller, site, ct).ConfigureAwait(false);
        return (site, relation);
    }

    /// <summary>One duty of a visible website; the assignment is tracked when <paramref name="tracked"/>.</summary>
    public async Task<Outcome<DutyContext>> DutyAsync(Caller caller, Guid websiteId, string? dutyId, bool tracked, CancellationToken ct)
    {
        if (dutyId is null || !DutyCatalog.Default.TryGet(dutyId, out var duty))
        {
            return Error.NotFound(DutyLabel);
        }

        var found = await WebsiteAsync(caller, websiteId, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var q = db.Set<DutyAssignment>().Where(a => a.WebsiteId == websiteId && a.DutyId == dutyId);
        var assignment = await (tracked ? q : q.AsNoTracking()).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return assignment is null ? Error.NotFound(DutyLabel) : new DutyContext(found.Value.Site, found.Value.Relation, assignment, duty);
    }
}
