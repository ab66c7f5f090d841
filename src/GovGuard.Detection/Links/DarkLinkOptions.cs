namespace GovGuard.Detection.Links;

/// <summary>When a hidden link is reported.</summary>
public sealed record DarkLinkOptions
{
    /// <summary>A group of hidden links is reported from this weight (technique + destination); below it, not at all.</summary>
    public int MinimumWeight { get; init; } = 4;

    /// <summary>Distinct external hosts in one hidden group from which it counts as a link farm (adds 2).</summary>
    public int FarmHosts { get; init; } = 3;

    /// <summary>The defaults.</summary>
    public static DarkLinkOptions Default { get; } = new();
}
