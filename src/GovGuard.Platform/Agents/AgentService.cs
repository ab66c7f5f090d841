using System.Security.Cryptography;
using System.Text;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Monitoring.Engine;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Agents;

/// <summary>An agent as callers see it; <see cref="Token"/> is set only in the answer that creates it.</summary>
public sealed record AgentView(
    Guid Id,
    Guid WebsiteId,
    Guid MonitorId,
    string Name,
    int SilenceSeconds,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSeenAt,
    bool Online,
    long LastSequence,
    string? LastAgentInfo,
    string? Token = null);

/// <summary>What a caller sends to register an agent.</summary>
public sealed record AgentInput(string? Name, int? SilenceSeconds = null);

/// <summary>One stored agent event as callers see it (the findings stay in the monitor's results and alerts).</summary>
public sealed record AgentEventView(long Sequence, string Stream, DateTimeOffset At, DateTimeOffset ReceivedAt, int FindingCount);

/// <summary>
/// Registering agents for a website, listing them with their last report, and removing them. Whoever sees the website
/// reads its agents; the owner and engaged contributors (not assessors, not viewers) register and remove them.
/// Registering creates the agent's monitor, so its findings and its silence reach the alert pipeline.
/// </summary>
public sealed partial class AgentService(
    GovGuardDbContext db,
    AuditLog audit,
    TimeProvider time,
    IMonitorEngine engine,
    IOptions<AgentOptions> agentOptions,
    IOptions<MonitoringOptions> monitoring,
    ILogger<AgentService> logger)
{
    private static readonly Text Label = new("代理", "agent");
    private static readonly Text SiteLabel = new("网站", "website");

    public async Task<Outcome<IReadOnlyList<AgentView>>> ListAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        if (!await WebsiteAccess.Visible(db, caller).AnyAsync(w => w.Id == websiteId, ct).ConfigureAwait(false))
        {
            return Error.NotFound(SiteLabel);
        }

        var now = time.GetUtcNow();
        var rows = await db.Agents.AsNoTracking().Where(a => a.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        return rows.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => ToView(a, now)).ToList();
    }

    public async Task<Outcome<AgentView>> GetAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var a = await Visible(caller).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct).ConfigureAwait(false);
        return a is null ? Error.NotFound(Label) : ToView(a, time.GetUtcNow());
    }

    /// <summary>The agent's stored events after <paramref name="after"/>, in sequence order (at most <paramref name="limit"/>).</summary>
    public async Task<Outcome<IReadOnlyList<AgentEventView>>> EventsAsync(Caller caller, Guid id, long? after, int? limit, CancellationToken ct)
    {
        if (!await Visible(caller).AnyAsync(x => x.Id == id, ct).ConfigureAwait(false))
        {
            return Error.NotFound(Label);
        }

        var from = after ?? 0;
        var take = Math.Clamp(limit ?? 1000, 1, 10_000);
        var rows = await db.AgentEvents.AsNoTracking().Where(e => e.AgentId == id && e.Sequence > from).OrderBy(e => e.Sequence).Take(take)
            .Select(e => new AgentEventView(e.Sequence, e.Stream, e.At, e.ReceivedAt, e.FindingCount)).ToListAsync(ct).ConfigureAwait(false);
        return rows;
    }

    /// <summary>True when the caller may register and remove the website's agents (for pages that hide forms otherwise).</summary>
    public async Task<bool> CanManageAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var site = await WebsiteAccess.Visible(db, caller).AsNoTracking().FirstOrDefaultAsync(w => w.Id == websiteId, ct).ConfigureAwait(false);
        return site is not null && caller.CanWrite && (await WebsiteAccess.RelationAsync(db, caller, site, ct).ConfigureAwait(false)).IsContributor;
    }

    public async Task<Outcome<AgentView>> CreateAsync(Caller caller, Guid websiteId, AgentInput input, CancellationToken ct)
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
        var name = v.Required("name", new("代理名称", "Agent name"), input.Name, 100);
        if (name is not null && !AgentNames.Pattern().IsMatch(name))
        {
            v.Add("name", "format", "代理名称（name）只能包含字母、数字、点、横线和下划线，例如 web-01。", "The agent name (name) may hold letters, digits, dots, dashes and underscores only, e.g. web-01.");
        }

        var min = monitoring.Value.MinimumIntervalSeconds;
        var silence = v.Range("silenceSeconds", new("离线判定时间（秒）", "Silence before offline (seconds)"), input.SilenceSeconds ?? agentOptions.Value.DefaultSilenceSeconds, Math.Max(30, min), 86_400);
        if (name is not null && await db.Agents.AnyAsync(a => a.WebsiteId == websiteId && a.Name == name, ct).ConfigureAwait(false))
        {
            v.Add("name", "unique", $"本网站已有名为「{name}」的代理（name）。", $"The website already has an agent named \"{name}\" (name).");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var monitor = new Monitoring.Monitor
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = site.Id,
            Kind = MonitorKind.Agent,
            Name = $"代理 {name}",
            Target = $"agent:{name}",
            // The engine looks at the agent's reports and silence this often; its events trigger a check at once.
            IntervalSeconds = Math.Max(min, Math.Min(60, silence / 2)),
            Enabled = true,
            FailuresBeforeDown = 1,
            SuccessesBeforeUp = 1,
            TimeoutSeconds = 10,
            Settings = "{}",
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        var agent = new Agent
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = site.Id,
            MonitorId = monitor.Id,
            Name = name!,
            SecretHash = Hash(secret),
            SilenceSeconds = silence,
            CreatedAt = now,
        };
        await using (var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false))
        {
            db.Monitors.Add(monitor);
            db.MonitorStates.Add(new MonitorState { MonitorId = monitor.Id });
            db.Agents.Add(agent);
            change.Record(new AuditEvent(AgentAudit.Created, $"登记代理「{agent.Name}」 / registered agent", "agent", agent.Id.ToString(),
                site.CustomerId, site.Id, null, new { agent.Name, agent.SilenceSeconds, agent.MonitorId }));
            await change.CommitAsync(ct).ConfigureAwait(false);
        }

        await RefreshEngineAsync(monitor.Id, ct).ConfigureAwait(false);
        return ToView(agent, now, $"{AgentLimits.TokenPrefix}{agent.Id:N}_{secret}");
    }

    /// <summary>Removes the agent, its monitor and its events; its token stops working at once.</summary>
    public async Task<Outcome<bool>> DeleteAsync(Caller caller, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var agent = await Visible(caller).FirstOrDefaultAsync(x => x.Id == id, ct).ConfigureAwait(false);
        if (agent is null)
        {
            return Error.NotFound(Label);
        }

        var site = await db.Websites.AsNoTracking().FirstAsync(w => w.Id == agent.WebsiteId, ct).ConfigureAwait(false);
        if (await DenyUnlessContributorAsync(caller, site, agent, ct).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        var monitor = await db.Monitors.FirstOrDefaultAsync(m => m.Id == agent.MonitorId, ct).ConfigureAwait(false);
        await using (var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false))
        {
            db.Agents.Remove(agent);
            if (monitor is not null)
            {
                db.Monitors.Remove(monitor);
            }

            change.Record(new AuditEvent(AgentAudit.Deleted, $"删除代理「{agent.Name}」 / removed agent", "agent", agent.Id.ToString(),
                site.CustomerId, site.Id, new { agent.Name, agent.SilenceSeconds, agent.MonitorId }, null));
            await change.CommitAsync(ct).ConfigureAwait(false);
        }

        await RefreshEngineAsync(agent.MonitorId, ct).ConfigureAwait(false);
        return true;
    }

    internal static byte[] Hash(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));

    internal static AgentView ToView(Agent a, DateTimeOffset now, string? token = null) =>
        new(a.Id, a.WebsiteId, a.MonitorId, a.Name, a.SilenceSeconds, a.CreatedAt, a.LastSeenAt, AgentProbe.IsOnline(a, now), a.LastSequence, a.LastAgentInfo, token);

    private IQueryable<Agent> Visible(Caller caller)
    {
        var sites = WebsiteAccess.Visible(db, caller).Select(w => w.Id);
        return db.Agents.Where(a => sites.Contains(a.WebsiteId));
    }

    private async Task<Error?> DenyUnlessContributorAsync(Caller caller, Website site, Agent? agent, CancellationToken ct)
    {
        var relation = await WebsiteAccess.RelationAsync(db, caller, site, ct).ConfigureAwait(false);
        if (relation.IsContributor && caller.CanWrite)
        {
            return null;
        }

        db.ChangeTracker.Clear();
        return await audit.DenyAsync(db, caller, new Text("只有网站所属单位和参与建设运维的单位可以管理代理；测评机构和只读用户只能查看。",
            "Only the owning customer and engaged contributors may manage agents; assessors and viewers only read them."),
            "agent", agent?.Id.ToString(), site.CustomerId, site.Id, ct).ConfigureAwait(false);
    }

    private async Task RefreshEngineAsync(Guid monitorId, CancellationToken ct)
    {
        try
        {
            await engine.RefreshAsync(monitorId, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Saved all the same: the engine's start-up sweep and reminders pick the monitor up.
            LogEngineUnavailable(logger, monitorId, ex.GetType().Name);
        }
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Warning, Message = "The engine did not take the agent monitor {MonitorId} ({Error}); it will on its next sweep")]
    private static partial void LogEngineUnavailable(ILogger logger, Guid monitorId, string error);
}

/// <summary>Agent names: short, plain, safe in a file name and a log line.</summary>
public static partial class AgentNames
{
    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    public static partial System.Text.RegularExpressions.Regex Pattern();
}

/// <summary>The audit kinds of agents.</summary>
public static class AgentAudit
{
    public const string Created = "agent.created";
    public const string Deleted = "agent.deleted";

    /// <summary>Adds the kinds to the audit log's list (once, at start-up).</summary>
    public static void Register()
    {
        AuditKinds.Register(new AuditKind(Created, new("登记代理", "Agent registered"), true));
        AuditKinds.Register(new AuditKind(Deleted, new("删除代理", "Agent removed"), true));
    }
}
