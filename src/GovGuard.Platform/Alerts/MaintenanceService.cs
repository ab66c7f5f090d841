using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Alerts;

/// <summary>A maintenance window as callers see it.</summary>
public sealed record MaintenanceView(
    Guid Id,
    Guid WebsiteId,
    IReadOnlyList<Guid> MonitorIds,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Reason,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    bool IsActive,
    int Version);

/// <summary>What a caller sends to plan or change a window; <c>monitorIds</c> empty or absent covers every monitor.</summary>
public sealed record MaintenanceInput(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Reason, IReadOnlyList<Guid>? MonitorIds = null, int? Version = null);

/// <summary>Planned changes (GB/T 38249 7.2.2 i): the owner and the engaged provider plan windows; every change is audited.</summary>
public sealed class MaintenanceService(GovGuardDbContext db, AuditLog audit, TimeProvider time)
{
    /// <summary>The longest window: a longer silence is not maintenance.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(31);

    private static readonly Text Label = new("维护时段", "maintenance window");
    private static readonly Text SiteLabel = new("网站", "website");
    private static readonly Text Why = new("只有网站所属单位和参与的云服务商可以安排维护时段。", "Only the owner and the engaged cloud provider may plan maintenance windows.");

    public async Task<Outcome<IReadOnlyList<MaintenanceView>>> ListAsync(Caller caller, Guid websiteId, bool includePast, CancellationToken ct)
    {
        var standing = await AlertAccess.StandingAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (standing is null)
        {
            return Error.NotFound(SiteLabel);
        }

        var now = time.GetUtcNow();
        var q = db.MaintenanceWindows.AsNoTracking().Where(m => m.WebsiteId == websiteId);
        if (!includePast)
        {
            q = q.Where(m => m.EndsAt > now);
        }

        var rows = await q.OrderBy(m => m.StartsAt).Take(500).ToListAsync(ct).ConfigureAwait(false);
        return rows.Select(m => ToView(m, now)).ToList();
    }

    public async Task<Outcome<MaintenanceView>> CreateAsync(Caller caller, Guid websiteId, MaintenanceInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var standing = await AlertAccess.StandingAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (standing is null)
        {
            return Error.NotFound(SiteLabel);
        }

        if (!standing.CanPlanMaintenance(caller))
        {
            return await AlertAccess.DenyAsync(db, audit, caller, "maintenance_window", null, standing.Site, Why, ct).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        var v = new Validation();
        var f = Check(v, input, now);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var m = new MaintenanceWindow
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = websiteId,
            MonitorIds = f.Monitors,
            StartsAt = f.Starts,
            EndsAt = f.Ends,
            Reason = f.Reason,
            CreatedByOrganisationId = caller.OrganisationId,
            CreatedByName = caller.Name,
            CreatedAt = now,
            Version = 1,
        };
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.MaintenanceWindows.Add(m);
        change.Record(new AuditEvent(AuditKinds.MaintenanceCreated, $"安排维护时段 / planned maintenance: {AlertLimits.Cut(m.Reason, 100)}", "maintenance_window", m.Id.ToString(),
            standing.Site.CustomerId, websiteId, null, Snapshot(m)));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return ToView(m, now);
    }

    public async Task<Outcome<MaintenanceView>> UpdateAsync(Caller caller, Guid websiteId, Guid id, MaintenanceInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var (m, standing, error) = await ForChangeAsync(caller, websiteId, id, ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var now = time.GetUtcNow();
        var v = new Validation();
        var f = Check(v, input, now);
        if (input.Version is { } version && version != m!.Version)
        {
            v.Add("version", "stale", "维护时段已被他人修改（version 不是最新），请刷新后重试。", "The window was changed by someone else (version is stale); reload and try again.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var before = Snapshot(m!);
        m!.MonitorIds = f.Monitors;
        m.StartsAt = f.Starts;
        m.EndsAt = f.Ends;
        m.Reason = f.Reason;
        m.Version++;
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(AuditKinds.MaintenanceUpdated, "修改维护时段 / changed maintenance window", "maintenance_window", m.Id.ToString(),
            standing!.Site.CustomerId, websiteId, before, Snapshot(m)));
        try
        {
            await change.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(new("维护时段已被他人修改，请刷新后重试。", "The window was changed by someone else; reload and try again."));
        }

        return ToView(m, now);
    }

    /// <summary>Removes a window (ends the silence at once if it is running).</summary>
    public async Task<Outcome<bool>> DeleteAsync(Caller caller, Guid websiteId, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (m, standing, error) = await ForChangeAsync(caller, websiteId, id, ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.MaintenanceWindows.Remove(m!);
        change.Record(new AuditEvent(AuditKinds.MaintenanceDeleted, "删除维护时段 / deleted maintenance window", "maintenance_window", m!.Id.ToString(),
            standing!.Site.CustomerId, websiteId, Snapshot(m), null));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    private async Task<(MaintenanceWindow?, SiteStanding?, Error?)> ForChangeAsync(Caller caller, Guid websiteId, Guid id, CancellationToken ct)
    {
        var standing = await AlertAccess.StandingAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        var m = standing is null ? null : await db.MaintenanceWindows.FirstOrDefaultAsync(x => x.Id == id && x.WebsiteId == websiteId, ct).ConfigureAwait(false);
        if (m is null)
        {
            return (null, null, Error.NotFound(Label));
        }

        if (!standing!.CanPlanMaintenance(caller))
        {
            return (null, null, await AlertAccess.DenyAsync(db, audit, caller, "maintenance_window", id.ToString(), standing.Site, Why, ct).ConfigureAwait(false));
        }

        return (m, standing, null);
    }

    private sealed record Fields(DateTimeOffset Starts, DateTimeOffset Ends, string Reason, List<Guid> Monitors);

    private static Fields Check(Validation v, MaintenanceInput input, DateTimeOffset now)
    {
        var reason = v.Required("reason", new("原因", "Reason"), input.Reason, 500) ?? string.Empty;
        // Stored in UTC: both databases compare times correctly only in one offset.
        var starts = input.StartsAt?.ToUniversalTime();
        var ends = input.EndsAt?.ToUniversalTime();
        if (starts is null)
        {
            v.Add("startsAt", "required", "开始时间（startsAt）为必填项。", "The start (startsAt) is required.");
        }

        if (ends is null)
        {
            v.Add("endsAt", "required", "结束时间（endsAt）为必填项。", "The end (endsAt) is required.");
        }
        else if (ends <= now)
        {
            v.Add("endsAt", "future", "结束时间（endsAt）必须晚于现在。", "The end (endsAt) must be in the future.");
        }

        if (starts is not null && ends is not null)
        {
            if (ends <= starts)
            {
                v.Add("endsAt", "after_start", "结束时间（endsAt）必须晚于开始时间（startsAt）。", "The end (endsAt) must come after the start (startsAt).");
            }
            else if (ends - starts > MaxLength)
            {
                v.Add("endsAt", "max_length", "维护时段最长 31 天。", "A maintenance window lasts at most 31 days.");
            }
        }

        var monitors = (input.MonitorIds ?? []).Where(g => g != Guid.Empty).Distinct().ToList();
        if (monitors.Count > 100)
        {
            v.Add("monitorIds", "max_count", "监测项（monitorIds）最多 100 个。", "At most 100 monitors (monitorIds).");
        }

        return new Fields(starts ?? now, ends ?? now, reason, monitors);
    }

    private static object Snapshot(MaintenanceWindow m) => new
    {
        m.StartsAt,
        m.EndsAt,
        m.Reason,
        MonitorIds = string.Join(",", m.MonitorIds),
    };

    internal static MaintenanceView ToView(MaintenanceWindow m, DateTimeOffset now) =>
        new(m.Id, m.WebsiteId, m.MonitorIds, m.StartsAt, m.EndsAt, m.Reason, m.CreatedByName, m.CreatedAt, m.StartsAt <= now && now < m.EndsAt, m.Version);
}
