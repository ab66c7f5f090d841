using GovGuard.Catalog;
using GovGuard.Catalog.Duties;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Data;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Compliance;

/// <summary>
/// Keeps a website's duty assignments in step with the catalog and its engagements: every duty of every phase is
/// materialised once, and the responsible organisation follows the engagements as they start and end.
/// Run before any compliance read or write, so no caller ever sees a stale assignment.
/// </summary>
public sealed class DutyAssignments(GovGuardDbContext db, AuditLog audit, TimeProvider time)
{
    private readonly DutyCatalog _catalog = DutyCatalog.Default;

    /// <summary>The organisation that answers for duties of <paramref name="role"/> on the website, or null when none is engaged.</summary>
    public static Guid? Responsible(Role role, Guid customerId, IReadOnlyList<(EngagementRole Role, Guid OrganisationId)> engagements)
    {
        ArgumentNullException.ThrowIfNull(engagements);
        if (role == Role.Customer)
        {
            return customerId;
        }

        // The earliest engagement in a fitting role answers (engagements are passed in start order).
        foreach (var e in engagements)
        {
            if (e.Role.DutyRoles().Contains(role))
            {
                return e.OrganisationId;
            }
        }

        return null;
    }

    /// <summary>Creates missing assignments and moves responsibility where engagements changed; audited when anything changes.</summary>
    public async Task SyncAsync(Website site, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(site);
        var engagements = (await db.Engagements.AsNoTracking()
                .Where(e => e.WebsiteId == site.Id && e.EndedAt == null)
                .Select(e => new { e.Role, e.OrganisationId, e.StartedAt, e.Id })
                .ToListAsync(ct).ConfigureAwait(false))
            .OrderBy(e => e.StartedAt).ThenBy(e => e.Id)
            .Select(e => (e.Role, e.OrganisationId))
            .ToList();
        var existing = await db.Set<DutyAssignment>().AsNoTracking().Where(a => a.WebsiteId == site.Id)
            .Select(a => new { a.Id, a.DutyId, a.ResponsibleOrganisationId })
            .ToDictionaryAsync(a => a.DutyId, StringComparer.Ordinal, ct).ConfigureAwait(false);

        var missing = new List<Duty>();
        var moved = new List<(Guid Id, Guid? To)>();
        foreach (var duty in _catalog.Duties)
        {
            var responsible = Responsible(duty.Roles[0], site.CustomerId, engagements);
            if (!existing.TryGetValue(duty.Id, out var row))
            {
                missing.Add(duty);
            }
            else if (row.ResponsibleOrganisationId != responsible)
            {
                moved.Add((row.Id, responsible));
            }
        }

        if (missing.Count == 0 && moved.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        try
        {
            await using var change = await audit.BeginAsync(db, Caller.System, ct).ConfigureAwait(false);
            foreach (var duty in missing)
            {
                db.Add(new DutyAssignment
                {
                    Id = Guid.CreateVersion7(now),
                    WebsiteId = site.Id,
                    DutyId = duty.Id,
                    Phase = duty.Phase,
                    ResponsibleRole = duty.Roles[0],
                    ResponsibleOrganisationId = Responsible(duty.Roles[0], site.CustomerId, engagements),
                    Status = DutyStatus.NotStarted,
                    CreatedAt = now,
                    UpdatedAt = now,
                    Version = 1,
                });
            }

            if (moved.Count > 0)
            {
                var ids = moved.Select(m => m.Id).ToList();
                var rows = await db.Set<DutyAssignment>().Where(a => ids.Contains(a.Id)).ToListAsync(ct).ConfigureAwait(false);
                foreach (var a in rows)
                {
                    a.ResponsibleOrganisationId = moved.First(m => m.Id == a.Id).To;
                    a.UpdatedAt = now;
                }
            }

            if (missing.Count > 0)
            {
                change.Record(new AuditEvent(AuditKinds.DutiesMaterialised,
                    $"为网站「{site.Name}」建立 {missing.Count} 项安全职责 / materialised {missing.Count} duties",
                    "website", site.Id.ToString(), site.CustomerId, site.Id, null, new { Count = missing.Count }));
            }

            if (moved.Count > 0)
            {
                change.Record(new AuditEvent(AuditKinds.DutyResponsibilityChanged,
                    $"服务关系变化，{moved.Count} 项职责的责任单位随之调整 / responsibility moved for {moved.Count} duties",
                    "website", site.Id.ToString(), site.CustomerId, site.Id, null,
                    new { Duties = string.Join(",", moved.Select(m => m.Id)) }));
            }

            await change.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another request materialised the same rows first; its result is the same.
            db.ChangeTracker.Clear();
        }
    }
}
