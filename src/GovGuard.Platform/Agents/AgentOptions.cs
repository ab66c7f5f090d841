namespace GovGuard.Platform.Agents;

/// <summary>Agent settings (configuration section <c>Agents</c>).</summary>
public sealed class AgentOptions
{
    /// <summary>Silence after which a new agent counts as offline, unless its registration says otherwise.</summary>
    public int DefaultSilenceSeconds { get; set; } = 300;

    /// <summary>How long an attack seen in an access log keeps its alert open after the last such line.</summary>
    public TimeSpan AttackWindow { get; set; } = TimeSpan.FromMinutes(30);
}
