using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Compliance;
using GovGuard.Platform.Data;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Monitoring.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.CloudMigration;

/// <summary>
/// The trial run (GB/T 38249 6.4.1): its plan and period, and monitoring raised for it (c) — every enabled monitor of
/// the website checks at the trial's interval, the previous interval kept and put back when the trial ends (on the
/// end action or, when its end time passes, by <see cref="TrialReverter"/>). The raised backup frequency (d) is recorded.
/// </summary>
public sealed partial class TrialService(GovGuardDbContext db, AuditLog audit, TimeProvider time, IMonitorEngine engine,
    IOptions<MonitoringOptions> monitoring, ILogger<TrialService> logger)
{
    private static readonly Text SiteLabel = new("网站", "website");

    public async Task<Outcome<TrialView>> StartAsync(Caller caller, Guid websiteId, TrialInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (site, relation) = await PhaseRecords.SiteAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        if (!caller.CanWrite || !(relation.IsOwner || relation.IsAdmin))
        {
            return await DutyAccess.DenyAsync(db, audit, caller, site, "trial_run", null, new Text(
                "只有网站所属单位可以开始试运行（6.4.1 a）。", "Only the owning customer starts the trial run (6.4.1 a)."), ct).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        var v = new Validation();
        var plan = v.Required("plan", new("试运行方案", "Trial plan"), input.Plan, 20000);
        var min = monitoring.Value.MinimumIntervalSeconds;
        var interval = v.Range("intervalSeconds", new("试运行期间的检查间隔（秒）", "Check interval during the trial (seconds)"), input.IntervalSeconds, min, 3600);
        var backupEvery = v.Range("backupEveryHours", new("试运行期间的备份间隔（小时）", "Hours between backups during the trial"), input.BackupEveryHours, 1, 168);
        if (input.EndsAt is not { } endsAt)
        {
            v.Add("endsAt", "required", "结束时间（endsAt）为必填项。", "End time (endsAt) is required.");
        }
        else if (endsAt <= now)
        {
            v.Add("endsAt", "future", "结束时间（endsAt）必须晚于现在。", "End time (endsAt) must be in the future.");
        }

        if (input.PlanEvidenceId is { } eid && !await PhaseRecords.EvidenceOfAsync(db, site.Id, eid, ct).ConfigureAwait(false))
        {
            v.Add("planEvidenceId", "not_found", "方案证据（planEvidenceId）不存在或不属于本网站。", "Plan evidence (planEvidenceId) does not exist or is not this website's.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (await db.Set<TrialRun>().AnyAsync(t => t.WebsiteId == site.Id && t.RevertedAt == null, ct).ConfigureAwait(false))
        {
            return Error.Conflict(new Text("本网站已有进行中的试运行；请先结束它。", "A trial run of this website is under way; end it first."));
        }

        var trial = new TrialRun
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = site.Id,
            Plan = plan!,
            PlanEvidenceId = input.PlanEvidenceId,
            StartsAt = now,
            EndsAt = input.EndsAt!.Value,
            IntervalSeconds = interval,
            BackupEveryHours = backupEvery,
            ByUserId = caller.UserId,
            ByName = caller.Name,
            ByOrganisationId = caller.OrganisationId,
            CreatedAt = now,
        };
        var monitors = await db.Monitors.Where(m => m.WebsiteId == site.Id && m.Enabled).ToListAsync(ct).ConfigureAwait(false);
        var changes = new List<TrialMonitorChange>();
        foreach (var m in monitors.Where(m => m.IntervalSeconds > interval))
        {
            changes.Add(new TrialMonitorChange
            {
                Id = Guid.CreateVersion7(now),
                TrialId = trial.Id,
                MonitorId = m.Id,
                PreviousIntervalSeconds = m.IntervalSeconds,
                RaisedIntervalSeconds = interval,
            });
            m.IntervalSeconds = interval;
            m.UpdatedAt = now;
            m.Version++;
        }

        await using (var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false))
        {
            db.Add(trial);
            db.AddRange(changes);
            change.Record(new AuditEvent(MigrationAudit.TrialStarted,
                $"开始试运行至 {trial.EndsAt:yyyy-MM-dd HH:mm}Z；{changes.Count} 个监测项的检查间隔提高到 {interval} 秒 / trial started, {changes.Count} monitors raised to {interval}s",
                "trial_run", trial.Id.ToString(), site.CustomerId, site.Id, null,
                new { trial.EndsAt, trial.IntervalSeconds, trial.BackupEveryHours, Monitors = changes.Select(c => new { c.MonitorId, c.PreviousIntervalSeconds }).ToList() }));
            await change.CommitAsync(ct).ConfigureAwait(false);
        }

        await RefreshAsync(changes.Select(c => c.MonitorId), ct).ConfigureAwait(false);
        return MigrationService.ToView(trial, changes, now);
    }

    /// <summary>Ends the trial now (the owner), putting the intervals back.</summary>
    public async Task<Outcome<TrialView>> EndAsync(Caller caller, Guid websiteId, Guid trialId, CancellationToken ct)
    {
        var (site, relation) = await PhaseRecords.SiteAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        var trial = await db.Set<TrialRun>().FirstOrDefaultAsync(t => t.Id == trialId && t.WebsiteId == site.Id, ct).ConfigureAwait(false);
        if (trial is null)
        {
            return Error.NotFound(new Text("试运行", "trial run"));
        }

        if (!caller.CanWrite || !(relation.IsOwner || relation.IsAdmin))
        {
            return await DutyAccess.DenyAsync(db, audit, caller, site, "trial_run", trial.Id.ToString(), new Text(
                "只有网站所属单位可以结束试运行。", "Only the owning customer ends the trial run."), ct).ConfigureAwait(false);
        }

        if (trial.RevertedAt is not null)
        {
            return Error.Conflict(new Text("该试运行已结束。", "This trial run has already ended."));
        }

        var changes = await RevertAsync(caller, trial, ct).ConfigureAwait(false);
        return MigrationService.ToView(trial, changes, time.GetUtcNow());
    }

    /// <summary>Puts back the intervals of every trial whose end time has passed; returns how many trials ended.</summary>
    public async Task<int> RevertDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var open = await db.Set<TrialRun>().Where(t => t.RevertedAt == null).ToListAsync(ct).ConfigureAwait(false);
        var due = open.Where(t => t.EndsAt <= now).ToList();
        foreach (var trial in due)
        {
            await RevertAsync(Caller.System, trial, ct).ConfigureAwait(false);
        }

        return due.Count;
    }

    private async Task<List<TrialMonitorChange>> RevertAsync(Caller caller, TrialRun trial, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var changes = await db.Set<TrialMonitorChange>().Where(c => c.TrialId == trial.Id).ToListAsync(ct).ConfigureAwait(false);
        var ids = changes.Select(c => c.MonitorId).ToList();
        var monitors = await db.Monitors.Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct).ConfigureAwait(false);
        var reverted = new List<Guid>();
        foreach (var c in changes.Where(c => c.RevertedAt is null))
        {
            c.RevertedAt = now;
            // Someone set another interval during the trial: theirs stands.
            if (monitors.TryGetValue(c.MonitorId, out var m) && m.IntervalSeconds == c.RaisedIntervalSeconds)
            {
                m.IntervalSeconds = c.PreviousIntervalSeconds;
                m.UpdatedAt = now;
                m.Version++;
                reverted.Add(m.Id);
            }
        }

        trial.RevertedAt = now;
        var customer = await db.Websites.Where(w => w.Id == trial.WebsiteId).Select(w => w.CustomerId).FirstAsync(ct).ConfigureAwait(false);
        await using (var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false))
        {
            change.Record(new AuditEvent(MigrationAudit.TrialEnded,
                $"试运行结束，{reverted.Count} 个监测项恢复原检查间隔 / trial ended, {reverted.Count} monitors back to their intervals",
                "trial_run", trial.Id.ToString(), customer, trial.WebsiteId, null, new { trial.RevertedAt, Reverted = reverted }));
            await change.CommitAsync(ct).ConfigureAwait(false);
        }

        await RefreshAsync(reverted, ct).ConfigureAwait(false);
        return changes;
    }

    private async Task RefreshAsync(IEnumerable<Guid> monitors, CancellationToken ct)
    {
        foreach (var id in monitors)
        {
            try
            {
                await engine.RefreshAsync(id, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Saved all the same: the grain's reminder picks the new interval up.
                LogEngineUnavailable(logger, id, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Monitoring engine not told of the trial interval change of monitor {MonitorId} ({Error}); the reminder will pick it up")]
    private static partial void LogEngineUnavailable(ILogger logger, Guid monitorId, string error);
}

/// <summary>Ends trial runs whose end time has passed, once a minute (by the injected clock).</summary>
public sealed partial class TrialReverter(IServiceScopeFactory scopes, TimeProvider time, ILogger<TrialReverter> logger) : BackgroundService
{
    public static TimeSpan Period { get; } = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TrialService>().RevertDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Ending due trial runs failed; retrying next minute")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
