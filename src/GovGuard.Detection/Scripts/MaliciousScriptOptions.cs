namespace GovGuard.Detection.Scripts;

/// <summary>Thresholds of the malicious-script detector.</summary>
public sealed record MaliciousScriptOptions
{
    /// <summary>An inline script is reported as obfuscated from this score (medium).</summary>
    public int ObfuscationScore { get; init; } = 6;

    /// <summary>…and as high from this score.</summary>
    public int HighObfuscationScore { get; init; } = 10;

    /// <summary>Characters of one inline script that are analysed; the rest is not read.</summary>
    public int MaxScriptChars { get; init; } = 1 << 20;

    /// <summary>The defaults.</summary>
    public static MaliciousScriptOptions Default { get; } = new();
}

/// <summary>The obfuscation score of one script with the features that made it.</summary>
/// <param name="Score">Sum of the feature weights.</param>
/// <param name="Features">Names of the features seen (packer, eval-of-decoder, hex-identifiers, ...).</param>
/// <param name="Decoded">The script with cheap layers undone.</param>
public sealed record ScriptVerdict(int Score, IReadOnlyList<string> Features, string Decoded);
