using System.Text.Json;
using System.Text.RegularExpressions;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Monitoring.Engine;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Monitoring;

/// <summary>
/// Creating, editing, listing and deleting monitors, and reading their results. Access goes through
/// <see cref="WebsiteAccess"/>: whoever sees the website reads its monitors; the owner and engaged contributors
/// (not assessors, not viewers) change them. Every change is audited; targets pass the SSRF guard on save.
/// </summary>
public sealed partial class MonitorService(
    GovGuardDbContext db,
    AuditLog audit,
    TimeProvider time,
    GuardedFetcher fetcher,
    IMonitorEngine engine,
    IOptions<MonitoringOptions> options,
    IMemoryCache cache,
    ILogger<MonitorService> logger)
{
    /// <summary>How old the overview snapshot of the pages (overview, wall) may be: at 10,000 sites computing it costs hundreds of milliseconds.</summary>
    public static readonly TimeSpan SnapshotAge = TimeSpan.FromSeconds(5);

    private static readonly Text Label = new("监测项", "monitor");
    private static readonly Text SiteLabel = new("网站", "website");

    public async Task<Outcome<IReadOnlyList<MonitorView>>> ListAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        if (!await WebsiteAccess.Visible(db, caller).AnyAsync(w => w.Id == websiteId, ct).ConfigureAwait(false))
        {
            return Error.NotFound(SiteLabel);
        }

        var rows = await Rows(db.Monitors.Where(m => m.WebsiteId == websiteId)).ToListAsync(ct).ConfigureAwait(false);
        var maintenance = await MaintenanceAsync(db.Websites.Where(w => w.Id == websiteId).Select(w => w.Id), ct).ConfigureAwait(false);
        return rows.OrderBy(r => r.M.Kind).ThenBy(r => r.M.Name, StringComparer.Ordinal).Select(r => ToView(r, maintenance(r.M.WebsiteId, r.M.Id))).ToList();
    }

    /// <summary>True when the caller may change the monitors of the website (for pages that hide forms otherwise).</summary>
    public async Task<bool> CanManageAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var site = await WebsiteAccess.Visible(db, caller).AsNoTracking().FirstOrDefaultAsync(w => w.Id == websiteId, ct).ConfigureAwait(false);
        if (site is null || !caller.CanWrite)
        {
            return false;
        }

        return (await WebsiteAccess.RelationAsync(db, caller, site, ct).ConfigureAwait(false)).IsContributor;
    }

    public async Task<Outcome<MonitorDetails>> GetAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var row = await Rows(VisibleMonitors(caller).Where(m => m.Id == id)).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (row is null)
        {
            return Error.NotFound(Label);
        }

        var now = time.GetUtcNow();
        var uptime = new List<UptimeWindow>();
        foreach (var (name, span) in new[] { ("24h", TimeSpan.FromHours(24)), ("7d", TimeSpan.FromDays(7)), ("30d", TimeSpan.FromDays(30)) })
        {
            uptime.Add(await UptimeAsync(id, name, now - span, ct).ConfigureAwait(false));
        }

        var maintenance = await MaintenanceAsync(db.Websites.Where(w => w.Id == row.M.WebsiteId).Select(w => w.Id), ct).ConfigureAwait(false);
        return new MonitorDetails(ToView(row, maintenance(row.M.WebsiteId, row.M.Id)), uptime);
    }

    public async Task<Outcome<IReadOnlyList<CheckResultView>>> ResultsAsync(Caller caller, Guid id, DateTimeOffset? from, DateTimeOffset? to, int? limit, CancellationToken ct)
    {
        if (!await VisibleMonitors(caller).AnyAsync(m => m.Id == id, ct).ConfigureAwait(false))
        {
            return Error.NotFound(Label);
        }

        var q = db.CheckResults.AsNoTracking().Where(r => r.MonitorId == id);
        if (from is { } f)
        {
            q = q.Where(r => r.At >= f);
        }

        if (to is { } t)
        {
            q = q.Where(r => r.At <= t);
        }

        var take = Math.Clamp(limit ?? 100, 1, 1000);
        var rows = await q.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Take(take).ToListAsync(ct).ConfigureAwait(false);
        return rows.Select(ToView).ToList();
    }

    public async Task<Outcome<MonitorView>> CreateAsync(Caller caller, Guid websiteId, MonitorInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var site = await WebsiteAccess.Visible(db, caller).AsNoTracking().FirstOrDefaultAsync(w => w.Id == websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        if (await DenyUnlessContributorAsync(caller, site, null, ct).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        var v = new Validation();
        var kind = v.OneOf("kind", new("监测类型", "Monitor kind"), input.Kind, WireCodes<MonitorKind>.ByCode);
        if (kind is { } k && !MonitorSettings.Supported.Contains(k))
        {
            v.Add("kind", "unsupported", $"监测类型（kind）{input.Kind} 尚未提供。", $"The monitor kind (kind) {input.Kind} is not available yet.");
        }

        var fields = await CheckAsync(v, kind ?? MonitorKind.Availability, site.Id, input, ct).ConfigureAwait(false);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var m = new Monitor
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = site.Id,
            Kind = kind!.Value,
            Name = fields.Name,
            Target = fields.Target,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        fields.ApplyTo(m);
        await using (var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false))
        {
            db.Monitors.Add(m);
            db.MonitorStates.Add(new MonitorState { MonitorId = m.Id });
            change.Record(new AuditEvent(MonitoringAudit.Created, $"创建监测项「{m.Name}」 / created monitor", "monitor", m.Id.ToString(),
                site.CustomerId, site.Id, null, Snapshot(m)));
            await change.CommitAsync(ct).ConfigureAwait(false);
        }

        await NotifyEngineAsync(m.Id, ct).ConfigureAwait(false);
        return ToView(new Row(m, new MonitorState { MonitorId = m.Id }));
    }

    public async Task<Outcome<MonitorView>> UpdateAsync(Caller caller, Guid id, MonitorInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var found = await FindForChangeAsync(caller, id, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var (m, site) = found.Value;
        var v = new Validation();
        if (input.Kind is not null && input.Kind != WireCodes<MonitorKind>.Code(m.Kind))
        {
            v.Add("kind", "immutable", "监测类型（kind）创建后不能修改；请新建一个监测项。", "The monitor kind (kind) cannot change after creation; create a new monitor instead.");
        }

        if (input.Version is { } version && version != m.Version)
        {
            v.Add("version", "stale", "监测项已被他人修改（version 不是最新），请刷新后重试。", "The monitor was changed by someone else (version is stale); reload and try again.");
        }

        var fields = await CheckAsync(v, m.Kind, m.WebsiteId, input, ct).ConfigureAwait(false);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var before = Snapshot(m);
        m.Name = fields.Name;
        m.Target = fields.Target;
        fields.ApplyTo(m);
        m.UpdatedAt = time.GetUtcNow();
        m.Version++;
        await using (var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false))
        {
            change.Record(new AuditEvent(MonitoringAudit.Updated, $"修改监测项「{m.Name}」 / updated monitor", "monitor", m.Id.ToString(),
                site.CustomerId, site.Id, before, Snapshot(m)));
            try
            {
                await change.CommitAsync(ct).ConfigureAwait(false);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Error.Conflict(new Text("监测项已被他人修改，请刷新后重试。", "The monitor was changed by someone else; reload and try again."));
            }
        }

        await NotifyEngineAsync(m.Id, ct).ConfigureAwait(false);
        var state = await db.MonitorStates.AsNoTracking().FirstOrDefaultAsync(s => s.MonitorId == m.Id, ct).ConfigureAwait(false);
        return ToView(new Row(m, state));
    }

    public async Task<Outcome<bool>> DeleteAsync(Caller caller, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var found = await FindForChangeAsync(caller, id, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var (m, site) = found.Value;
        await using (var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false))
        {
            var before = Snapshot(m);
            db.Monitors.Remove(m);
            change.Record(new AuditEvent(MonitoringAudit.Deleted, $"删除监测项「{m.Name}」 / deleted monitor", "monitor", m.Id.ToString(),
                site.CustomerId, site.Id, before, null));
            await change.CommitAsync(ct).ConfigureAwait(false);
        }

        await NotifyEngineAsync(m.Id, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// The default monitors of a website: availability (and TLS over https) of the main domain, DNS of every domain.
    /// Monitors that already exist (same kind and target) are not made again; returns the ones created.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<MonitorView>>> CreateDefaultsAsync(Caller caller, Guid websiteId, string? scheme, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var site = await WebsiteAccess.Visible(db, caller).AsNoTracking().FirstOrDefaultAsync(w => w.Id == websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        if (await DenyUnlessContributorAsync(caller, site, null, ct).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        scheme = string.IsNullOrWhiteSpace(scheme) ? "https" : scheme.Trim().ToLowerInvariant();
        if (scheme is not ("http" or "https"))
        {
            return Error.Invalid([new FieldError("scheme", "one_of", new Text("协议（scheme）必须是 http 或 https。", "The scheme (scheme) must be http or https."))]);
        }

        var wanted = new List<MonitorInput>();
        if (site.Domains.FirstOrDefault() is { } main)
        {
            var url = $"{scheme}://{main}/";
            wanted.Add(new MonitorInput("availability", $"可用性 {main}", url));
            if (scheme == "https")
            {
                wanted.Add(new MonitorInput("tls", $"证书 {main}", url));
            }
        }

        wanted.AddRange(site.Domains.Select(d => new MonitorInput("dns", $"域名解析 {d}", d)));
        var existing = await db.Monitors.AsNoTracking().Where(m => m.WebsiteId == websiteId).Select(m => new { m.Kind, m.Target })
            .ToListAsync(ct).ConfigureAwait(false);
        var created = new List<MonitorView>();
        foreach (var input in wanted)
        {
            var kind = WireCodes<MonitorKind>.ByCode[input.Kind!];
            if (existing.Any(e => e.Kind == kind && string.Equals(e.Target, input.Target, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var r = await CreateAsync(caller, websiteId, input, ct).ConfigureAwait(false);
            if (!r.Succeeded)
            {
                return r.Error!;
            }

            created.Add(r.Value!);
        }

        return created;
    }

    public async Task<Outcome<CheckNowView>> CheckNowAsync(Caller caller, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var found = await FindForChangeAsync(caller, id, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        if (!found.Value.Monitor.Enabled)
        {
            return Error.Conflict(new Text("监测项已停用，请先启用再检查。", "The monitor is disabled; enable it before checking."));
        }

        if (!engine.IsRunning)
        {
            return Error.Conflict(new Text("本节点未运行监测引擎。", "The monitoring engine does not run on this node."));
        }

        var report = await engine.CheckNowAsync(id, ct).ConfigureAwait(false);
        if (report is null)
        {
            return Error.Conflict(new Text("监测引擎未能运行此检查，请稍后重试。", "The engine could not run this check; try again shortly."));
        }

        return new CheckNowView(report.ResultId, WireCodes<MonitorHealth>.Code(report.Health), WireCodes<MonitorHealth>.Code(report.RawHealth),
            report.At, report.LatencyMs, report.StatusCode, new Text(report.SummaryZh, report.SummaryEn), report.FindingCount);
    }

    /// <summary>
    /// Every visible website with its monitors' states, as of the call (the API and the wall screen read this).
    /// Concurrent calls of one caller share computations that had not started when they asked
    /// (<see cref="FreshGate{T}"/>), so the answer is never older than the call, and a crowd of callers costs two
    /// computations at a time, not one each.
    /// </summary>
    public Task<MonitoringOverview> OverviewAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var key = (nameof(OverviewAsync), caller.UserId, caller.OrganisationId, caller.IsPlatformAdmin);
        var gate = cache.GetOrCreate(key, e =>
        {
            e.SlidingExpiration = TimeSpan.FromMinutes(10);
            return new FreshGate<MonitoringOverview>();
        })!;
        return gate.GetAsync(() => ComputeOverviewAsync(caller, CancellationToken.None), ct);
    }

    /// <summary>The overview computed now, in one projected query.</summary>
    private async Task<MonitoringOverview> ComputeOverviewAsync(Caller caller, CancellationToken ct)
    {
        var rows = await (
            from w in WebsiteAccess.Visible(db, caller).AsNoTracking()
            join m in db.Monitors on w.Id equals m.WebsiteId into ms
            from m in ms.DefaultIfEmpty()
            join s in db.MonitorStates on m!.Id equals s.MonitorId into ss
            from s in ss.DefaultIfEmpty()
            select new
            {
                w.Id,
                w.Name,
                w.Domains,
                MonitorId = (Guid?)m!.Id,
                Kind = (MonitorKind?)m.Kind,
                MonitorName = m.Name,
                Enabled = (bool?)m.Enabled,
                Health = s!.Health,
                s.Since,
                s.LastCheckAt,
                s.LastLatencyMs,
            }).ToListAsync(ct).ConfigureAwait(false);

        var maintenance = await MaintenanceAsync(WebsiteAccess.Visible(db, caller).Select(w => w.Id), ct).ConfigureAwait(false);
        var sites = rows.GroupBy(r => r.Id).Select(g =>
        {
            var monitors = g.Where(r => r.MonitorId is not null)
                .Select(r => new OverviewMonitor(r.MonitorId!.Value, WireCodes<MonitorKind>.Code(r.Kind!.Value), r.MonitorName!, r.Enabled!.Value,
                    r.Health is { } h ? WireCodes<MonitorHealth>.Code(h) : null, r.Since, r.LastCheckAt, r.LastLatencyMs, maintenance(r.Id, r.MonitorId.Value)))
                .OrderBy(m => m.Kind, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal).ToList();
            var first = g.First();
            return new OverviewWebsite(first.Id, first.Name, first.Domains.FirstOrDefault(), Worst(monitors), monitors, monitors.Any(m => m.InMaintenance));
        }).OrderBy(s => Rank(s.Health)).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        var all = sites.SelectMany(s => s.Monitors).ToList();
        return new MonitoringOverview(sites, all.Count,
            all.Count(m => m.Enabled && m.Health == "up"), all.Count(m => m.Enabled && m.Health == "down"),
            all.Count(m => m.Enabled && m.Health == "incomplete"), all.Count(m => m.Enabled && m.Health is null), all.Count(m => !m.Enabled),
            all.Count(m => m.InMaintenance));
    }

    /// <summary>
    /// The overview page's slice of <see cref="OverviewAsync"/>: the counts over every visible website, every
    /// website that needs attention now (down or incomplete: the duty room sees all of them at once, never paged) and
    /// one page of the others (not checked yet first, then healthy ones, by name). <paramref name="search"/> matches
    /// the name or the main domain (ignoring case); <paramref name="health"/> keeps one state (<c>down</c>,
    /// <c>incomplete</c>, <c>unchecked</c>, <c>up</c>, <c>none</c>; anything else keeps all).
    /// </summary>
    public async Task<MonitoringOverviewPage> OverviewPageAsync(Caller caller, string? search, string? health, Paging paging, CancellationToken ct)
    {
        var all = await SnapshotAsync(caller, ct).ConfigureAwait(false);
        var matching = Filter(all.Websites, search, health);
        var attention = matching.Where(NeedsAttention).ToList();
        var others = matching.Where(w => !NeedsAttention(w)).ToList();
        return new MonitoringOverviewPage(all with { Websites = [] }, attention,
            new Page<OverviewWebsite>(others.Skip(paging.Offset).Take(paging.Limit).ToList(), others.Count, paging.Offset, paging.Limit));
    }

    /// <summary>
    /// <see cref="OverviewAsync"/> as the pages read it: one computation per caller at most every
    /// <see cref="SnapshotAge"/> (requests arriving meanwhile share it, also while it runs). The API reads it fresh.
    /// </summary>
    public async Task<MonitoringOverview> SnapshotAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var key = (nameof(SnapshotAsync), caller.UserId, caller.OrganisationId, caller.IsPlatformAdmin);
        if (cache.TryGetValue(key, out Task<MonitoringOverview>? shared) && shared is { IsFaulted: false, IsCanceled: false })
        {
            return await shared.WaitAsync(ct).ConfigureAwait(false);
        }

        // Not cancelled with this request (others may wait for it), and awaited to the end by it (it runs on this
        // request's database context). Held while it runs, however long that takes on a busy machine; then kept
        // for SnapshotAge from when it is done (an age counted from the start would let a slow computation expire
        // before it ends and every request start its own).
        var snapshot = OverviewAsync(caller, CancellationToken.None);
        _ = cache.Set(key, snapshot, TimeSpan.FromMinutes(5));
        var overview = await snapshot.ConfigureAwait(false);
        _ = cache.Set(key, snapshot, SnapshotAge);
        return overview;
    }

    /// <summary>The websites of <paramref name="sites"/> whose name or main domain contains <paramref name="search"/> and whose state is <paramref name="health"/> (when given).</summary>
    public static IReadOnlyList<OverviewWebsite> Filter(IReadOnlyList<OverviewWebsite> sites, string? search, string? health)
    {
        ArgumentNullException.ThrowIfNull(sites);
        IEnumerable<OverviewWebsite> q = sites;
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            q = q.Where(w => w.Name.Contains(s, StringComparison.OrdinalIgnoreCase) || (w.Domain?.Contains(s, StringComparison.OrdinalIgnoreCase) ?? false));
        }

        if (health is "down" or "incomplete" or "unchecked" or "up" or "none")
        {
            q = q.Where(w => w.Health == health);
        }

        return q.ToList();
    }

    /// <summary>Down or incomplete: what a duty room must see at once.</summary>
    public static bool NeedsAttention(OverviewWebsite site) => site?.Health is "down" or "incomplete";

    /// <summary>
    /// Which monitors a maintenance window covers now (GB/T 38249 7.2.2 i), for the websites given: read from the
    /// windows themselves at the time of asking, so a window that starts or ends needs nobody to flip a flag.
    /// </summary>
    private async Task<Func<Guid, Guid, bool>> MaintenanceAsync(IQueryable<Guid> websiteIds, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var windows = await db.MaintenanceWindows.AsNoTracking().Where(w => w.StartsAt <= now && w.EndsAt > now && websiteIds.Contains(w.WebsiteId))
            .ToListAsync(ct).ConfigureAwait(false);
        return (websiteId, monitorId) => windows.Any(w => w.WebsiteId == websiteId && w.Covers(monitorId, now));
    }

    private static string Worst(IReadOnlyList<OverviewMonitor> monitors)
    {
        var enabled = monitors.Where(m => m.Enabled).ToList();
        if (enabled.Count == 0)
        {
            return "none";
        }

        return enabled.Any(m => m.Health == "down") ? "down"
            : enabled.Any(m => m.Health == "incomplete") ? "incomplete"
            : enabled.Any(m => m.Health is null) ? "unchecked" : "up";
    }

    private static int Rank(string health) => health switch
    {
        "down" => 0,
        "incomplete" => 1,
        "unchecked" => 2,
        "up" => 3,
        _ => 4,
    };

    private async Task<UptimeWindow> UptimeAsync(Guid id, string name, DateTimeOffset since, CancellationToken ct)
    {
        var groups = await db.CheckResults.AsNoTracking().Where(r => r.MonitorId == id && r.At >= since)
            .GroupBy(r => r.Health)
            .Select(g => new { Health = g.Key, Count = g.Count(), Latency = g.Sum(r => (long?)r.LatencyMs), Timed = g.Count(r => r.LatencyMs != null) })
            .ToListAsync(ct).ConfigureAwait(false);
        var up = groups.Where(g => g.Health == MonitorHealth.Up).Sum(g => g.Count);
        var down = groups.Where(g => g.Health == MonitorHealth.Down).Sum(g => g.Count);
        var timed = groups.Sum(g => g.Timed);
        var latency = timed == 0 ? (int?)null : (int)(groups.Sum(g => g.Latency ?? 0) / timed);
        double? percent = up + down == 0 ? null : Math.Round(100.0 * up / (up + down), 3);
        return new UptimeWindow(name, percent, groups.Sum(g => g.Count), latency);
    }

    private IQueryable<Monitor> VisibleMonitors(Caller caller)
    {
        var sites = WebsiteAccess.Visible(db, caller).Select(w => w.Id);
        return db.Monitors.Where(m => sites.Contains(m.WebsiteId));
    }

    private async Task<Outcome<(Monitor Monitor, Website Site)>> FindForChangeAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var m = await VisibleMonitors(caller).FirstOrDefaultAsync(x => x.Id == id, ct).ConfigureAwait(false);
        if (m is null)
        {
            return Error.NotFound(Label);
        }

        var site = await db.Websites.AsNoTracking().FirstAsync(w => w.Id == m.WebsiteId, ct).ConfigureAwait(false);
        if (await DenyUnlessContributorAsync(caller, site, m, ct).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        return (m, site);
    }

    private async Task<Error?> DenyUnlessContributorAsync(Caller caller, Website site, Monitor? monitor, CancellationToken ct)
    {
        var relation = await WebsiteAccess.RelationAsync(db, caller, site, ct).ConfigureAwait(false);
        if (relation.IsContributor && caller.CanWrite)
        {
            return null;
        }

        var why = new Text("只有网站所属单位和参与建设运维的单位可以管理监测项；测评机构和只读用户只能查看。",
            "Only the owning customer and engaged contributors may manage monitors; assessors and viewers only read them.");
        db.ChangeTracker.Clear();
        await audit.RecordAsync(db, caller, new AuditEvent(AuditKinds.AccessDenied, $"拒绝：{why.Zh} / denied: {why.En}", "monitor",
            monitor?.Id.ToString(), site.CustomerId, site.Id, Outcome: AuditOutcomes.Denied), ct).ConfigureAwait(false);
        return Error.Forbidden(why);
    }

    private async Task NotifyEngineAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await engine.RefreshAsync(id, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Saved all the same: the start-up sweep and the grain's reminder pick the change up.
            LogEngineUnavailable(logger, id, ex.GetType().Name);
        }
    }

    private sealed record Fields(string Name, string Target, int Interval, bool Enabled, int FailuresBeforeDown, int SuccessesBeforeUp, int Timeout, string Settings)
    {
        public void ApplyTo(Monitor m)
        {
            m.IntervalSeconds = Interval;
            m.Enabled = Enabled;
            m.FailuresBeforeDown = FailuresBeforeDown;
            m.SuccessesBeforeUp = SuccessesBeforeUp;
            m.TimeoutSeconds = Timeout;
            m.Settings = Settings;
        }
    }

    /// <summary>The default interval of a kind: a minute for the quick probes, an hour for page scans.</summary>
    public static int DefaultInterval(MonitorKind kind) => kind is MonitorKind.Tamper or MonitorKind.Content or MonitorKind.Exposure ? 3600 : 60;

    private static int DefaultTimeout(MonitorKind kind) => kind is MonitorKind.Tamper or MonitorKind.Content or MonitorKind.Exposure ? 120 : 10;

    private async Task<Fields> CheckAsync(Validation v, MonitorKind kind, Guid websiteId, MonitorInput input, CancellationToken ct)
    {
        var name = v.Required("name", new("名称", "Name"), input.Name, 200) ?? string.Empty;
        var target = await CheckTargetAsync(v, kind, websiteId, input.Target, ct).ConfigureAwait(false);
        var min = options.Value.MinimumIntervalSeconds;
        var interval = v.Range("intervalSeconds", new("检查间隔（秒）", "Interval in seconds"), input.IntervalSeconds ?? Math.Max(min, DefaultInterval(kind)), min, 86_400);
        var failures = v.Range("failuresBeforeDown", new("判定故障前的连续失败次数", "Failures before down"), input.FailuresBeforeDown ?? 2, 1, 10);
        var successes = v.Range("successesBeforeUp", new("判定恢复前的连续成功次数", "Successes before up"), input.SuccessesBeforeUp ?? 1, 1, 10);
        var timeout = v.Range("timeoutSeconds", new("超时（秒）", "Timeout in seconds"), input.TimeoutSeconds ?? Math.Min(DefaultTimeout(kind), interval), 1, 120);
        if (timeout > interval && input.TimeoutSeconds is not null)
        {
            v.Add("timeoutSeconds", "range", "超时（timeoutSeconds）不能长于检查间隔（intervalSeconds）。", "The timeout (timeoutSeconds) cannot be longer than the interval (intervalSeconds).");
        }

        var settings = MonitorSettings.Normalise(kind, input.Settings, v);
        return new Fields(name, target, interval, input.Enabled ?? true, failures, successes, Math.Min(timeout, interval), settings);
    }

    private async Task<string> CheckTargetAsync(Validation v, MonitorKind kind, Guid websiteId, string? raw, CancellationToken ct)
    {
        var target = v.Required("target", new("监测目标", "Target"), raw, 2048) ?? string.Empty;
        if (target.Length == 0 || target.Length > 2048)
        {
            return target;
        }

        if (kind == MonitorKind.Resource && target.StartsWith(Agents.AgentMetrics.TargetScheme + "://", StringComparison.OrdinalIgnoreCase))
        {
            // Push mode: the metrics come from one of this website's agents, nothing is fetched.
            var agentId = Agents.AgentMetrics.AgentOf(target);
            if (agentId is not { } id || !await db.Agents.AnyAsync(a => a.Id == id && a.WebsiteId == websiteId && a.RevokedAt == null, ct).ConfigureAwait(false))
            {
                v.Add("target", "agent", $"监测目标（target）「{Cut(target)}」必须是 agent://代理编号，且该代理属于本网站。",
                    $"The target (target) \"{Cut(target)}\" must be agent://{{agent id}} of an agent of this website.");
                return target;
            }

            return Agents.AgentMetrics.Target(id);
        }

        if (kind == MonitorKind.Dns)
        {
            var host = target.TrimEnd('.').ToLowerInvariant();
            if (!HostPattern().IsMatch(host))
            {
                v.Add("target", "hostname", $"监测目标（target）「{Cut(target)}」不是有效的域名（例如 www.example.gov.cn）。", $"The target (target) \"{Cut(target)}\" is not a valid host name (e.g. www.example.gov.cn).");
            }

            return host;
        }

        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            v.Add("target", "url.scheme", $"监测目标（target）「{Cut(target)}」必须是 http 或 https 网址（规则 url.scheme）。", $"The target (target) \"{Cut(target)}\" must be an http or https URL (rule url.scheme).");
            return target;
        }

        if (kind == MonitorKind.Tls && uri.Scheme != Uri.UriSchemeHttps)
        {
            v.Add("target", "url.https", "证书监测的目标（target）必须是 https 网址。", "The target (target) of a TLS monitor must be an https URL.");
        }

        // SECURITY.md: checked when saved and again on every fetch. A name that does not resolve yet is kept
        // (the check fails closed when it runs); anything the guard refuses is refused here, with its rule.
        var verdict = await fetcher.ValidateTargetAsync(target, ct).ConfigureAwait(false);
        if (!verdict.IsAllowed && verdict.Rule != "dns.failed")
        {
            v.Add("target", verdict.Rule, $"监测目标（target）被拒绝（规则 {verdict.Rule}）：{verdict.MessageZh}", $"The target (target) is refused (rule {verdict.Rule}): {verdict.MessageEn}");
        }

        return target;
    }

    private static string Cut(string s) => s.Length <= 60 ? s : s[..60] + "…";

    internal static object Snapshot(Monitor m) => new
    {
        m.Name,
        Kind = WireCodes<MonitorKind>.Code(m.Kind),
        m.Target,
        m.IntervalSeconds,
        m.Enabled,
        m.FailuresBeforeDown,
        m.SuccessesBeforeUp,
        m.TimeoutSeconds,
        m.Settings,
        m.WebsiteId,
    };

    private sealed record Row(Monitor M, MonitorState? S);

    private IQueryable<Row> Rows(IQueryable<Monitor> q) =>
        from m in q.AsNoTracking()
        join s in db.MonitorStates on m.Id equals s.MonitorId into ss
        from s in ss.DefaultIfEmpty()
        select new Row(m, s);

    private static MonitorView ToView(Row r) => ToView(r, false);

    private static MonitorView ToView(Row r, bool inMaintenance)
    {
        var m = r.M;
        var s = r.S ?? new MonitorState { MonitorId = m.Id };
        using var settings = JsonDocument.Parse(m.Settings);
        return new MonitorView(m.Id, m.WebsiteId, WireCodes<MonitorKind>.Code(m.Kind), m.Name, m.Target, m.IntervalSeconds, m.Enabled,
            m.FailuresBeforeDown, m.SuccessesBeforeUp, m.TimeoutSeconds, settings.RootElement.Clone(), m.InMaintenance || inMaintenance, m.CreatedAt, m.UpdatedAt, m.Version,
            new MonitorStateView(s.Health is { } h ? WireCodes<MonitorHealth>.Code(h) : null, s.Since, s.ConsecutiveFailures, s.ConsecutiveSuccesses,
                s.LastCheckAt, s.LastResultId, s.LastLatencyMs,
                s.LastSummaryZh is null ? null : new Text(s.LastSummaryZh, s.LastSummaryEn ?? s.LastSummaryZh)));
    }

    private static CheckResultView ToView(CheckResult r)
    {
        JsonElement? findings = null;
        if (r.Findings is not null)
        {
            using var doc = JsonDocument.Parse(r.Findings);
            findings = doc.RootElement.Clone();
        }

        return new CheckResultView(r.Id, r.At, r.DueAt, WireCodes<MonitorHealth>.Code(r.Health), WireCodes<MonitorHealth>.Code(r.RawHealth),
            r.LatencyMs, r.StatusCode, new Text(r.SummaryZh, r.SummaryEn), findings, r.IncompleteReason, r.Manual);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The engine did not take the change of monitor {MonitorId} ({Error}); it will on its next sweep")]
    private static partial void LogEngineUnavailable(ILogger logger, Guid monitorId, string error);

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();
}

/// <summary>The audit kinds of monitoring.</summary>
public static class MonitoringAudit
{
    public const string Created = "monitor.created";
    public const string Updated = "monitor.updated";
    public const string Deleted = "monitor.deleted";

    /// <summary>Adds the kinds to the audit log's list (once, at start-up).</summary>
    public static void Register()
    {
        AuditKinds.Register(new AuditKind(Created, new("创建监测项", "Monitor created"), false));
        AuditKinds.Register(new AuditKind(Updated, new("修改监测项", "Monitor updated"), false));
        AuditKinds.Register(new AuditKind(Deleted, new("删除监测项", "Monitor deleted"), true));
    }
}
