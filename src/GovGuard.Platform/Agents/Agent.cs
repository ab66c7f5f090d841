namespace GovGuard.Platform.Agents;

/// <summary>
/// A <c>govguard agent</c> registered for a website (GB/T 38249 7.3 b, 7.4.4 a): it runs beside the web root and the
/// access log and reports here with its own token. Only a SHA-256 digest of the token's secret is stored; the token
/// is shown once, at creation. Its reports and its silence are watched through its monitor (kind <c>agent</c>).
/// </summary>
public sealed class Agent
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    /// <summary>The monitor the engine checks for this agent (findings it reported, silence).</summary>
    public Guid MonitorId { get; set; }

    public required string Name { get; set; }

    public required byte[] SecretHash { get; set; }

    /// <summary>Seconds without a report after which the agent counts as offline and its monitor goes down.</summary>
    public int SilenceSeconds { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The last report (events or heartbeat) that authenticated.</summary>
    public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>The version and host the agent names in its reports (shown, never trusted).</summary>
    public string? LastAgentInfo { get; set; }

    /// <summary>The highest event sequence number received.</summary>
    public long LastSequence { get; set; }

    /// <summary>The sequence of the latest web-root report, whose findings are <see cref="FileFindings"/>.</summary>
    public long FilesSequence { get; set; }

    /// <summary>The web root's differences from its baseline as last reported (findings JSON array), null when none.</summary>
    public string? FileFindings { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>One event an agent sent, kept once per agent and sequence number (the dedup key).</summary>
public sealed class AgentEvent
{
    public Guid AgentId { get; set; }

    /// <summary>The agent's own sequence number: 1, 2, 3 … without gaps, kept across agent restarts.</summary>
    public long Sequence { get; set; }

    /// <summary><c>files</c> (the web root against its baseline) or <c>log</c> (attacks in the access log).</summary>
    public required string Stream { get; set; }

    /// <summary>When the agent saw it.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>When the server stored it.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    public int FindingCount { get; set; }

    /// <summary>The findings (contract JSON array).</summary>
    public required string Findings { get; set; }
}
