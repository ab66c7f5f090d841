using System.Security.Cryptography;
using System.Text.Json;
using GovGuard.Catalog.Duties;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Monitoring.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GovGuard.Platform.Agents;

/// <summary>
/// Takes an agent's report (GB/T 38249 7.3 b, 7.4.4 a): authenticates its token, stores each event once per agent
/// and sequence number (a resent event is acknowledged, not stored twice), records the agent as seen, then has the
/// engine check the agent's monitor at once so that what it reported becomes alerts without waiting for the schedule.
/// </summary>
public sealed partial class AgentIngest(IDbContextFactory<GovGuardDbContext> factory, IMonitorEngine engine, TimeProvider time, ILogger<AgentIngest> logger)
{
    /// <summary>The streams an agent reports, and the monitor kinds (catalog) whose categories each may carry.</summary>
    private static readonly Dictionary<string, MonitorKind[]> Streams = new(StringComparer.Ordinal)
    {
        ["files"] = [MonitorKind.FileIntegrity, MonitorKind.Webshell],
        ["log"] = [MonitorKind.AccessLog],
    };

    /// <summary>The agent a presented token stands for; null when it is malformed, unknown or revoked.</summary>
    public async Task<Agent?> AuthenticateAsync(string? presented, CancellationToken ct)
    {
        var prefix = AgentLimits.TokenPrefix;
        if (presented is null || !presented.StartsWith(prefix, StringComparison.Ordinal) || presented.Length != prefix.Length + 32 + 1 + 43
            || presented[prefix.Length + 32] != '_' || !Guid.TryParseExact(presented.AsSpan(prefix.Length, 32), "N", out var id))
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var agent = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct).ConfigureAwait(false);
        if (agent is null || agent.RevokedAt is not null)
        {
            return null;
        }

        var hash = AgentService.Hash(presented[(prefix.Length + 33)..]);
        return CryptographicOperations.FixedTimeEquals(hash, agent.SecretHash) ? agent : null;
    }

    /// <summary>Stores the report of <paramref name="agent"/>; the receipt tells the agent what it may forget.</summary>
    public async Task<Outcome<AgentReceipt>> ReportAsync(Agent agent, AgentReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(report);
        var v = new Validation();
        var events = Check(report, v);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (receipt, wasOffline) = await StoreAsync(agent.Id, report, events, ct).ConfigureAwait(false);
                if (receipt.Stored > 0 || wasOffline)
                {
                    await CheckAsync(agent.MonitorId, ct).ConfigureAwait(false);
                }

                return receipt;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // The same events arrived twice at once (a retry racing its original): the next pass sees them stored.
                LogRetry(logger, agent.Id);
            }
        }
    }

    private static List<(AgentEventInput Input, List<AgentFinding> Findings)> Check(AgentReport report, Validation v)
    {
        var events = report.Events ?? [];
        if (events.Count > AgentLimits.EventsPerReport)
        {
            v.Add("events", "max_count", $"每次报告最多 {AgentLimits.EventsPerReport} 个事件（events）。", $"At most {AgentLimits.EventsPerReport} events (events) per report.");
            return [];
        }

        var seen = new HashSet<long>();
        var checkedEvents = new List<(AgentEventInput, List<AgentFinding>)>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var at = $"events[{i}]";
            if (e is null)
            {
                v.Add(at, "required", $"事件（{at}）不能为空。", $"The event ({at}) must not be null.");
                continue;
            }

            if (e.Seq < 1 || !seen.Add(e.Seq))
            {
                v.Add($"{at}.seq", "sequence", $"事件序号（{at}.seq）必须是不重复的正整数。", $"The event sequence number ({at}.seq) must be a positive integer, once per report.");
            }

            if (e.Stream is null || !Streams.TryGetValue(e.Stream, out var kinds))
            {
                v.Add($"{at}.stream", "one_of", $"事件类型（{at}.stream）必须是 files 或 log。", $"The event stream ({at}.stream) must be files or log.");
                continue;
            }

            var findings = e.Findings ?? [];
            if (findings.Count > AgentLimits.FindingsPerEvent)
            {
                v.Add($"{at}.findings", "max_count", $"每个事件最多 {AgentLimits.FindingsPerEvent} 条发现（{at}.findings）。", $"At most {AgentLimits.FindingsPerEvent} findings ({at}.findings) per event.");
                continue;
            }

            var allowed = kinds.SelectMany(k => k.Categories()).ToHashSet(StringComparer.Ordinal);
            for (var j = 0; j < findings.Count; j++)
            {
                var f = findings[j];
                var fat = $"{at}.findings[{j}]";
                if (f?.Category is null || !allowed.Contains(f.Category))
                {
                    v.Add($"{fat}.category", "one_of", $"发现类别（{fat}.category）不属于 {e.Stream} 事件可报告的类别。", $"The finding category ({fat}.category) is not one a {e.Stream} event may report.");
                }
                else if (!SeverityNames.TryParse(f.Severity, out _))
                {
                    v.Add($"{fat}.severity", "one_of", $"严重程度（{fat}.severity）必须是 info、low、medium、high 或 critical。", $"The severity ({fat}.severity) must be info, low, medium, high or critical.");
                }
                else if (string.IsNullOrWhiteSpace(f.Rule))
                {
                    v.Add($"{fat}.rule", "required", $"规则（{fat}.rule）不能为空。", $"The rule ({fat}.rule) is required.");
                }
            }

            checkedEvents.Add((e, findings.ToList()));
        }

        return checkedEvents;
    }

    private async Task<(AgentReceipt Receipt, bool WasOffline)> StoreAsync(Guid agentId, AgentReport report, List<(AgentEventInput Input, List<AgentFinding> Findings)> events, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var agent = await db.Agents.FirstAsync(a => a.Id == agentId, ct).ConfigureAwait(false);
        var wasOffline = AgentProbe.IsSilent(agent, now);
        var seqs = events.Select(e => e.Input.Seq).ToList();
        var known = seqs.Count == 0 ? [] : (await db.AgentEvents.AsNoTracking().Where(e => e.AgentId == agentId && seqs.Contains(e.Sequence))
            .Select(e => e.Sequence).ToListAsync(ct).ConfigureAwait(false)).ToHashSet();
        var stored = 0;
        foreach (var (e, findings) in events.OrderBy(e => e.Input.Seq))
        {
            if (known.Contains(e.Seq))
            {
                continue;
            }

            var json = FindingsJson(findings);
            db.AgentEvents.Add(new AgentEvent
            {
                AgentId = agentId,
                Sequence = e.Seq,
                Stream = e.Stream!,
                At = e.At.ToUniversalTime(),
                ReceivedAt = now,
                FindingCount = findings.Count,
                Findings = json,
            });
            stored++;
            if (e.Stream == "files" && e.Seq > agent.FilesSequence)
            {
                // Each files event is the whole picture of the web root at its time: the latest one is the current state.
                agent.FilesSequence = e.Seq;
                agent.FileFindings = findings.Count == 0 ? null : json;
            }
        }

        agent.LastSeenAt = now;
        agent.LastSequence = Math.Max(agent.LastSequence, seqs.Count == 0 ? 0 : seqs.Max());
        agent.LastAgentInfo = report.Agent is { Length: > 0 } info ? (info.Length <= 200 ? info : info[..200]) : agent.LastAgentInfo;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return (new AgentReceipt(seqs.Count == 0 ? 0 : seqs.Max(), stored, events.Count - stored, agent.SilenceSeconds), wasOffline);
    }

    private async Task CheckAsync(Guid monitorId, CancellationToken ct)
    {
        try
        {
            await engine.CheckNowAsync(monitorId, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The events are stored: the monitor's next scheduled check reports them.
            LogCheckFailed(logger, monitorId, ex.GetType().Name);
        }
    }

    /// <summary>The findings as stored and compared: contract field names, fields cut to their caps.</summary>
    public static string FindingsJson(IEnumerable<AgentFinding> findings) =>
        JsonSerializer.Serialize(findings.Select(f => f with
        {
            Message = Cut(f.Message, 500),
            Evidence = Cut(f.Evidence, Finding.MaxEvidenceLength),
            Target = Cut(f.Target, 500),
            Url = Cut(f.Url, 2000),
            Path = Cut(f.Path, 1000),
            Rule = Cut(f.Rule, 200),
        }));

    private static string? Cut(string? s, int max) => s is null || s.Length <= max ? s : s[..(max - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Debug, Message = "Report of agent {AgentId} raced a resend; storing again")]
    private static partial void LogRetry(ILogger logger, Guid agentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent monitor {MonitorId} could not be checked after a report ({Error}); its schedule will")]
    private static partial void LogCheckFailed(ILogger logger, Guid monitorId, string error);
}
