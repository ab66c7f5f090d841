using GovGuard.Detection.Findings;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Alerts;

/// <summary>An alert as callers see it, with links to its evidence.</summary>
public sealed record AlertView(
    Guid Id,
    Guid WebsiteId,
    string WebsiteName,
    Guid MonitorId,
    string MonitorKind,
    string Source,
    string Category,
    string Rule,
    string? Url,
    string Severity,
    string State,
    Text Summary,
    string? Message,
    string? Evidence,
    DateTimeOffset OpenedAt,
    DateTimeOffset LastSeenAt,
    int Count,
    long? FirstResultId,
    long? LastResultId,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    string? ResolveNote,
    bool Flapping,
    DateTimeOffset? LastNotifiedAt,
    int NotifyCount,
    int Version,
    AlertLinks Links);

/// <summary>Where an alert's evidence is: the website, the monitor, the check result that raised it.</summary>
public sealed record AlertLinks(string Website, string Monitor, string? Result, string Page);

/// <summary>One entry of an alert's history.</summary>
public sealed record AlertEventView(long Id, DateTimeOffset At, string Kind, string? Health, long? ResultId, string? Actor, string? Note);

/// <summary>An alert with its history, newest first.</summary>
public sealed record AlertDetail(AlertView Alert, IReadOnlyList<AlertEventView> History);

/// <summary>Alert list filters: <see cref="Severity"/> is a minimum; <see cref="State"/> "active" means open, acknowledged or silenced.</summary>
public sealed record AlertFilter(string? State = null, string? Severity = null, Guid? WebsiteId = null);

/// <summary>A note that goes with a manual resolve.</summary>
public sealed record ResolveInput(string? Note);

/// <summary>A website's alerting settings.</summary>
public sealed record AlertSettingsView(Guid WebsiteId, string MinFindingSeverity, int IncompleteAfterChecks, bool IsDefault);

/// <summary>What a caller sends to change a website's alerting settings.</summary>
public sealed record AlertSettingsInput(string? MinFindingSeverity, int? IncompleteAfterChecks);

/// <summary>Reading alerts and acting on them (acknowledge, resolve), and a website's alerting settings.</summary>
public sealed class AlertService(GovGuardDbContext db, AuditLog audit, TimeProvider time, IOptions<AlertOptions> options)
{
    private static readonly Text Label = new("告警", "alert");

    public async Task<Outcome<Page<AlertView>>> ListAsync(Caller caller, AlertFilter filter, Paging paging, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var v = new Validation();
        var q = Visible(caller);
        switch (filter.State?.Trim())
        {
            case null or "":
                break;
            case "active":
                // Spelled as the three states, not "not resolved": an IN over the state index, not a scan of every alert ever raised.
                q = q.Where(r => r.A.State == AlertState.Open || r.A.State == AlertState.Acknowledged || r.A.State == AlertState.Silenced);
                break;
            default:
                if (v.OneOf("state", new("状态", "State"), filter.State, WireCodes<AlertState>.ByCode) is { } state)
                {
                    q = q.Where(r => r.A.State == state);
                }

                break;
        }

        if (!string.IsNullOrWhiteSpace(filter.Severity))
        {
            if (SeverityNames.TryParse(filter.Severity, out var min))
            {
                q = q.Where(r => r.A.Severity >= min);
            }
            else
            {
                v.Add("severity", "one_of", "级别（severity）必须是以下之一：info, low, medium, high, critical。", "Severity (severity) must be one of: info, low, medium, high, critical.");
            }
        }

        if (filter.WebsiteId is { } site)
        {
            q = q.Where(r => r.A.WebsiteId == site);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var total = await q.CountAsync(ct).ConfigureAwait(false);
        var rows = await q.OrderByDescending(r => r.A.LastSeenAt).ThenBy(r => r.A.Id).Skip(paging.Offset).Take(paging.Limit)
            .ToListAsync(ct).ConfigureAwait(false);
        return new Page<AlertView>(rows.Select(r => ToView(r.A, r.Website)).ToList(), total, paging.Offset, paging.Limit);
    }

    public async Task<Outcome<AlertDetail>> GetAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var row = await Visible(caller).FirstOrDefaultAsync(r => r.A.Id == id, ct).ConfigureAwait(false);
        if (row is null)
        {
            return Error.NotFound(Label);
        }

        var events = await db.AlertEvents.AsNoTracking().Where(e => e.AlertId == id).OrderByDescending(e => e.Id).Take(200)
            .ToListAsync(ct).ConfigureAwait(false);
        return new AlertDetail(ToView(row.A, row.Website), events.Select(e => new AlertEventView(
            e.Id, e.At, WireCodes<AlertEventKind>.Code(e.Kind), e.Health is { } h ? WireCodes<MonitorHealth>.Code(h) : null, e.ResultId, e.ActorName, e.Note)).ToList());
    }

    /// <summary>Someone takes the alert on: no more reminders; recovery still resolves it and says so.</summary>
    public async Task<Outcome<AlertView>> AcknowledgeAsync(Caller caller, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (alert, site, error) = await ForActionAsync(caller, id, ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (alert!.State == AlertState.Resolved)
        {
            return Error.Conflict(new("告警已恢复或已关闭，无需确认。", "The alert is already resolved; there is nothing to acknowledge."));
        }

        if (alert.State == AlertState.Acknowledged)
        {
            return ToView(alert, site!.Name);
        }

        var now = time.GetUtcNow();
        alert.State = AlertState.Acknowledged;
        alert.AcknowledgedBy = caller.UserId;
        alert.AcknowledgedByName = caller.Name;
        alert.AcknowledgedAt = now;
        alert.Version++;
        db.AlertEvents.Add(new AlertEvent { AlertId = alert.Id, At = now, Kind = AlertEventKind.Acknowledged, ActorName = caller.Name });
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(AuditKinds.AlertAcknowledged, $"确认告警「{alert.Category}」 / acknowledged alert", "alert", alert.Id.ToString(), site!.CustomerId, site.Id));
        return await CommitAsync(change, alert, site.Name, ct).ConfigureAwait(false);
    }

    /// <summary>Closes the alert by hand with a note; if the problem is seen again, a new alert opens.</summary>
    public async Task<Outcome<AlertView>> ResolveAsync(Caller caller, Guid id, ResolveInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var (alert, site, error) = await ForActionAsync(caller, id, ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var v = new Validation();
        var note = v.Required("note", new("处理说明", "Note"), input.Note, AlertLimits.Note);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (alert!.State == AlertState.Resolved)
        {
            return Error.Conflict(new("告警已经恢复或关闭。", "The alert is already resolved."));
        }

        var now = time.GetUtcNow();
        alert.State = AlertState.Resolved;
        alert.ResolvedAt = now;
        alert.ResolvedByName = caller.Name;
        alert.ResolveNote = note;
        alert.Version++;
        db.AlertEvents.Add(new AlertEvent { AlertId = alert.Id, At = now, Kind = AlertEventKind.ResolvedByHand, ActorName = caller.Name, Note = note });
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(AuditKinds.AlertResolved, $"手动关闭告警「{alert.Category}」 / resolved alert by hand", "alert", alert.Id.ToString(), site!.CustomerId, site.Id,
            null, new { note }));
        return await CommitAsync(change, alert, site.Name, ct).ConfigureAwait(false);
    }

    public async Task<Outcome<AlertSettingsView>> GetSettingsAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        var standing = await AlertAccess.StandingAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (standing is null)
        {
            return Error.NotFound(new Text("网站", "website"));
        }

        var s = await db.WebsiteAlertSettings.AsNoTracking().FirstOrDefaultAsync(x => x.WebsiteId == websiteId, ct).ConfigureAwait(false);
        return SettingsView(websiteId, s);
    }

    public async Task<Outcome<AlertSettingsView>> SetSettingsAsync(Caller caller, Guid websiteId, AlertSettingsInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var standing = await AlertAccess.StandingAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (standing is null)
        {
            return Error.NotFound(new Text("网站", "website"));
        }

        if (!standing.CanAct(caller))
        {
            return await AlertAccess.DenyAsync(db, audit, caller, "alert_settings", websiteId.ToString(), standing.Site,
                new("只有网站所属单位和参与运维的单位可以修改告警设置。", "Only the owner and the organisations working on the website may change its alert settings."), ct).ConfigureAwait(false);
        }

        var v = new Validation();
        Severity min = default;
        if (!SeverityNames.TryParse(input.MinFindingSeverity, out min))
        {
            v.Add("minFindingSeverity", "one_of", "告警阈值（minFindingSeverity）必须是 info, low, medium, high, critical 之一。", "The threshold (minFindingSeverity) must be one of: info, low, medium, high, critical.");
        }

        var after = v.Range("incompleteAfterChecks", new("连续未完成次数", "Incomplete checks in a row"), input.IncompleteAfterChecks, 0, 100);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var s = await db.WebsiteAlertSettings.FirstOrDefaultAsync(x => x.WebsiteId == websiteId, ct).ConfigureAwait(false);
        var before = s is null ? null : new { MinFindingSeverity = s.MinFindingSeverity.ToWire(), s.IncompleteAfterChecks };
        if (s is null)
        {
            s = new WebsiteAlertSettings { WebsiteId = websiteId };
            db.WebsiteAlertSettings.Add(s);
        }

        s.MinFindingSeverity = min;
        s.IncompleteAfterChecks = after;
        s.UpdatedAt = time.GetUtcNow();
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(AuditKinds.AlertSettingsChanged, "修改告警设置 / changed alert settings", "alert_settings", websiteId.ToString(),
            standing.Site.CustomerId, websiteId, before, new { MinFindingSeverity = min.ToWire(), IncompleteAfterChecks = after }));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return SettingsView(websiteId, s);
    }

    private AlertSettingsView SettingsView(Guid websiteId, WebsiteAlertSettings? s) => s is null
        ? new(websiteId, options.Value.MinFindingSeverity.ToWire(), options.Value.IncompleteAfterChecks, true)
        : new(websiteId, s.MinFindingSeverity.ToWire(), s.IncompleteAfterChecks, false);

    private async Task<Outcome<AlertView>> CommitAsync(AuditedChange change, Alert alert, string siteName, CancellationToken ct)
    {
        try
        {
            await change.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(new("告警刚刚发生了变化，请刷新后重试。", "The alert changed just now; reload and try again."));
        }

        return ToView(alert, siteName);
    }

    private async Task<(Alert? Alert, Websites.Website? Site, Error? Error)> ForActionAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == id && WebsiteAccess.Visible(db, caller).Any(w => w.Id == a.WebsiteId), ct).ConfigureAwait(false);
        if (alert is null)
        {
            return (null, null, Error.NotFound(Label));
        }

        var standing = (await AlertAccess.StandingAsync(db, caller, alert.WebsiteId, ct).ConfigureAwait(false))!;
        if (!standing.CanAct(caller))
        {
            return (null, null, await AlertAccess.DenyAsync(db, audit, caller, "alert", id.ToString(), standing.Site,
                new("只有网站所属单位和参与运维的单位可以处理告警；评估机构只读。", "Only the owner and the organisations working on the website act on its alerts; an assessor only reads."), ct).ConfigureAwait(false));
        }

        return (alert, standing.Site, null);
    }

    private sealed class Row
    {
        public required Alert A { get; init; }

        public required string Website { get; init; }
    }

    private IQueryable<Row> Visible(Caller caller) =>
        db.Alerts.AsNoTracking().Join(WebsiteAccess.Visible(db, caller), a => a.WebsiteId, w => w.Id, (a, w) => new Row { A = a, Website = w.Name });

    internal static AlertView ToView(Alert a, string website) => new(
        a.Id, a.WebsiteId, website, a.MonitorId, WireCodes<MonitorKind>.Code(a.MonitorKind), WireCodes<AlertSource>.Code(a.Source),
        a.Category, a.Rule, a.Url, a.Severity.ToWire(), WireCodes<AlertState>.Code(a.State), new Text(a.SummaryZh, a.SummaryEn),
        a.Message, a.Evidence, a.OpenedAt, a.LastSeenAt, a.Count, a.FirstResultId, a.LastResultId, a.AcknowledgedByName, a.AcknowledgedAt,
        a.ResolvedAt, a.ResolvedByName, a.ResolveNote, a.Flapping, a.LastNotifiedAt, a.NotifyCount, a.Version,
        new AlertLinks($"/api/v1/websites/{a.WebsiteId}", $"/api/v1/websites/{a.WebsiteId}/monitors/{a.MonitorId}",
            (a.LastResultId ?? a.FirstResultId) is { } r ? $"/api/v1/websites/{a.WebsiteId}/monitors/{a.MonitorId}/results/{r}" : null,
            $"/alerts/{a.Id}"));
}
