namespace GovGuard.Detection.Findings;

/// <summary>Finding severities, ordered so that comparisons mean "at least as bad as".</summary>
public enum Severity
{
    Info = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}

/// <summary>Text forms of <see cref="Severity"/> used by the CLI and the JSONL contract.</summary>
public static class SeverityNames
{
    /// <summary>The contract's lower-case name.</summary>
    public static string ToWire(this Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };

    /// <summary>Parses a contract name; false for anything else.</summary>
    public static bool TryParse(string? text, out Severity severity)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "info": severity = Severity.Info; return true;
            case "low": severity = Severity.Low; return true;
            case "medium": severity = Severity.Medium; return true;
            case "high": severity = Severity.High; return true;
            case "critical": severity = Severity.Critical; return true;
            default: severity = default; return false;
        }
    }
}
