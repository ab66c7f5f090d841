using System.Text.Json;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Tamper;
using GovGuard.Platform.Access;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Monitoring.Engine;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Monitoring.Tamper;

/// <summary>A page's approved baseline as callers see it.</summary>
public sealed record TamperBaselineView(Guid Id, string Url, string Title, string Origin, string? ApprovedBy, DateTimeOffset TakenAt, string Sha256);

/// <summary>A reported change as callers see it.</summary>
public sealed record TamperChangeView(
    Guid Id,
    Guid MonitorId,
    Guid WebsiteId,
    string WebsiteName,
    string Url,
    string State,
    string Severity,
    DateTimeOffset DetectedAt,
    DateTimeOffset LastSeenAt,
    int Count,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    string? Note,
    int Version,
    JsonElement Findings);

/// <summary>A change with its side-by-side diff, the alerts it raised, and whether the caller may decide on it.</summary>
public sealed record TamperChangeDetail(TamperChangeView Change, TamperSideBySide Diff, IReadOnlyList<Guid> ActiveAlerts, bool CanDecide);

/// <summary>What an operator sends to approve a change as the new baseline.</summary>
public sealed record TamperApproveInput(string? Note, int? Version = null);

/// <summary>What "take baseline now" did: the baselines dropped and the check that took the new ones.</summary>
public sealed record TamperResetView(int BaselinesDropped, int ChangesCleared, CheckNowView? Check);

/// <summary>
/// Reviewing what the tamper monitor reported (GB/T 38249 7.4.3 b): the side-by-side diff of baseline and page,
/// approving a change as the new baseline (audited; its alerts resolve), and taking a fresh baseline on request.
/// Whoever sees the website reads; the owner and engaged contributors with write access decide.
/// </summary>
public sealed class TamperService(GovGuardDbContext db, AuditLog audit, TimeProvider time, IMonitorEngine engine)
{
    private static readonly Text ChangeLabel = new("页面变更", "page change");
    private static readonly Text MonitorLabel = new("监测项", "monitor");
    private static readonly Text Why = new("只有网站所属单位和参与建设运维的单位可以确认页面变更或重建基线；测评机构和只读用户只能查看。",
        "Only the owning customer and engaged contributors may approve page changes or take baselines; assessors and viewers only read them.");

    public async Task<Outcome<IReadOnlyList<TamperBaselineView>>> BaselinesAsync(Caller caller, Guid monitorId, CancellationToken ct)
    {
        if (await TamperMonitorAsync(caller, monitorId, ct).ConfigureAwait(false) is not { } m)
        {
            return Error.NotFound(MonitorLabel);
        }

        var rows = await db.TamperBaselines.AsNoTracking().Where(b => b.MonitorId == m.Id).OrderBy(b => b.Url).Take(1000).ToListAsync(ct).ConfigureAwait(false);
        return rows.Select(b => new TamperBaselineView(b.Id, b.Url, TitleOf(b.Page), b.Origin, b.ApprovedByName, b.TakenAt, b.Sha256)).ToList();
    }

    public async Task<Outcome<IReadOnlyList<TamperChangeView>>> ChangesAsync(Caller caller, Guid monitorId, string? state, CancellationToken ct)
    {
        if (await TamperMonitorAsync(caller, monitorId, ct).ConfigureAwait(false) is not { } m)
        {
            return Error.NotFound(MonitorLabel);
        }

        var q = db.TamperChanges.AsNoTracking().Where(c => c.MonitorId == m.Id);
        if (!string.IsNullOrWhiteSpace(state))
        {
            var v = new Validation();
            if (v.OneOf("state", new("状态", "State"), state, WireCodes<TamperChangeState>.ByCode) is not { } s)
            {
                return v.ToError();
            }

            q = q.Where(c => c.State == s);
        }

        var site = await db.Websites.AsNoTracking().Where(w => w.Id == m.WebsiteId).Select(w => w.Name).FirstAsync(ct).ConfigureAwait(false);
        var rows = await q.OrderByDescending(c => c.LastSeenAt).Take(200).ToListAsync(ct).ConfigureAwait(false);
        return rows.Select(c => ToView(c, site)).ToList();
    }

    public async Task<Outcome<TamperChangeDetail>> GetAsync(Caller caller, Guid changeId, CancellationToken ct)
    {
        var c = await VisibleChanges(caller).AsNoTracking().FirstOrDefaultAsync(x => x.Id == changeId, ct).ConfigureAwait(false);
        if (c is null)
        {
            return Error.NotFound(ChangeLabel);
        }

        var site = await db.Websites.AsNoTracking().FirstAsync(w => w.Id == c.WebsiteId, ct).ConfigureAwait(false);
        var relation = await WebsiteAccess.RelationAsync(db, caller, site, ct).ConfigureAwait(false);
        var alerts = await ActiveAlerts(c).Select(a => a.Id).ToListAsync(ct).ConfigureAwait(false);
        var diff = TamperReview.Diff(PageBaseline.FromJson(c.BaselinePage), PageBaseline.FromJson(c.CurrentPage));
        return new TamperChangeDetail(ToView(c, site.Name), diff, alerts, relation.IsContributor && caller.CanWrite && c.State == TamperChangeState.Pending);
    }

    /// <summary>The change an alert of the tamper monitor is about: the page's pending change, else its latest one.</summary>
    public async Task<Outcome<Guid>> ForAlertAsync(Caller caller, Guid alertId, CancellationToken ct)
    {
        var sites = WebsiteAccess.Visible(db, caller).Select(w => w.Id);
        var alert = await db.Alerts.AsNoTracking().Where(a => a.Id == alertId && sites.Contains(a.WebsiteId))
            .Select(a => new { a.MonitorId, a.Url, a.Category }).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (alert is null)
        {
            return Error.NotFound(new Text("告警", "alert"));
        }

        var changes = await db.TamperChanges.AsNoTracking().Where(c => c.MonitorId == alert.MonitorId && c.Url == alert.Url)
            .Select(c => new { c.Id, c.State, c.LastSeenAt }).ToListAsync(ct).ConfigureAwait(false);
        var best = changes.OrderBy(c => c.State == TamperChangeState.Pending ? 0 : 1).ThenByDescending(c => c.LastSeenAt).FirstOrDefault();
        return best is null ? Error.NotFound(ChangeLabel) : best.Id;
    }

    /// <summary>
    /// Approves a pending change: the page as the confirming fetch saw it becomes the page's baseline, the change is
    /// closed, and the tamper alerts of that page resolve — all in one audited transaction.
    /// </summary>
    public async Task<Outcome<TamperChangeView>> ApproveAsync(Caller caller, Guid changeId, TamperApproveInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var c = await VisibleChanges(caller).FirstOrDefaultAsync(x => x.Id == changeId, ct).ConfigureAwait(false);
        if (c is null)
        {
            return Error.NotFound(ChangeLabel);
        }

        var site = await db.Websites.AsNoTracking().FirstAsync(w => w.Id == c.WebsiteId, ct).ConfigureAwait(false);
        if (await DenyUnlessContributorAsync(caller, site, "tamper_change", c.Id.ToString(), ct).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        var v = new Validation();
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note is { Length: > 1000 })
        {
            v.Add("note", "max_length", "说明（note）不能超过 1000 个字符。", "The note (note) must be at most 1000 characters.");
        }

        if (input.Version is { } version && version != c.Version)
        {
            v.Add("version", "stale", "页面变更已被更新（version 不是最新），请刷新后重新查看再确认。", "The change was updated (version is stale); reload and review it again before approving.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (c.State != TamperChangeState.Pending)
        {
            return Error.Conflict(new Text("此页面变更已处理，无需再确认。", "This change was already decided; there is nothing to approve."));
        }

        var now = time.GetUtcNow();
        var baseline = await db.TamperBaselines.FirstOrDefaultAsync(b => b.MonitorId == c.MonitorId && b.Url == c.Url, ct).ConfigureAwait(false);
        var before = baseline is null ? null : new { baseline.Sha256, baseline.Origin, baseline.TakenAt };
        if (baseline is null)
        {
            baseline = new TamperBaseline { Id = Guid.CreateVersion7(now), MonitorId = c.MonitorId, WebsiteId = c.WebsiteId, Url = c.Url, Page = c.CurrentPage, Sha256 = c.CurrentSha256, Origin = TamperBaselineOrigins.Approved, Version = 0 };
            db.TamperBaselines.Add(baseline);
        }

        baseline.Page = c.CurrentPage;
        baseline.Sha256 = c.CurrentSha256;
        baseline.Origin = TamperBaselineOrigins.Approved;
        baseline.ApprovedByName = caller.Name;
        baseline.TakenAt = now;
        baseline.Version++;
        c.State = TamperChangeState.Approved;
        c.DecidedAt = now;
        c.DecidedByName = caller.Name;
        c.Note = note;
        c.Version++;

        var resolveNote = "页面变更已确认为新基线 / the page change was approved as the new baseline" + (note is null ? "" : "：" + note);
        foreach (var alert in await ActiveAlerts(c).ToListAsync(ct).ConfigureAwait(false))
        {
            alert.State = AlertState.Resolved;
            alert.ResolvedAt = now;
            alert.ResolvedByName = caller.Name;
            alert.ResolveNote = resolveNote.Length <= 1000 ? resolveNote : resolveNote[..1000];
            alert.Version++;
            db.AlertEvents.Add(new AlertEvent { AlertId = alert.Id, At = now, Kind = AlertEventKind.ResolvedByHand, ActorName = caller.Name, Note = alert.ResolveNote });
        }

        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(TamperAudit.Approved, $"确认页面变更为新基线 / approved a page change as the new baseline: {Cut(c.Url)}", "tamper_change", c.Id.ToString(),
            site.CustomerId, site.Id, before, new { c.CurrentSha256, c.Url, note }));
        try
        {
            await change.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(new Text("页面变更或其告警刚刚被更新，请刷新后重试。", "The change or its alerts changed just now; reload and try again."));
        }

        return ToView(c, site.Name);
    }

    /// <summary>"Take baseline now": drops the monitor's baselines (pending changes are cleared) and runs a check, which takes new ones.</summary>
    public async Task<Outcome<TamperResetView>> TakeBaselineAsync(Caller caller, Guid monitorId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var m = await db.Monitors.Where(x => x.Id == monitorId && x.Kind == MonitorKind.Tamper && WebsiteAccess.Visible(db, caller).Any(w => w.Id == x.WebsiteId))
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (m is null)
        {
            return Error.NotFound(MonitorLabel);
        }

        var site = await db.Websites.AsNoTracking().FirstAsync(w => w.Id == m.WebsiteId, ct).ConfigureAwait(false);
        if (await DenyUnlessContributorAsync(caller, site, "monitor", m.Id.ToString(), ct).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        var now = time.GetUtcNow();
        var baselines = await db.TamperBaselines.Where(b => b.MonitorId == m.Id).ToListAsync(ct).ConfigureAwait(false);
        var pending = await db.TamperChanges.Where(c => c.MonitorId == m.Id && c.State == TamperChangeState.Pending).ToListAsync(ct).ConfigureAwait(false);
        db.TamperBaselines.RemoveRange(baselines);
        foreach (var c in pending)
        {
            c.State = TamperChangeState.Cleared;
            c.DecidedAt = now;
            c.DecidedByName = caller.Name;
            c.Note = "重新建立基线 / a fresh baseline was taken";
            c.Version++;
        }

        await using (var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false))
        {
            change.Record(new AuditEvent(TamperAudit.BaselineTaken, $"重新建立页面基线「{m.Name}」 / took a fresh page baseline", "monitor", m.Id.ToString(),
                site.CustomerId, site.Id, new { Baselines = baselines.Count, Pending = pending.Count }, null));
            await change.CommitAsync(ct).ConfigureAwait(false);
        }

        CheckNowView? check = null;
        if (m.Enabled && engine.IsRunning && await engine.CheckNowAsync(m.Id, ct).ConfigureAwait(false) is { } report)
        {
            check = new CheckNowView(report.ResultId, WireCodes<MonitorHealth>.Code(report.Health), WireCodes<MonitorHealth>.Code(report.RawHealth),
                report.At, report.LatencyMs, report.StatusCode, new Text(report.SummaryZh, report.SummaryEn), report.FindingCount);
        }

        return new TamperResetView(baselines.Count, pending.Count, check);
    }

    private IQueryable<TamperChange> VisibleChanges(Caller caller)
    {
        var sites = WebsiteAccess.Visible(db, caller).Select(w => w.Id);
        return db.TamperChanges.Where(c => sites.Contains(c.WebsiteId));
    }

    private IQueryable<Alert> ActiveAlerts(TamperChange c) =>
        db.Alerts.Where(a => a.MonitorId == c.MonitorId && a.Url == c.Url && a.Category == Categories.TamperDefacement && a.State != AlertState.Resolved);

    private async Task<Monitor?> TamperMonitorAsync(Caller caller, Guid monitorId, CancellationToken ct)
    {
        var sites = WebsiteAccess.Visible(db, caller).Select(w => w.Id);
        return await db.Monitors.AsNoTracking().FirstOrDefaultAsync(m => m.Id == monitorId && m.Kind == MonitorKind.Tamper && sites.Contains(m.WebsiteId), ct).ConfigureAwait(false);
    }

    private async Task<Error?> DenyUnlessContributorAsync(Caller caller, Website site, string objectType, string objectId, CancellationToken ct)
    {
        var relation = await WebsiteAccess.RelationAsync(db, caller, site, ct).ConfigureAwait(false);
        if (relation.IsContributor && caller.CanWrite)
        {
            return null;
        }

        db.ChangeTracker.Clear();
        return await audit.DenyAsync(db, caller, Why, objectType, objectId, site.CustomerId, site.Id, ct).ConfigureAwait(false);
    }

    private static string TitleOf(string page)
    {
        try
        {
            return PageBaseline.FromJson(page).Title;
        }
        catch (FormatException)
        {
            return "";
        }
    }

    private static string Cut(string s) => s.Length <= 200 ? s : s[..200] + "…";

    private static TamperChangeView ToView(TamperChange c, string website)
    {
        using var doc = JsonDocument.Parse(c.Findings);
        return new TamperChangeView(c.Id, c.MonitorId, c.WebsiteId, website, c.Url, WireCodes<TamperChangeState>.Code(c.State), c.Severity,
            c.DetectedAt, c.LastSeenAt, c.Count, c.DecidedAt, c.DecidedByName, c.Note, c.Version, doc.RootElement.Clone());
    }
}

/// <summary>The audit kinds of the tamper monitor.</summary>
public static class TamperAudit
{
    public const string Approved = "tamper.change_approved";
    public const string BaselineTaken = "tamper.baseline_taken";

    /// <summary>Adds the kinds to the audit log's list (once, at start-up).</summary>
    public static void Register()
    {
        AuditKinds.Register(new AuditKind(Approved, new("确认页面变更为新基线", "Page change approved as baseline"), true));
        AuditKinds.Register(new AuditKind(BaselineTaken, new("重新建立页面基线", "Page baseline taken"), true));
    }
}
