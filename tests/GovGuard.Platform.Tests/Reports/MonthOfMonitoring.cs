using GovGuard.Detection.Findings;
using GovGuard.Platform.Access;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Data;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Planning;
using GovGuard.Platform.Reports.Operations;
using GovGuard.Platform.Tests.Planning;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Reports;

/// <summary>
/// October 2026 (China Standard Time) of generated monitoring data for one website: an availability monitor checked
/// every 60 s ± 3 s, with known down periods, a two-hour gap where the engine did not run, an incomplete half hour,
/// one outage inside a maintenance window, a slow day; an exposure monitor with findings; and alerts with known
/// acknowledge and fixing times. The rows are kept in memory so a test can recompute the figures its own way.
/// </summary>
public sealed record MonthOfMonitoring(Guid MonitorId, ReportPeriod Period, IReadOnlyList<CheckResult> Checks, MaintenanceWindow Window)
{
    public const string Month = "2026-10";
    public const int Interval = 60;

    public static readonly DateTimeOffset Start = new(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The designed down time outside maintenance: 45 min on the 5th and 5 h 30 min on the 12th.</summary>
    public static readonly TimeSpan DesignedDown = TimeSpan.FromMinutes(45 + 330);

    /// <summary>The long outage on the 12th, longer than the sample SLA's RTO of 240 minutes.</summary>
    public static readonly (DateTimeOffset From, DateTimeOffset To) LongOutage = (At(12, 14, 0), At(12, 19, 30));

    public static DateTimeOffset At(int day, int hour, int minute) => Start.AddDays(day - 1).AddHours(hour).AddMinutes(minute);

    public static async Task<MonthOfMonitoring> SeedAsync(GovGuardDbContext db, Guid websiteId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var period = new ReportPeriod(Start.ToUniversalTime(), Start.AddMonths(1).ToUniversalTime());
        var now = DateTimeOffset.UtcNow;
        // Disabled: the running engine must not check these targets; the report reads what was recorded.
        var monitor = new Platform.Monitoring.Monitor { Id = Guid.NewGuid(), WebsiteId = websiteId, Kind = MonitorKind.Availability, Name = "首页可用性", Target = "https://www.example.gov.cn/", IntervalSeconds = Interval, Enabled = false, FailuresBeforeDown = 1, SuccessesBeforeUp = 1, TimeoutSeconds = 10, CreatedAt = now, UpdatedAt = now, Version = 1 };
        var exposure = new Platform.Monitoring.Monitor { Id = Guid.NewGuid(), WebsiteId = websiteId, Kind = MonitorKind.Exposure, Name = "暴露面检测", Target = "https://www.example.gov.cn/", IntervalSeconds = 3600, Enabled = false, FailuresBeforeDown = 1, SuccessesBeforeUp = 1, TimeoutSeconds = 30, CreatedAt = now, UpdatedAt = now, Version = 1 };
        db.AddRange(monitor, exposure);

        var random = new Random(20261001);
        var checks = new List<CheckResult>();
        var gap = (At(10, 2, 0), At(10, 4, 0));
        var incomplete = (At(25, 1, 0), At(25, 1, 30));
        var maintained = (At(20, 9, 0), At(20, 10, 0));
        for (var t = period.From.AddSeconds(-20); t < period.To; t = t.AddSeconds(Interval + random.Next(-3, 4)))
        {
            if (t >= gap.Item1 && t < gap.Item2)
            {
                continue;
            }

            var health = In(t, At(5, 3, 0), At(5, 3, 45)) || In(t, LongOutage.From, LongOutage.To) || In(t, maintained.Item1, maintained.Item2) ? MonitorHealth.Down
                : In(t, incomplete.Item1, incomplete.Item2) ? MonitorHealth.Incomplete
                : MonitorHealth.Up;
            var slowDay = t.ToOffset(TimeSpan.FromHours(8)).Day == 15;
            int? latency = health == MonitorHealth.Up ? (slowDay ? 900 + random.Next(0, 300) : 120 + random.Next(0, 200)) : null;
            checks.Add(new CheckResult
            {
                MonitorId = monitor.Id,
                WebsiteId = websiteId,
                At = t.ToUniversalTime(),
                DueAt = t.ToUniversalTime(),
                Health = health,
                RawHealth = health,
                LatencyMs = latency,
                StatusCode = health == MonitorHealth.Up ? 200 : null,
                SummaryZh = health == MonitorHealth.Up ? "正常" : "连接超时",
                SummaryEn = health == MonitorHealth.Up ? "up" : "connect timed out",
            });
        }

        // Manual checks never count: a person's "check now" is not a sample of the schedule.
        checks.Add(new CheckResult { MonitorId = monitor.Id, WebsiteId = websiteId, At = At(7, 12, 0).AddSeconds(30).ToUniversalTime(), DueAt = At(7, 12, 0).ToUniversalTime(), Health = MonitorHealth.Down, RawHealth = MonitorHealth.Down, SummaryZh = "手动检测", SummaryEn = "manual", Manual = true });
        db.AddRange(checks);

        var exposed = """[{"category":"vuln.exposed_file","severity":"high","target":"https://www.example.gov.cn/","url":"https://www.example.gov.cn/.git/config","rule":"exposure.git_config","message":"暴露 .git/config","evidence":"[core]"}]""";
        var headers = """[{"category":"vuln.missing_header","severity":"low","target":"https://www.example.gov.cn/","url":"https://www.example.gov.cn/","rule":"headers.csp","message":"缺少 CSP","evidence":""},{"category":"vuln.exposed_file","severity":"high","target":"https://www.example.gov.cn/","url":"https://www.example.gov.cn/.git/config","rule":"exposure.git_config","message":"暴露 .git/config","evidence":"[core]"}]""";
        foreach (var (at, findings) in new[] { (At(3, 10, 0), exposed), (At(3, 11, 0), headers), (At(4, 9, 0), (string?)null) })
        {
            db.Add(new CheckResult { MonitorId = exposure.Id, WebsiteId = websiteId, At = at.ToUniversalTime(), DueAt = at.ToUniversalTime(), Health = findings is null ? MonitorHealth.Up : MonitorHealth.Down, RawHealth = findings is null ? MonitorHealth.Up : MonitorHealth.Down, SummaryZh = "检测", SummaryEn = "checked", Findings = findings });
        }

        var window = new MaintenanceWindow { Id = Guid.NewGuid(), WebsiteId = websiteId, StartsAt = At(20, 8, 30).ToUniversalTime(), EndsAt = At(20, 10, 30).ToUniversalTime(), Reason = "系统升级", CreatedByOrganisationId = Guid.Empty, CreatedByName = "测试", CreatedAt = now, Version = 1 };
        db.Add(window);

        // Alerts: the exposed file fixed after 30 hours; the long outage acknowledged after 300 minutes (SLA: 240); the short one recovered unattended.
        db.AddRange(
            Alert(websiteId, exposure.Id, MonitorKind.Exposure, "vuln.exposed_file", Severity.High, At(3, 10, 0), null, At(4, 16, 0), "运维"),
            Alert(websiteId, monitor.Id, MonitorKind.Availability, "availability.down", Severity.Critical, LongOutage.From, LongOutage.From.AddMinutes(300), LongOutage.To, null),
            Alert(websiteId, monitor.Id, MonitorKind.Availability, "availability.down", Severity.Critical, At(5, 3, 0), null, At(5, 3, 45), null),
            Alert(websiteId, exposure.Id, MonitorKind.Exposure, "vuln.missing_header", Severity.Low, At(3, 11, 0), At(3, 11, 20), null, null));
        await db.SaveChangesAsync();
        return new MonthOfMonitoring(monitor.Id, period, checks.Where(c => !c.Manual).ToList(), window);
    }

    /// <summary>Approves the sample SLA (99.95 % monthly, P95 ≤ 800 ms, RTO 240 min, general-grade response 240 min).</summary>
    public static async Task ApproveSlaAsync(Func<Func<IServiceProvider, Task<bool>>, Task<bool>> inScope, Caller owner, Guid websiteId)
    {
        ArgumentNullException.ThrowIfNull(inScope);
        Assert.True(await inScope(async sp => (await sp.GetRequiredService<PlanningService>().SaveAsync(owner, websiteId, "sla", new ArtefactInput(PlanningSamples.For(ArtefactKind.Sla)), CancellationToken.None)).Succeeded));
        Assert.True(await inScope(async sp => (await sp.GetRequiredService<PlanningService>().ApproveAsync(owner, websiteId, "sla", 1, CancellationToken.None)).Succeeded));
    }

    /// <summary>
    /// Availability recomputed independently: second by second, the state is that of the latest scheduled check no
    /// older than two intervals; maintenance seconds and incomplete or uncovered seconds are left out.
    /// </summary>
    public (long Up, long Down, double Percent) Independent()
    {
        var sorted = Checks.OrderBy(c => c.At).ToList();
        long up = 0, down = 0;
        var k = -1;
        for (var s = Period.From; s < Period.To; s = s.AddSeconds(1))
        {
            while (k + 1 < sorted.Count && sorted[k + 1].At <= s)
            {
                k++;
            }

            if (k < 0 || s - sorted[k].At >= TimeSpan.FromSeconds(2 * Interval) || (s >= Window.StartsAt && s < Window.EndsAt))
            {
                continue;
            }

            switch (sorted[k].RawHealth)
            {
                case MonitorHealth.Up: up++; break;
                case MonitorHealth.Down: down++; break;
            }
        }

        return (up, down, 100.0 * up / (up + down));
    }

    private static bool In(DateTimeOffset t, DateTimeOffset from, DateTimeOffset to) => t >= from && t < to;

    private static Alert Alert(Guid site, Guid monitor, MonitorKind kind, string category, Severity severity, DateTimeOffset opened, DateTimeOffset? acked, DateTimeOffset? resolved, string? resolvedBy) => new()
    {
        Id = Guid.NewGuid(),
        WebsiteId = site,
        MonitorId = monitor,
        MonitorKind = kind,
        Source = category.StartsWith("vuln", StringComparison.Ordinal) ? AlertSource.Finding : AlertSource.Down,
        Fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(category + opened.ToString("O")))),
        Category = category,
        Rule = category,
        Severity = severity,
        State = resolved is null ? (acked is null ? AlertState.Open : AlertState.Acknowledged) : AlertState.Resolved,
        SummaryZh = category,
        SummaryEn = category,
        OpenedAt = opened.ToUniversalTime(),
        LastSeenAt = (resolved ?? opened).ToUniversalTime(),
        Count = 1,
        AcknowledgedAt = acked?.ToUniversalTime(),
        AcknowledgedByName = acked is null ? null : "值班员",
        ResolvedAt = resolved?.ToUniversalTime(),
        ResolvedByName = resolvedBy,
        Version = 1,
    };
}
