namespace GovGuard.Cli.Infrastructure;

/// <summary>The CLI contract's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>The command did its job.</summary>
    public const int Ok = 0;

    /// <summary>The command failed at run time.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage: unknown option, bad value.</summary>
    public const int Usage = 2;

    /// <summary>A scan reported a finding at or above --fail-on.</summary>
    public const int FindingsAtThreshold = 4;
}
