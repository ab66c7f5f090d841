using System.Globalization;
using System.Text.Json;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Monitoring.Probes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Agents;

/// <summary>
/// The engine's check of an agent's monitor: what the agent last said about the web root (its differences from
/// the baseline, webshells), the attacks its access log showed within the attack window, and whether it has been
/// silent longer than allowed (offline). Run on the monitor's schedule and at once after each report.
/// </summary>
public sealed class AgentProbe(IDbContextFactory<GovGuardDbContext> factory, TimeProvider time, IOptions<AgentOptions> options) : IMonitorProbe
{
    /// <summary>Rule of the finding an agent that fell silent raises.</summary>
    public const string OfflineRule = "agent.offline";

    /// <summary>The category of that finding (not a findings-contract code: it is about GovGuard's own agent).</summary>
    public const string OfflineCategory = "agent.offline";

    private const int MaxFindings = 200;

    public Monitoring.MonitorKind Kind => Monitoring.MonitorKind.Agent;

    /// <summary>True when the agent reported within its silence limit.</summary>
    public static bool IsOnline(Agent agent, DateTimeOffset now) => agent?.LastSeenAt is not null && !IsSilent(agent, now);

    /// <summary>
    /// True when the agent has been quiet longer than its silence limit, counted from its last report or, before
    /// the first, from its registration (installing an agent takes a moment; it is not offline the second it is registered).
    /// </summary>
    public static bool IsSilent(Agent agent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return now - (agent.LastSeenAt ?? agent.CreatedAt) > TimeSpan.FromSeconds(agent.SilenceSeconds);
    }

    public async Task<ProbeOutcome> RunAsync(MonitorDefinition monitor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var agent = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.MonitorId == monitor.Id, ct).ConfigureAwait(false);
        if (agent is null)
        {
            return ProbeOutcome.Incomplete("agent.unknown", new Text("此监测项没有对应的代理。", "No agent belongs to this monitor."));
        }

        var since = now - options.Value.AttackWindow;
        var attacks = await db.AgentEvents.AsNoTracking()
            .Where(e => e.AgentId == agent.Id && e.Stream == "log" && e.At >= since && e.FindingCount > 0)
            .OrderByDescending(e => e.Sequence).Take(100).Select(e => e.Findings).ToListAsync(ct).ConfigureAwait(false);
        return Evaluate(agent, now, agent.FileFindings, attacks);
    }

    /// <summary>The judgement over what is stored (no I/O): <paramref name="attacks"/> newest first.</summary>
    public static ProbeOutcome Evaluate(Agent agent, DateTimeOffset now, string? fileFindings, IReadOnlyList<string> attacks)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(attacks);
        var findings = new List<Finding>();
        var target = $"agent:{agent.Name}";
        if (fileFindings is not null)
        {
            // One alert per file: the file's path is where the problem is.
            findings.AddRange(Read(fileFindings, target).Select(f => f with { Url = f.Url ?? f.Path }));
        }

        var fileCount = findings.Count;
        var seen = new HashSet<(string, string)>();
        foreach (var json in attacks)
        {
            foreach (var f in Read(json, target))
            {
                // One alert per attack kind and rule while attacks keep coming (the newest line is its evidence).
                if (seen.Add((f.Category, f.Rule)))
                {
                    findings.Add(f);
                }
            }
        }

        var attackCount = findings.Count - fileCount;
        var online = !IsSilent(agent, now);
        var last = agent.LastSeenAt is { } t ? t.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : null;
        if (!online)
        {
            var zh = last is null ? $"代理「{agent.Name}」登记后从未报告" : $"代理「{agent.Name}」自 {last} 起超过 {agent.SilenceSeconds} 秒未报告，已离线";
            var en = last is null ? $"Agent \"{agent.Name}\" has not reported since it was registered" : $"Agent \"{agent.Name}\" has been silent for more than {agent.SilenceSeconds} s since {last}: offline";
            findings.Insert(0, new Finding(OfflineCategory, Severity.High, target, null, null, null, OfflineRule, zh, Finding.Excerpt(en)));
        }

        if (findings.Count > MaxFindings)
        {
            findings = findings.Take(MaxFindings).ToList();
        }

        var state = !online ? new Text("离线", "offline") : agent.LastSeenAt is null ? new Text("等待首次报告", "awaiting its first report") : new Text("在线", "online");
        var summary = new Text(
            string.Create(CultureInfo.InvariantCulture, $"代理{state.Zh}；网站文件差异 {fileCount} 项，{AttackWindowText(true)}攻击 {attackCount} 类"),
            string.Create(CultureInfo.InvariantCulture, $"Agent {state.En}; {fileCount} web-root differences, {attackCount} kinds of attack {AttackWindowText(false)}"));
        var health = ProbeOutcome.HealthOf(findings);
        return new ProbeOutcome(health, summary, findings);
    }

    private static string AttackWindowText(bool zh) => zh ? "近期" : "recently";

    private static IEnumerable<Finding> Read(string json, string target)
    {
        List<AgentFinding>? items;
        try
        {
            items = JsonSerializer.Deserialize<List<AgentFinding>>(json);
        }
        catch (JsonException)
        {
            yield break;
        }

        foreach (var f in items ?? [])
        {
            if (f.Category is null || f.Rule is null || !SeverityNames.TryParse(f.Severity, out var severity))
            {
                continue;
            }

            yield return new Finding(f.Category, severity, f.Target ?? target, f.Url, f.Path, f.Line, f.Rule, f.Message ?? string.Empty, f.Evidence ?? string.Empty);
        }
    }
}
