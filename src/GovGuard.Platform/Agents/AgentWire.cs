using System.Text.Json.Serialization;

namespace GovGuard.Platform.Agents;

/// <summary>One finding on the wire, in the findings contract's field names.</summary>
public sealed record AgentFinding(
    [property: JsonPropertyName("category")] string? Category,
    [property: JsonPropertyName("severity")] string? Severity,
    [property: JsonPropertyName("target")] string? Target,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("path")] string? Path,
    [property: JsonPropertyName("line")] long? Line,
    [property: JsonPropertyName("rule")] string? Rule,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("evidence")] string? Evidence);

/// <summary>
/// One journal record of an agent. <c>files</c>: the web root's complete set of differences from its baseline at
/// <see cref="At"/> (an empty set means the tree matches again); <c>log</c>: attacks found in new access-log lines.
/// </summary>
public sealed record AgentEventInput(
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("stream")] string? Stream,
    [property: JsonPropertyName("findings")] IReadOnlyList<AgentFinding>? Findings);

/// <summary>What an agent posts: the events not yet acknowledged, in sequence order (none for a heartbeat).</summary>
public sealed record AgentReport(
    [property: JsonPropertyName("agent")] string? Agent,
    [property: JsonPropertyName("events")] IReadOnlyList<AgentEventInput>? Events);

/// <summary>
/// The server's answer: every sequence number up to <see cref="Acknowledged"/> that the agent sent is stored
/// (new ones in <see cref="Stored"/>, ones seen before in <see cref="Duplicates"/>); the agent may forget them.
/// </summary>
public sealed record AgentReceipt(
    [property: JsonPropertyName("acknowledged")] long Acknowledged,
    [property: JsonPropertyName("stored")] int Stored,
    [property: JsonPropertyName("duplicates")] int Duplicates,
    [property: JsonPropertyName("silenceSeconds")] int SilenceSeconds);

/// <summary>The caps of what an agent may send.</summary>
public static class AgentLimits
{
    public const int EventsPerReport = 500;
    public const int FindingsPerEvent = 500;
    public const int FindingsJson = 1_000_000;
    public const int ReportBytes = 8 * 1024 * 1024;
    public const string TokenPrefix = "gga_";
}
